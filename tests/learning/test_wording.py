"""The wording filters: one time format everywhere, and labels that keep their
abbreviations mid-sentence."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from django.conf import settings

from learning.templatetags.wording import date_and_time, lower_first, time_of_day


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        # Greenwich Mean Time: London is UTC.
        (datetime(2026, 3, 27, 21, 8, tzinfo=UTC), "9:08pm"),
        # British Summer Time: London is an hour ahead of UTC.
        (datetime(2026, 7, 1, 20, 8, tzinfo=UTC), "9:08pm"),
        (datetime(2026, 7, 1, 9, 0, tzinfo=UTC), "10am"),
        (datetime(2026, 1, 5, 12, 0, tzinfo=UTC), "midday"),
        (datetime(2026, 1, 5, 0, 0, tzinfo=UTC), "midnight"),
        (datetime(2026, 1, 5, 12, 30, tzinfo=UTC), "12:30pm"),
        (datetime(2026, 1, 5, 0, 5, tzinfo=UTC), "12:05am"),
        (time(7, 45), "7:45am"),
        (None, ""),
    ],
)
def test_time_of_day(value, shown):
    assert time_of_day(value) == shown


def test_date_and_time_is_the_local_day_and_time():
    # 23:30 UTC on 30 June is 12:30am on 1 July in London.
    assert date_and_time(datetime(2026, 6, 30, 23, 30, tzinfo=UTC)) == "1 July 2026, 12:30am"
    assert date_and_time(None) == ""


@pytest.mark.parametrize(
    ("label", "shown"),
    [
        ("Hours of CPD", "hours of CPD"),
        ("Hours of participatory CPD", "hours of participatory CPD"),
        ("CPD hours this year", "CPD hours this year"),
        ("Written reflective accounts", "written reflective accounts"),
        ("A", "a"),
        ("", ""),
    ],
)
def test_lower_first(label, shown):
    assert lower_first(label) == shown


# Django's "a" and "A" formats give "p.m." and "PM"; any hour or minute format in a
# template's |date would be a second time format beside time_of_day.
DJANGO_TIME_FORMAT = re.compile(r"\|(?:date|time):\"[^\"]*[aAgGhHiP][^\"]*\"")


def test_no_template_formats_a_time_itself():
    found = []
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for path in Path(directory).rglob("*.*"):
            if path.suffix in (".html", ".txt"):
                found += [f"{path}: {m}" for m in DJANGO_TIME_FORMAT.findall(path.read_text())]
    assert found == []
