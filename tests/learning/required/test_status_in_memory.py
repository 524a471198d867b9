"""The status rule applied in Python (status.in_memory, for a person's own pages and a
supervisor's team) and set-wise (status.set_wise, for the compliance report) gives what
the per-person SQL gives (status.annotations), day by day across more than a year:
every rule, due from joining and from assignment, people joining late, moved in late,
exempted for a while, with every page, some or none done. A day's difference at any
boundary (due soon, overdue, a cycle ending, a window closing) would show here."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from learning.models import (
    DueFrom,
    Exemption,
    RefreshRule,
    Requirement,
    RequirementAssignment,
    User,
)
from learning.required.status import (
    AUDIENCE_PREFETCH,
    audience_q,
    person_status,
    status_annotations,
    statuses_for_people,
)
from learning.required.status.set_wise import statuses_on
from tests.factories import make_person
from tests.learning.required.helpers import at, complete

pytestmark = pytest.mark.django_db

START = date(2026, 1, 1)


@pytest.fixture
def world(page, second_page, make_requirement):
    rules = {
        "once": {"refresh": RefreshRule.NEVER},
        "every 6 months": {"refresh": RefreshRule.EVERY_MONTHS, "refresh_months": 6},
        "April to June": {
            "refresh": RefreshRule.WINDOW,
            "window_start_month": 4,
            "window_start_day": 1,
            "window_end_month": 6,
            "window_end_day": 30,
        },
        "yearly, from assignment": {
            "refresh": RefreshRule.EVERY_MONTHS,
            "refresh_months": 12,
            "due_from": DueFrom.ASSIGNED,
        },
    }
    for title, rule in rules.items():
        make_requirement(page, second_page, title=title, starts_on=START, due_days=20, **rule)
    make_requirement(
        page,
        title="one page, from assignment",
        starts_on=START,
        due_days=45,
        due_from=DueFrom.ASSIGNED,
    )

    people = [
        make_person(date_joined=at(date(2025, 1, 1))),  # left
        make_person(date_joined=at(date(2025, 1, 1))),  # nothing done
        make_person(date_joined=at(date(2026, 3, 10), hour=23)),  # joined late in the day
        make_person(date_joined=at(date(2025, 1, 1))),  # moved in late
        make_person(date_joined=at(date(2025, 1, 1))),  # exempt for a while
        make_person(date_joined=at(date(2025, 1, 1))),  # one page of two
        make_person(date_joined=at(date(2025, 1, 1))),  # both pages, several times
    ]
    for requirement in Requirement.objects.all():
        RequirementAssignment.objects.create(
            requirement=requirement, user=people[3], assigned_on=date(2026, 5, 17)
        )
    exemption = Exemption.objects.create(
        user=people[4], requirement=None, reason="Long-term leave", ends_on=date(2026, 7, 31)
    )
    Exemption.objects.filter(pk=exemption.pk).update(created_at=at(date(2026, 2, 14)))
    complete(people[5], page, date(2026, 2, 1))
    for day in (date(2025, 11, 30), date(2026, 6, 15), date(2026, 12, 31)):
        complete(people[6], page, day)
        complete(people[6], second_page, day + timedelta(days=3))
    return people


def test_python_and_sql_agree_every_day(world):
    requirements = list(Requirement.objects.prefetch_related(*AUDIENCE_PREFETCH))
    assert all(requirement.everyone for requirement in requirements)
    world[0].is_active = False  # outside every audience
    world[0].save()
    people = list(User.objects.filter(pk__in=[person.pk for person in world]))
    seen = set()
    day = date(2025, 12, 1)
    while day <= date(2027, 3, 1):
        in_python = statuses_for_people(people, today=day)
        # Every requirement here is for everyone: one query for all their statuses.
        annotations = {}
        for requirement in requirements:
            annotations.update(status_annotations(requirement, day, prefix=f"r{requirement.pk}"))
        rows = User.objects.filter(audience_q(requirements[0]), pk__in=[p.pk for p in people])
        rows = {row.pk: row for row in rows.annotate(**annotations)}
        set_wise = statuses_on(
            User.objects.filter(pk__in=[p.pk for p in people]), requirements, day
        )
        assert {uid for uid, _ in set_wise} == set(rows), day
        for person in people:
            mine = {s.requirement.pk: s for s in in_python[person.pk]}
            if person.pk not in rows:
                assert mine == {}, (person.pk, day)
                continue
            for requirement in requirements:
                row = rows[person.pk]
                expected = person_status(requirement, row, row, day, prefix=f"r{requirement.pk}")
                got = replace(mine[requirement.pk], requirement=requirement)
                assert got == expected, (requirement.title, person.pk, day)
                assert set_wise[person.pk, requirement.pk] == (
                    expected.status,
                    expected.last_completed,
                    row.__dict__[f"r{requirement.pk}_assigned_on"],
                ), (requirement.title, person.pk, day)
                seen.add(expected.status)
        day += timedelta(days=1)
    # Every status was reached somewhere, so the comparison covered each branch.
    assert seen == {"exempt", "complete", "overdue", "due", "not_started"}


def test_statuses_for_people_are_each_persons_own(world, django_assert_num_queries):
    """A fixed number of queries for everyone at once, and each person gets only their own
    requirements: an inactive person none."""
    leaver = world[0]
    leaver.is_active = False
    leaver.save()
    requirements = list(Requirement.objects.all())
    # The requirements, their audiences as ids (four), everyone's facts (two), the pages
    # of those that apply, and the records the rule reads (three).
    with django_assert_num_queries(11):
        found = statuses_for_people(world, today=date(2026, 6, 1))
    assert found[leaver.pk] == []
    assert all(len(found[person.pk]) == len(requirements) for person in world[1:])
    done_both = {s.requirement.title: s.status for s in found[world[6].pk]}
    assert done_both["once"] == "complete"
    assert {s.requirement.title: s.status for s in found[world[4].pk]} == dict.fromkeys(
        done_both, "exempt"
    )
