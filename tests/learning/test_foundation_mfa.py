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
            "supervision:session_edit": [session.pk],
            "supervision:session_delete": [session.pk],
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

    # Signing in again, now with the second factor.
    totp_user(world.lead)
    client.force_login(world.lead)
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
    client.force_login(manager)
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


class TestReturningAfterSetUp:
    """allauth's set-up ends on the recovery codes; their "Continue" link goes back to
    the page that asked for two-factor authentication."""

    URL = "/admin/reports/site-history/"

    def _set_up_authenticator(self, client, capture_on_commit) -> None:
        from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

        # allauth asks for the password again before a second factor can be added.
        response = client.get(reverse("mfa_activate_totp"))
        assert response["Location"].startswith(reverse("account_reauthenticate"))
        client.post(response["Location"], {"password": "a-long-password-42"})
        form_page = client.get(reverse("mfa_activate_totp"))
        secret = form_page.context["form"].secret
        code = format_hotp_value(hotp_value(secret, int(timezone.now().timestamp()) // 30))
        # allauth announces the new authenticator once its transaction commits; the hub
        # then records that this session has given the second factor.
        with capture_on_commit(execute=True):
            response = client.post(reverse("mfa_activate_totp"), {"code": code})
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_view_recovery_codes")

    def _sign_in(self, client, user) -> None:
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": "a-long-password-42"}
        )
        assert response.status_code == 302

    def test_continue_returns_to_the_page_that_asked(
        self, client, django_capture_on_commit_callbacks
    ):
        manager = make_person(role=Role.SAB_MANAGER, password="a-long-password-42")
        self._sign_in(client, manager)
        assert_sent_to_mfa_set_up(client.get(self.URL), self.URL)
        self._set_up_authenticator(client, django_capture_on_commit_callbacks)

        codes_page = client.get(reverse("mfa_view_recovery_codes"))
        assert f'href="{reverse("mfa_continue")}"' in codes_page.content.decode()
        response = client.get(reverse("mfa_continue"))
        assert response.status_code == 302
        assert response["Location"] == self.URL
        assert client.get(self.URL).status_code == 200
        # Used once: a second "Continue" goes home.
        assert client.get(reverse("mfa_continue"))["Location"] == "/"

    def test_continue_before_set_up_goes_back_to_set_up(self, client):
        lead = make_person(role=Role.ORGANISATION_LEAD)
        client.force_login(lead)
        client.get(self.URL)
        response = client.get(reverse("mfa_continue"))
        assert response["Location"] == reverse("mfa_activate_totp")

    def test_a_return_path_off_this_site_is_not_followed(self, client, totp_user):
        from learning.accounts.mfa import RETURN_PATH_SESSION_KEY

        manager = make_person(role=Role.SAB_MANAGER)
        totp_user(manager)
        client.force_login(manager)
        session = client.session
        session[RETURN_PATH_SESSION_KEY] = "https://elsewhere.example/phish"
        session.save()
        assert client.get(reverse("mfa_continue"))["Location"] == "/"

    def test_signed_out_visitors_are_sent_to_sign_in(self, client):
        response = client.get(reverse("mfa_continue"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
