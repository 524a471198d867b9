"""Writes for required learning: whose requirement is whose, what a requirement keeps,
and who may exempt whom until when."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from learning.models import Exemption, RefreshRule, Requirement
from learning.required import services
from learning.roles import Role
from tests.factories import OrganisationFactory, TeamFactory, make_person

pytestmark = pytest.mark.django_db


def rules(**overrides) -> dict:
    values = {
        "title": "Safeguarding adults essentials",
        "everyone": True,
        "due_days": 30,
        "due_from": "assigned",
        "refresh": RefreshRule.NEVER,
        "starts_on": date(2026, 4, 1),
    }
    values.update(overrides)
    return values


@pytest.fixture
def manager(db):
    return make_person(role=Role.SAB_MANAGER)


@pytest.fixture
def lead(db):
    return make_person(role=Role.ORGANISATION_LEAD)


class TestSettingRequirements:
    def test_a_sab_manager_sets_one_for_the_whole_partnership(self, manager, page):
        requirement = services.requirement_create(
            created_by=manager, organisation=None, pages=[page], **rules()
        )
        requirement.refresh_from_db()
        assert requirement.organisation is None
        assert requirement.created_by == manager
        assert list(requirement.pages.all()) == [page.page_ptr]

    def test_a_sab_manager_may_set_one_for_any_organisation(self, manager, page):
        organisation = OrganisationFactory()
        requirement = services.requirement_create(
            created_by=manager, organisation=organisation, pages=[page], **rules()
        )
        assert requirement.organisation == organisation

    def test_a_lead_sets_one_for_their_own_organisation_only(self, lead, page):
        own = lead.profile.organisation
        requirement = services.requirement_create(
            created_by=lead, organisation=own, pages=[page], **rules()
        )
        assert requirement.organisation == own
        with pytest.raises(PermissionDenied):
            services.requirement_create(created_by=lead, organisation=None, pages=[page], **rules())
        with pytest.raises(PermissionDenied):
            services.requirement_create(
                created_by=lead, organisation=OrganisationFactory(), pages=[page], **rules()
            )
        assert Requirement.objects.count() == 1

    @pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.SUPERVISOR, Role.SAB_EDITOR])
    def test_nobody_else_sets_any(self, role, page):
        person = make_person(role=role)
        for organisation in (None, person.profile.organisation):
            with pytest.raises(PermissionDenied):
                services.requirement_create(
                    created_by=person, organisation=organisation, pages=[page], **rules()
                )
        assert not Requirement.objects.exists()

    def test_an_organisations_requirement_reaches_only_its_own_teams(self, lead, page):
        own = lead.profile.organisation
        with pytest.raises(ValidationError) as refused:
            services.requirement_create(
                created_by=lead,
                organisation=own,
                pages=[page],
                teams=[TeamFactory()],
                **rules(everyone=False),
            )
        assert refused.value.message_dict == {
            "teams": ["Choose teams in your own organisation only"]
        }
        with pytest.raises(ValidationError) as refused:
            services.requirement_create(
                created_by=lead,
                organisation=own,
                pages=[page],
                organisations=[OrganisationFactory()],
                **rules(everyone=False),
            )
        assert refused.value.message_dict == {
            "organisations": ["Choose only your own organisation"]
        }
        assert not Requirement.objects.exists()

    def test_needs_pages_and_an_audience(self, manager, page):
        with pytest.raises(ValidationError) as refused:
            services.requirement_create(created_by=manager, organisation=None, pages=[], **rules())
        assert refused.value.message_dict == {"pages": ["Choose at least one learning item"]}
        with pytest.raises(ValidationError) as refused:
            services.requirement_create(
                created_by=manager, organisation=None, pages=[page], **rules(everyone=False)
            )
        assert refused.value.message_dict == {"everyone": ["Choose who must complete it"]}

    def test_keeps_only_what_its_rules_use(self, manager, page):
        team = TeamFactory()
        requirement = services.requirement_create(
            created_by=manager,
            organisation=None,
            pages=[page],
            teams=[team],
            **rules(
                everyone=True,
                registration_bodies=["nmc"],
                refresh=RefreshRule.EVERY_MONTHS,
                refresh_months=12,
                window_start_day=1,
                window_start_month=4,
            ),
        )
        requirement.refresh_from_db()
        assert requirement.everyone is True
        assert not requirement.teams.exists() and requirement.registration_bodies == []
        assert requirement.refresh_months == 12
        assert requirement.window_start_day is None and requirement.window_start_month is None

    def test_model_rules_are_checked(self, manager, page):
        with pytest.raises(ValidationError) as refused:
            services.requirement_create(
                created_by=manager,
                organisation=None,
                pages=[page],
                **rules(
                    refresh=RefreshRule.WINDOW,
                    window_start_day=31,
                    window_start_month=2,
                    window_end_day=30,
                    window_end_month=6,
                ),
            )
        assert refused.value.message_dict == {
            "window_start_month": ["Enter a real date for the window to open"]
        }


class TestChangingAndRetiring:
    def test_a_lead_changes_only_their_organisations(self, manager, lead, page, second_page):
        board = services.requirement_create(
            created_by=manager, organisation=None, pages=[page], **rules(title="Board's")
        )
        other = services.requirement_create(
            created_by=manager, organisation=OrganisationFactory(), pages=[page], **rules()
        )
        own = services.requirement_create(
            created_by=lead, organisation=lead.profile.organisation, pages=[page], **rules()
        )
        for requirement in (board, other):
            with pytest.raises(PermissionDenied):
                services.requirement_update(
                    requirement=requirement, changed_by=lead, pages=[second_page], **rules()
                )
            with pytest.raises(PermissionDenied):
                services.requirement_retire(requirement=requirement, retired_by=lead)
        services.requirement_update(
            requirement=own,
            changed_by=lead,
            pages=[second_page],
            **rules(title="Renamed", due_days=60),
        )
        own.refresh_from_db()
        assert (own.title, own.due_days) == ("Renamed", 60)
        assert own.organisation == lead.profile.organisation
        assert list(own.pages.values_list("pk", flat=True)) == [second_page.pk]
        board.refresh_from_db()
        assert board.title == "Board's" and board.is_active

    def test_retiring_keeps_it_on_record(self, manager, page):
        requirement = services.requirement_create(
            created_by=manager, organisation=None, pages=[page], **rules()
        )
        services.requirement_retire(requirement=requirement, retired_by=manager)
        requirement.refresh_from_db()
        assert requirement.is_active is False
        assert list(requirement.pages.all()) == [page.page_ptr]


class TestExemptions:
    @pytest.fixture
    def colleague(self, lead):
        return make_person(organisation=lead.profile.organisation)

    def test_a_lead_exempts_someone_in_their_organisation(
        self, lead, colleague, make_requirement, page
    ):
        requirement = make_requirement(page)
        today = date(2026, 3, 10)
        exemption = services.exemption_create(
            created_by=lead,
            user=colleague,
            requirement=requirement,
            reason="  Long-term sick leave  ",
            ends_on=date(2028, 3, 10),  # exactly two years ahead: the longest allowed
            today=today,
        )
        assert exemption.reason == "Long-term sick leave"
        assert exemption.created_by == lead
        all_of_it = services.exemption_create(
            created_by=lead,
            user=colleague,
            requirement=None,
            reason="Career break",
            ends_on=date(2026, 3, 11),
            today=today,
        )
        assert all_of_it.requirement is None

    def test_only_the_persons_own_lead(self, lead, colleague):
        manager = make_person(role=Role.SAB_MANAGER, organisation=lead.profile.organisation)
        other_lead = make_person(role=Role.ORGANISATION_LEAD)
        supervisor = make_person(role=Role.SUPERVISOR, organisation=lead.profile.organisation)
        colleague.profile.supervisors.add(supervisor)
        ends_on = timezone.localdate() + timedelta(days=30)
        for who, whom in (
            (manager, colleague),
            (other_lead, colleague),
            (supervisor, colleague),
            (lead, lead),
        ):
            with pytest.raises(PermissionDenied):
                services.exemption_create(
                    created_by=who, user=whom, requirement=None, reason="Leave", ends_on=ends_on
                )
        assert not Exemption.objects.exists()

    def test_not_from_another_organisations_requirement(self, manager, lead, colleague, page):
        elsewhere = services.requirement_create(
            created_by=manager, organisation=OrganisationFactory(), pages=[page], **rules()
        )
        with pytest.raises(PermissionDenied):
            services.exemption_create(
                created_by=lead,
                user=colleague,
                requirement=elsewhere,
                reason="Leave",
                ends_on=timezone.localdate() + timedelta(days=30),
            )

    @pytest.mark.parametrize(
        ("ends_on", "message"),
        [
            (date(2026, 3, 10), "The end date must be in the future"),
            (date(2025, 1, 1), "The end date must be in the future"),
            (
                date(2028, 3, 11),
                "The end date must be no more than 2 years from today; you can set a new "
                "exemption when it ends",
            ),
        ],
        ids=["today", "past", "a day more than two years"],
    )
    def test_end_date_in_the_future_and_within_two_years(self, lead, colleague, ends_on, message):
        with pytest.raises(ValidationError) as refused:
            services.exemption_create(
                created_by=lead,
                user=colleague,
                requirement=None,
                reason="Leave",
                ends_on=ends_on,
                today=date(2026, 3, 10),
            )
        assert refused.value.message_dict == {"ends_on": [message]}

    def test_reason_required(self, lead, colleague):
        with pytest.raises(ValidationError) as refused:
            services.exemption_create(
                created_by=lead,
                user=colleague,
                requirement=None,
                reason="   ",
                ends_on=timezone.localdate() + timedelta(days=1),
            )
        assert refused.value.message_dict == {"reason": ["Enter the reason for the exemption"]}

    def test_ending_early(self, lead, colleague):
        exemption = services.exemption_create(
            created_by=lead,
            user=colleague,
            requirement=None,
            reason="Leave",
            ends_on=date(2026, 6, 1),
            today=date(2026, 3, 10),
        )
        with pytest.raises(PermissionDenied):
            services.exemption_end(
                exemption=exemption, ended_by=make_person(role=Role.ORGANISATION_LEAD)
            )
        services.exemption_end(exemption=exemption, ended_by=lead, today=date(2026, 4, 2))
        exemption.refresh_from_db()
        assert exemption.ends_on == date(2026, 4, 1)
