"""Joining, signing in, MFA for privileged roles and the closed admin sign-in."""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.urls import reverse

from learning.models import Invitation, User
from learning.roles import Role, roles_of
from tests.factories import PASSWORD, OrganisationDomainFactory, TeamFactory, make_person

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"


def signup_data(email: str, **overrides) -> dict:
    data = {
        "first_name": "Robin",
        "last_name": "Ashby",
        "email": email,
        "job_title": "Occupational therapist",
        "password1": "a-long-unusual-passphrase",
        "password2": "a-long-unusual-passphrase",
    }
    data.update(overrides)
    return data


class TestSignUpByDomain:
    def test_registered_domain_joins_that_organisation_as_practitioner(self, client):
        domain = OrganisationDomainFactory(domain="kellmouth.example")
        response = client.post(SIGNUP, signup_data("robin@Kellmouth.example"))
        assert response.status_code == 302
        user = User.objects.get(email="robin@kellmouth.example")
        assert user.profile.organisation == domain.organisation
        assert user.profile.job_title == "Occupational therapist"
        assert roles_of(user) == {Role.PRACTITIONER}

    def test_email_verification_is_required_before_sign_in(self, client):
        OrganisationDomainFactory(domain="kellmouth.example")
        response = client.post(SIGNUP, signup_data("robin@kellmouth.example"))
        assert response["Location"] == reverse("account_email_verification_sent")
        assert SESSION_KEY not in client.session
        assert len(mail.outbox) == 1
        assert "robin@kellmouth.example" in mail.outbox[0].to

    def test_unregistered_domain_is_refused_with_a_clear_message(self, client):
        OrganisationDomainFactory(domain="kellmouth.example")
        response = client.post(SIGNUP, signup_data("someone@gmail.example"))
        assert response.status_code == 200
        assert "ask your organisation" in response.content.decode()
        assert not User.objects.filter(email="someone@gmail.example").exists()

    def test_sign_up_is_closed_when_no_domain_is_registered(self, client):
        response = client.get(SIGNUP)
        assert "account/signup_closed.html" in [t.name for t in response.templates]
        client.post(SIGNUP, signup_data("someone@anywhere.example"))
        assert not User.objects.filter(email="someone@anywhere.example").exists()


class TestInvitations:
    def test_organisation_lead_invites_into_their_own_organisation_only(self, client, totp_user):
        team = TeamFactory()
        lead = make_person(role=Role.ORGANISATION_LEAD, organisation=team.organisation)
        totp_user(lead)
        client.force_login(lead)
        response = client.get(reverse("invitation_list_create"))
        assert response.status_code == 200
        assert list(response.context["form"].fields["organisation"].queryset) == [team.organisation]
        other_team = TeamFactory()
        response = client.post(
            reverse("invitation_list_create"),
            {
                "email": "new@x.example",
                "organisation": other_team.organisation.pk,
                "role": Role.PRACTITIONER.value,
            },
        )
        assert response.status_code == 400
        assert not Invitation.objects.exists()

    def test_practitioner_cannot_invite(self, client):
        client.force_login(make_person(role=Role.PRACTITIONER))
        assert client.get(reverse("invitation_list_create")).status_code == 404

    def test_invitation_flow_creates_a_verified_member_of_the_team(self, client, totp_user):
        team = TeamFactory()
        lead = make_person(role=Role.ORGANISATION_LEAD, organisation=team.organisation)
        totp_user(lead)
        client.force_login(lead)
        response = client.post(
            reverse("invitation_list_create"),
            {
                "email": "Kim@Personal.example",
                "organisation": team.organisation.pk,
                "team": team.pk,
                "role": Role.SUPERVISOR.value,
            },
        )
        assert response.status_code == 302
        invitation = Invitation.objects.get()
        assert invitation.email == "kim@personal.example"
        assert len(mail.outbox) == 1
        link = reverse("invitation_accept", kwargs={"token": invitation.token})
        assert link in mail.outbox[0].body
        client.logout()

        response = client.get(link)
        assert response.status_code == 200
        # The invitation fixes the address, whatever its domain.
        wrong = client.post(SIGNUP, signup_data("someone.else@personal.example"))
        assert "Use the address your invitation was sent to" in wrong.content.decode()
        response = client.post(SIGNUP, signup_data("kim@personal.example"))
        assert response.status_code == 302
        user = User.objects.get(email="kim@personal.example")
        assert user.profile.organisation == team.organisation
        assert user.profile.team == team
        assert roles_of(user) == {Role.SUPERVISOR}
        # The emailed link proved the address, so the new member is signed straight in.
        assert client.session[SESSION_KEY] == str(user.pk)
        invitation.refresh_from_db()
        assert invitation.accepted_by == user
        assert client.get(link).status_code == 404

    def test_unknown_invitation_token_gets_a_404_page(self, client):
        response = client.get(reverse("invitation_accept", kwargs={"token": "not-a-token"}))
        assert response.status_code == 404
        assert "cannot be used" in response.content.decode()


class TestMFA:
    @pytest.mark.parametrize(
        "role", [Role.SAB_MANAGER, Role.ORGANISATION_LEAD, Role.SITE_ADMINISTRATOR]
    )
    def test_privileged_role_without_mfa_is_sent_to_set_it_up(self, client, role):
        client.force_login(make_person(role=role))
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("mfa_activate_totp"))

    def test_manager_with_mfa_reaches_the_admin(self, client, totp_user):
        manager = make_person(role=Role.SAB_MANAGER)
        totp_user(manager)
        client.force_login(manager)
        assert client.get("/admin/").status_code == 200

    def test_practitioner_is_not_asked_for_mfa_and_cannot_reach_admin(self, client):
        client.force_login(make_person(role=Role.PRACTITIONER))
        response = client.get("/admin/")
        assert response.status_code == 302
        assert not response["Location"].startswith(reverse("mfa_activate_totp"))

    def test_sign_in_asks_an_enrolled_manager_for_a_code(self, client, totp_user):
        manager = make_person(role=Role.SAB_MANAGER)
        code = totp_user(manager)
        response = client.post(
            reverse("account_login"), {"login": manager.email, "password": PASSWORD}
        )
        assert response["Location"] == reverse("mfa_authenticate")
        assert SESSION_KEY not in client.session
        response = client.post(reverse("mfa_authenticate"), {"code": code()})
        assert response["Location"] == reverse("wagtailadmin_home")
        assert client.session[SESSION_KEY] == str(manager.pk)


class TestSignIn:
    def test_practitioner_lands_on_the_home_page(self, client):
        user = make_person()
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )
        assert response["Location"] == "/"

    def test_failed_sign_ins_are_rate_limited(self, client):
        user = make_person()
        for _ in range(5):
            response = client.post(
                reverse("account_login"), {"login": user.email, "password": "wrong-password"}
            )
            assert "Too many failed" not in response.content.decode()
        response = client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )
        assert "Too many failed" in response.content.decode()
        assert SESSION_KEY not in client.session

    def test_lockout_holds_whatever_port_the_host_header_names(self, client):
        # ALLOWED_HOSTS ignores the port, so a client can vary it at will; allauth's own
        # key included it, giving each port five fresh attempts.
        user = make_person()
        for port in range(1, 6):
            client.post(
                reverse("account_login"),
                {"login": user.email.upper(), "password": "wrong-password"},
                headers={"host": f"testserver:{port}"},
            )
        response = client.post(
            reverse("account_login"),
            {"login": user.email, "password": PASSWORD},
            headers={"host": "testserver:6"},
        )
        assert "Too many failed" in response.content.decode()
        assert SESSION_KEY not in client.session

    def test_deactivated_person_cannot_sign_in(self, client):
        user = make_person()
        user.is_active = False
        user.save()
        client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
        assert SESSION_KEY not in client.session


class TestWagtailSignInIsClosed:
    def test_posting_valid_credentials_to_wagtail_login_signs_nobody_in(self, client, totp_user):
        manager = make_person(role=Role.SAB_MANAGER)
        totp_user(manager)
        response = client.post("/admin/login/", {"username": manager.email, "password": PASSWORD})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert SESSION_KEY not in client.session

    def test_admin_sends_anonymous_visitors_to_allauth(self, client):
        response = client.get("/admin/", follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("account_login"))

    def test_wagtail_login_redirect_ignores_offsite_next(self, client):
        response = client.get("/admin/login/?next=https://evil.example/")
        assert "evil.example" not in response["Location"]
