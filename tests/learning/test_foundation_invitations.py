"""Invitations made in the Wagtail admin are checked and emailed like any other."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from learning.models import Invitation
from learning.roles import Role
from tests.factories import OrganisationFactory, TeamFactory, make_person

pytestmark = pytest.mark.django_db

ADD = "/admin/invitations/new/"


@pytest.fixture
def site_admin(sign_in_with_mfa):
    return sign_in_with_mfa(Role.SITE_ADMINISTRATOR)


class TestInvitationClean:
    def test_team_must_belong_to_the_organisation(self):
        invitation = Invitation(
            email="kim@x.example",
            organisation=OrganisationFactory(),
            team=TeamFactory(),
            invited_by=make_person(),
        )
        with pytest.raises(ValidationError) as error:
            invitation.full_clean()
        assert set(error.value.message_dict) == {"team"}

    def test_team_of_the_organisation_is_accepted_and_email_lower_cased(self):
        team = TeamFactory()
        invitation = Invitation(
            email="Kim@X.Example",
            organisation=team.organisation,
            team=team,
            invited_by=make_person(),
        )
        invitation.full_clean()
        assert invitation.email == "kim@x.example"

    def test_someone_with_an_account_is_not_invited(self):
        person = make_person()
        invitation = Invitation(
            email=person.email.upper(),
            organisation=person.profile.organisation,
            invited_by=make_person(),
        )
        with pytest.raises(ValidationError) as error:
            invitation.full_clean()
        assert set(error.value.message_dict) == {"email"}

    def test_a_new_invitation_cannot_already_have_expired(self):
        invitation = Invitation(
            email="kim@x.example",
            organisation=OrganisationFactory(),
            expires_at=timezone.now() - timedelta(days=1),
            invited_by=make_person(),
        )
        with pytest.raises(ValidationError) as error:
            invitation.full_clean()
        assert set(error.value.message_dict) == {"expires_at"}


def test_admin_invitation_is_emailed_with_its_link(client, site_admin):
    team = TeamFactory()
    response = client.post(
        ADD,
        {
            "email": "Kim@Personal.example",
            "organisation": team.organisation.pk,
            "team": team.pk,
            "role": Role.SUPERVISOR.value,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    invitation = Invitation.objects.get()
    assert invitation.email == "kim@personal.example"
    assert invitation.invited_by == site_admin
    assert (invitation.team, invitation.role) == (team, Role.SUPERVISOR.value)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kim@personal.example"]
    link = reverse("invitation_accept", kwargs={"token": invitation.token})
    assert f"http://testserver{link}" in mail.outbox[0].body
    # The link works for the invitee.
    client.logout()
    assert client.get(link).status_code == 200


def test_admin_invitation_with_another_organisations_team_is_refused(client, site_admin):
    response = client.post(
        ADD,
        {
            "email": "kim@personal.example",
            "organisation": OrganisationFactory().pk,
            "team": TeamFactory().pk,
            "role": Role.PRACTITIONER.value,
        },
    )
    assert response.status_code == 200
    assert "Choose a team in the invitation" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_address_of_a_sent_invitation_cannot_be_changed(client, totp_user):
    # Only a superuser may edit an invitation at all (administrators hold no
    # change_invitation): even then the emailed address stays as sent.
    from learning.models import User

    root = User.objects.create_superuser("root@example.org", "root-password-123")
    totp_user(root)
    client.force_login(root)
    team = TeamFactory()
    client.post(
        ADD,
        {"email": "kim@x.example", "organisation": team.organisation.pk, "role": "Practitioner"},
    )
    invitation = Invitation.objects.get()
    response = client.get(f"/admin/invitations/edit/{invitation.pk}/")
    assert response.status_code == 200
    assert "email" not in response.context["form"].fields
    assert "expires_at" in response.context["form"].fields
