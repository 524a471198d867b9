"""Privileged roles need two-factor authentication before any report or anyone else's
records, not only before the Wagtail admin (learning.accounts.mfa)."""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.accounts.mfa import GUARDED_URL_NAMES
from learning.models import Completion, EntryComment, EntryStatus
from learning.reflections import services as reflections
from learning.roles import Role
from learning.supervision.services import team_session_record
from tests.factories import OrganisationFactory, make_person
from tests.learning.reflections.factories import make_learning_page, shared_entry

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """An organisation lead who is also a member of staff's practice supervisor (a
    practice supervisor may hold another role), so every guarded page is one the lead
    may see once enrolled: the staff member's record, certificate, shared entries, and
    a team session the lead ran."""
    organisation = OrganisationFactory()
    lead = make_person(role=Role.ORGANISATION_LEAD, organisation=organisation)
    staff = make_person(role=Role.PRACTITIONER, organisation=organisation)
    staff.profile.supervisors.add(lead)
    shared = shared_entry(staff, lead, status=EntryStatus.FINAL)
    comment = reflections.comment_add(entry=shared, author=lead, body="Well observed.")
    signed = shared_entry(staff, lead, title="Signed", status=EntryStatus.FINAL)
    reflections.entry_sign_off(entry=signed, supervisor=lead)
    session = team_session_record(
        delivered_by=lead,
        page=make_learning_page(),
        delivered_on=timezone.localdate(),
        attendees=[staff],
        group_reflection="We will ask first.",
    )
    return SimpleNamespace(
        lead=lead,
        args={
            "records:person_learning": [staff.pk],
            "records:certificate": [Completion.objects.get(user=staff).pk],
            "supervision:session_detail": [session.pk],
            "reflections:entry_detail": [shared.pk],
            "reflections:entry_comment": [shared.pk],
            "reflections:entry_review": [shared.pk],
            "reflections:entry_sign_off": [shared.pk],
            "reflections:entry_reopen": [signed.pk],
            "reflections:comment_detail": [comment.pk],
        },
    )


def assert_sent_to_mfa_set_up(response, url: str) -> None:
    assert response.status_code == 302, url
    location = urlsplit(response["Location"])
    assert location.path == reverse("mfa_activate_totp"), url
    assert parse_qs(location.query)["next"] == [url]


@pytest.mark.parametrize("name", sorted(GUARDED_URL_NAMES))
def test_lead_without_mfa_is_sent_to_set_it_up_then_reaches_the_page(
    client, world, totp_user, name
):
    url = reverse(name, args=world.args.get(name, []))
    client.force_login(world.lead)
    assert_sent_to_mfa_set_up(client.get(url), url)

    totp_user(world.lead)
    response = client.get(url)
    assert response.status_code == 200, url


def test_post_to_a_guarded_page_changes_nothing_without_mfa(client, world):
    """The guard runs before the view, so a form posted without MFA is not acted on."""
    url = reverse("reflections:entry_comment", args=world.args["reflections:entry_comment"])
    client.force_login(world.lead)
    before = EntryComment.objects.count()
    assert_sent_to_mfa_set_up(client.post(url, {"body": "Posted without MFA"}), url)
    assert EntryComment.objects.count() == before


@pytest.mark.parametrize(
    "url", ["/admin/", "/admin/reports/knowledge-checks/", "/admin/reports/site-history/"]
)
def test_admin_and_its_reports_are_guarded(client, totp_user, url):
    manager = make_person(role=Role.SAB_MANAGER)
    client.force_login(manager)
    assert_sent_to_mfa_set_up(client.get(url), url)
    totp_user(manager)
    assert client.get(url).status_code in (200, 403)
    assert not client.get(url).get("Location", "").startswith(reverse("mfa_activate_totp"))


def test_supervisor_is_not_asked_for_mfa(client):
    """Supervisors are not in the design's list of roles that need a second factor."""
    supervisor = make_person(role=Role.SUPERVISOR)
    client.force_login(supervisor)
    assert client.get(reverse("supervision:my_team")).status_code == 200


def test_own_learning_is_not_guarded(client):
    client.force_login(make_person(role=Role.ORGANISATION_LEAD))
    assert client.get(reverse("records:my_learning")).status_code == 200
