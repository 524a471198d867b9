"""Erasure keeps every report's totals: every report the hub has (compliance, reach,
engagement, feedback, knowledge checks), the board pack and the organisation lead's
people table, partnership-wide and for each organisation, give the same figures before
and after a leaver is erased.

The leaver is deactivated first, as a leaver is before the retention schedule erases
them; an administrator's erasure deactivates too, so it changes exactly what a
deactivation changes and no more. Only the text tables (feedback comments and examples
of practice) lose the leaver's rows: their text is what erasure removes.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.utils import timezone
from wagtail import hooks

from learning.models import Completion, Feedback, Organisation, PracticeImpact, Team, User
from learning.models.audit import AuditAction
from learning.organisation.selectors import people_table, person_row
from learning.permissions import ReportScope
from learning.privacy.erasure import erase_person
from learning.records import services as records
from learning.reflections import services as reflections
from learning.reports.board_pack import Quarter, build_board_pack
from learning.reports.filters import ReportFilters, held_to_scope
from learning.reports.registry import report_types
from learning.reports.reviews import REVIEW_LEARNING_HOOK, ReviewCatalogue, ReviewLearning
from learning.roles import Role
from learning.supervision.services import team_session_record
from tests.factories import make_person
from tests.learning.reports.checks import make_check, take

pytestmark = pytest.mark.django_db

# Tables that list free text: erasure removes the leaver's rows from them by design.
TEXT_TABLES = {"comments", "examples"}
JOINED = datetime(2024, 1, 1, 9, tzinfo=UTC)


@pytest.fixture
def partnership(page, second_page, make_requirement):
    make_requirement(page, second_page)
    council = Organisation.objects.create(name="Northmoor Council", type="local_authority")
    trust = Organisation.objects.create(name="Northmoor NHS", type="nhs_trust")
    east = Team.objects.create(organisation=council, name="Adults East")
    ward = Team.objects.create(organisation=trust, name="Ward 7")
    supervisor = make_person(role=Role.SUPERVISOR, team=east, date_joined=JOINED)
    leaver = make_person(
        team=east, first_name="Zephyrine", last_name="Quartermaine", date_joined=JOINED
    )
    leaver.profile.supervisors.add(supervisor)
    leaver.profile.registration_body = "swe"
    leaver.profile.save()
    council_people = [supervisor, leaver] + [
        make_person(team=east, date_joined=JOINED) for _ in range(6)
    ]
    trust_people = [make_person(team=ward, date_joined=JOINED) for _ in range(6)]
    for person in council_people[1:]:
        person.profile.supervisors.add(supervisor)
    check = make_check("Making safeguarding personal: check", checks_page=page)
    for number, person in enumerate(council_people + trust_people):
        records.completion_record(user=person, page=page, how="confirmed")
        if number % 2:
            records.completion_record(user=person, page=second_page, how="confirmed")
        feedback, _ = records.feedback_save(
            user=person,
            page=page,
            usefulness=1 + number % 5,
            will_change_practice=("yes", "not_sure", "no")[number % 3],
            comment=f"Comment {number} from {person.get_full_name()}",
        )
        if feedback.will_change_practice == "yes":
            PracticeImpact.objects.create(
                feedback=feedback, used_in_practice="yes", example=f"Example {number}"
            )
        take(check, person, wrong=(1,) if number % 4 == 0 else ())
        reflections.entry_create(author=person, title=f"Entry {number}", body="Text")
    team_session_record(
        delivered_by=supervisor,
        page=second_page,
        delivered_on=timezone.localdate(),
        attendees=[leaver, council_people[2]],
        group_reflection="We will ask first.",
    )
    review = ReviewLearning(
        pk=page.pk,
        title="Review of Adult A",
        published_at=datetime(2024, 12, 1, 9, tzinfo=UTC),
        page_ids=frozenset({page.pk}),
    )
    # The leaver has left: deactivated before the "before" figures, as the schedule
    # finds them.
    leaver.is_active = False
    leaver.save()
    with hooks.register_temporarily(
        REVIEW_LEARNING_HOOK, lambda: ReviewCatalogue(model=type(page), reviews=(review,))
    ):
        yield {"council": council, "trust": trust, "leaver": leaver}


def _masked(text: str, leaver: User) -> str:
    for name in ("Zephyrine Quartermaine", "Erased person", leaver.email):
        text = text.replace(name, "<leaver>")
    return text


def _table_figures(table, leaver: User) -> tuple:
    rows = sorted(tuple(_masked(cell, leaver) for cell in row) for row in table.text_rows())
    return (table.slug, tuple(table.header()), tuple(rows))


def _figures(partnership: dict) -> dict:
    """Every report's tables (as shown and exported) in every scope, the board pack's,
    and the people table of each organisation, with the leaver's name masked."""
    leaver = User.objects.get(pk=partnership["leaver"].pk)
    today = timezone.localdate()
    scopes = {
        "partnership": ReportScope(organisation_id=None, names=False),
        "council": ReportScope(organisation_id=partnership["council"].pk, names=True),
        "trust": ReportScope(organisation_id=partnership["trust"].pk, names=True),
    }
    figures: dict = {}
    for scope_name, scope in scopes.items():
        filters = held_to_scope(scope, ReportFilters())
        for kind in report_types():
            report = kind.build(scope=scope, filters=filters, today=today)
            figures[(scope_name, kind.slug)] = (
                tuple((label, _masked(str(value), leaver)) for label, value in report.summary),
                tuple(
                    _table_figures(table, leaver)
                    for table in report.tables
                    if table.slug not in TEXT_TABLES
                ),
            )
        pack = build_board_pack(scope=scope, quarter=Quarter.containing(today), today=today)
        figures[(scope_name, "board-pack")] = tuple(
            _table_figures(table, leaver)
            for section in pack.sections
            for _, table in section.items
            if not table.slug.endswith(tuple(TEXT_TABLES))
        )
    for name in ("council", "trust"):
        organisation = partnership[name]
        people = User.objects.filter(profile__organisation=organisation)
        rows = [
            person_row(person)
            for person in people_table(people=people, organisation_id=organisation.pk, today=today)
        ]
        figures[(name, "people")] = sorted(
            (row.person.pk, row.team, row.roles, row.registration, row.active, row.standing,
             row.cpd_minutes, str(row.status))
            for row in rows
        )  # fmt: skip
    return figures


def test_every_report_gives_the_same_totals_before_and_after_erasure(partnership):
    leaver = partnership["leaver"]
    before = _figures(partnership)
    # The figures are real: the leaver's records are in them.
    assert Completion.objects.filter(user=leaver).count() == 2
    assert all(before.values())
    counts = erase_person(
        leaver, reason="End of the retention period.", actor=None, action=AuditAction.ERASED
    )
    assert counts  # Something was erased.
    assert Feedback.objects.get(user=leaver, page__isnull=False).comment == ""
    after = _figures(partnership)
    assert after.keys() == before.keys()
    changed = [key for key in before if before[key] != after[key]]
    assert not changed, f"Reports whose figures changed: {changed}"
