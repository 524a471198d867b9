"""One address, one open invitation; an invitation can be resent and withdrawn by its
organisation's lead (and in the admin), and its link says why it no longer works."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from learning.accounts import membership
from learning.models import Invitation
from learning.roles import Role
from tests.factories import OrganisationFactory, TeamFactory, make_person

pytestmark = pytest.mark.django_db

PEOPLE = "/organisation/people/"
SINGLE = "/accounts/invitations/"
KIM = "kim@northmoor.example"


def resend_url(pk: int) -> str:
    return f"/organisation/people/invitations/{pk}/resend/"


def withdraw_url(pk: int) -> str:
    return f"/organisation/people/invitations/{pk}/withdraw/"


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Northmoor Council")


@pytest.fixture
def lead(client, totp_user, organisation):
    user = make_person(role=Role.ORGANISATION_LEAD, organisation=organisation)
    totp_user(user)
    client.force_login(user)
    return user


def invite(lead, organisation, email="kim@northmoor.example", role=Role.PRACTITIONER, team=None):
    return membership.invitation_create(
        invited_by=lead,
        email=email,
        organisation=organisation,
        team=team,
        role=role,
        accept_url_base="http://testserver/",
    )


def open_count(email: str) -> int:
    return membership.open_invitations(email).count()


class TestOneOpenInvitationPerAddress:
    def test_same_role_again_is_refused_with_a_clear_message(self, lead, organisation):
        invite(lead, organisation)
        with pytest.raises(ValidationError, match=r"already invited on .*Resend"):
            invite(lead, organisation)
        assert open_count("kim@northmoor.example") == 1

    def test_another_role_from_the_same_organisation_replaces_the_first(self, lead, organisation):
        first = invite(lead, organisation)
        second = invite(lead, organisation, role=Role.SUPERVISOR)
        first.refresh_from_db()
        assert first.revoked_at is not None and first.revoked_by == lead
        assert list(membership.open_invitations("kim@northmoor.example")) == [second]
        assert membership.usable_invitation(first.token) is None

    def test_another_organisations_open_invitation_is_refused_without_naming_it(
        self, lead, organisation
    ):
        other_lead = make_person(role=Role.ORGANISATION_LEAD)
        invite(other_lead, other_lead.profile.organisation)
        with pytest.raises(ValidationError) as refused:
            invite(lead, organisation, role=Role.SUPERVISOR)
        assert "another organisation" in refused.value.messages[0]
        assert str(other_lead.profile.organisation) not in refused.value.messages[0]

    def test_a_withdrawn_or_expired_invitation_does_not_block_a_new_one(self, lead, organisation):
        first = invite(lead, organisation)
        membership.invitation_withdraw(first, withdrawn_by=lead)
        second = invite(lead, organisation)
        Invitation.objects.filter(pk=second.pk).update(
            expires_at=timezone.now() - timedelta(days=1)
        )
        invite(lead, organisation)
        assert open_count("kim@northmoor.example") == 1

    def test_the_lead_is_told_when_an_invitation_replaces_another(self, client, lead, organisation):
        invite(lead, organisation)
        response = client.post(
            SINGLE,
            {"email": KIM, "organisation": organisation.pk, "role": "Supervisor"},
            follow=True,
        )
        page = response.content.decode()
        assert f"Invitation sent to {KIM}." in page
        assert "replaces the earlier invitation to this address" in page

    def test_a_first_invitation_says_nothing_of_replacing(self, client, lead, organisation):
        response = client.post(
            SINGLE,
            {"email": KIM, "organisation": organisation.pk, "role": "Practitioner"},
            follow=True,
        )
        assert "replaces the earlier invitation" not in response.content.decode()

    def test_the_leads_form_shows_the_refusal(self, client, lead, organisation):
        invite(lead, organisation)
        response = client.post(
            SINGLE,
            {"email": KIM, "organisation": organisation.pk, "role": "Practitioner"},
        )
        assert response.status_code == 400
        assert "already invited on" in response.content.decode()

    def test_the_admin_form_shows_the_refusal(self, client, sign_in_with_mfa, organisation):
        admin = sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
        invite(admin, organisation)
        response = client.post(
            "/admin/invitations/new/",
            {"email": KIM, "organisation": organisation.pk, "role": "Practitioner"},
        )
        assert response.status_code == 200  # Wagtail re-shows an invalid form with 200
        assert "already invited on" in response.content.decode()
        assert Invitation.objects.count() == 1


class TestResend:
    def test_resend_gives_a_new_link_expiry_and_one_email(self, client, lead, organisation):
        invitation = invite(lead, organisation)
        old_token = invitation.token
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(days=1),
            sent_at=timezone.now() - timedelta(days=15),
        )
        mail.outbox.clear()
        response = client.post(resend_url(invitation.pk))
        assert response.status_code == 302
        invitation.refresh_from_db()
        assert invitation.token != old_token
        assert invitation.expires_at > timezone.now() + timedelta(days=13)
        assert invitation.sent_at > timezone.now() - timedelta(minutes=1)
        assert len(mail.outbox) == 1
        assert invitation.token in mail.outbox[0].body
        assert membership.usable_invitation(old_token) is None
        assert membership.usable_invitation(invitation.token) == invitation

    def test_a_used_invitation_is_not_resent(self, client, lead, organisation):
        invitation = invite(lead, organisation)
        Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
        mail.outbox.clear()
        response = client.post(resend_url(invitation.pk), follow=True)
        assert "cannot be sent again" in response.content.decode()
        assert mail.outbox == []

    def test_get_is_not_allowed(self, client, lead, organisation):
        invitation = invite(lead, organisation)
        assert client.get(resend_url(invitation.pk)).status_code == 405


class TestWithdraw:
    def test_asks_first_then_withdraws(self, client, lead, organisation):
        invitation = invite(lead, organisation)
        page = client.get(withdraw_url(invitation.pk))
        assert page.status_code == 200
        assert "Withdraw the invitation to kim@northmoor.example?" in page.content.decode()
        invitation.refresh_from_db()
        assert invitation.revoked_at is None
        assert client.post(withdraw_url(invitation.pk)).status_code == 302
        invitation.refresh_from_db()
        assert invitation.revoked_at is not None and invitation.revoked_by == lead

    def test_the_withdrawn_link_says_so_and_sign_up_is_closed(self, client, lead, organisation):
        invitation = invite(lead, organisation)
        membership.invitation_withdraw(invitation, withdrawn_by=lead)
        client.logout()
        response = client.get(f"/accounts/invitation/{invitation.token}/")
        assert response.status_code == 404
        body = response.content.decode()
        assert "This invitation has been withdrawn" in body
        assert "ask your organisation lead" in body.lower()
        assert membership.usable_invitation(invitation.token) is None

    def test_the_expired_link_says_so_and_whom_to_ask(self, client, lead, organisation):
        invitation = invite(lead, organisation)
        Invitation.objects.filter(pk=invitation.pk).update(
            expires_at=timezone.now() - timedelta(days=1)
        )
        client.logout()
        body = client.get(f"/accounts/invitation/{invitation.token}/").content.decode()
        assert "This invitation has expired" in body
        assert "organisation lead at Northmoor Council" in body


class TestPeoplePageInvitations:
    def test_pending_invitations_are_listed_with_their_actions(self, client, lead, organisation):
        sent = invite(lead, organisation, email="sent@northmoor.example")
        expired = invite(lead, organisation, email="old@northmoor.example")
        Invitation.objects.filter(pk=expired.pk).update(
            expires_at=timezone.now() - timedelta(days=1)
        )
        gone = invite(lead, organisation, email="gone@northmoor.example")
        membership.invitation_withdraw(gone, withdrawn_by=lead)
        body = client.get(PEOPLE).content.decode()
        table = body[body.index('id="pending-invitations"') :]
        assert "sent@northmoor.example" in table and "old@northmoor.example" in table
        assert "gone@northmoor.example" not in table
        assert "Expired" in table
        assert resend_url(sent.pk) in table and resend_url(expired.pk) in table
        assert withdraw_url(sent.pk) in table


class TestOnlyTheirOwnOrganisation:
    def test_another_organisations_lead_gets_404(self, client, lead, organisation):
        other_lead = make_person(role=Role.ORGANISATION_LEAD)
        theirs = invite(other_lead, other_lead.profile.organisation)
        assert client.post(resend_url(theirs.pk)).status_code == 404
        assert client.get(withdraw_url(theirs.pk)).status_code == 404
        assert client.post(withdraw_url(theirs.pk)).status_code == 404
        theirs.refresh_from_db()
        assert theirs.revoked_at is None

    def test_bad_ids_are_404(self, client, lead):
        assert client.post(resend_url(999999)).status_code == 404
        assert client.get(withdraw_url(999999)).status_code == 404
        assert client.get("/organisation/people/invitations/abc/withdraw/").status_code == 404

    def test_a_practitioner_gets_404(self, client, organisation, lead):
        invitation = invite(lead, organisation)
        client.force_login(make_person(organisation=organisation))
        assert client.post(resend_url(invitation.pk)).status_code in (403, 404)


class TestAdminActions:
    def test_admin_resends_and_withdraws(self, client, sign_in_with_mfa, organisation):
        admin = sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
        invitation = invite(admin, organisation)
        listing = client.get("/admin/invitations/").content.decode()
        assert f"/admin/invitations/resend/{invitation.pk}/" in listing
        assert f"/admin/invitations/withdraw/{invitation.pk}/" in listing
        assert client.get(f"/admin/invitations/resend/{invitation.pk}/").status_code == 200
        mail.outbox.clear()
        client.post(f"/admin/invitations/resend/{invitation.pk}/")
        assert len(mail.outbox) == 1
        client.post(f"/admin/invitations/withdraw/{invitation.pk}/")
        invitation.refresh_from_db()
        assert invitation.revoked_by == admin
        assert "Withdrawn" in client.get("/admin/invitations/").content.decode()

    def test_admin_action_on_a_missing_invitation_is_404(self, client, sign_in_with_mfa):
        sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
        assert client.get("/admin/invitations/withdraw/999999/").status_code == 404


def test_team_change_also_replaces(lead, organisation):
    team = TeamFactory(organisation=organisation)
    invite(lead, organisation)
    invite(lead, organisation, team=team)
    assert open_count("kim@northmoor.example") == 1


def test_resending_and_withdrawing_are_kept_in_the_invitations_history(client, lead, organisation):
    from wagtail.models import ModelLogEntry

    invitation = invite(lead, organisation)
    client.post(resend_url(invitation.pk))
    client.post(withdraw_url(invitation.pk))
    entries = ModelLogEntry.objects.for_instance(invitation).order_by("timestamp")
    assert [(entry.action, entry.user_id) for entry in entries] == [
        (membership.LOG_RESENT, lead.pk),
        (membership.LOG_WITHDRAWN, lead.pk),
    ]
