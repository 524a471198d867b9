"""A person with one record of every kind that holds free text or identity, their
supervisor, and a colleague whose records must survive the person's erasure untouched.
Shared by the erasure tests."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

from allauth.mfa.totp.internal.auth import TOTP
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.log_actions import log
from wagtail.models import (
    Comment,
    CommentReply,
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

from learning.accounts.membership import invitation_withdraw
from learning.models import (
    AccessExport,
    DigestSent,
    Exemption,
    Invitation,
    Notification,
    PracticeImpact,
    Team,
)
from learning.models.notifications import NotificationKind
from learning.models.privacy import AccessExportStatus
from learning.records import services as records
from learning.reflections import services as reflections
from learning.roles import Role
from learning.supervision.services import (
    team_session_delete,
    team_session_record,
    team_session_update,
)
from tests.factories import OrganisationFactory, make_person
from tests.learning.reflections.factories import make_learning_page

# Every piece of the person's free text and identity carries one of these, so a search
# of the whole database finds any that erasure missed.
SECRETS = {
    "first_name": "Zephyrine",
    "last_name": "Quartermaine",
    "email": "zephyrine.quartermaine@northmoor.example",
    "entry_title": "SECRET-ENTRY-TITLE about Mrs Q",
    "entry_body": "SECRET-ENTRY-BODY the visit to her flat",
    "entry_edit": "SECRET-ENTRY-EDIT second thoughts",
    "own_comment": "SECRET-OWN-REPLY thank you",
    "supervisor_comment": "SECRET-SUPERVISOR-COMMENT on her reflection",
    "feedback": "SECRET-FEEDBACK my manager ignores this",
    "impact": "SECRET-IMPACT example with Mr B",
    "external": "SECRET-EXTERNAL what I learned at the course",
    "exemption": "SECRET-EXEMPTION maternity leave",
    "job_title": "SECRET-JOB Senior practitioner",
    "registration": "SW123456",
    "group_reflection": "SECRET-GROUP-REFLECTION our team will ask first",
    "digest": "SECRET-DIGEST item",
    "page_comment": "SECRET-PAGE-COMMENT check the dates with her daughter",
    "page_reply": "SECRET-PAGE-REPLY done",
    "page_comment_deleted": "SECRET-PAGE-COMMENT-DELETED a second thought",
    "workflow_comment": "SECRET-WORKFLOW-COMMENT check the dates again",
}
# The colleague's text, which must all survive.
KEPT = {
    "entry_title": "KEPT-ENTRY-TITLE",
    "entry_body": "KEPT-ENTRY-BODY",
    "feedback": "KEPT-FEEDBACK",
    "external": "KEPT-EXTERNAL",
}


def build_world() -> SimpleNamespace:
    organisation = OrganisationFactory(name="Northmoor Council")
    team = Team.objects.create(organisation=organisation, name="Adults East")
    supervisor = make_person(role=Role.SUPERVISOR, organisation=organisation, team=team)
    person = make_person(
        role=Role.SUPERVISOR,
        organisation=organisation,
        team=team,
        first_name=SECRETS["first_name"],
        last_name=SECRETS["last_name"],
        email=SECRETS["email"],
    )
    person.groups.add(Group.objects.get(name=Role.PRACTITIONER.value))
    colleague = make_person(role=Role.PRACTITIONER, organisation=organisation, team=team)
    profile = person.profile
    profile.job_title = SECRETS["job_title"]
    profile.registration_body = "swe"
    profile.registration_number = SECRETS["registration"]
    profile.save()
    profile.supervisors.add(supervisor)
    # The person supervises the colleague too.
    colleague.profile.supervisors.add(person)
    page = make_learning_page(title="Making safeguarding personal")

    # Reflective entries: shared, commented on both ways, edited (two versions).
    entry = reflections.entry_create(
        author=person, title=SECRETS["entry_title"], body=SECRETS["entry_body"]
    )
    reflections.entry_share(entry=entry, author=person, supervisors=[supervisor])
    reflections.comment_add(entry=entry, author=supervisor, body=SECRETS["supervisor_comment"])
    reflections.comment_add(entry=entry, author=person, body=SECRETS["own_comment"])
    reflections.entry_update(
        entry=entry, author=person, title=SECRETS["entry_title"], body=SECRETS["entry_edit"]
    )
    kept_entry = reflections.entry_create(
        author=colleague, title=KEPT["entry_title"], body=KEPT["entry_body"]
    )
    reflections.entry_share(entry=kept_entry, author=colleague, supervisors=[person])
    # The supervisor's notice names the person's entry by its title.
    Notification.objects.create(
        recipient=supervisor,
        actor=person,
        kind=NotificationKind.DELETED,
        entry_title=SECRETS["entry_title"],
    )

    # The learning record.
    session = team_session_record(
        delivered_by=person,
        page=page,
        delivered_on=timezone.localdate(),
        attendees=[colleague],
        group_reflection=SECRETS["group_reflection"],
    )
    records.completion_record(user=person, page=page, how="confirmed")
    feedback, _ = records.feedback_save(
        user=person,
        page=page,
        usefulness=4,
        will_change_practice="yes",
        comment=SECRETS["feedback"],
    )
    PracticeImpact.objects.create(
        feedback=feedback, used_in_practice="yes", example=SECRETS["impact"]
    )
    records.external_cpd_create(
        user=person,
        title="MCA refresher",
        date=timezone.localdate(),
        minutes=90,
        type="course",
        what_learned=SECRETS["external"],
    )
    records.completion_record(user=colleague, page=page, how="confirmed")
    records.feedback_save(
        user=colleague,
        page=page,
        usefulness=5,
        will_change_practice="yes",
        comment=KEPT["feedback"],
    )
    records.external_cpd_create(
        user=colleague,
        title="Court skills",
        date=timezone.localdate(),
        minutes=60,
        type="course",
        what_learned=KEPT["external"],
    )
    Exemption.objects.create(
        user=person, reason=SECRETS["exemption"], ends_on=date.today() + timedelta(days=30)
    )
    DigestSent.objects.create(
        user=person, kind="learner", sent_on=timezone.localdate(), items=[SECRETS["digest"]]
    )
    Notification.objects.create(
        recipient=person,
        actor=supervisor,
        kind=NotificationKind.COMMENTED,
        entry=entry,
        entry_title=SECRETS["entry_title"],
    )

    # Wagtail's history names them: an administrator's edit of their account, and a
    # team session they attended (its history lists the attendees by name).
    log(instance=person, action="wagtail.edit", user=supervisor)
    team_session_record(
        delivered_by=supervisor,
        page=page,
        delivered_on=timezone.localdate(),
        attendees=[person],
        group_reflection="",
    )

    # Sessions whose history names them although they are no longer on them: one they
    # were taken off, and one since deleted.
    teammate = make_person(role=Role.PRACTITIONER, organisation=organisation, team=team)
    teammate.profile.supervisors.add(supervisor)
    taken_off = team_session_record(
        delivered_by=supervisor,
        page=page,
        delivered_on=timezone.localdate(),
        attendees=[person, teammate],
        group_reflection="",
    )
    team_session_update(
        session=taken_off,
        user=supervisor,
        delivered_on=taken_off.delivered_on,
        minutes=taken_off.minutes,
        attendees=[teammate],
    )
    gone = team_session_record(
        delivered_by=supervisor,
        page=page,
        delivered_on=timezone.localdate(),
        attendees=[person],
        group_reflection="",
    )
    team_session_delete(session=gone, user=supervisor)
    # An earlier invitation to their address, withdrawn (its history is labelled with it).
    withdrawn = Invitation.objects.create(
        email=SECRETS["email"], organisation=organisation, invited_by=supervisor
    )
    log(withdrawn, "wagtail.create", user=supervisor)
    invitation_withdraw(withdrawn, withdrawn_by=supervisor)

    # A queued email to them, naming them (the database task backend keeps its arguments).
    DBTaskResult.objects.create(
        task_path="learning.notifications.tasks.send_notification_email",
        backend_name="default",
        run_after=timezone.now(),
        args_kwargs={
            "args": [],
            "kwargs": {"to": [SECRETS["email"]], "body": f"Hello {SECRETS['first_name']},"},
        },
    )

    # Sign-in details and an invitation to their address.
    TOTP.activate(person, "JBSWY3DPEHPK3PXPJBSWY3DP")
    SocialAccount.objects.create(user=person, provider="openid_connect", uid="zq-12345")
    Invitation.objects.create(
        email=SECRETS["email"], organisation=organisation, invited_by=supervisor, accepted_by=person
    )
    # In the admin: a profile picture, and a comment and a reply on a page.
    avatar = default_storage.save("avatar_images/erasure-test.png", ContentFile(b"png"))
    UserProfile.get_for_user(person)
    UserProfile.objects.filter(user=person).update(avatar=avatar)
    comment = Comment.objects.create(
        page=page, user=person, text=SECRETS["page_comment"], contentpath="title"
    )
    reply = CommentReply.objects.create(comment=comment, user=person, text=SECRETS["page_reply"])
    deleted = Comment.objects.create(
        page=page, user=person, text=SECRETS["page_comment_deleted"], contentpath="title"
    )
    # As the editor saves them: in the page's next version, and in its history.
    comment.log_create(user=person)
    reply.log_create(user=person)
    deleted.log_create(user=person)
    Page.objects.get(pk=page.pk).specific.save_revision(user=supervisor)
    deleted.log_delete(user=person)
    deleted.delete()
    # An approval decision, with their comment.
    workflow = Workflow.objects.create(name="Editorial review")
    task = GroupApprovalTask.objects.create(name="Second reader")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    state = workflow.start(Page.objects.get(pk=page.pk).specific, supervisor)
    state.current_task_state.reject(user=person, comment=SECRETS["workflow_comment"])
    # A copy of their data, ready to download.
    file_name = default_storage.save(
        "access-exports/erasure-test.zip", ContentFile(SECRETS["entry_body"].encode())
    )
    export = AccessExport.objects.create(
        subject=person,
        requested_by=person,
        status=AccessExportStatus.READY,
        file_name=file_name,
        size_bytes=10,
        expires_at=timezone.now() + timedelta(days=7),
    )
    return SimpleNamespace(
        organisation=organisation,
        team=team,
        supervisor=supervisor,
        person=person,
        colleague=colleague,
        page=page,
        entry=entry,
        kept_entry=kept_entry,
        session=session,
        export=export,
        export_file=file_name,
        avatar_file=avatar,
    )
