"""Each person's status against a requirement (learning.required.status), table-driven
with every date given explicitly: across refresher cycles, joining, team moves,
exemptions and edits to the requirement.

Unless a case says otherwise: the requirement is one page, for everyone, applying from
1 January 2026 and due within 30 days; the person joined on 1 January 2025, and nothing
was assigned to them later (no move into the audience). So with nothing done, it is due
on 31 January 2026.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone

from learning.models import (
    Completion,
    DueFrom,
    Exemption,
    RefreshRule,
    Requirement,
    RequirementAssignment,
    Team,
    User,
)
from learning.records import services
from learning.required.status import (
    DUE_SOON_DAYS,
    Status,
    annotate_status,
    done_in_cycle,
    latest_completions,
    person_status,
    statuses_for_person,
)
from tests.factories import make_person
from tests.learning.required.helpers import at, complete

STARTS = date(2026, 1, 1)
JOINED = datetime(2025, 1, 1, 9, tzinfo=UTC)


def _person(*, joined: datetime = JOINED, assigned_on: date | None = None, team=None):
    """A person who joined on `joined`; with `assigned_on`, every requirement that
    applies to them was assigned to them that day (they moved into its audience)."""
    person = make_person(date_joined=joined, team=team)
    if assigned_on is not None:
        for requirement in Requirement.objects.all():
            RequirementAssignment.objects.create(
                requirement=requirement, user=person, assigned_on=assigned_on
            )
    return person


@pytest.fixture
def make_requirement(make_requirement):
    """Requirements applying from STARTS unless a test says otherwise."""

    def build(*pages, **fields):
        fields.setdefault("starts_on", STARTS)
        return make_requirement(*pages, **fields)

    return build


def _exempt(person, requirement, ends_on: date) -> Exemption:
    exemption = Exemption.objects.create(
        user=person, requirement=requirement, reason="Long-term leave", ends_on=ends_on
    )
    # Made before the dates the test asks about, as it would have been.
    Exemption.objects.filter(pk=exemption.pk).update(created_at=at(STARTS))
    return exemption


def _status(person, requirement, today: date):
    """(status, due on, complete until) as the database computes it, after checking
    that the rule applied in Python (status.in_memory, for a person's own pages) gives
    the same status with the same dates."""
    row = (
        annotate_status(User.objects.select_related("profile"), requirement, today=today)
        .filter(pk=person.pk)
        .first()
    )
    in_python = {
        standing.requirement.pk: standing
        for standing in statuses_for_person(User.objects.get(pk=person.pk), today=today)
    }
    if row is None:
        assert requirement.pk not in in_python
        return None
    standing = person_status(requirement, row, row, today)
    assert in_python[requirement.pk] == replace(
        standing, requirement=in_python[requirement.pk].requirement
    )
    return standing.status, standing.due_on, standing.complete_until


ONCE = {"refresh": RefreshRule.NEVER}
YEARLY = {"refresh": RefreshRule.EVERY_MONTHS, "refresh_months": 12}
APRIL_TO_JUNE = {
    "refresh": RefreshRule.WINDOW,
    "window_start_month": 4,
    "window_start_day": 1,
    "window_end_month": 6,
    "window_end_day": 30,
}

# (case, rule, completions (dates), today, expected status, due on, complete until)
CASES = [
    (
        "nothing done, due far off",
        ONCE,
        [],
        date(2026, 1, 10),
        Status.NOT_STARTED,
        date(2026, 1, 31),
        None,
    ),
    (
        "nothing done, due within 14 days",
        ONCE,
        [],
        date(2026, 1, 20),
        Status.DUE,
        date(2026, 1, 31),
        None,
    ),
    ("nothing done, due today", ONCE, [], date(2026, 1, 31), Status.DUE, date(2026, 1, 31), None),
    ("nothing done, past due", ONCE, [], date(2026, 2, 1), Status.OVERDUE, date(2026, 1, 31), None),
    (
        "once: done before it was required counts",
        ONCE,
        [date(2025, 6, 1)],
        date(2026, 6, 1),
        Status.COMPLETE,
        None,
        None,
    ),
    (
        "yearly: done this cycle",
        YEARLY,
        [date(2026, 2, 1)],
        date(2026, 6, 1),
        Status.COMPLETE,
        None,
        date(2027, 1, 31),
    ),
    (
        "yearly: last day of the cycle",
        YEARLY,
        [date(2025, 6, 1)],
        date(2026, 5, 31),
        Status.COMPLETE,
        None,
        date(2026, 5, 31),
    ),
    (
        "yearly: expired, refresher not yet due",
        YEARLY,
        [date(2025, 6, 10)],
        date(2026, 6, 20),
        Status.NOT_STARTED,
        date(2026, 7, 10),
        None,
    ),
    (
        "yearly: expired, refresher due soon",
        YEARLY,
        [date(2025, 6, 10)],
        date(2026, 6, 28),
        Status.DUE,
        date(2026, 7, 10),
        None,
    ),
    (
        "yearly: expired long ago",
        YEARLY,
        [date(2025, 3, 1)],
        date(2026, 6, 1),
        Status.OVERDUE,
        date(2026, 3, 31),
        None,
    ),
    (
        "yearly: the newest of several cycles counts",
        YEARLY,
        [date(2024, 5, 1), date(2025, 5, 1), date(2026, 5, 1)],
        date(2026, 6, 1),
        Status.COMPLETE,
        None,
        date(2027, 4, 30),
    ),
    (
        "window: done in this year's window",
        APRIL_TO_JUNE,
        [date(2026, 4, 10)],
        date(2026, 5, 1),
        Status.COMPLETE,
        None,
        date(2027, 3, 31),
    ),
    (
        "window: last year's does not count once it opens",
        APRIL_TO_JUNE,
        [date(2025, 5, 1)],
        date(2026, 5, 1),
        Status.NOT_STARTED,
        date(2026, 6, 30),
        None,
    ),
    (
        "window: closing within 14 days",
        APRIL_TO_JUNE,
        [date(2025, 5, 1)],
        date(2026, 6, 20),
        Status.DUE,
        date(2026, 6, 30),
        None,
    ),
    (
        "window: closed",
        APRIL_TO_JUNE,
        [date(2025, 5, 1)],
        date(2026, 7, 1),
        Status.OVERDUE,
        date(2026, 6, 30),
        None,
    ),
    (
        "window: before it opens, last year's still counts",
        APRIL_TO_JUNE,
        [date(2025, 5, 1)],
        date(2026, 3, 15),
        Status.COMPLETE,
        None,
        date(2026, 3, 31),
    ),
    (
        "window: done just before it opened counts for the old cycle",
        APRIL_TO_JUNE,
        [date(2026, 3, 15)],
        date(2026, 5, 1),
        Status.NOT_STARTED,
        date(2026, 6, 30),
        None,
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rule", "done", "today", "status", "due_on", "until"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_status_table(page, make_requirement, rule, done, today, status, due_on, until):
    requirement = make_requirement(page, **rule)
    person = _person()
    for day in done:
        complete(person, page, day)
    assert _status(person, requirement, today) == (status, due_on, until)


@pytest.mark.django_db
def test_completion_of_every_kind_counts(page, make_requirement):
    from learning.models import TeamSession

    requirement = make_requirement(page)
    by_check, in_session = _person(), _person()
    complete(by_check, page, date(2026, 1, 5), how="passed_check")
    session = TeamSession.objects.create(
        page=page,
        page_title=page.title,
        delivered_by=make_person(),
        delivered_on=date(2026, 1, 5),
        minutes=30,
    )
    complete(in_session, page, date(2026, 1, 5), how="team_session", team_session=session)
    assert _status(by_check, requirement, date(2026, 3, 1))[0] == Status.COMPLETE
    assert _status(in_session, requirement, date(2026, 3, 1))[0] == Status.COMPLETE


@pytest.mark.django_db
def test_every_page_of_a_requirement_is_needed(page, second_page, make_requirement):
    requirement = make_requirement(page, second_page, **YEARLY)
    person = _person()
    complete(person, page, date(2026, 1, 10))
    # Never completed in full, so due from joining, not a year after the one page (on
    # PostgreSQL too, whose LEAST would skip the page never done).
    assert _status(person, requirement, date(2026, 2, 10)) == (
        Status.OVERDUE,
        date(2026, 1, 31),
        None,
    )
    complete(person, second_page, date(2026, 2, 20))
    # Complete until the earlier of the two completions expires.
    assert _status(person, requirement, date(2026, 3, 1)) == (
        Status.COMPLETE,
        None,
        date(2027, 1, 9),
    )


JOINING_CASES = [
    # (due from, joined, placed on, today, status, due on)
    (
        DueFrom.ASSIGNED,
        datetime(2026, 3, 1, 9, tzinfo=UTC),
        date(2026, 3, 1),
        date(2026, 3, 5),
        Status.NOT_STARTED,
        date(2026, 3, 31),
    ),
    (
        DueFrom.ASSIGNED,
        datetime(2026, 3, 1, 9, tzinfo=UTC),
        date(2026, 3, 1),
        date(2026, 3, 20),
        Status.DUE,
        date(2026, 3, 31),
    ),
    (
        DueFrom.ASSIGNED,
        datetime(2026, 3, 1, 9, tzinfo=UTC),
        date(2026, 3, 1),
        date(2026, 4, 1),
        Status.OVERDUE,
        date(2026, 3, 31),
    ),
    # Moved team on 1 May: assigned then, so 30 days from the move.
    (DueFrom.ASSIGNED, JOINED, date(2026, 5, 1), date(2026, 5, 20), Status.DUE, date(2026, 5, 31)),
    # Counted from joining, a move changes nothing.
    (
        DueFrom.JOINED,
        JOINED,
        date(2026, 5, 1),
        date(2026, 5, 20),
        Status.OVERDUE,
        date(2026, 1, 31),
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("due_from", "joined", "assigned_on", "today", "status", "due_on"), JOINING_CASES
)
def test_joining_and_moving(
    page, make_requirement, due_from, joined, assigned_on, today, status, due_on
):
    requirement = make_requirement(page, due_from=due_from)
    person = _person(joined=joined, assigned_on=assigned_on)
    assert _status(person, requirement, today) == (status, due_on, None)


@pytest.mark.django_db
def test_moving_into_the_audience_assigns_it_from_that_day(
    page, make_requirement, django_capture_on_commit_callbacks
):
    first = Team.objects.create(organisation=make_person().profile.organisation, name="Intake")
    second = Team.objects.create(organisation=first.organisation, name="Hospital discharge")
    requirement = make_requirement(page, everyone=False, teams=[second])
    person = _person(team=first)
    assert _status(person, requirement, date(2026, 6, 1)) is None
    with django_capture_on_commit_callbacks(execute=True):
        person.profile.team = second
        person.profile.save()
    today = timezone.localdate()
    assert RequirementAssignment.objects.get(user=person).assigned_on == today
    assert _status(person, requirement, today) == (
        Status.NOT_STARTED,
        today + timedelta(days=30),
        None,
    )


@pytest.mark.django_db
def test_a_move_within_the_audience_changes_no_due_date(
    page, make_requirement, django_capture_on_commit_callbacks
):
    """Overdue stays overdue: moving between two teams the requirement already covered
    does not start the clock again."""
    organisation = make_person().profile.organisation
    first = Team.objects.create(organisation=organisation, name="Intake")
    second = Team.objects.create(organisation=organisation, name="Reviews")
    requirement = make_requirement(page, everyone=False, teams=[first, second])
    person = _person(team=first, assigned_on=date(2025, 1, 1))
    today = timezone.localdate()
    before = _status(person, requirement, today)
    assert before[0] == Status.OVERDUE
    with django_capture_on_commit_callbacks(execute=True):
        person.profile.team = second
        person.profile.save()
    assert _status(person, requirement, today) == before


@pytest.mark.django_db
def test_a_role_change_assigns_requirements_for_that_role(
    page, make_requirement, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    supervisors = Group.objects.get(name="Supervisor")
    requirement = make_requirement(page, everyone=False, roles=[supervisors])
    person = _person()
    with django_capture_on_commit_callbacks(execute=True):
        person.groups.add(supervisors)
    assigned = RequirementAssignment.objects.get(user=person, requirement=requirement)
    assert assigned.assigned_on == timezone.localdate()


@pytest.mark.django_db
def test_widening_a_requirement_assigns_it_from_the_edit(page, make_requirement):
    """People an edit brings into a requirement have the days allowed from the edit,
    not from the day it first applied; those already in it keep their dates."""
    from learning.required import services as required_services
    from learning.roles import Role

    organisation = make_person().profile.organisation
    first = Team.objects.create(organisation=organisation, name="Intake")
    second = Team.objects.create(organisation=organisation, name="Reviews")
    already, newcomer = _person(team=first), _person(team=second)
    manager = make_person(role=Role.SAB_MANAGER)
    requirement = required_services.requirement_create(
        created_by=manager,
        organisation=None,
        pages=[page],
        teams=[first],
        title="Hospital discharge learning",
        everyone=False,
        due_days=30,
        due_from=DueFrom.ASSIGNED,
        refresh=RefreshRule.NEVER,
        starts_on=STARTS,
    )
    assert RequirementAssignment.objects.get(user=already).assigned_on == STARTS
    required_services.requirement_update(
        requirement=requirement,
        changed_by=manager,
        pages=[page],
        teams=[first, second],
        title="Hospital discharge learning",
        everyone=False,
        due_days=30,
        due_from=DueFrom.ASSIGNED,
        refresh=RefreshRule.NEVER,
        starts_on=STARTS,
    )
    today = timezone.localdate()
    assert RequirementAssignment.objects.get(user=already).assigned_on == STARTS
    assert RequirementAssignment.objects.get(user=newcomer).assigned_on == today
    assert _status(already, requirement, today)[0] == Status.OVERDUE
    assert _status(newcomer, requirement, today)[1] == today + timedelta(days=30)


@pytest.mark.django_db
def test_exemptions(page, second_page, make_requirement):
    requirement = make_requirement(page)
    other = make_requirement(second_page, title="Mental Capacity Act")
    person = _person()
    today = date(2026, 6, 1)
    assert _status(person, requirement, today)[0] == Status.OVERDUE
    _exempt(person, other, date(2026, 12, 31))
    assert _status(person, requirement, today)[0] == Status.OVERDUE
    everything = _exempt(person, None, date(2026, 12, 31))
    assert _status(person, requirement, today)[0] == Status.EXEMPT
    row = annotate_status(User.objects.all(), requirement, today=today).get(pk=person.pk)
    assert row.rq_exempt_until == date(2026, 12, 31)
    # Once it ends the learning is overdue again.
    assert _status(person, requirement, date(2027, 1, 1))[0] == Status.OVERDUE
    everything.delete()
    assert _status(person, requirement, today)[0] == Status.OVERDUE


@pytest.mark.django_db
def test_editing_a_requirement_changes_statuses_at_once(page, make_requirement):
    requirement = make_requirement(page)
    person = _person()
    complete(person, page, date(2025, 3, 1))
    today = date(2026, 6, 1)
    assert _status(person, requirement, today)[0] == Status.COMPLETE
    requirement.refresh, requirement.refresh_months = RefreshRule.EVERY_MONTHS, 12
    requirement.save()
    assert _status(person, requirement, today)[0] == Status.OVERDUE
    requirement.everyone = False
    requirement.save()
    assert _status(person, requirement, today) is None  # nobody is chosen now
    requirement.is_active = False
    requirement.everyone = True
    requirement.save()
    assert statuses_for_person(person, today=today) == []


@pytest.mark.django_db
def test_people_who_left_or_have_no_organisation_are_not_in_the_audience(page, make_requirement):
    requirement = make_requirement(page)
    left = _person()
    left.is_active = False
    left.save()
    nowhere = _person()
    nowhere.profile.organisation = None
    nowhere.profile.save()
    assert _status(left, requirement, date(2026, 6, 1)) is None
    assert _status(nowhere, requirement, date(2026, 6, 1)) is None


@pytest.mark.django_db
def test_sql_status_agrees_with_the_due_date_every_day_of_a_year(page, make_requirement):
    """Over a year of days and three rules, the status the database computes always
    agrees with the due date shown beside it."""
    people = {}
    for name, rule in (("once", ONCE), ("yearly", YEARLY), ("window", APRIL_TO_JUNE)):
        requirement = make_requirement(page, title=name, **rule)
        person = _person()
        complete(person, page, date(2025, 5, 20))
        people[name] = (requirement, person)
    day = date(2026, 1, 1)
    while day < date(2027, 1, 1):
        for requirement, person in people.values():
            status, due_on, until = _status(person, requirement, day)
            if status == Status.COMPLETE:
                assert until is None or until >= day, (requirement, day)
            elif status == Status.OVERDUE:
                assert due_on < day, (requirement, day, due_on)
            elif status == Status.DUE:
                assert day <= due_on <= day + timedelta(days=DUE_SOON_DAYS), (requirement, day)
            else:
                assert due_on > day + timedelta(days=DUE_SOON_DAYS), (requirement, day, due_on)
        day += timedelta(days=9)


@pytest.mark.django_db
def test_statuses_for_person_lists_outstanding_first(page, second_page, make_requirement):
    overdue = make_requirement(page, title="Overdue one")
    later = make_requirement(
        second_page, title="Later one", starts_on=date(2026, 5, 20), due_days=60
    )
    person = _person()
    statuses = statuses_for_person(person, today=date(2026, 6, 1))
    assert [(item.requirement, item.status) for item in statuses] == [
        (overdue, Status.OVERDUE),
        (later, Status.NOT_STARTED),
    ]


@pytest.mark.django_db
def test_a_refresher_records_a_new_cycle_and_keeps_the_old(page, make_requirement):
    make_requirement(page, **YEARLY)
    person = _person()
    first, created = services.completion_record(
        user=person, page=page, how="confirmed", completed_at=at(date(2025, 3, 1))
    )
    assert created and first.cycle == 1
    # The same cycle: nothing new.
    again, created = services.completion_record(
        user=person, page=page, how="confirmed", completed_at=at(date(2025, 9, 1))
    )
    assert (again, created) == (first, False)
    # Within 14 days of the cycle ending, a refresher may be done early.
    early, created = services.completion_record(
        user=person, page=page, how="confirmed", completed_at=at(date(2026, 2, 20))
    )
    assert created and early.cycle == 2
    assert list(Completion.objects.filter(user=person).values_list("cycle", flat=True)) == [2, 1]


@pytest.mark.django_db
def test_without_a_refresher_a_page_is_completed_once(page, make_requirement):
    make_requirement(page)
    person = _person()
    first, _ = services.completion_record(
        user=person, page=page, how="confirmed", completed_at=at(date(2025, 3, 1))
    )
    later, created = services.completion_record(
        user=person, page=page, how="confirmed", completed_at=at(date(2026, 9, 1))
    )
    assert (later, created) == (first, False)


@pytest.mark.django_db
def test_a_requirement_whose_learning_was_deleted_applies_to_nobody(page, make_requirement):
    requirement = make_requirement(page)
    person = _person()
    assert _status(person, requirement, date(2026, 6, 1))[0] == Status.OVERDUE
    page.delete()
    requirement = Requirement.objects.get(pk=requirement.pk)
    assert _status(person, requirement, date(2026, 6, 1)) is None
    assert statuses_for_person(person, today=date(2026, 6, 1)) == []


# (case, rule, completed on, today, whether it counts towards today's cycle)
DONE_IN_CYCLE_CASES = [
    ("once: any completion ever", ONCE, date(2020, 5, 1), date(2026, 6, 1), True),
    ("yearly: the cycle's first day", YEARLY, date(2025, 6, 1), date(2026, 6, 1), True),
    ("yearly: the day before the cycle", YEARLY, date(2025, 5, 31), date(2026, 6, 1), False),
    ("window: the day it opened", APRIL_TO_JUNE, date(2026, 4, 1), date(2026, 5, 1), True),
    ("window: the day before it opened", APRIL_TO_JUNE, date(2026, 3, 31), date(2026, 5, 1), False),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rule", "done_on", "today", "counts"),
    [case[1:] for case in DONE_IN_CYCLE_CASES],
    ids=[case[0] for case in DONE_IN_CYCLE_CASES],
)
def test_one_completion_in_hand_counts_as_the_sql_counts_it(
    page, make_requirement, rule, done_on, today, counts
):
    """done_in_cycle (a page ticked on a list) and the SQL status (the requirement
    complete) agree about a one-page requirement."""
    requirement = make_requirement(page, **rule)
    person = _person()
    completion = complete(person, page, done_on)
    assert done_in_cycle(requirement, completion.completed_at, today) is counts
    assert (_status(person, requirement, today)[0] == Status.COMPLETE) is counts
    assert done_in_cycle(requirement, None, today) is False


@pytest.mark.django_db
def test_latest_completions_are_those_the_status_counts(
    page, second_page, django_assert_num_queries
):
    """Each person's latest completion of each page up to the end of `today`, and
    nothing after it, in one query."""
    person, other = _person(), _person()
    complete(person, page, date(2026, 1, 10))
    complete(person, page, date(2026, 3, 1))  # after `today`: not counted yet
    complete(person, second_page, date(2025, 12, 1))
    complete(person, second_page, date(2026, 2, 15))
    complete(other, page, date(2026, 2, 1))
    with django_assert_num_queries(1):
        latest = latest_completions(
            user_ids=[person.pk], page_ids=[page.pk, second_page.pk], today=date(2026, 2, 15)
        )
    assert latest == {
        (person.pk, page.pk): at(date(2026, 1, 10)),
        (person.pk, second_page.pk): at(date(2026, 2, 15)),
    }
