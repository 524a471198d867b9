"""The subject access export: from a person with one record of every kind, the ZIP
holds every section as JSON and CSV with each record in it, and nothing of anyone else
(their emails, ids, or anything they wrote about someone else)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from allauth.account.signals import user_logged_in
from allauth.socialaccount.models import SocialAccount
from django.core.files.base import ContentFile
from django.test import RequestFactory
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.log_actions import log
from wagtail.models import (
    Comment,
    CommentReply,
    GroupApprovalTask,
    Page,
    PageSubscription,
    Workflow,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

from learning.audit.services import record
from learning.models import (
    AccessExport,
    AccessExportStatus,
    AnonymisationOverride,
    AuditAction,
    DigestSent,
    EntryStatus,
    Exemption,
    Invitation,
    PracticeImpact,
    Requirement,
    RequirementAssignment,
    Team,
    User,
)
from learning.privacy import access_export
from learning.privacy.registry import exporters
from learning.records import services as records
from learning.reflections import services as reflections
from learning.roles import Role
from learning.supervision.services import team_session_record
from quizzes.models import KnowledgeCheckPage
from quizzes.services import finish_attempt, start_attempt
from tests.factories import OrganisationFactory, make_person
from tests.learning.reflections.factories import make_learning_page, shared_entry
from tests.quizzes.helpers import answers_for, single, true_false

# Where Sam signed in from, and where Sue read Sam's record from (documentation ranges).
SAM_ADDRESS = "192.0.2.10"
SUE_ADDRESS = "198.51.100.23"


def _request_from(address: str, user: User):
    request = RequestFactory().get("/", REMOTE_ADDR=address)
    request.user = user
    request.session = {}
    return request


# Every section a copy holds, by file name.
SECTIONS = {
    "profile",
    "completions",
    "external_cpd",
    "feedback",
    "reflective_entries",
    "reflective_entry_versions",
    "entry_shares",
    "entry_comments",
    "team_sessions_attended",
    "team_sessions_delivered",
    "knowledge_check_attempts",
    "knowledge_check_answers",
    "required_learning_assignments",
    "required_learning_exemptions",
    "invitations",
    "email_addresses",
    "authenticators",
    "single_sign_on_accounts",
    "sign_ins",
    "notifications_received",
    "notifications_sent",
    "reminder_emails",
    "anonymisation_overrides",
    "audit_about_you",
    "audit_by_you",
    "copies_of_your_data",
    "page_comments",
    "admin_preferences",
    "page_subscriptions",
    "page_revisions",
    "editorial_history",
    "workflows_requested",
    "workflow_decisions",
    "pages_owned",
    "uploads",
    "required_learning_set_up",
}


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _knowledge_check(title: str) -> KnowledgeCheckPage:
    from learning.site_setup import ensure_site_pages
    from quizzes.demo import ensure_check_index

    index = ensure_check_index(ensure_site_pages())
    check = KnowledgeCheckPage(
        title=title,
        slug="access-export-check",
        summary="Two questions.",
        questions=[single("Who decides?", right="The person"), true_false("Ask first.")],
        shuffle_options=False,
    )
    index.add_child(instance=check)
    check.save_revision().publish()
    check.refresh_from_db()
    return check


def _editorial_world(sam, sue, olive, page) -> None:
    """Sam's work in the editor, one of each kind, beside Sue's and Olive's: Olive's
    all on a page of her own, which Sam's copy must not mention."""
    olive_page = make_learning_page(title="Capacity and consent")
    Page.objects.filter(pk=page.pk).update(owner=sam)
    Page.objects.filter(pk=olive_page.pk).update(owner=olive)

    # Comments in the page editor: Sam's own, and Sam's reply to Sue's.
    sams = Comment.objects.create(page=page, user=sam, text="SAM_PAGE_COMMENT", contentpath="title")
    sues = Comment.objects.create(page=page, user=sue, text="SUE_PAGE_COMMENT", contentpath="title")
    CommentReply.objects.create(comment=sues, user=sam, text="SAM_PAGE_REPLY")
    CommentReply.objects.create(comment=sams, user=olive, text="OLIVE_PAGE_REPLY")
    Comment.objects.create(
        page=olive_page, user=olive, text="OLIVE_PAGE_COMMENT", contentpath="title"
    )
    for person, watched, zone in ((sam, page, "Europe/London"), (olive, olive_page, "Asia/Tokyo")):
        PageSubscription.objects.create(page=watched, user=person, comment_notifications=True)
        preferences = UserProfile.get_for_user(person)
        preferences.preferred_language, preferences.current_time_zone = "en", zone
        preferences.save()

    # Revisions, with the history they log; a workflow Sam started and decided.
    page.save_revision(user=sam, log_action=True)
    olive_page.save_revision(user=olive, log_action=True)
    workflow = Workflow.objects.create(name="Editorial review")
    task = GroupApprovalTask.objects.create(name="Second reader")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    state = workflow.start(page, sam)
    state.current_task_state.reject(user=sam, comment="SAM_TASK_COMMENT")
    workflow.start(olive_page, olive)

    # Uploads: a document and an image of Sam's, a document of Olive's.
    documents = get_document_model().objects
    documents.create(
        title="SAM_DOCUMENT", file=ContentFile(b"%PDF-1.4", name="s.pdf"), uploaded_by_user=sam
    )
    documents.create(
        title="OLIVE_DOCUMENT", file=ContentFile(b"%PDF-1.4", name="o.pdf"), uploaded_by_user=olive
    )
    get_image_model().objects.create(
        title="SAM_IMAGE", file=get_test_image_file(), uploaded_by_user=sam
    )


def build_world(totp_user) -> SimpleNamespace:
    """Sam (the subject) with one record of every kind; Sue, Sam's supervisor, who
    comments and delivers a session; Olive, a colleague with records of her own; Tom,
    whom Sam supervises; and the administrator Ada, who invites and overrides."""
    organisation = OrganisationFactory(name="Northmoor Council")
    team = Team.objects.create(organisation=organisation, name="Adult social care east")

    def person(role, email, first, last, **fields):
        return make_person(
            role=role, organisation=organisation, team=team, email=email,
            first_name=first, last_name=last, **fields,
        )  # fmt: skip

    sue = person(Role.SUPERVISOR, "sue.supervisor@northmoor.example", "Sue", "Supervisor")
    sam = person(Role.SUPERVISOR, "sam.subject@northmoor.example", "Sam", "Subject")
    sam.groups.add(*make_person(role=Role.PRACTITIONER).groups.all())
    olive = person(Role.PRACTITIONER, "olive.other@northmoor.example", "Olive", "Otherperson")
    tom = person(Role.PRACTITIONER, "tom.trainee@northmoor.example", "Tom", "Traineeperson")
    ada = person(Role.SITE_ADMINISTRATOR, "ada.admin@northmoor.example", "Ada", "Admin")
    for supervisee in (sam, olive):
        supervisee.profile.supervisors.add(sue)
    tom.profile.supervisors.add(sam)
    sam.profile.job_title = "Social worker"
    sam.profile.registration_body = "swe"
    sam.profile.registration_number = "SW123456"
    sam.profile.save()
    totp_user(sam)
    SocialAccount.objects.create(user=sam, provider="openid_connect", uid="sam-at-idp")

    page = make_learning_page(title="Making safeguarding personal")
    other_page = make_learning_page(title="Self-neglect and hoarding")
    today = timezone.localdate()

    # Records: a completion, feedback with its follow-up, external CPD.
    records.completion_record(user=sam, page=page, how="confirmed")
    feedback, _ = records.feedback_save(
        user=sam, page=page, usefulness=5, will_change_practice="yes",
        comment="SAM_FEEDBACK_COMMENT",
    )  # fmt: skip
    PracticeImpact.objects.create(
        feedback=feedback, used_in_practice="yes", example="SAM_IMPACT_EXAMPLE"
    )
    records.external_cpd_create(
        user=sam, title="SAM_EXTERNAL_TITLE", date=today, minutes=60, type="course",
        what_learned="SAM_WHAT_LEARNED",
    )  # fmt: skip

    # A reflective entry in two versions, shared with Sue, who comments; Sam replies.
    entry = shared_entry(sam, sue, title="SAM_ENTRY_TITLE", body="SAM_ENTRY_BODY_V1")
    reflections.entry_update(
        entry=entry, author=sam, title="SAM_ENTRY_TITLE", body="SAM_ENTRY_BODY_V2",
        status=EntryStatus.FINAL,
    )  # fmt: skip
    reflections.comment_add(entry=entry, author=sue, body="SUE_COMMENT_ON_SAM")
    reflections.comment_add(entry=entry, author=sam, body="SAM_REPLY")

    # Tom shares with Sam, who comments (Sam's words; Tom's entry is Tom's).
    tom_entry = shared_entry(tom, sam, title="TOM_ENTRY_TITLE", body="TOM_ENTRY_BODY")
    reflections.comment_add(entry=tom_entry, author=sam, body="SAM_COMMENT_ON_TOM")

    # Olive's own records, which must stay out of Sam's copy.
    olive_entry = shared_entry(olive, sue, title="OLIVE_ENTRY_TITLE", body="OLIVE_ENTRY_BODY")
    reflections.comment_add(entry=olive_entry, author=sue, body="SUE_COMMENT_ON_OLIVE")
    records.completion_record(user=olive, page=other_page, how="confirmed")
    records.feedback_save(
        user=olive, page=other_page, usefulness=2, will_change_practice="no",
        comment="OLIVE_FEEDBACK_COMMENT",
    )  # fmt: skip

    # Team sessions: Sue delivers to Sam and Olive; Sam delivers to Tom.
    team_session_record(
        delivered_by=sue, page=other_page, delivered_on=today, attendees=[sam, olive],
        group_reflection="SUE_GROUP_REFLECTION",
    )  # fmt: skip
    team_session_record(
        delivered_by=sam, page=page, delivered_on=today, attendees=[tom],
        group_reflection="SAM_GROUP_REFLECTION",
    )  # fmt: skip

    # A knowledge-check attempt with its answers.
    check = _knowledge_check("Making safeguarding personal: check")
    attempt = start_attempt(user=sam, check=check)
    finish_attempt(attempt=attempt, answers=answers_for(attempt))

    # Required learning: an assignment and an exemption.
    requirement = Requirement.objects.create(title="SAM_REQUIREMENT", everyone=True, created_by=sam)
    requirement.pages.set([page])
    RequirementAssignment.objects.create(requirement=requirement, user=sam, assigned_on=today)
    Exemption.objects.create(
        user=sam, requirement=requirement, reason="SAM_EXEMPTION_REASON",
        ends_on=today + timedelta(days=30), created_by=ada,
    )  # fmt: skip

    # Invitations: the one Sam joined by, one Sam sent to someone else (which Ada
    # withdrew), and one of Ada's that Sam declined as an administrator.
    Invitation.objects.create(
        email=sam.email, organisation=organisation, team=team, invited_by=ada,
        accepted_at=timezone.now(), accepted_by=sam,
    )  # fmt: skip
    sent_by_sam = Invitation.objects.create(
        email="invitee.person@northmoor.example", organisation=organisation, invited_by=sam,
        revoked_at=timezone.now(), revoked_by=ada,
    )  # fmt: skip
    Invitation.objects.create(
        email="declined.person@gmail.example", organisation=organisation, invited_by=ada,
        confirmation="declined", decided_by=sam, decided_at=timezone.now(),
    )  # fmt: skip
    # The editor's history of them: an invitation's label is its address, so never shown.
    log(instance=sent_by_sam, action="wagtail.create", user=sam)
    log(instance=organisation, action="wagtail.edit", user=sam)

    # Copies of Sam's data asked for before: Sam's own, and Ada's for a letter; and one
    # of Olive's that Sam produced.
    AccessExport.objects.create(subject=sam, requested_by=sam, status=AccessExportStatus.EXPIRED)
    AccessExport.objects.create(subject=sam, requested_by=ada, reason="ADA_LETTER_REFERENCE")
    AccessExport.objects.create(subject=olive, requested_by=sam, reason="SAM_LETTER_FOR_OLIVE")
    _editorial_world(sam, sue, olive, page)

    # A reminder digest, a sign-in, and audit entries about Sam and by Sam.
    DigestSent.objects.create(
        user=sam, kind="supervisor", sent_on=today,
        items=[{"person": tom.pk, "requirement": requirement.pk, "status": "overdue"}],
    )  # fmt: skip
    DigestSent.objects.create(
        user=sam, kind="learner", sent_on=today - timedelta(days=7),
        items=[{"requirement": requirement.pk, "status": "due", "due_on": today.isoformat()}],
    )  # fmt: skip
    # Signed in as the site records it (allauth, learning.audit.receivers), from Sam's address.
    user_logged_in.send(sender=User, request=_request_from(SAM_ADDRESS, sam), user=sam)
    # Sue read Sam's record from her own address, which is hers, not Sam's.
    record(
        AuditAction.VIEWED_RECORD, summary="Viewed the learning record of Sam Subject",
        subject=sam, actor=sue, request=_request_from(SUE_ADDRESS, sue),
    )  # fmt: skip
    record(
        AuditAction.VIEWED_ENTRY, summary="TOM_AUDIT_SUMMARY Read Tom Traineeperson's entry",
        subject=tom, target=tom_entry, actor=sam,
    )  # fmt: skip

    # Anonymisation overrides: one Sam proposed, one Sam confirmed of Ada's.
    AnonymisationOverride.objects.create(
        page=page, kind="person_name", text="Mr Q", reason="SAM_OVERRIDE_REASON",
        proposed_by=sam,
    )  # fmt: skip
    AnonymisationOverride.objects.create(
        page=page, kind="person_name", text="Mrs R", reason="ADA_OVERRIDE_REASON",
        proposed_by=ada, confirmed_by=sam, confirmed_at=timezone.now(),
    )  # fmt: skip
    return SimpleNamespace(
        sam=sam, sue=sue, olive=olive, tom=tom, ada=ada, entry=entry, tom_entry=tom_entry,
        olive_entry=olive_entry, attempt=attempt,
    )  # fmt: skip


@pytest.fixture
def world(db, totp_user):
    return build_world(totp_user)


def archive_of(person) -> zipfile.ZipFile:
    out = io.BytesIO()
    access_export.write_archive(person, out)
    out.seek(0)
    return zipfile.ZipFile(out)


def rows(archive: zipfile.ZipFile, name: str) -> list[dict]:
    return json.loads(archive.read(f"{name}.json"))


def csv_rows(archive: zipfile.ZipFile, name: str) -> list[dict]:
    text = archive.read(f"{name}.csv").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_every_section_is_there_as_json_and_csv_with_its_records(world):
    archive = archive_of(world.sam)
    names = set(archive.namelist())
    assert names == {f"{s}.{ext}" for s in SECTIONS for ext in ("json", "csv")} | {"README.txt"}
    for section in SECTIONS:
        assert rows(archive, section), f"{section} is empty"
        assert len(csv_rows(archive, section)) == len(rows(archive, section)), section


def test_each_record_is_in_the_copy(world):
    archive = archive_of(world.sam)
    profile = rows(archive, "profile")[0]
    assert profile["email"] == "sam.subject@northmoor.example"
    assert profile["organisation"] == "Northmoor Council"
    assert profile["team"] == "Adult social care east"
    assert profile["registration_number"] == "SW123456"
    assert profile["supervisors"] == ["Sue Supervisor"]
    assert profile["supervises"] == ["Tom Traineeperson"]
    assert set(profile["roles"]) == {"Supervisor", "Practitioner"}

    completions = rows(archive, "completions")
    assert {c["learning"] for c in completions} == {
        "Making safeguarding personal", "Self-neglect and hoarding",
        "Making safeguarding personal: check",
    }  # fmt: skip
    assert all(c["certificate_code"] and c["cycle"] == 1 for c in completions)
    feedback = rows(archive, "feedback")[0]
    assert (feedback["comment"], feedback["example_of_use"]) == (
        "SAM_FEEDBACK_COMMENT", "SAM_IMPACT_EXAMPLE",
    )  # fmt: skip
    assert "SAM_WHAT_LEARNED" in {r["what_learned"] for r in rows(archive, "external_cpd")}

    [entry] = rows(archive, "reflective_entries")
    assert (entry["title"], entry["text"]) == ("SAM_ENTRY_TITLE", "SAM_ENTRY_BODY_V2")
    versions = rows(archive, "reflective_entry_versions")
    assert [v["text"] for v in versions] == ["SAM_ENTRY_BODY_V1", "SAM_ENTRY_BODY_V2"]
    assert rows(archive, "entry_shares")[0]["shared_with"] == "Sue Supervisor"
    comments = {(c["written_by"], c["text"]) for c in rows(archive, "entry_comments")}
    assert comments == {
        ("Sue Supervisor", "SUE_COMMENT_ON_SAM"), ("you", "SAM_REPLY"),
        ("you", "SAM_COMMENT_ON_TOM"),
    }  # fmt: skip

    [attended] = rows(archive, "team_sessions_attended")
    assert attended["delivered_by"] == "Sue Supervisor"
    [delivered] = rows(archive, "team_sessions_delivered")
    assert (delivered["people_attending"], delivered["group_reflection"]) == (
        1, "SAM_GROUP_REFLECTION",
    )  # fmt: skip

    [attempt] = rows(archive, "knowledge_check_attempts")
    assert (attempt["score_percent"], attempt["passed"]) == (100, True)
    answers = rows(archive, "knowledge_check_answers")
    assert [a["question"] for a in answers] == ["Who decides?", "Ask first."]
    assert answers[0]["your_answer"] == ["The person"] and answers[0]["correct"] is True

    assert rows(archive, "required_learning_assignments")[0]["requirement"] == "SAM_REQUIREMENT"
    exemption = rows(archive, "required_learning_exemptions")[0]
    assert (exemption["reason"], exemption["granted_by"]) == ("SAM_EXEMPTION_REASON", "Ada Admin")
    invitations = {i["direction"]: i for i in rows(archive, "invitations")}
    joined = invitations["sent to you"]
    assert (joined["email"], joined["invited_by"]) == ("sam.subject@northmoor.example", "Ada Admin")
    assert joined["accepted_at"] and joined["status"] == "joined"
    sent = invitations["sent by you"]
    assert (sent["email"], sent["invited_by"], sent["withdrawn_by"]) == ("", "you", "Ada Admin")
    assert sent["withdrawn_at"] and sent["status"] == "withdrawn"
    declined = invitations["withdrawn, confirmed or declined by you"]
    assert (declined["email"], declined["administrator_confirmation"]) == ("", "Declined")
    assert declined["confirmed_or_declined_by"] == "you" and declined["confirmed_or_declined_at"]

    assert rows(archive, "email_addresses")[0]["email"] == "sam.subject@northmoor.example"
    assert [a["type"] for a in rows(archive, "authenticators")] == ["TOTP Authenticator"]
    assert rows(archive, "single_sign_on_accounts")[0]["uid"] == "sam-at-idp"
    [sign_in] = rows(archive, "sign_ins")
    assert (sign_in["how"], sign_in["from_address"]) == ("password", SAM_ADDRESS)
    learner_digest = [d for d in rows(archive, "reminder_emails") if d["kind"] != "Team digest"]
    assert learner_digest[0]["items"][0]["requirement"] == "SAM_REQUIREMENT"
    received = rows(archive, "notifications_received")
    assert [(n["by"], n["entry_title"]) for n in received] == [
        ("Sue Supervisor", "SAM_ENTRY_TITLE")
    ]
    assert rows(archive, "notifications_sent")[0]["what"] == "commented on"
    assert learner_digest[0]["items"][0]["status"] == "due"
    overrides = {o["your_part"]: o for o in rows(archive, "anonymisation_overrides")}
    assert overrides["proposed"]["reason"] == "SAM_OVERRIDE_REASON"
    assert overrides["confirmed"]["reason"] == ""
    about = {a["summary"] for a in rows(archive, "audit_about_you")}
    assert "Viewed the learning record of Sam Subject" in about
    assert "Read a shared reflective entry" in {a["action"] for a in rows(archive, "audit_by_you")}

    copies = {(c["copy_of"], c["requested_by"]): c for c in rows(archive, "copies_of_your_data")}
    assert set(copies) == {("you", "you"), ("you", "Ada Admin"), ("another person", "you")}
    assert copies[("you", "you")]["status"] == "Expired"
    # Ada's reference for the letter is hers, as is the one Sam gave for Olive's copy.
    assert all(copy["reason"] == "" for copy in copies.values())

    readme = archive.read("README.txt").decode()
    assert "For: Sam Subject" in readme
    assert all(f"{section}.json" in readme for section in SECTIONS)


def test_the_work_in_the_editor_is_in_the_copy(world):
    archive = archive_of(world.sam)
    page = "Making safeguarding personal"
    comments = {
        (c["what"], c["page"], c["in_reply_to"], c["text"]) for c in rows(archive, "page_comments")
    }
    assert comments == {
        ("comment", page, "", "SAM_PAGE_COMMENT"),
        ("reply", page, "Sue Supervisor", "SAM_PAGE_REPLY"),
    }  # fmt: skip
    [preferences] = rows(archive, "admin_preferences")
    assert (preferences["preferred_language"], preferences["time_zone"]) == ("en", "Europe/London")
    assert preferences["has_a_profile_picture"] is False
    assert rows(archive, "page_subscriptions") == [{"page": page, "emails_about_comments": True}]
    assert {r["of"] for r in rows(archive, "page_revisions")} == {page}
    history = {(h["action"], h["on"], h["record_type"]) for h in rows(archive, "editorial_history")}
    # A page and an organisation by name; an invitation by kind only (its label is the
    # invited person's address).
    assert ("Edit", page, "case study") in history
    assert ("Edit", "Northmoor Council", "organisation") in history
    assert ("Create", "", "invitation") in history
    [requested] = rows(archive, "workflows_requested")
    assert (requested["workflow"], requested["for"]) == ("Editorial review", page)
    [decided] = rows(archive, "workflow_decisions")
    assert (decided["for"], decided["decision"], decided["your_comment"]) == (
        page, "Rejected", "SAM_TASK_COMMENT",
    )  # fmt: skip
    assert [p["page"] for p in rows(archive, "pages_owned")] == [page]
    uploads = {(u["kind"], u["title"]) for u in rows(archive, "uploads")}
    assert uploads == {("document", "SAM_DOCUMENT"), ("image", "SAM_IMAGE")}
    [requirement] = rows(archive, "required_learning_set_up")
    assert requirement["requirement"] == "SAM_REQUIREMENT"


def test_nothing_of_anyone_else_is_in_the_copy(world):
    out = io.BytesIO()
    access_export.write_archive(world.sam, out)
    archive = zipfile.ZipFile(out)
    text = "\n".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    others = [
        world.sue.email, world.olive.email, world.tom.email, world.ada.email,
        "invitee.person@northmoor.example",
        # What others wrote, other than a comment on Sam's own entry.
        "OLIVE_ENTRY_TITLE", "OLIVE_ENTRY_BODY", "OLIVE_FEEDBACK_COMMENT",
        "SUE_COMMENT_ON_OLIVE", "SUE_GROUP_REFLECTION", "TOM_ENTRY_TITLE", "TOM_ENTRY_BODY",
        "ADA_OVERRIDE_REASON", "TOM_AUDIT_SUMMARY", "declined.person@gmail.example",
        # A copy's reference is its requester's, and Olive's copy is hers.
        "ADA_LETTER_REFERENCE", "SAM_LETTER_FOR_OLIVE",
        # Others' work in the editor: comments, replies to Sam's, pages, uploads,
        # preferences.
        "SUE_PAGE_COMMENT", "OLIVE_PAGE_REPLY", "OLIVE_PAGE_COMMENT", "Capacity and consent",
        "OLIVE_DOCUMENT", "Asia/Tokyo",
        # A colleague who is not part of Sam's own records, even by name.
        "Otherperson",
        # Other people's ids.
        str(world.tom_entry.pk), str(world.olive_entry.pk),
    ]  # fmt: skip
    found = [value for value in others if value in text]
    assert not found, f"Other people's data in the copy: {found}"
    # Tom, whom Sam supervises, by name in Sam's profile and nowhere else.
    named_tom = {
        name
        for name in archive.namelist()
        if "Traineeperson" in archive.read(name).decode("utf-8-sig")
    }
    assert named_tom == {"profile.json", "profile.csv"}
    # No other person's account id, under any key: people appear by name only.
    other_ids = {world.sue.pk, world.olive.pk, world.tom.pk, world.ada.pk}
    for name in archive.namelist():
        if name.endswith(".json"):
            for row in json.loads(archive.read(name)):
                for key, value in row.items():
                    if key in ("person", "user", "user_id", "actor", "supervisor"):
                        pytest.fail(f"{name} has a person's id under {key!r}")
                    assert not (key.endswith("_id") and value in other_ids), (name, key)
    [team_digest] = [d for d in rows(archive, "reminder_emails") if d["kind"] == "Team digest"]
    # Only how much it listed: each line was a supervisee's outstanding learning.
    assert team_digest["items"] == [{"people_listed": 1, "lines": 1}]
    # Another person's account number is not in any text either ("added user 7").
    for other in other_ids:
        assert f"user {other}" not in text and f"person {other}" not in text
    # Sue's address, from her read of Sam's record, is hers.
    assert SUE_ADDRESS not in text
    supervisors = [
        row["summary"]
        for row in rows(archive, "audit_about_you")
        if row["action"] == "Changed who supervises a person"
    ]
    assert supervisors and all("Sue Supervisor" in summary for summary in supervisors)


def test_the_copy_of_someone_else_holds_none_of_sams_records(world):
    text = b"".join(
        archive_of(world.olive).read(name) for name in archive_of(world.olive).namelist()
    )
    for value in (b"SAM_ENTRY_BODY", b"SAM_FEEDBACK_COMMENT", b"SAM_REPLY", b"sam.subject@"):
        assert value not in text


def test_the_csv_writes_dates_as_people_read_them_and_the_readme_puts_records_first(db):
    person = make_person()
    records.external_cpd_create(
        user=person, title="Court skills", date=date(2026, 3, 4), minutes=30, type="course"
    )
    archive = archive_of(person)
    [row] = csv_rows(archive, "external_cpd")
    assert row["date"] == "4 March 2026"
    [cpd] = json.loads(archive.read("external_cpd.json"))
    assert cpd["date"] == "2026-03-04"  # the JSON stays machine-readable
    readme = archive.read("README.txt").decode()
    with_records, without = readme.split("The hub holds no records of these kinds about you")
    assert "external_cpd.json, external_cpd.csv (1 record)" in with_records
    assert "reflective_entries.json" in without and "reflective_entries.json" not in with_records


def test_csv_cells_cannot_run_as_formulas(db):
    person = make_person(first_name="=HYPERLINK(1)", last_name="Test")
    records.external_cpd_create(
        user=person, title="=cmd|' /C calc'!A0", date=date.today(), minutes=30, type="course"
    )
    archive = archive_of(person)
    [row] = csv_rows(archive, "external_cpd")
    assert row["title"] == "'=cmd|' /C calc'!A0"
    assert csv_rows(archive, "profile")[0]["first_name"] == "'=HYPERLINK(1)"
    # The JSON keeps the value exactly.
    assert rows(archive, "external_cpd")[0]["title"] == "=cmd|' /C calc'!A0"


def test_an_empty_section_is_an_empty_list_and_an_empty_csv(db):
    archive = archive_of(make_person())
    assert rows(archive, "reflective_entries") == []
    assert archive.read("reflective_entries.csv") in (b"", "\ufeff".encode())


def test_exporters_are_registered_by_both_apps():
    keys = [key for key, _exporter in exporters()]
    assert any(key.startswith("learning.") for key in keys)
    assert "quizzes.05_attempts" in keys
