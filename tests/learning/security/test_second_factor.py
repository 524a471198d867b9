"""A privileged session reaches the admin, reports and other people's records only if
*this session's* authentication included a second factor, whatever route signed it in
(learning.accounts.mfa)."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.socialaccount.models import SocialApp
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group, Permission
from django.http import HttpRequest
from django.test import override_settings
from django.urls import clear_script_prefix, reverse, set_script_prefix
from wagtail.admin.forms.pages import PageViewRestrictionForm
from wagtail.models import PageViewRestriction

from learning.models import EntryComment, EntryStatus
from learning.roles import Role
from tests.conftest import HubClient
from tests.factories import PASSWORD, OrganisationFactory, make_person
from tests.learning.reflections.factories import shared_entry

pytestmark = pytest.mark.django_db

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"  # the totp_user fixture's


def current_code() -> str:
    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))


def assert_sent_to_second_factor(response, url: str) -> None:
    assert response.status_code == 302, url
    location = urlsplit(response["Location"])
    assert location.path == reverse("mfa_reauthenticate"), url
    assert parse_qs(location.query)["next"] == [url]


@pytest.fixture
def lead_and_entry(totp_user):
    """An organisation lead, with an authenticator, who supervises a member of staff
    who has shared an entry with them."""
    organisation = OrganisationFactory()
    lead = make_person(role=Role.ORGANISATION_LEAD, organisation=organisation)
    totp_user(lead)
    staff = make_person(role=Role.PRACTITIONER, organisation=organisation)
    staff.profile.supervisors.add(lead)
    entry = shared_entry(staff, lead, status=EntryStatus.FINAL)
    return lead, staff, entry


class TestPasswordOnlySession:
    """What a sign-in round allauth's second-factor stage would have given."""

    def test_is_sent_to_the_second_factor_for_admin_reports_and_records(
        self, client, lead_and_entry
    ):
        lead, staff, entry = lead_and_entry
        client.force_login_without_second_factor(lead)
        for url in (
            "/admin/",
            "/admin/reports/site-history/",
            reverse("records:person_learning", args=[staff.pk]),
            reverse("reflections:entry_detail", args=[entry.pk]),
            reverse("invitation_list_create"),
        ):
            assert_sent_to_second_factor(client.get(url), url)

    def test_a_post_is_not_acted_on(self, client, lead_and_entry):
        lead, _, entry = lead_and_entry
        client.force_login_without_second_factor(lead)
        url = reverse("reflections:entry_comment", args=[entry.pk])
        assert_sent_to_second_factor(client.post(url, {"body": "No second factor"}), url)
        assert not EntryComment.objects.exists()

    def test_own_learning_needs_no_second_factor(self, client, lead_and_entry):
        client.force_login_without_second_factor(lead_and_entry[0])
        assert client.get(reverse("records:my_learning")).status_code == 200

    def test_giving_the_code_reaches_the_page_asked_for(self, client, lead_and_entry):
        lead, staff, _ = lead_and_entry
        client.force_login_without_second_factor(lead)
        url = reverse("records:person_learning", args=[staff.pk])
        step = client.get(url)["Location"]
        response = client.post(step, {"code": current_code()})
        assert response.status_code == 302
        assert response["Location"] == url
        assert client.get(url).status_code == 200

    def test_a_wrong_code_reaches_nothing(self, client, lead_and_entry):
        lead, staff, _ = lead_and_entry
        client.force_login_without_second_factor(lead)
        url = reverse("records:person_learning", args=[staff.pk])
        step = client.get(url)["Location"]
        assert client.post(step, {"code": "000000"}).status_code == 200
        assert_sent_to_second_factor(client.get(url), url)

    def test_the_password_again_does_not_show_the_recovery_codes(self, client, totp_user):
        """The route by which a stolen password became lasting second-factor access."""
        manager = make_person(role=Role.SAB_MANAGER)
        totp_user(manager)
        client.force_login_without_second_factor(manager)
        reauthenticated = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
        assert reauthenticated.status_code in (200, 302)
        codes = reverse("mfa_view_recovery_codes")
        assert_sent_to_second_factor(client.get(codes), codes)
        download = reverse("mfa_download_recovery_codes")
        assert_sent_to_second_factor(client.get(download), download)

    def test_anyone_with_an_authenticator_needs_it_for_their_sign_in_settings(
        self, client, totp_user
    ):
        practitioner = make_person(role=Role.PRACTITIONER)
        totp_user(practitioner)
        client.force_login_without_second_factor(practitioner)
        for name in ("account_email", "account_change_password", "mfa_deactivate_totp"):
            url = reverse(name)
            assert_sent_to_second_factor(client.get(url), url)

    def test_a_full_sign_in_reaches_them(self, client, lead_and_entry):
        lead, staff, _ = lead_and_entry
        response = client.post(
            reverse("account_login"), {"login": lead.email, "password": PASSWORD}
        )
        assert response["Location"] == reverse("mfa_authenticate")
        assert SESSION_KEY not in client.session
        client.post(reverse("mfa_authenticate"), {"code": current_code()})
        assert SESSION_KEY in client.session
        url = reverse("records:person_learning", args=[staff.pk])
        assert client.get(url).status_code == 200


class TestWhoIsPrivileged:
    def test_any_group_with_admin_access_needs_the_second_factor(self, client):
        """Not only the hub's roles: a group an administrator makes in Wagtail's Groups
        screen, with access to the admin, makes its members privileged."""
        comms = Group.objects.create(name="Comms team")
        comms.permissions.add(Permission.objects.get(codename="access_admin"))
        person = make_person(role=Role.PRACTITIONER)
        person.groups.add(comms)
        client.force_login(person)
        for url in ("/admin/", "/admin/reports/site-history/"):
            assert client.get(url)["Location"].startswith(reverse("mfa_activate_totp")), url

    def test_the_admin_is_guarded_when_the_site_is_mounted_under_a_prefix(self, client, totp_user):
        admin = make_person(role=Role.SITE_ADMINISTRATOR, is_superuser=True)
        totp_user(admin)
        client.force_login_without_second_factor(admin)
        try:
            set_script_prefix("/hub/")
            response = client.get("/admin/users/", SCRIPT_NAME="/hub")
        finally:
            clear_script_prefix()
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == "/hub" + reverse("mfa_reauthenticate")


class TestSignInFormsOfDependencies:
    @pytest.mark.parametrize(
        "path",
        [
            "/_util/login/",
            "/_util/authenticate_with_password/1/1/",
            "/documents/authenticate_with_password/1/",
            "/admin/login/",
        ],
    )
    def test_send_everyone_to_allauth_and_sign_nobody_in(self, client, totp_user, path):
        manager = make_person(role=Role.SAB_MANAGER)
        totp_user(manager)
        for _ in range(3):
            response = client.post(
                path, {"username": manager.email, "password": PASSWORD, "next": "/admin/"}
            )
            assert response.status_code == 302
            assert urlsplit(response["Location"]).path == reverse("account_login")
            assert SESSION_KEY not in client.session

    def test_keep_a_safe_next_and_drop_an_offsite_one(self, client):
        assert client.get("/_util/login/?next=/briefings/")["Location"] == (
            reverse("account_login") + "?next=%2Fbriefings%2F"
        )
        assert client.get("/_util/login/?next=https://evil.example/")["Location"] == (
            reverse("account_login")
        )

    def test_page_privacy_offers_no_shared_password(self):
        every_option = [value for value, _ in PageViewRestriction.RESTRICTION_CHOICES]
        form = PageViewRestrictionForm(private_page_options=every_option)
        offered = [value for value, _ in form.fields["restriction_type"].choices]
        assert PageViewRestriction.PASSWORD not in offered
        assert PageViewRestriction.LOGIN in offered
        assert "password" not in form.fields


def sso_session(client: HubClient, user, provider_id: str) -> None:
    """Signed in through single sign-on with the given provider, and nothing else."""
    client.force_login_without_second_factor(user)
    request = HttpRequest()
    request.session = client.session
    request.session.pop(AUTHENTICATION_METHODS_SESSION_KEY)
    record_authentication(request, user, "socialaccount", provider=provider_id, uid="x")
    request.session.save()


def add_provider(provider_id: str, *, enforces_mfa: bool) -> SocialApp:
    return SocialApp.objects.create(
        provider="openid_connect",
        provider_id=provider_id,
        name=provider_id,
        client_id="client",
        secret="secret",
        settings={"server_url": "https://idp.example", "hub_enforces_mfa": enforces_mfa},
    )


class TestSingleSignOn:
    def test_a_provider_that_enforces_mfa_counts_as_the_second_factor(self, client):
        add_provider("council-entra", enforces_mfa=True)
        manager = make_person(role=Role.SAB_MANAGER)
        sso_session(client, manager, "council-entra")
        response = client.get("/admin/")
        assert response.status_code == 200

    def test_a_provider_that_does_not_is_no_second_factor(self, client, totp_user):
        add_provider("charity-google", enforces_mfa=False)
        manager = make_person(role=Role.SAB_MANAGER)
        sso_session(client, manager, "charity-google")
        assert client.get("/admin/")["Location"].startswith(reverse("mfa_activate_totp"))
        totp_user(manager)
        assert_sent_to_second_factor(client.get("/admin/"), "/admin/")

    def test_an_unknown_provider_is_no_second_factor(self, client):
        manager = make_person(role=Role.SAB_MANAGER)
        sso_session(client, manager, "gone-provider")
        assert client.get("/admin/")["Location"].startswith(reverse("mfa_activate_totp"))

    def test_a_provider_configured_by_environment_says_so_in_its_settings(self, client):
        apps = [
            {
                "provider_id": "env-entra",
                "name": "Council staff",
                "client_id": "client",
                "secret": "secret",
                "settings": {"server_url": "https://idp.example", "hub_enforces_mfa": True},
            }
        ]
        manager = make_person(role=Role.SAB_MANAGER)
        with override_settings(SOCIALACCOUNT_PROVIDERS={"openid_connect": {"APPS": apps}}):
            sso_session(client, manager, "env-entra")
            assert client.get("/admin/").status_code == 200

    def test_the_admin_form_records_whether_the_provider_enforces_mfa(
        self, client, sign_in_with_mfa, monkeypatch
    ):
        from learning.accounts import sso_check

        # Saving checks the provider's discovery document; stand in for Microsoft's.
        monkeypatch.setattr(sso_check, "fetch_discovery", lambda server_url, **_: {})
        sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
        response = client.post(
            "/admin/identity-providers/new/",
            {
                "name": "Northmoor Council staff",
                "provider_id": "northmoor-entra",
                "server_url": "https://login.microsoftonline.com/tenant/v2.0",
                "client_id": "client",
                "secret": "secret",
                "enforces_mfa": "on",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert SocialApp.objects.get().settings["hub_enforces_mfa"] is True


def test_a_signed_in_person_without_admin_access_is_told_so_not_sent_round_in_circles(
    client,
):
    """Wagtail sends them to its sign-in address; allauth's sign-in would send a signed-in
    person straight back to the admin, and so on until the browser gives up."""
    client.force_login(make_person(role=Role.PRACTITIONER))
    response = client.get("/admin/organisations/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1
    assert "You do not have access to this page" in response.content.decode()
