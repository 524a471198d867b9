"""The form for setting required learning: every kind of bad input gets a clear
message on the right field (never an exception), and fields the chosen rules do not use
are ignored."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from learning.models import Completion, CompletionHow, RefreshRule, User
from learning.required.forms import ExemptionForm, RequirementForm
from learning.required.status import Status, statuses_for_person
from learning.roles import Role
from tests.factories import OrganisationFactory, TeamFactory, make_person
from tests.learning.reports.checks import make_check, take
from tests.learning.required.helpers import requirement_post

pytestmark = pytest.mark.django_db

TOO_BIG_ID = "9" * 25


def bound(data, organisation=None) -> RequirementForm:
    return RequirementForm(data, organisation=organisation)


def errors_of(form) -> dict[str, list[str]]:
    assert not form.is_valid()
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


class TestValid:
    def test_everyone_with_no_other_choice_is_enough(self, page):
        form = bound(requirement_post(page))
        assert form.is_valid(), form.errors
        arguments = form.service_arguments()
        assert arguments["everyone"] is True
        assert [chosen.pk for chosen in arguments["pages"]] == [page.pk]
        assert arguments["due_days"] == 30
        assert arguments["organisations"] == arguments["teams"] == arguments["roles"] == []

    def test_groups_may_be_any_one_kind(self, page):
        team = TeamFactory()
        practitioner_role = Group.objects.get(name=Role.PRACTITIONER)
        for extra in (
            {"organisations": [team.organisation.pk]},
            {"teams": [team.pk]},
            {"roles": [practitioner_role.pk]},
            {"registration_bodies": ["nmc"]},
        ):
            form = bound(requirement_post(page, for_whom="groups", **extra))
            assert form.is_valid(), (extra, form.errors)
            assert form.service_arguments()["everyone"] is False

    def test_a_window_without_a_year(self, page):
        form = bound(
            requirement_post(
                page,
                refresh="window",
                window_start_day="1",
                window_start_month="4",
                window_end_day="30",
                window_end_month="6",
            )
        )
        assert form.is_valid(), form.errors
        arguments = form.service_arguments()
        assert (arguments["window_start_day"], arguments["window_start_month"]) == (1, 4)
        assert (arguments["window_end_day"], arguments["window_end_month"]) == (30, 6)

    def test_fields_the_rule_does_not_use_are_ignored_whatever_they_hold(self, page):
        form = bound(
            requirement_post(
                page,
                refresh="never",
                refresh_months="junk",
                window_start_day="99",
                window_start_month="junk",
            )
        )
        assert form.is_valid(), form.errors
        arguments = form.service_arguments()
        assert arguments["refresh_months"] is None
        assert arguments["window_start_day"] is None and arguments["window_start_month"] is None


class TestBadInput:
    def test_no_pages(self, page):
        assert errors_of(bound(requirement_post(page, pages=[]))) == {
            "pages": ["Choose at least one learning item"]
        }

    def test_no_audience_at_all(self, page):
        assert errors_of(bound(requirement_post(page, for_whom=""))) == {
            "for_whom": ["Choose who must complete it"]
        }

    def test_groups_chosen_but_none_named(self, page):
        assert errors_of(bound(requirement_post(page, for_whom="groups"))) == {
            "for_whom": ["Choose at least one organisation, team, role or registration body"]
        }

    @pytest.mark.parametrize(
        ("start", "end", "field", "message"),
        [
            (
                ("31", "2"),
                ("30", "6"),
                "window_start_month",
                "Enter a real date for the window to open",
            ),
            (
                ("1", "4"),
                ("29", "2"),
                "window_end_month",
                "Enter a real date for the window to close",
            ),
            (
                ("", ""),
                ("30", "6"),
                "window_start_month",
                "Enter a real date for the window to open",
            ),
            (
                ("x", "4"),
                ("30", "6"),
                "window_start_month",
                "Enter a real date for the window to open",
            ),
            (
                ("1", "13"),
                ("30", "6"),
                "window_start_month",
                "Enter a real date for the window to open",
            ),
            (
                ("1", "4"),
                ("1", "4"),
                "window_end_month",
                "The window must close on a different day",
            ),
        ],
        ids=["31 February", "29 February", "empty", "not a number", "month 13", "same day"],
    )
    def test_window_that_is_not_a_real_day(self, page, start, end, field, message):
        data = requirement_post(
            page,
            refresh="window",
            window_start_day=start[0],
            window_start_month=start[1],
            window_end_day=end[0],
            window_end_month=end[1],
        )
        assert errors_of(bound(data)) == {field: [message]}

    def test_months_missing(self, page):
        assert errors_of(bound(requirement_post(page, refresh=RefreshRule.EVERY_MONTHS))) == {
            "refresh_months": ["Enter how many months until it must be done again"]
        }

    def test_months_not_a_number_is_explained_once(self, page):
        data = requirement_post(page, refresh=RefreshRule.EVERY_MONTHS, refresh_months="a year")
        assert errors_of(bound(data)) == {
            "refresh_months": ["Enter the number of months as a whole number, for example 12"]
        }

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("0", "The number of days must be 1 or more"),
            ("9999", "The number of days must be 730 (2 years) or fewer"),
            (TOO_BIG_ID, "The number of days must be 730 (2 years) or fewer"),
            ("thirty", "Enter the number of days as a whole number, for example 30"),
            ("", "Enter how many days people have to complete it"),
        ],
    )
    def test_due_days(self, page, value, message):
        assert errors_of(bound(requirement_post(page, due_days=value))) == {"due_days": [message]}

    @pytest.mark.parametrize(
        ("field", "message"),
        [
            ("pages", "Choose learning items from the list"),
            ("organisations", "Choose organisations from the list"),
            ("teams", "Choose teams from the list"),
            ("roles", "Choose roles from the list"),
        ],
    )
    @pytest.mark.parametrize("junk", ["junk", TOO_BIG_ID, "-1", "999999"])
    def test_junk_ids_are_form_errors(self, page, field, message, junk):
        data = requirement_post(
            page, for_whom="groups", registration_bodies=["nmc"], **{field: [junk]}
        )
        assert errors_of(bound(data)) == {field: [message]}

    def test_unknown_registration_body(self, page):
        data = requirement_post(page, for_whom="groups", registration_bodies=["astrology"])
        assert errors_of(bound(data)) == {
            "registration_bodies": ["Choose registration bodies from the list"]
        }

    def test_unknown_choices_of_rules(self, page):
        errors = errors_of(bound(requirement_post(page, due_from="never", refresh="weekly")))
        assert errors == {
            "due_from": ["Choose when the days are counted from"],
            "refresh": ["Choose how often it must be done again"],
        }

    def test_nothing_typed_is_lost(self, page):
        form = bound(requirement_post(page, title="Keep me", due_days="0"))
        assert not form.is_valid()
        html = form["title"].as_widget()
        assert 'value="Keep me"' in html
        assert 'value="0"' in form["due_days"].as_widget()


class TestKnowledgeChecks:
    """A check attached to a page is completed by passing it, which records a
    completion of the page it checks and never of the check: it cannot be required."""

    def test_a_check_attached_to_a_page_is_not_offered(self, page):
        attached = make_check("Making safeguarding personal check", checks_page=page)
        offered = {p.pk for p in RequirementForm(organisation=None).fields["pages"].queryset}
        assert page.pk in offered
        assert attached.pk not in offered

    def test_a_check_attached_to_a_page_is_refused_when_posted(self, page):
        attached = make_check("Making safeguarding personal check", checks_page=page)
        assert errors_of(bound(requirement_post(attached))) == {
            "pages": [
                "“Making safeguarding personal check” is a knowledge check attached to "
                "another page: passing it completes that page, so choose that page instead"
            ]
        }
        data = requirement_post(page, pages=[page.pk, attached.pk])
        assert list(errors_of(bound(data))) == ["pages"]

    def test_the_help_text_says_to_choose_the_briefing(self):
        help_text = RequirementForm(organisation=None).fields["pages"].help_text
        assert "A knowledge check attached to a briefing is completed by passing it" in help_text

    def test_a_stand_alone_check_is_offered_and_accepted(self, page):
        alone = make_check("Capacity quick check")
        offered = {p.pk for p in RequirementForm(organisation=None).fields["pages"].queryset}
        assert {page.pk, alone.pk} <= offered
        form = bound(requirement_post(alone))
        assert form.is_valid(), form.errors
        assert [chosen.pk for chosen in form.service_arguments()["pages"]] == [alone.pk]

    def test_passing_an_attached_check_completes_a_requirement_on_its_page(
        self, page, make_requirement
    ):
        attached = make_check("Making safeguarding personal check", checks_page=page)
        form = bound(requirement_post(page))
        assert form.is_valid(), form.errors
        requirement = make_requirement(*form.service_arguments()["pages"], title="Personal")
        person = make_person()

        def status() -> str:
            fresh = User.objects.get(pk=person.pk)  # a new request: nothing remembered
            (found,) = [s for s in statuses_for_person(fresh) if s.requirement == requirement]
            return found.status

        assert status() == Status.NOT_STARTED
        assert not take(attached, person, wrong=(1,)).passed
        assert status() == Status.NOT_STARTED
        assert take(attached, person).passed
        assert status() == Status.COMPLETE
        # The pass is recorded as the briefing's completion, never the check's.
        assert list(Completion.objects.filter(user=person).values_list("page_id", "how")) == [
            (page.pk, CompletionHow.PASSED_CHECK)
        ]


class TestOrganisationsOwnForm:
    def test_no_organisations_to_choose_and_only_own_teams(self, page):
        own = OrganisationFactory()
        own_team = TeamFactory(organisation=own)
        other_team = TeamFactory()
        form = RequirementForm(organisation=own)
        assert "organisations" not in form.fields
        assert list(form.fields["teams"].queryset) == [own_team]
        assert "Everyone in " + own.name in dict(form.fields["for_whom"].choices).values()

        data = requirement_post(page, for_whom="groups", teams=[other_team.pk])
        assert errors_of(bound(data, organisation=own)) == {"teams": ["Choose teams from the list"]}
        data = requirement_post(page, for_whom="groups", teams=[own_team.pk])
        assert bound(data, organisation=own).is_valid()


class TestExemptionForm:
    def test_only_active_people_of_the_leads_organisation_but_not_the_lead(self):
        lead = make_person(role=Role.ORGANISATION_LEAD)
        organisation = lead.profile.organisation
        colleague = make_person(organisation=organisation)
        left = make_person(organisation=organisation, is_active=False)
        stranger = make_person()
        form = ExemptionForm(viewer=lead)
        people = list(form.fields["person"].queryset)
        assert people == [colleague]
        assert left not in people and stranger not in people

    @pytest.mark.parametrize("junk", ["junk", TOO_BIG_ID])
    def test_junk_person_and_requirement(self, junk):
        lead = make_person(role=Role.ORGANISATION_LEAD)
        form = ExemptionForm(
            {"person": junk, "requirement": junk, "reason": "Leave", "ends_on": "2099-01-01"},
            viewer=lead,
        )
        errors = errors_of(form)
        assert errors["person"] == ["Choose a person in your organisation"]
        assert errors["requirement"] == ["Choose required learning from the list"]

    def test_blank_reason_and_dates(self):
        lead = make_person(role=Role.ORGANISATION_LEAD)
        colleague = make_person(organisation=lead.profile.organisation)
        form = ExemptionForm(
            {"person": colleague.pk, "reason": "   ", "ends_on": "2001-01-01"}, viewer=lead
        )
        assert errors_of(form) == {
            "reason": ["Enter the reason for the exemption"],
            "ends_on": ["The end date must be in the future"],
        }
        form = ExemptionForm(
            {"person": colleague.pk, "reason": "x" * 301, "ends_on": "31/02/2027"}, viewer=lead
        )
        assert errors_of(form) == {
            "reason": ["Keep the reason to 300 characters or fewer (it has 301)"],
            "ends_on": ["Enter a real date, for example 30 9 2026"],
        }
