"""done_counts: who is complete or exempt in everything on each of many days, counted in
one set-wise query, gives what the status rule (annotate_status) gives day by day.

The fixture, over 2025-2026: a one-off requirement for everyone; a two-page refresher
every 6 months for one team; a yearly window (April to June) starting mid-2025; a one-off
requirement from September 2025 for one role. People:

- Ann (east team, joined 2024) did the refresher's two pages in January 2025, lets it
  expire in July, and does both again in October 2025: her cycle restarts.
- Ben (west team) joined mid-2025, does the one-off page in August 2025 and the
  window's two pages in May 2026.
- Cat (east) is exempt from everything from March to the end of June 2025, and from
  the refresher alone from 2026.
- Dan (west, a supervisor) did only one of the window's two pages (the one the
  supervisors' requirement also asks for).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import Completion, Exemption, RefreshRule, Requirement, Team
from learning.required.status import AUDIENCE_PREFETCH, Status, annotate_status, done_counts
from learning.roles import Role
from tests.factories import OrganisationFactory, make_person
from tests.learning.reflections.factories import make_learning_page

pytestmark = pytest.mark.django_db

DONE = (Status.COMPLETE, Status.EXEMPT)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _done(person, page, day: date, cycle: int = 1) -> None:
    Completion.objects.create(
        user=person,
        page=page,
        page_title=page.title,
        how="confirmed",
        minutes=5,
        completed_at=_at(day),
        cycle=cycle,
    )


def _exempt(person, starts: date, ends: date, requirement=None) -> None:
    exemption = Exemption.objects.create(
        user=person, requirement=requirement, reason="Leave", ends_on=ends
    )
    Exemption.objects.filter(pk=exemption.pk).update(created_at=_at(starts))


@pytest.fixture
def world(page, second_page, make_requirement):
    third = make_learning_page(title="Working with families")
    fourth = make_learning_page(title="Mental capacity in practice")
    council = OrganisationFactory(name="Northmoor Council")
    east = Team.objects.create(organisation=council, name="Adults East")
    west = Team.objects.create(organisation=council, name="Adults West")
    core = make_requirement(page, title="Core", starts_on=date(2024, 1, 1), due_days=30)
    refresher = make_requirement(
        second_page,
        third,
        title="Refresher",
        everyone=False,
        teams=[east],
        starts_on=date(2024, 6, 1),
        refresh=RefreshRule.EVERY_MONTHS,
        refresh_months=6,
    )
    make_requirement(
        third,
        fourth,
        title="Annual",
        starts_on=date(2025, 7, 15),
        refresh=RefreshRule.WINDOW,
        window_start_month=4,
        window_start_day=1,
        window_end_month=6,
        window_end_day=30,
    )
    make_requirement(
        fourth,
        title="Supervisors",
        everyone=False,
        roles=[Group.objects.get(name=Role.SUPERVISOR.value)],
        starts_on=date(2025, 9, 1),
    )
    long_ago = _at(date(2024, 3, 1))
    ann = make_person(team=east, first_name="Ann", date_joined=long_ago)
    ben = make_person(team=west, first_name="Ben", date_joined=_at(date(2025, 6, 20)))
    cat = make_person(team=east, first_name="Cat", date_joined=long_ago)
    dan = make_person(
        team=west, role=Role.SUPERVISOR, first_name="Dan", date_joined=_at(date(2024, 11, 5))
    )
    _done(ann, page, date(2024, 4, 2))
    _done(ann, second_page, date(2025, 1, 10))
    _done(ann, third, date(2025, 1, 12))
    _done(ann, second_page, date(2025, 10, 3), cycle=2)
    _done(ann, third, date(2025, 10, 20), cycle=2)
    _done(ben, page, date(2025, 8, 14))
    _done(ben, third, date(2026, 5, 2))
    _done(ben, fourth, date(2026, 5, 3))
    _done(cat, page, date(2024, 5, 1))
    _exempt(cat, date(2025, 3, 1), date(2025, 6, 30))
    _exempt(cat, date(2026, 1, 1), date(2026, 12, 31), requirement=refresher)
    _done(dan, page, date(2024, 11, 20))
    _done(dan, fourth, date(2026, 4, 9))
    return {"people": [ann, ben, cat, dan], "core": core, "refresher": refresher}


# Month ends and the days either side of the changes above.
DAYS = sorted(
    {date(2025, month, 28) for month in range(1, 13)}
    | {date(2026, month, 28) for month in range(1, 7)}
    | {
        date(2025, 6, 19),
        date(2025, 6, 20),
        date(2025, 6, 30),
        date(2025, 7, 1),
        date(2025, 7, 10),
        date(2025, 7, 11),
        date(2025, 7, 14),
        date(2025, 7, 15),
        date(2025, 10, 19),
        date(2025, 10, 20),
        date(2026, 3, 31),
        date(2026, 4, 1),
    }
)


def _requirements() -> list[Requirement]:
    return list(Requirement.objects.prefetch_related(*AUDIENCE_PREFETCH).order_by("pk"))


def _by_the_rule(person, requirements, day: date) -> tuple[int, int]:
    """(1 if the person had joined with something required of them that day, 1 if also
    complete or exempt in all of it), from each requirement's status that day."""
    if person.date_joined.date() > day:
        return 0, 0
    people = get_user_model().objects.filter(pk=person.pk)
    statuses = [
        row.rq_status
        for requirement in requirements
        if requirement.starts_on <= day
        for row in annotate_status(people, requirement, today=day)
    ]
    if not statuses:
        return 0, 0
    return 1, int(all(status in DONE for status in statuses))


def _counted(people, requirements, days=DAYS) -> list[tuple[int, int]]:
    return [(row.people, row.complete) for row in done_counts(people, requirements, days)]


def test_each_persons_days_equal_their_statuses_that_day(world):
    requirements = _requirements()
    users = get_user_model().objects
    for person in world["people"]:
        expected = [_by_the_rule(person, requirements, day) for day in DAYS]
        assert _counted(users.filter(pk=person.pk), requirements) == expected, person.first_name


def test_everyone_together_is_the_sum_of_each(world):
    requirements = _requirements()
    users = get_user_model().objects
    each = [_counted(users.filter(pk=person.pk), requirements) for person in world["people"]]
    together = _counted(users.filter(pk__in=[p.pk for p in world["people"]]), requirements)
    assert together == [tuple(map(sum, zip(*day, strict=True))) for day in zip(*each, strict=True)]
    assert len(set(together)) >= 4


def test_the_changes_fall_on_the_right_days(world):
    """Known answers, so that the rule and the count cannot agree on a wrong one."""
    requirements = _requirements()
    users = get_user_model().objects
    ann, ben, cat, dan = world["people"]

    def by_day(person) -> dict[date, tuple[int, int]]:
        people = users.filter(pk=person.pk)
        return dict(zip(DAYS, _counted(people, requirements), strict=True))

    # Ann's refresher, done on 10 and 12 January 2025, counts for six months: she is
    # complete on 10 July and not from 11 July.
    ann_days = by_day(ann)
    assert ann_days[date(2025, 7, 10)] == (1, 1)
    assert ann_days[date(2025, 7, 11)] == (1, 0)
    # Dan has done the core page; the yearly window applies from 15 July and he has done
    # only one of its pages.
    dan_days = by_day(dan)
    assert dan_days[date(2025, 7, 14)] == (1, 1)
    assert dan_days[date(2025, 7, 15)] == (1, 0)
    # Ben is counted from the day he joined; the window (applying from 15 July) keeps
    # him outstanding after he does the core page, until he does its pages in May.
    ben_days = by_day(ben)
    assert ben_days[date(2025, 6, 19)] == (0, 0)
    assert ben_days[date(2025, 6, 20)] == (1, 0)
    assert ben_days[date(2025, 8, 28)] == (1, 0)
    assert ben_days[date(2026, 5, 28)] == (1, 1)
    # Cat's exemption from everything ends on 30 June 2025; her refresher then counts.
    cat_days = by_day(cat)
    assert cat_days[date(2025, 6, 30)] == (1, 1)
    assert cat_days[date(2025, 7, 1)] == (1, 0)


def test_one_query_whatever_the_days(world):
    requirements = _requirements()
    people = get_user_model().objects.all()
    with CaptureQueriesContext(connection) as queries:
        done_counts(people, requirements, DAYS)
    assert len(queries) == 1
    with CaptureQueriesContext(connection) as queries:
        done_counts(people, requirements, DAYS[:2])
    assert len(queries) == 1


def test_nothing_required_counts_nobody(world):
    people = get_user_model().objects.all()
    assert _counted(people, []) == [(0, 0)] * len(DAYS)
    before_any = [date(2023, 12, 31) - timedelta(days=n) for n in range(3)]
    assert _counted(people, _requirements(), before_any) == [(0, 0)] * 3
    assert done_counts(people, _requirements(), []) == []
