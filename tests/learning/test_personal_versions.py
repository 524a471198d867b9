"""Personal versions (learning.personal_cache): every write to a person's records moves
their version, so what is cached for them is never shown stale, and never to anyone
else.

The classification test walks every model with a person in it, so a new model (or one a
dependency upgrade brings) fails here until someone decides whether a person's own pages
read it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from learning.models import (
    Completion,
    EntryComment,
    Exemption,
    ExternalCPD,
    Feedback,
    PersonalVersion,
    PracticeImpact,
    Profile,
    RequirementAssignment,
)
from learning.personal_cache.registry import registered_models
from learning.personal_cache.values import personal_key, personal_value
from learning.personal_cache.version import forget_personal_version, personal_version
from learning.records import services as records
from learning.reflections import services as reflections
from learning.required.assignments import record_assignments
from learning.required.status import statuses_for_person
from learning.roles import Role
from learning.shared_cache.version import content_version
from learning.supervision import services as supervision
from tests.factories import UserFactory, make_person
from tests.learning.reflections.factories import (
    make_entry,
    make_learning_page,
    make_supervisee,
    make_supervisor,
    shared_entry,
)

pytestmark = pytest.mark.django_db

# Models with a person in them whose rows no personal page reads (or reads only through
# a row that is registered), with why. Anything else with a person in it must be
# registered in learning.personal_cache (receivers.py, or its own app's).
NOT_ON_PERSONAL_PAGES = {
    "learning.AnonymisationOverride": "editorial: the admin's, never a person's page",
    "learning.AuditEntry": "read only by administrators' audit log, never cached",
    "learning.Notification": "the unread count is read on every request, not cached",
    "learning.AccessExport": "the data download page reads it on each request",
    "learning.Invitation": "read on the invitation pages, never cached",
    "learning.Requirement": "a requirement edit moves the content version instead",
    "learning.DigestSent": "only the reminder task reads it",
    "wagtailusers.UserProfile": "admin preferences",
    "wagtaildocs.Document": "editorial",
    "wagtailimages.Image": "editorial",
    "wagtailadmin.EditingSession": "editorial",
    "wagtailadmin.FormState": "editorial",
    "wagtailcore.ModelLogEntry": "editorial history",
    "wagtailcore.Revision": "editorial history",
    "wagtailcore.UploadedFile": "editorial",
    "wagtailcore.WorkflowState": "editorial",
    "wagtailcore.TaskState": "editorial",
    "wagtailcore.PageLogEntry": "editorial history",
    "wagtailcore.Comment": "editorial",
    "wagtailcore.CommentReply": "editorial",
    "wagtailcore.PageSubscription": "editorial",
    "wagtailcore.GroupApprovalTask_groups": "editorial",
    "account.EmailAddress": "the email pages read it on each request",
    "socialaccount.SocialAccount": "the sign-in pages read it on each request",
    "sessions.Session": "not a record",
    "learning.PersonalVersion": "the version itself",
    "wagtailcore.PageViewRestriction": "moves the content version (learning.shared_cache)",
    "wagtailcore.CollectionViewRestriction": "editorial: who may see document collections",
    "wagtailcore.GroupApprovalTask": "editorial workflow",
}


def _has_a_person(model) -> bool:
    user_model = get_user_model()
    for field in model._meta.get_fields():
        if not field.is_relation or (field.auto_created and not field.concrete):
            continue
        if field.related_model is user_model or (
            field.many_to_many and field.related_model in (user_model, Group)
        ):
            return True
    return False


def test_every_model_with_a_person_in_it_is_registered_or_said_not_to_matter():
    registered = {model._meta.label for model in registered_models()}
    unclassified = []
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if model is get_user_model() or not _has_a_person(model):
            continue
        if issubclass(model, Page):
            continue  # content: the content version covers pages
        if label in registered or label in NOT_ON_PERSONAL_PAGES:
            continue
        unclassified.append(label)
    assert unclassified == [], (
        "Register these in learning.personal_cache (whose records they are), or add them "
        f"to NOT_ON_PERSONAL_PAGES with why no personal page reads them: {unclassified}"
    )


def test_the_registered_person_relations_are_all_there():
    registered = registered_models()
    user = get_user_model()
    for model in (
        Completion,
        ExternalCPD,
        Feedback,
        PracticeImpact,
        RequirementAssignment,
        Exemption,
        Profile,
        EntryComment,
        Authenticator,
        user,
        user.groups.through,
        user.user_permissions.through,
        Profile.supervisors.through,
        Group.permissions.through,
    ):
        assert model in registered, model


def version_of(person) -> int:
    forget_personal_version(person)
    return personal_version(person)


class Moves:
    """Asserts that a step moves the versions of `movers` and leaves `others` alone."""

    def __init__(self, *movers, others=()) -> None:
        self.movers = movers
        self.others = others

    def __enter__(self):
        self.before = [version_of(person) for person in self.movers]
        self.others_before = [version_of(person) for person in self.others]
        return self

    def __exit__(self, *exc_info):
        if exc_info[0] is not None:
            return False
        after = [version_of(person) for person in self.movers]
        for person, was, now in zip(self.movers, self.before, after, strict=True):
            assert now > was, f"{person}'s version did not move"
        for person, was in zip(self.others, self.others_before, strict=True):
            assert version_of(person) == was, f"{person}'s version moved, but it is not theirs"
        return False


def test_no_row_reads_as_version_nought_and_the_first_write_makes_one():
    person = make_person()
    PersonalVersion.objects.filter(user_id=person.pk).delete()
    assert version_of(person) == 0
    with Moves(person):
        ExternalCPD.objects.create(
            user=person, title="Course", date=timezone.localdate(), minutes=30
        )
    assert PersonalVersion.objects.filter(user_id=person.pk).count() == 1


def test_a_persons_own_records_move_their_version_and_nobody_elses():
    person, bystander = make_person(), make_person()
    page = make_learning_page(title="Mental capacity")
    with Moves(person, others=[bystander]):
        completion, _ = records.completion_record(user=person, page=page, how="confirmed")
    with Moves(person, others=[bystander]):
        feedback, _ = records.feedback_save(
            user=person, page=page, usefulness=4, will_change_practice="yes", comment=""
        )
    with Moves(person, others=[bystander]):
        PracticeImpact.objects.create(feedback=feedback, used_in_practice="yes")
    with Moves(person, others=[bystander]):
        entry = records.external_cpd_create(
            user=person, title="Conference", date=timezone.localdate(), minutes=60, type="course"
        )
    with Moves(person, others=[bystander]):
        records.external_cpd_delete(entry=entry)
    with Moves(person, others=[bystander]):
        profile = person.profile
        profile.job_title = "Social worker"
        profile.save()
    with Moves(person, others=[bystander]):
        person.groups.add(Group.objects.get(name=Role.SUPERVISOR.value))
    with Moves(person, others=[bystander]):
        Group.objects.get(name=Role.SUPERVISOR.value).user_set.clear()
    with Moves(person, others=[bystander]):
        person.user_permissions.add(Permission.objects.first())
    with Moves(person, others=[bystander]):
        Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})
    with Moves(person, others=[bystander]):
        completion.delete()


def test_a_groups_permissions_move_everyone_in_it():
    member, outsider = make_person(role=Role.SUPERVISOR), make_person(role=Role.PRACTITIONER)
    group = Group.objects.get(name=Role.SUPERVISOR.value)
    with Moves(member, others=[outsider]):
        group.permissions.add(Permission.objects.get(codename="access_admin"))
    with Moves(member, others=[outsider]):
        Permission.objects.get(codename="access_admin").group_set.remove(group)


def test_supervision_links_move_both_people_from_either_side():
    supervisor, supervisee, bystander = make_person(), make_person(), make_person()
    with Moves(supervisor, supervisee, others=[bystander]):
        supervisee.profile.supervisors.add(supervisor)
    with Moves(supervisor, supervisee, others=[bystander]):
        supervisor.supervisees.clear()
    with Moves(supervisor, supervisee, others=[bystander]):
        supervisor.supervisees.add(supervisee.profile)
    with Moves(supervisor, supervisee, others=[bystander]):
        supervisee.profile.supervisors.clear()


def test_an_entry_moves_its_author_and_the_supervisors_it_is_shared_with():
    supervisor = make_supervisor()
    author = make_supervisee(supervisor)
    bystander = make_person()
    with Moves(author, others=[bystander]):
        make_entry(author)
    with Moves(author, supervisor, others=[bystander]):
        entry = shared_entry(author, supervisor)
    with Moves(author, supervisor, others=[bystander]):
        reflections.comment_add(entry=entry, author=supervisor, body="Thank you")
    with Moves(author, supervisor, others=[bystander]):
        reflections.entry_withdraw_share(entry=entry, author=author)


def test_a_team_session_moves_its_facilitator_and_attendees_even_where_it_updates_rows():
    supervisor = make_supervisor()
    attendee = make_supervisee(supervisor)
    bystander = make_person()
    page = make_learning_page(title="Self-neglect")
    today = timezone.localdate()
    with Moves(supervisor, attendee, others=[bystander]):
        session = supervision.team_session_record(
            delivered_by=supervisor,
            page=page,
            attendees=[attendee],
            delivered_on=today,
            minutes=30,
        )
    with Moves(supervisor, attendee, others=[bystander]):
        # Changing the minutes updates every attendee's completion in one statement.
        supervision.team_session_update(
            session=session, user=supervisor, attendees=[attendee], delivered_on=today, minutes=45
        )
    assert Completion.objects.get(user=attendee, team_session=session).minutes == 45


def test_assignments_made_in_bulk_move_everyone_assigned(make_requirement):
    person, other = make_person(), make_person()
    requirement = make_requirement(make_learning_page(title="Core"))
    RequirementAssignment.objects.filter(requirement=requirement).delete()
    with Moves(person, other):
        record_assignments(requirement=requirement)


def test_exemptions_move_the_exempted_person(make_requirement):
    person, bystander = make_person(), make_person()
    requirement = make_requirement(make_learning_page(title="Core"))
    with Moves(person, others=[bystander]):
        Exemption.objects.create(
            user=person,
            requirement=requirement,
            reason="On leave",
            ends_on=timezone.localdate() + timedelta(days=30),
        )


def test_requirement_changes_move_the_content_version(make_requirement):
    page = make_learning_page(title="Core")
    before = content_version()
    requirement = make_requirement(page)
    assert content_version() > before
    before = content_version()
    requirement.pages.remove(page)
    assert content_version() > before
    before = content_version()
    requirement.title = "Renamed"
    requirement.save()
    assert content_version() > before


def test_deleting_a_person_with_records_works_and_takes_their_row():
    # Most records protect their person (they are erased, not deleted); these cascade,
    # and each deletion moves the version of a person who is going.
    person = UserFactory()
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})
    assert PersonalVersion.objects.filter(user_id=person.pk).exists()
    pk = person.pk
    person.delete()
    assert not PersonalVersion.objects.filter(user_id=pk).exists()


def test_a_personal_value_is_rebuilt_after_a_write_and_each_day():
    person = make_person()
    built = []

    def build():
        built.append(1)
        return len(built)

    assert personal_value("test:count", person, build) == 1
    assert personal_value("test:count", person, build) == 1
    ExternalCPD.objects.create(user=person, title="Course", date=timezone.localdate(), minutes=5)
    forget_personal_version(person)
    assert personal_value("test:count", person, build) == 2
    tomorrow = timezone.now() + timedelta(days=1)
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        assert personal_value("test:count", person, build) == 3


def test_keys_are_one_persons_and_long_parts_are_hashed():
    one, two = make_person(), make_person()
    assert personal_key("x", one) != personal_key("x", two)
    long_key = personal_key("x", one, "filters" * 100)
    assert len(long_key) < 200
    # A page number typed in full-width digits, a space: hashed, as memcached needs.
    for odd in ("\uff13\uff10", "a b", "tab\there"):
        key = personal_key("x", one, odd)
        assert key.isascii() and " " not in key and odd not in key


def test_statuses_are_cached_and_fresh_after_a_completion(make_requirement):
    person = make_person()
    page = make_learning_page(title="Core safeguarding")
    make_requirement(page)
    assert [status.is_outstanding for status in statuses_for_person(person)] == [True]
    # A new request: a fresh user object, the status from the cache.
    person = get_user_model().objects.get(pk=person.pk)
    assert [status.is_outstanding for status in statuses_for_person(person)] == [True]
    records.completion_record(user=person, page=page, how="confirmed")
    person = get_user_model().objects.get(pk=person.pk)
    assert [status.is_outstanding for status in statuses_for_person(person)] == [False]


def test_home_next_steps_change_as_soon_as_required_learning_is_done(client, make_requirement):
    person = make_person()
    page = make_learning_page(title="Core safeguarding")
    make_requirement(page, title="Core safeguarding adults learning")
    client.force_login(person)
    assert "Core safeguarding adults learning" in client.get("/").content.decode()
    assert "Core safeguarding adults learning" in client.get("/").content.decode()
    response = client.post(reverse("records:complete", args=[page.pk]))
    assert response.status_code in (302, 303)
    assert "Core safeguarding adults learning" not in client.get("/").content.decode()


def test_one_persons_cached_record_is_never_shown_to_another(client):
    first = make_person(first_name="Aisha", last_name="Patel")
    second = make_person(first_name="Ben", last_name="Okafor")
    records.external_cpd_create(
        user=first,
        title="Aisha's private course",
        date=timezone.localdate(),
        minutes=90,
        type="course",
    )
    client.force_login(first)
    assert (
        "Aisha&#x27;s private course" in client.get(reverse("records:my_learning")).content.decode()
    )
    assert cache.get(personal_key("records:summary", first, "own")) is not None
    client.force_login(second)
    body = client.get(reverse("records:my_learning")).content.decode()
    assert "Aisha" not in body
    assert "Nothing recorded yet" in body


def test_a_supervisor_sees_the_record_worded_for_them_not_the_persons_own(client):
    supervisor = make_supervisor()
    supervisee = make_supervisee(supervisor, first_name="Cara", last_name="Jones")
    records.external_cpd_create(
        user=supervisee, title="Cara's course", date=timezone.localdate(), minutes=30, type="course"
    )
    client.force_login(supervisee)
    own = client.get(reverse("records:my_learning")).content.decode()
    assert "Your CPD" in own
    client.force_login(supervisor)
    theirs = client.get(reverse("records:person_learning", args=[supervisee.pk])).content.decode()
    assert "Your CPD" not in theirs
    assert "Cara&#x27;s course" in theirs
    # Their own page, cached first, is untouched by the supervisor's visit.
    client.force_login(supervisee)
    assert "Your CPD" in client.get(reverse("records:my_learning")).content.decode()


def test_a_new_entry_on_the_record_shows_at_once(client):
    person = make_person()
    client.force_login(person)
    assert "Nothing recorded yet" in client.get(reverse("records:my_learning")).content.decode()
    records.external_cpd_create(
        user=person, title="Evening course", date=timezone.localdate(), minutes=45, type="course"
    )
    assert "Evening course" in client.get(reverse("records:my_learning")).content.decode()


def test_finishing_a_knowledge_check_moves_the_person_who_took_it():
    # Finishing updates the attempt row in one statement, without a signal.
    from quizzes import services as quizzes
    from tests.learning.reports.checks import make_check
    from tests.quizzes.helpers import answers_for

    person, bystander = make_person(), make_person()
    attempt = quizzes.start_attempt(user=person, check=make_check("Consent check"))
    # A failed attempt: no completion is recorded, so only the attempt itself moves it.
    question = attempt.snapshot["questions"][0]
    wrong = [option["key"] for option in question["options"] if not option["correct"]][:1]
    with Moves(person, others=[bystander]):
        finished, _ = quizzes.finish_attempt(
            attempt=attempt, answers=answers_for(attempt, overrides={question["id"]: wrong})
        )
    assert not finished.passed


@pytest.mark.parametrize(
    ("library", "tag", "subject"),
    [
        ("personal_cache", "personal_fragment", "person"),
        ("shared_cache", "shared_fragment", "page"),
    ],
)
def test_a_fragment_without_a_name_and_a_subject_is_a_template_error(library, tag, subject):
    from django.template import Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError, match=f"needs a name and a {subject}"):
        Template(f'{{% load {library} %}}{{% {tag} "x" %}}{{% end_{tag} %}}')
