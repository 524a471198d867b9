"""Bulk invitations: a pasted list or a CSV file, previewed and then sent, each address
through the one invitation service and its rules."""

from __future__ import annotations

import html
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from learning.models import Invitation, InvitationConfirmation
from learning.organisation import invitations
from learning.roles import Role
from tests.factories import OrganisationFactory, TeamFactory, make_person
from tests.learning.organisation.helpers import table_rows

pytestmark = pytest.mark.django_db

INVITE = "/organisation/people/invite/"
CONFIRM = "/organisation/people/invite/confirm/"


@pytest.fixture
def place(db):
    organisation = OrganisationFactory(name="Northmoor Council")
    return {
        "organisation": organisation,
        "care": TeamFactory(organisation=organisation, name="Adult Social Care"),
        "hospital": TeamFactory(organisation=organisation, name="Hospital Team"),
    }


@pytest.fixture
def lead(client, totp_user, place):
    user = make_person(role=Role.ORGANISATION_LEAD, organisation=place["organisation"])
    totp_user(user)
    client.force_login(user)
    return user


def fields(place, **extra) -> dict:
    return {"organisation": place["organisation"].pk, "role": "Practitioner", **extra}


def preview(client, place, **extra):
    return client.post(INVITE, fields(place, **extra))


def lines(response, table_id: str = "invitation-lines") -> list[list[str]]:
    return table_rows(response.content.decode(), table_id)


def confirm_data(response) -> dict:
    """The hidden fields of the preview's confirmation form, as the browser sends them."""
    body = response.content.decode()
    form = body[body.index('action="/organisation/people/invite/confirm/"') :]
    found = re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    return {name: html.unescape(value) for name, value in found if name != "csrfmiddlewaretoken"}


def send(client, response):
    return client.post(CONFIRM, confirm_data(response))


def csv_file(text: str | bytes, name: str = "people.csv") -> SimpleUploadedFile:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/csv")


class TestPastedList:
    def test_preview_then_send(self, client, lead, place):
        existing = make_person(email="kim@northmoor.example")
        pasted = (
            "ann@northmoor.example\n"
            "Bob Brown <bob@northmoor.example>, cat@northmoor.example; ANN@northmoor.example\n"
            f"{existing.email}\n"
            "not-an-address\n"
            '"Smith, Jo" <jo@gmail.com>\n'
        )
        response = preview(client, place, addresses=pasted, team=place["care"].pk)
        assert response.status_code == 200
        assert lines(response) == [
            ["1", "ann@northmoor.example", "Adult Social Care", "Practitioner", "Will be invited"],
            ["2", "bob@northmoor.example (Bob Brown)", "Adult Social Care", "Practitioner",
             "Will be invited"],
            ["2", "cat@northmoor.example", "Adult Social Care", "Practitioner", "Will be invited"],
            ["2", "ANN@northmoor.example", "", "", "Skipped: Repeats the address on line 1"],
            ["3", "kim@northmoor.example", "", "",
             "Skipped: Someone with this email address already has an account."],
            ["4", "not-an-address", "", "",
             "Skipped: Enter an email address in the correct format, like name@example.com"],
            ["5", "jo@gmail.com (Smith, Jo)", "Adult Social Care", "Practitioner",
             "Will wait for a site administrator to confirm this personal address"],
        ]  # fmt: skip
        # Nothing is sent by the preview.
        assert Invitation.objects.count() == 0 and mail.outbox == []
        assert "Send 4 invitations" in response.content.decode()

        result = send(client, response)
        assert result.status_code == 200
        assert [row[-1] for row in lines(result)] == [
            "Invited",
            "Invited",
            "Invited",
            "Skipped: Repeats the address on line 1",
            "Skipped: Someone with this email address already has an account.",
            "Skipped: Enter an email address in the correct format, like name@example.com",
            "Waiting for a site administrator to confirm this personal address",
        ]
        invited = Invitation.objects.order_by("email")
        assert [(i.email, i.team, i.role, i.invited_by) for i in invited] == [
            ("ann@northmoor.example", place["care"], "Practitioner", lead),
            ("bob@northmoor.example", place["care"], "Practitioner", lead),
            ("cat@northmoor.example", place["care"], "Practitioner", lead),
            ("jo@gmail.com", place["care"], "Practitioner", lead),
        ]
        assert Invitation.objects.get(email="jo@gmail.com").confirmation == (
            InvitationConfirmation.AWAITING
        )
        # The personal address waits: only the three work addresses are emailed.
        assert sorted(message.to[0] for message in mail.outbox) == [
            "ann@northmoor.example",
            "bob@northmoor.example",
            "cat@northmoor.example",
        ]
        assert "3 invitations sent" in result.content.decode()

    def test_sending_the_same_list_again_sends_nothing_twice(self, client, lead, place):
        response = preview(client, place, addresses="ann@northmoor.example")
        send(client, response)
        again = send(client, response)
        assert lines(again)[0][-1].startswith("Skipped: Already invited on ")
        assert lines(again)[0][-1].endswith("and that invitation is still open")
        assert Invitation.objects.count() == 1 and len(mail.outbox) == 1

    def test_an_address_taken_between_preview_and_send_is_skipped(self, client, lead, place):
        response = preview(client, place, addresses="late@northmoor.example")
        make_person(email="late@northmoor.example")
        result = send(client, response)
        assert lines(result)[0][-1] == (
            "Skipped: Someone with this email address already has an account."
        )
        assert Invitation.objects.count() == 0

    def test_more_than_500_addresses_are_refused_whole(self, client, lead, place):
        pasted = "\n".join(f"p{number}@northmoor.example" for number in range(501))
        response = preview(client, place, addresses=pasted)
        assert response.status_code == 400
        assert "There are more than 500 addresses: send at most 500 at a time" in (
            response.content.decode()
        )
        assert Invitation.objects.count() == 0

    def test_exactly_500_is_fine(self, client, lead, place):
        pasted = ", ".join(f"p{number}@northmoor.example" for number in range(500))
        response = preview(client, place, addresses=pasted)
        assert response.status_code == 200
        assert len(lines(response)) == 500

    def test_nothing_entered_is_an_error(self, client, lead, place):
        response = preview(client, place, addresses="  ")
        assert response.status_code == 400
        assert "Enter at least one email address, or choose a CSV file" in (
            response.content.decode()
        )

    def test_a_team_of_another_organisation_is_refused(self, client, lead, place):
        response = preview(client, place, addresses="a@northmoor.example", team=TeamFactory().pk)
        assert response.status_code == 400

    def test_a_lead_cannot_invite_into_another_organisation(self, client, lead, place):
        other = OrganisationFactory()
        response = client.post(
            INVITE, {"organisation": other.pk, "role": "Practitioner", "addresses": "a@x.example"}
        )
        assert response.status_code == 400
        assert "Choose an organisation you may invite people to" in response.content.decode()

    def test_nobody_to_invite_offers_no_send_button(self, client, lead, place):
        response = preview(client, place, addresses=lead.email)
        assert response.status_code == 200
        assert "There is nobody on the list to invite" in response.content.decode()
        assert 'action="/organisation/people/invite/confirm/"' not in response.content.decode()


class TestCSV:
    def test_email_team_and_role_columns(self, client, lead, place):
        upload = csv_file(
            "\ufeffName,Email,Team,Role\n"
            "Ann Adams,ann@northmoor.example,hospital team,supervisor\n"
            ",bob@northmoor.example,,\n"
            "\n"
            "Cat,cat@northmoor.example,Nowhere Team,\n"
            "Dan,dan@northmoor.example,,Organisation lead\n"
        )
        response = preview(client, place, csv_file=upload, team=place["care"].pk)
        assert response.status_code == 200
        assert lines(response) == [
            ["2", "ann@northmoor.example (Ann Adams)", "Hospital Team", "Supervisor",
             "Will be invited"],
            ["3", "bob@northmoor.example", "Adult Social Care", "Practitioner", "Will be invited"],
            ["5", "cat@northmoor.example (Cat)", "", "",
             "Skipped: There is no team called “Nowhere Team” in Northmoor Council"],
            ["6", "dan@northmoor.example (Dan)", "", "",
             "Skipped: The role must be Practitioner or Supervisor, not “Organisation lead”"],
        ]  # fmt: skip
        send(client, response)
        assert {(i.email, i.team.name, i.role) for i in Invitation.objects.all()} == {
            ("ann@northmoor.example", "Hospital Team", "Supervisor"),
            ("bob@northmoor.example", "Adult Social Care", "Practitioner"),
        }

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            ("Name,Email\nAnn,ann@x.example\n".encode("utf-16"), "The file is not UTF-8 text"),
            (b"name,address\nAnn,ann@x.example\n", "The file has no “email” column"),
            (b"", "The submitted file is empty"),
            (b"email\n\n\n", "The file has no addresses under its"),
            (b"email\nann@x.example\x00\n", "The file is not a CSV file"),
            (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "The file is not UTF-8 text"),
            (
                ("email\n" + "".join(f"p{n}@x.example\n" for n in range(501))).encode(),
                "The file has more than 500 rows",
            ),
            (b"email\n" + b"a" * (1024 * 1024), "The file is larger than 1 MB"),
        ],
    )
    def test_bad_files_are_refused_with_a_clear_message(
        self, client, lead, place, content, message
    ):
        response = preview(client, place, csv_file=csv_file(content))
        assert response.status_code == 400
        assert message in response.content.decode()
        assert Invitation.objects.count() == 0

    def test_pasting_and_uploading_together_is_refused(self, client, lead, place):
        response = preview(
            client, place, addresses="a@x.example", csv_file=csv_file("email\nb@x.example\n")
        )
        assert response.status_code == 400
        assert "Paste addresses or upload a CSV file, not both" in response.content.decode()


class TestConfirmation:
    def test_a_tampered_list_is_refused(self, client, lead, place):
        response = client.post(CONFIRM, fields(place, entries="line,email\n1,someone@x.example\n"))
        assert response.status_code == 400
        assert "The list was changed or lost on its way: start again" in (response.content.decode())
        assert Invitation.objects.count() == 0

    def test_an_empty_post_is_refused(self, client, lead):
        assert client.post(CONFIRM, {}).status_code == 400

    def test_confirm_answers_only_posts(self, client, lead):
        assert client.get(CONFIRM).status_code == 405


class TestWhoMayInvite:
    @pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.SUPERVISOR])
    def test_others_are_refused(self, client, place, role):
        client.force_login(make_person(role=role, organisation=place["organisation"]))
        assert client.get(INVITE).status_code == 403
        assert client.post(CONFIRM, {}).status_code == 403

    def test_a_sab_manager_is_refused(self, client, sign_in_with_mfa):
        sign_in_with_mfa(Role.SAB_MANAGER)
        assert client.get(INVITE).status_code == 403

    def test_a_site_administrator_chooses_any_organisation(self, client, sign_in_with_mfa, place):
        sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
        other = OrganisationFactory(name="Eastvale NHS")
        response = client.post(
            INVITE,
            {"organisation": other.pk, "role": "Supervisor", "addresses": "zed@eastvale.example"},
        )
        assert response.status_code == 200
        send(client, response)
        invitation = Invitation.objects.get()
        assert (invitation.organisation, invitation.role) == (other, "Supervisor")

    def test_a_site_administrators_bulk_list_never_vouches_for_personal_addresses(
        self, client, sign_in_with_mfa, place
    ):
        sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
        send(client, preview(client, place, addresses="someone@gmail.com"))
        assert Invitation.objects.get().confirmation == InvitationConfirmation.AWAITING
        assert mail.outbox == []


class TestReading:
    """The parsing on its own, for the shapes people paste."""

    def test_separators_and_names(self):
        entries = invitations.entries_from_text(
            'a@x.example;b@x.example , "Lee, Sam" <sam@x.example>\n\n  c@x.example d@x.example'
        )
        assert [(e.line, e.email, e.name) for e in entries] == [
            (1, "a@x.example", ""),
            (1, "b@x.example", ""),
            (1, "sam@x.example", "Lee, Sam"),
            (3, "c@x.example", ""),
            (3, "d@x.example", ""),
        ]

    def test_the_carried_list_reads_back_exactly(self):
        entries = invitations.entries_from_text('Jo "J" <jo@x.example>, =cmd@x.example')
        assert invitations.entries_from_carried(invitations.entries_to_carry(entries)) == entries
