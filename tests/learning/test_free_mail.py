"""Who can join: public email services (Gmail and the like) are never an organisation's
domain, never match at sign-up, and an invitation to such an address waits for a site
administrator's confirmation before it is sent."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from learning import permissions
from learning.accounts import membership
from learning.accounts.adapter import SocialAccountAdapter
from learning.accounts.free_mail import is_free_mail_address, is_free_mail_domain
from learning.models import (
    Invitation,
    InvitationConfirmation,
    Organisation,
    OrganisationDomain,
    User,
)
from learning.roles import Role
from tests.factories import OrganisationDomainFactory, OrganisationFactory, make_person

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"
ORGANISATION_ADD = "/admin/organisations/new/"
INVITATION_ADD = "/admin/invitations/new/"
INVITATIONS = "/admin/invitations/"
PUBLIC_DOMAINS = ["gmail.com", "GMAIL.COM.", " Gmail.com ", "mail.gmail.com", "outlook.com"]
LOCAL_ADDITION = override_settings(HUB_EXTRA_FREE_MAIL_DOMAINS=["Mail.Kellmouth-Web.example."])


def review_url(invitation: Invitation) -> str:
    return reverse("invitations:review", args=[invitation.pk])


def accept_url(invitation: Invitation) -> str:
    return reverse("invitation_accept", kwargs={"token": invitation.token})


def signup_data(email: str) -> dict:
    return {
        "first_name": "Kim",
        "last_name": "Ashby",
        "email": email,
        "job_title": "Care worker",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
    }


def awaiting_invitation(email: str = "kim@gmail.com") -> Invitation:
    """An organisation lead's invitation to a personal address, made as the hub makes it."""
    lead = make_person(role=Role.ORGANISATION_LEAD)
    return membership.invitation_create(
        invited_by=lead,
        email=email,
        organisation=lead.profile.organisation,
        accept_url_base="http://testserver/",
    )


def organisation_form(domain: str) -> dict:
    return {
        "name": "Kellmouth Housing",
        "type": "housing",
        "retention_years": "6",
        "domains-TOTAL_FORMS": "1",
        "domains-INITIAL_FORMS": "0",
        "domains-MIN_NUM_FORMS": "0",
        "domains-MAX_NUM_FORMS": "1000",
        "domains-0-domain": domain,
        "domains-0-ORDER": "1",
    }


@pytest.fixture
def site_admin(sign_in_with_mfa):
    return sign_in_with_mfa(Role.SITE_ADMINISTRATOR)


# --- The one rule ---------------------------------------------------------------------


class TestIsFreeMailDomain:
    @pytest.mark.parametrize("domain", [*PUBLIC_DOMAINS, "@hotmail.co.uk", "googlemail.com"])
    def test_public_services_and_their_subdomains(self, domain):
        assert is_free_mail_domain(domain)

    @pytest.mark.parametrize(
        "domain",
        ["northmoor.gov.uk", "nhs.net", "notgmail.com", "gmail.com.northmoor.gov.uk", "", "."],
    )
    def test_organisations_own_domains(self, domain):
        assert not is_free_mail_domain(domain)

    @pytest.mark.parametrize(
        "domain",
        [
            "\uff47\uff4d\uff41\uff49\uff4c.com",  # gmail in full-width letters
            "gmail.com\u200b",  # with a zero-width space
            "\uff28\uff2f\uff34\uff2d\uff21\uff29\uff2c.co.uk",  # HOTMAIL, full-width
        ],
    )
    def test_spellings_a_mail_server_folds_to_a_public_service(self, domain):
        assert is_free_mail_domain(domain)

    def test_addresses(self):
        assert is_free_mail_address("Kim@GMail.com")
        assert not is_free_mail_address("kim@northmoor.gov.uk")
        assert not is_free_mail_address("not an address")

    def test_local_additions_from_settings(self):
        assert not is_free_mail_domain("mail.kellmouth-web.example")
        with LOCAL_ADDITION:
            assert is_free_mail_domain("mail.kellmouth-web.example")
            assert is_free_mail_domain("uk.mail.kellmouth-web.example")
            assert not is_free_mail_domain("kellmouth-web.example")


# --- Organisations' domains -----------------------------------------------------------


class TestOrganisationDomainModel:
    @pytest.mark.parametrize("domain", PUBLIC_DOMAINS)
    def test_public_service_is_refused_on_the_field(self, domain):
        row = OrganisationDomain(organisation=OrganisationFactory(), domain=domain)
        with pytest.raises(ValidationError) as error:
            row.full_clean()
        assert set(error.value.message_dict) == {"domain"}
        assert "public email service" in error.value.message_dict["domain"][0]

    def test_local_addition_is_refused(self):
        row = OrganisationDomain(
            organisation=OrganisationFactory(), domain="mail.kellmouth-web.example"
        )
        with LOCAL_ADDITION, pytest.raises(ValidationError):
            row.full_clean()

    @pytest.mark.parametrize(
        ("entered", "stored"),
        [("northmoor.gov.uk", "northmoor.gov.uk"), (" NHS.net. ", "nhs.net")],
    )
    def test_organisations_own_domain_is_accepted_and_normalised(self, entered, stored):
        row = OrganisationDomain(organisation=OrganisationFactory(), domain=entered)
        row.full_clean()
        assert row.domain == stored


class TestOrganisationDomainInTheAdmin:
    @pytest.mark.parametrize("domain", PUBLIC_DOMAINS)
    def test_public_service_gets_a_message_on_the_field(self, client, site_admin, domain):
        response = client.post(ORGANISATION_ADD, organisation_form(domain))
        assert response.status_code == 200
        assert "is a public email service" in response.content.decode()
        assert not Organisation.objects.filter(name="Kellmouth Housing").exists()

    def test_local_addition_gets_the_message_too(self, client, site_admin):
        with LOCAL_ADDITION:
            response = client.post(
                ORGANISATION_ADD, organisation_form("mail.kellmouth-web.example")
            )
        assert response.status_code == 200
        assert "is a public email service" in response.content.decode()
        assert not OrganisationDomain.objects.exists()

    @pytest.mark.parametrize("domain", ["northmoor.gov.uk", "NHS.net."])
    def test_organisations_own_domain_is_saved(self, client, site_admin, domain):
        response = client.post(ORGANISATION_ADD, organisation_form(domain))
        assert response.status_code == 302, response.content.decode()[:2000]
        assert OrganisationDomain.objects.get().domain == domain.lower().rstrip(".")


# --- Sign-up, including rows saved before public services were refused ---------------


class TestSignUp:
    def test_gmail_address_is_refused_even_with_a_gmail_row_from_before(self, client):
        # Saved without validation, as an older version of the hub allowed.
        OrganisationDomainFactory(domain="gmail.com")
        response = client.post(SIGNUP, signup_data("someone@gmail.com"))
        assert response.status_code == 200
        assert "You cannot join with a personal email address" in response.content.decode()
        assert not User.objects.filter(email="someone@gmail.com").exists()

    def test_matching_ignores_public_rows_from_before(self):
        OrganisationDomainFactory(domain="gmail.com")
        OrganisationDomainFactory(domain="mail.gmail.com")
        assert membership.organisation_for_email("someone@gmail.com") is None
        assert membership.organisation_for_email("someone@Mail.GMail.com") is None

    def test_work_address_still_joins(self, client):
        domain = OrganisationDomainFactory(domain="northmoor.gov.uk")
        assert membership.organisation_for_email("kim@Northmoor.gov.uk") == domain.organisation

    def test_single_sign_on_is_closed_to_public_addresses(self):
        OrganisationDomainFactory(domain="gmail.com")
        OrganisationDomainFactory(domain="northmoor.gov.uk")
        adapter = SocialAccountAdapter()
        request = RequestFactory().get("/")

        def sociallogin(email: str) -> SimpleNamespace:
            return SimpleNamespace(user=SimpleNamespace(email=email))

        assert not adapter.is_open_for_signup(request, sociallogin("kim@gmail.com"))
        assert adapter.is_open_for_signup(request, sociallogin("kim@northmoor.gov.uk"))


# --- Invitations to personal addresses -----------------------------------------------


class TestLeadInvitesAPersonalAddress:
    def test_it_is_kept_unsent_and_cannot_be_used(self, client, sign_in_with_mfa):
        lead = sign_in_with_mfa(Role.ORGANISATION_LEAD)
        response = client.post(
            reverse("invitation_list_create"),
            {
                "email": "Kim@GMail.com",
                "organisation": lead.profile.organisation.pk,
                "role": Role.PRACTITIONER.value,
            },
            follow=True,
        )
        page = response.content.decode()
        assert "needs a site administrator to confirm it before it is sent" in page
        assert "Awaiting confirmation" in page
        invitation = Invitation.objects.get()
        assert invitation.email == "kim@gmail.com"
        assert invitation.confirmation == InvitationConfirmation.AWAITING
        assert invitation.decided_by is None
        assert mail.outbox == []
        assert membership.usable_invitation(invitation.token) is None

        client.logout()
        response = client.get(accept_url(invitation))
        assert response.status_code == 404
        assert "cannot be used" in response.content.decode()
        response = client.post(SIGNUP, signup_data("kim@gmail.com"))
        assert not User.objects.filter(email="kim@gmail.com").exists()

    def test_a_work_address_is_sent_straight_away(self, client, sign_in_with_mfa):
        lead = sign_in_with_mfa(Role.ORGANISATION_LEAD)
        client.post(
            reverse("invitation_list_create"),
            {
                "email": "kim@northmoor.gov.uk",
                "organisation": lead.profile.organisation.pk,
                "role": Role.PRACTITIONER.value,
            },
        )
        invitation = Invitation.objects.get()
        assert invitation.confirmation == InvitationConfirmation.NOT_NEEDED
        assert len(mail.outbox) == 1

    def test_a_lead_has_no_box_to_confirm_it_themselves(self, client, sign_in_with_mfa):
        lead = sign_in_with_mfa(Role.ORGANISATION_LEAD)
        client.post(
            reverse("invitation_list_create"),
            {
                "email": "kim@gmail.com",
                "organisation": lead.profile.organisation.pk,
                "role": Role.PRACTITIONER.value,
                "personal_address_checked": "on",
            },
        )
        assert Invitation.objects.get().confirmation == InvitationConfirmation.AWAITING
        assert mail.outbox == []


class TestAdministratorDecides:
    def test_admin_sees_it_in_the_listing_and_on_the_dashboard(self, client, site_admin):
        invitation = awaiting_invitation()
        response = client.get(INVITATIONS + "?confirmation=awaiting")
        page = response.content.decode()
        assert response.status_code == 200
        assert "kim@gmail.com" in page
        assert "Awaiting confirmation" in page
        assert review_url(invitation) in page
        dashboard = client.get("/admin/").content.decode()
        assert "Invitations awaiting your confirmation (1)" in dashboard
        assert review_url(invitation) in dashboard

    def test_confirming_sends_it_and_makes_it_usable(self, client, site_admin):
        invitation = awaiting_invitation()
        assert client.get(review_url(invitation)).status_code == 200
        # The box is required: the administrator vouches for the address.
        response = client.post(review_url(invitation), {"decision": "confirm"})
        assert response.status_code == 400
        assert mail.outbox == []

        before = timezone.now()
        response = client.post(
            review_url(invitation), {"decision": "confirm", "personal_address_checked": "on"}
        )
        assert response.status_code == 302
        invitation.refresh_from_db()
        assert invitation.confirmation == InvitationConfirmation.CONFIRMED
        assert invitation.decided_by == site_admin
        assert invitation.decided_at >= before
        assert invitation.expires_at >= before + timedelta(days=13)
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["kim@gmail.com"]
        assert f"http://testserver{accept_url(invitation)}" in mail.outbox[0].body

        client.logout()
        assert client.get(accept_url(invitation)).status_code == 200
        response = client.post(SIGNUP, signup_data("kim@gmail.com"))
        assert response.status_code == 302
        user = User.objects.get(email="kim@gmail.com")
        assert user.profile.organisation == invitation.organisation
        assert client.session[SESSION_KEY] == str(user.pk)

    def test_declining_means_it_is_never_sent(self, client, site_admin):
        invitation = awaiting_invitation()
        response = client.post(review_url(invitation), {"decision": "decline"})
        assert response.status_code == 302
        invitation.refresh_from_db()
        assert invitation.confirmation == InvitationConfirmation.DECLINED
        assert invitation.decided_by == site_admin
        assert mail.outbox == []
        # A declined invitation cannot be confirmed afterwards.
        client.post(
            review_url(invitation), {"decision": "confirm", "personal_address_checked": "on"}
        )
        invitation.refresh_from_db()
        assert invitation.confirmation == InvitationConfirmation.DECLINED
        assert mail.outbox == []
        client.logout()
        assert client.get(accept_url(invitation)).status_code == 404

    def test_the_lead_sees_it_declined(self, client, sign_in_with_mfa):
        lead = sign_in_with_mfa(Role.ORGANISATION_LEAD)
        invitation = membership.invitation_create(
            invited_by=lead,
            email="kim@gmail.com",
            organisation=lead.profile.organisation,
            accept_url_base="http://testserver/",
        )
        admin = make_person(role=Role.SITE_ADMINISTRATOR)
        membership.invitation_decline(invitation, declined_by=admin)
        page = client.get(reverse("invitation_list_create")).content.decode()
        assert "Declined" in page

    def test_confirming_is_refused_once_the_address_has_an_account(self, client, site_admin):
        invitation = awaiting_invitation()
        make_person(email="kim@gmail.com")
        client.post(
            review_url(invitation), {"decision": "confirm", "personal_address_checked": "on"}
        )
        invitation.refresh_from_db()
        assert invitation.confirmation == InvitationConfirmation.AWAITING
        assert mail.outbox == []

    def test_confirming_needs_the_csrf_token(self, site_admin, client):
        invitation = awaiting_invitation()
        strict = Client(enforce_csrf_checks=True)
        strict.cookies = client.cookies  # the administrator's signed-in session
        response = strict.post(
            review_url(invitation), {"decision": "confirm", "personal_address_checked": "on"}
        )
        assert response.status_code == 403
        invitation.refresh_from_db()
        assert invitation.confirmation == InvitationConfirmation.AWAITING
        assert mail.outbox == []

    def test_opening_the_page_changes_nothing(self, client, site_admin):
        invitation = awaiting_invitation()
        client.get(review_url(invitation) + "?decision=confirm&personal_address_checked=on")
        invitation.refresh_from_db()
        assert invitation.confirmation == InvitationConfirmation.AWAITING
        assert mail.outbox == []


@pytest.mark.parametrize(
    "role", [Role.SAB_MANAGER, Role.SAB_EDITOR, Role.ORGANISATION_LEAD, Role.SUPERVISOR]
)
def test_nobody_else_can_confirm_or_decline(client, sign_in_with_mfa, role):
    invitation = awaiting_invitation()
    sign_in_with_mfa(role)
    for decision in ("confirm", "decline"):
        response = client.post(
            review_url(invitation), {"decision": decision, "personal_address_checked": "on"}
        )
        # Inside the admin: not found. Outside it: sent away by the admin's own guard.
        assert response.status_code in (302, 403, 404)
        if response.status_code == 302:
            assert not response["Location"].startswith(INVITATIONS)
    invitation.refresh_from_db()
    assert invitation.confirmation == InvitationConfirmation.AWAITING
    assert invitation.decided_by is None
    assert mail.outbox == []


def test_sab_manager_gets_a_404(client, sign_in_with_mfa):
    invitation = awaiting_invitation()
    sign_in_with_mfa(Role.SAB_MANAGER)
    assert client.get(review_url(invitation)).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client):
    invitation = awaiting_invitation()
    response = client.post(review_url(invitation), {"decision": "decline"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.confirmation == InvitationConfirmation.AWAITING


@pytest.mark.parametrize("role", list(Role))
def test_only_site_administrators_may_confirm(role):
    assert permissions.can_confirm_invitations(make_person(role=role)) == (
        role == Role.SITE_ADMINISTRATOR
    )


def test_the_services_check_the_permission_too():
    invitation = awaiting_invitation()
    manager = make_person(role=Role.SAB_MANAGER)
    with pytest.raises(PermissionDenied):
        membership.invitation_confirm(
            invitation, confirmed_by=manager, accept_url_base="http://testserver/"
        )
    with pytest.raises(PermissionDenied):
        membership.invitation_decline(invitation, declined_by=manager)
    assert mail.outbox == []


class TestAdministratorInvitesAPersonalAddress:
    def form(self, **extra) -> dict:
        organisation = OrganisationFactory()
        return {
            "email": "Kim@Gmail.com",
            "organisation": organisation.pk,
            "role": Role.PRACTITIONER.value,
            **extra,
        }

    def test_the_box_is_required(self, client, site_admin):
        response = client.post(INVITATION_ADD, self.form())
        assert response.status_code == 200
        assert "tick the box to confirm" in response.content.decode()
        assert not Invitation.objects.exists()
        assert mail.outbox == []

    def test_ticking_it_confirms_and_sends(self, client, site_admin):
        response = client.post(INVITATION_ADD, self.form(personal_address_checked="on"))
        assert response.status_code == 302, response.content.decode()[:3000]
        invitation = Invitation.objects.get()
        assert invitation.confirmation == InvitationConfirmation.CONFIRMED
        assert invitation.decided_by == site_admin
        assert invitation.decided_at is not None
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["kim@gmail.com"]
        client.logout()
        assert client.get(accept_url(invitation)).status_code == 200

    def test_a_work_address_needs_no_box(self, client, site_admin):
        response = client.post(INVITATION_ADD, self.form(email="kim@northmoor.gov.uk"))
        assert response.status_code == 302
        assert Invitation.objects.get().confirmation == InvitationConfirmation.NOT_NEEDED
        assert len(mail.outbox) == 1

    def test_from_the_front_end_invitation_page_too(self, client, site_admin):
        organisation = OrganisationFactory()
        data = {
            "email": "kim@gmail.com",
            "organisation": organisation.pk,
            "role": Role.PRACTITIONER.value,
        }
        response = client.post(reverse("invitation_list_create"), data)
        assert response.status_code == 400
        assert not Invitation.objects.exists()
        response = client.post(
            reverse("invitation_list_create"), {**data, "personal_address_checked": "on"}
        )
        assert response.status_code == 302
        assert Invitation.objects.get().confirmation == InvitationConfirmation.CONFIRMED
        assert len(mail.outbox) == 1


def test_who_confirmed_is_shown_but_never_the_token(client, site_admin):
    invitation = awaiting_invitation()
    membership.invitation_confirm(
        invitation, confirmed_by=site_admin, accept_url_base="http://testserver/"
    )
    response = client.get(f"{INVITATIONS}inspect/{invitation.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Confirmed or declined by" in page
    assert str(site_admin) in page
    assert invitation.token not in page


def test_a_full_width_spelling_of_a_public_service_still_waits_for_confirmation():
    invitation = awaiting_invitation("kim@\uff47\uff4d\uff41\uff49\uff4c.com")
    assert invitation.confirmation == InvitationConfirmation.AWAITING
    assert not mail.outbox
