"""Filters for how values read in a sentence.

{% load wording %}
{{ attempt.finished_at|time_of_day }}     "9:08pm", "10am", "midday", "midnight"
{{ comment.created_at|date_and_time }}    "27 March 2026, 9:08pm"
{{ requirement.label|lower_first }}       "Hours of CPD" -> "hours of CPD"

Every time of day the site shows goes through time_of_day, in the GOV.UK style. Django's
"a" format gives "p.m.", which doubles the full stop at the end of a sentence.
"""

from __future__ import annotations

from datetime import datetime, time

from django import template
from django.utils import timezone
from django.utils.formats import date_format

register = template.Library()


def _local(value: datetime | time) -> datetime | time:
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def time_of_day(value: datetime | time | None) -> str:
    """The time in the site's time zone, 12-hour, with "am" or "pm" and no full stops."""
    if not value:
        return ""
    value = _local(value)
    if value.minute == 0 and value.hour in (0, 12):
        return "midnight" if value.hour == 0 else "midday"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.minute == 0:
        return f"{hour}{suffix}"
    return f"{hour}:{value.minute:02d}{suffix}"


@register.filter
def date_and_time(value: datetime | None) -> str:
    """The day and time, e.g. "27 March 2026, 9:08pm"."""
    if not value:
        return ""
    return f"{date_format(_local(value), 'j F Y')}, {time_of_day(value)}"


@register.filter
def lower_first(label: str) -> str:
    """A label as it reads mid-sentence: its first letter in lower case, unless its
    first word is an abbreviation ("CPD hours" stays as it is). Abbreviations later in
    the label keep their capitals, which |lower would lose ("hours of cpd")."""
    label = str(label)
    first_word = label.split(" ", 1)[0]
    if len(first_word) > 1 and first_word.isupper():
        return label
    return label[:1].lower() + label[1:]
