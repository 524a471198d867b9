"""`annotate_cpd_minutes_this_year` (a whole list in one query) agrees with
`cpd_totals_for` (one person), including at the edges of the year and of the day."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from learning.records.selectors import annotate_cpd_minutes_this_year, cpd_totals_for
from tests.factories import make_person
from tests.learning.organisation.conftest import complete, external
from tests.learning.reflections.factories import make_learning_page

pytestmark = pytest.mark.django_db

TODAY = date(2026, 3, 15)


def local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def annotated(person) -> int:
    users = get_user_model().objects.filter(pk=person.pk)
    return annotate_cpd_minutes_this_year(users, today=TODAY).get().cpd_minutes_this_year


def test_it_agrees_with_cpd_totals_for_the_same_person():
    person = make_person()
    pages = [make_learning_page(title=f"Item {number}") for number in range(5)]
    # Counted: 1 January at midnight (local), today late in the evening, and external
    # CPD on 1 January and today.
    complete(person, pages[0], minutes=10, at=local(2026, 1, 1, 0, 0))
    complete(person, pages[1], minutes=20, at=local(2026, 3, 15, 23, 30))
    external(person, minutes=40, on=date(2026, 1, 1))
    external(person, minutes=80, on=TODAY)
    # Not counted: the last minute of last year, tomorrow, and external CPD either side.
    complete(person, pages[2], minutes=100, at=local(2025, 12, 31, 23, 59))
    complete(person, pages[3], minutes=200, at=local(2026, 3, 16, 0, 1))
    external(person, minutes=400, on=date(2025, 12, 31))
    external(person, minutes=800, on=date(2026, 3, 16))

    assert cpd_totals_for(user=person, today=TODAY).year_minutes == 150
    assert annotated(person) == 150


def test_someone_with_nothing_has_zero_not_none():
    person = make_person()
    assert cpd_totals_for(user=person, today=TODAY).year_minutes == 0
    assert annotated(person) == 0


def test_one_query_gives_each_person_their_own_total():
    page = make_learning_page(title="Shared item")
    first, second, third = make_person(), make_person(), make_person()
    complete(first, page, minutes=7, at=local(2026, 2, 1, 12, 0))
    external(first, minutes=60, on=date(2026, 2, 2))
    external(second, minutes=30, on=date(2026, 2, 3))
    external(second, minutes=45, on=date(2026, 2, 4))
    users = get_user_model().objects.filter(pk__in=[first.pk, second.pk, third.pk])
    totals = {
        person.pk: person.cpd_minutes_this_year
        for person in annotate_cpd_minutes_this_year(users, today=TODAY)
    }
    assert totals == {first.pk: 67, second.pk: 75, third.pk: 0}
    for person in (first, second, third):
        assert totals[person.pk] == cpd_totals_for(user=person, today=TODAY).year_minutes
