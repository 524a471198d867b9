"""The required-learning pages: who may reach each, what they may change, and bad
input (a 400 with the form again, never a 500)."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Exemption, Requirement
from learning.roles import Role
from tests.factories import OrganisationFactory, TeamFactory, make_person
from tests.learning.required.helpers import requirement_post

pytestmark = pytest.mark.django_db

TOO_BIG_ID = "9" * 25
LIST_URL = reverse("required:requirement_list")
NEW_URL = reverse("required:requirement_create")
EXEMPTIONS_URL = reverse("required:exemption_list")
NEW_EXEMPTION_URL = reverse("required:exemption_create")


@pytest.fixture
def sign_in(client, totp_user):
    """Sign the client in as `person`, with a second factor (which leads and managers
    need for every page here)."""

    def as_person(person):
        totp_user(person)
        client.force_login(person)
        return client

    return as_person


@pytest.fixture
def manager(db):
    return make_person(role=Role.SAB_MANAGER, first_name="Morgan", last_name="Board")


@pytest.fixture
def lead(db):
    return make_person(role=Role.ORGANISATION_LEAD, first_name="Lee", last_name="Lead")


class TestWhoMaySetRequiredLearning:
    @pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.SUPERVISOR, Role.SAB_EDITOR])
    def test_everyone_else_is_refused(self, client, totp_user, make_requirement, page, role):
        person = make_person(role=role)
        requirement = make_requirement(page)
        if role == Role.SAB_EDITOR:
            totp_user(person)
        client.force_login(person)
        for url in (
            LIST_URL,
            NEW_URL,
            reverse("required:requirement_edit", args=[requirement.pk]),
            reverse("required:requirement_retire", args=[requirement.pk]),
            EXEMPTIONS_URL,
            NEW_EXEMPTION_URL,
        ):
            assert client.get(url).status_code == 403, url
        assert client.post(NEW_URL, requirement_post(page)).status_code == 403
        assert (
            client.post(reverse("required:requirement_retire", args=[requirement.pk])).status_code
            == 403
        )
        assert Requirement.objects.get().is_active

    def test_signed_out_visitors_are_sent_to_sign_in(self, client):
        response = client.get(LIST_URL)
        assert response.status_code == 302 and "login" in response["Location"]

    def test_a_lead_without_the_second_factor_is_sent_to_give_it(self, client, totp_user, lead):
        totp_user(lead)
        client.force_login_without_second_factor(lead)
        for url in (LIST_URL, NEW_URL, EXEMPTIONS_URL, NEW_EXEMPTION_URL):
            response = client.get(url)
            assert response.status_code == 302, url
            location = urlsplit(response["Location"])
            assert location.path == reverse("mfa_reauthenticate")
            assert parse_qs(location.query)["next"] == [url]


class TestTheList:
    def test_a_lead_sees_the_boards_and_their_own_but_changes_only_their_own(
        self, sign_in, lead, make_requirement, page
    ):
        board = make_requirement(page, title="Board-wide learning")
        own = make_requirement(
            page, title="Our own learning", organisation=lead.profile.organisation
        )
        other = make_requirement(page, title="Another agency's", organisation=OrganisationFactory())
        client = sign_in(lead)
        response = client.get(LIST_URL)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        body = response.content.decode()
        assert "Board-wide learning" in body and "Our own learning" in body
        assert "Another agency" not in body
        assert reverse("required:requirement_edit", args=[own.pk]) in body
        assert reverse("required:requirement_edit", args=[board.pk]) not in body
        assert reverse("required:requirement_edit", args=[other.pk]) not in body
        assert reverse("required:exemption_list") in body

    def test_rules_in_words(self, sign_in, manager, make_requirement, page, second_page):
        team = TeamFactory(name="Hospital discharge")
        make_requirement(
            page,
            second_page,
            title="Refreshed yearly",
            everyone=False,
            teams=[team],
            registration_bodies=["nmc"],
            due_days=45,
            due_from="joined",
            refresh="window",
            window_start_day=1,
            window_start_month=4,
            window_end_day=30,
            window_end_month=6,
            starts_on=date(2026, 4, 1),
        )
        body = sign_in(manager).get(LIST_URL).content.decode()
        assert "Making safeguarding personal" in body and "Self-neglect and hoarding" in body
        assert f"Team: Hospital discharge ({team.organisation.name})" in body
        assert "Registered with Nursing and Midwifery Council" in body
        assert "Within 45 days of joining" in body
        assert "Every year between 1 April and 30 June" in body
        assert "1 April 2026" in body
        assert "Exemptions in your organisation" not in body

    def test_retired_requirements_are_listed_apart_without_actions(
        self, sign_in, manager, make_requirement, page
    ):
        retired = make_requirement(page, title="Old learning", is_active=False)
        body = sign_in(manager).get(LIST_URL).content.decode()
        assert body.index("Retired") < body.index("Old learning")
        assert reverse("required:requirement_edit", args=[retired.pk]) not in body


class TestSetting:
    def test_a_sab_manager_sets_one_for_the_partnership(self, sign_in, manager, page):
        client = sign_in(manager)
        assert client.get(NEW_URL).status_code == 200
        response = client.post(NEW_URL, requirement_post(page))
        assert response.status_code == 302 and response["Location"] == LIST_URL
        requirement = Requirement.objects.get()
        assert requirement.organisation is None and requirement.everyone
        assert requirement.created_by == manager
        assert list(requirement.pages.values_list("pk", flat=True)) == [page.pk]
        assert "Safeguarding adults essentials" in client.get(LIST_URL).content.decode()

    def test_a_sab_manager_may_choose_organisations_and_any_team(self, sign_in, manager, page):
        team = TeamFactory()
        organisation = OrganisationFactory()
        client = sign_in(manager)
        body = client.get(NEW_URL).content.decode()
        assert organisation.name in body and team.name in body
        response = client.post(
            NEW_URL,
            requirement_post(
                page, for_whom="groups", organisations=[organisation.pk], teams=[team.pk]
            ),
        )
        assert response.status_code == 302
        requirement = Requirement.objects.get()
        assert list(requirement.organisations.all()) == [organisation]
        assert list(requirement.teams.all()) == [team]

    def test_a_leads_requirement_is_their_organisations_whatever_is_posted(
        self, sign_in, lead, page
    ):
        own = lead.profile.organisation
        own_team = TeamFactory(organisation=own, name="Our team")
        elsewhere = OrganisationFactory(name="Somewhere else")
        client = sign_in(lead)
        body = client.get(NEW_URL).content.decode()
        assert f"Everyone in {own.name}" in body
        assert "Somewhere else" not in body
        response = client.post(
            NEW_URL,
            requirement_post(
                page, for_whom="groups", teams=[own_team.pk], organisations=[elsewhere.pk]
            ),
        )
        assert response.status_code == 302
        requirement = Requirement.objects.get()
        assert requirement.organisation == own
        assert not requirement.organisations.exists()
        assert list(requirement.teams.all()) == [own_team]

    def test_a_lead_cannot_choose_another_organisations_team(self, sign_in, lead, page):
        response = sign_in(lead).post(
            NEW_URL, requirement_post(page, for_whom="groups", teams=[TeamFactory().pk])
        )
        assert response.status_code == 400
        assert "Choose teams from the list" in response.content.decode()
        assert not Requirement.objects.exists()

    def test_bad_input_is_explained_and_kept(self, sign_in, manager, page):
        response = sign_in(manager).post(
            NEW_URL,
            requirement_post(
                page,
                title="Keep this title",
                pages=[],
                for_whom="",
                due_days="9999",
                refresh="window",
                window_start_day="31",
                window_start_month="2",
                window_end_day="30",
                window_end_month="6",
            ),
        )
        assert response.status_code == 400
        body = response.content.decode()
        assert "There is a problem" in body
        for message in (
            "Choose at least one learning item",
            "Choose who must complete it",
            "The number of days must be 730 (2 years) or fewer",
            "Enter a real date for the window to open",
        ):
            assert f">{message}</a>" in body, message  # in the error summary, linked
        assert 'value="Keep this title"' in body
        assert 'value="31"' in body and 'value="9999"' in body
        assert body.startswith("<!DOCTYPE html>") and "<title>Error: " in body
        assert not Requirement.objects.exists()

    @pytest.mark.parametrize("junk", ["junk", TOO_BIG_ID])
    def test_junk_ids_are_a_400(self, sign_in, manager, page, junk):
        response = sign_in(manager).post(
            NEW_URL,
            requirement_post(page, pages=[junk], for_whom="groups", teams=[junk], roles=[junk]),
        )
        assert response.status_code == 400
        body = response.content.decode()
        assert "Choose learning items from the list" in body
        assert "Choose teams from the list" in body


class TestChangingAndRetiring:
    def test_a_lead_cannot_reach_the_boards_or_another_organisations(
        self, sign_in, lead, make_requirement, page
    ):
        board = make_requirement(page, title="Board-wide")
        other = make_requirement(page, organisation=OrganisationFactory())
        client = sign_in(lead)
        for requirement in (board, other):
            for name in ("required:requirement_edit", "required:requirement_retire"):
                url = reverse(name, args=[requirement.pk])
                assert client.get(url).status_code == 404
                assert client.post(url, requirement_post(page, title="Hijacked")).status_code == 404
        assert set(Requirement.objects.values_list("title", "is_active")) == {
            ("Board-wide", True),
            ("Core safeguarding adults learning", True),
        }
        assert (
            client.get(reverse("required:requirement_edit", args=[TOO_BIG_ID])).status_code == 404
        )

    def test_a_lead_changes_their_own(self, sign_in, lead, make_requirement, page, second_page):
        own = make_requirement(page, organisation=lead.profile.organisation)
        client = sign_in(lead)
        url = reverse("required:requirement_edit", args=[own.pk])
        body = client.get(url).content.decode()
        assert 'value="Core safeguarding adults learning"' in body
        assert "Organisations" not in body
        response = client.post(url, requirement_post(second_page, title="Renamed", due_days="14"))
        assert response.status_code == 302, response.context["form"].errors
        own.refresh_from_db()
        assert (own.title, own.due_days, own.organisation) == (
            "Renamed",
            14,
            lead.profile.organisation,
        )
        assert list(own.pages.values_list("pk", flat=True)) == [second_page.pk]

    def test_an_invalid_change_leaves_it_as_it_was(self, sign_in, manager, make_requirement, page):
        requirement = make_requirement(page)
        url = reverse("required:requirement_edit", args=[requirement.pk])
        response = sign_in(manager).post(url, requirement_post(page, title="", due_days="0"))
        assert response.status_code == 400
        # The heading still names the saved title, not the rejected one.
        assert "Change “Core safeguarding adults learning”" in response.content.decode()
        requirement.refresh_from_db()
        assert (requirement.title, requirement.due_days) == (
            "Core safeguarding adults learning",
            30,
        )

    def test_a_sab_manager_changes_and_retires_any(self, sign_in, manager, make_requirement, page):
        theirs = make_requirement(page, organisation=OrganisationFactory())
        client = sign_in(manager)
        assert client.get(reverse("required:requirement_edit", args=[theirs.pk])).status_code == 200
        url = reverse("required:requirement_retire", args=[theirs.pk])
        confirm = client.get(url)
        assert confirm.status_code == 200
        assert "Retire “Core safeguarding adults learning”?" in confirm.content.decode()
        theirs.refresh_from_db()
        assert theirs.is_active  # asking is not retiring
        assert client.post(url).status_code == 302
        theirs.refresh_from_db()
        assert theirs.is_active is False
        # A retired requirement cannot be changed.
        response = client.get(reverse("required:requirement_edit", args=[theirs.pk]))
        assert response.status_code == 302 and response["Location"] == LIST_URL


class TestExemptions:
    @pytest.fixture
    def colleague(self, lead):
        return make_person(
            organisation=lead.profile.organisation, first_name="Cara", last_name="Colleague"
        )

    def test_a_lead_exempts_someone_and_ends_it_early(
        self, sign_in, lead, colleague, make_requirement, page
    ):
        requirement = make_requirement(page)
        client = sign_in(lead)
        form = client.get(NEW_EXEMPTION_URL, {"person": colleague.pk})
        assert form.status_code == 200
        assert f'<option value="{colleague.pk}" selected>' in form.content.decode()
        ends_on = timezone.localdate() + timedelta(days=90)
        response = client.post(
            NEW_EXEMPTION_URL,
            {
                "person": colleague.pk,
                "requirement": requirement.pk,
                "reason": "Long-term sick leave",
                "ends_on": ends_on.isoformat(),
            },
        )
        assert response.status_code == 302 and response["Location"] == EXEMPTIONS_URL
        exemption = Exemption.objects.get()
        assert (exemption.user, exemption.requirement, exemption.ends_on) == (
            colleague,
            requirement,
            ends_on,
        )
        body = client.get(EXEMPTIONS_URL).content.decode()
        assert "Cara Colleague" in body and "Long-term sick leave" in body

        end_url = reverse("required:exemption_end", args=[exemption.pk])
        assert client.get(end_url).status_code == 405
        assert client.post(end_url).status_code == 302
        exemption.refresh_from_db()
        assert exemption.ends_on == timezone.localdate() - timedelta(days=1)
        assert (
            "The exemption for Cara Colleague has ended."
            in client.get(EXEMPTIONS_URL).content.decode()
        )
        body = client.get(EXEMPTIONS_URL).content.decode()
        assert "Cara Colleague" not in body
        assert "Nobody in your organisation is exempt from required learning." in body

    def test_sab_managers_never_see_names(self, sign_in, manager, lead, colleague):
        Exemption.objects.create(
            user=colleague, reason="Leave", ends_on=timezone.localdate() + timedelta(days=9)
        )
        client = sign_in(manager)
        assert client.get(EXEMPTIONS_URL).status_code == 403
        assert client.get(NEW_EXEMPTION_URL).status_code == 403

    def test_only_people_in_the_leads_organisation(self, sign_in, lead, colleague):
        stranger = make_person(first_name="Sam", last_name="Stranger")
        theirs = Exemption.objects.create(
            user=stranger, reason="Leave", ends_on=timezone.localdate() + timedelta(days=9)
        )
        client = sign_in(lead)
        body = client.get(NEW_EXEMPTION_URL, {"person": stranger.pk}).content.decode()
        assert "Sam Stranger" not in body
        response = client.post(
            NEW_EXEMPTION_URL,
            {
                "person": stranger.pk,
                "reason": "Leave",
                "ends_on": (timezone.localdate() + timedelta(days=9)).isoformat(),
            },
        )
        assert response.status_code == 400
        assert "Choose a person in your organisation" in response.content.decode()
        assert "Sam Stranger" not in client.get(EXEMPTIONS_URL).content.decode()
        assert client.post(reverse("required:exemption_end", args=[theirs.pk])).status_code == 404
        assert Exemption.objects.count() == 1

    def test_the_end_date_must_be_in_the_future(self, sign_in, lead, colleague):
        response = sign_in(lead).post(
            NEW_EXEMPTION_URL,
            {
                "person": colleague.pk,
                "reason": "Leave",
                "ends_on": timezone.localdate().isoformat(),
            },
        )
        assert response.status_code == 400
        body = response.content.decode()
        assert "The end date must be in the future" in body
        assert "Leave" in body
        assert not Exemption.objects.exists()

    @pytest.mark.parametrize("junk", ["junk", TOO_BIG_ID, "-3", ""])
    def test_junk_person_in_the_address(self, sign_in, lead, colleague, junk):
        assert sign_in(lead).get(NEW_EXEMPTION_URL, {"person": junk}).status_code == 200
