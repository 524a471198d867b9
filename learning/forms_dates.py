"""The GOV.UK date input: a date typed as three boxes (day, month, year), for every
date field on the site (learning.records.forms.DateInput is this widget).

The boxes are joined into one "day/month/year" string that DateField parses with the
project's DATE_FORMATS, so each form keeps its own message for an impossible date
(31/2/2026). A date missing a part is refused with the GOV.UK message for that part
("The date must include a month"), and what was typed is shown again after an error.

Links made before the three boxes (?since=2026-01-01, bookmarked report filters) still
work: with no box in the data, the single value under the field's own name is used.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

PART_NAMES = ("day", "month", "year")
PART_LABELS = {"day": "Day", "month": "Month", "year": "Year"}
# Parsing a bookmarked value back into boxes: the formats the site has accepted.
_ISO_AND_UK = ("%Y-%m-%d", "%d/%m/%Y", "%d %m %Y", "%d-%m-%Y")


class TypedDate(str):
    """What the three boxes held, joined as "day/month/year" for DateField, keeping
    each box's own text so the form can show it again after an error."""

    parts: dict[str, str]
    problem: str = ""
    missing: tuple[str, ...] = ()

    def __new__(cls, parts: dict[str, str]) -> TypedDate:
        joined = "/".join(parts[name] for name in PART_NAMES)
        value = super().__new__(cls, joined)
        value.parts = parts
        value.missing = tuple(name for name in PART_NAMES if not parts[name])
        value.problem = incomplete_date_message(parts)
        return value

    def strip(self, chars: str | None = None) -> str:
        # DateField calls strip() first thing when parsing text: the one place a
        # widget can give its own message for a date that is not whole, without every
        # form subclassing DateField. Whole dates parse (or fail) as before.
        if self.problem:
            raise ValidationError(self.problem, code="incomplete")
        return str.strip(str(self), chars)


def incomplete_date_message(parts: Mapping[str, str]) -> str:
    """The GOV.UK message for a date with a box left empty or a short year, or ""."""
    missing = [name for name in PART_NAMES if not parts.get(name)]
    if len(missing) == 3:
        return ""
    if missing:
        words = " and a ".join(missing) if len(missing) == 2 else missing[0]
        return f"The date must include a {words}"
    year = parts["year"]
    if year.isdigit() and len(year) != 4:
        return "The year must include 4 numbers"
    return ""


def parts_of(value: Any) -> dict[str, str]:
    """The text of each box for a value: a date, what was typed, or an old-style
    single value from a link."""
    if isinstance(value, TypedDate):
        return dict(value.parts)
    if isinstance(value, datetime.date):
        return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
    if isinstance(value, str) and value.strip():
        for fmt in _ISO_AND_UK:
            try:
                return parts_of(datetime.datetime.strptime(value.strip(), fmt).date())
            except ValueError:
                continue
    return {name: "" for name in PART_NAMES}


class DateInput(forms.MultiWidget):
    """Day, month and year boxes (GOV.UK date input). The field's label is the
    fieldset's legend and each box has its own label (includes/date_input.html)."""

    is_date_input = True  # read by the form_field.html include

    def __init__(self, attrs: dict | None = None) -> None:
        box = {"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        widgets = {
            name: forms.TextInput(attrs={**box, "maxlength": 4 if name == "year" else 2})
            for name in PART_NAMES
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[str]:
        parts = parts_of(value)
        return [parts[name] for name in PART_NAMES]

    def value_from_datadict(self, data: Mapping[str, Any], files: Any, name: str) -> Any:
        keys = [f"{name}_{part}" for part in PART_NAMES]
        if not any(key in data for key in keys):
            # An old link (?since=2026-01-01) or a client posting one value.
            return data.get(name)
        parts = {
            part: str(data.get(key) or "").strip()
            for part, key in zip(PART_NAMES, keys, strict=True)
        }
        if not any(parts.values()):
            return ""
        return TypedDate(parts)

    def value_omitted_from_data(self, data: Mapping[str, Any], files: Any, name: str) -> bool:
        return name not in data and super().value_omitted_from_data(data, files, name)


def date_boxes(bound_field: forms.BoundField) -> list[dict[str, Any]]:
    """One dict per box (id, name, value, label, error) for the date-input template:
    every box is marked when the date is wrong, only the empty ones when it is partial."""
    value = bound_field.value()
    parts = parts_of(value)
    missing = value.missing if isinstance(value, TypedDate) and value.problem else ()
    has_errors = bool(bound_field.errors)
    boxes = []
    for part in PART_NAMES:
        boxes.append(
            {
                "id": f"{bound_field.auto_id}_{part}" if bound_field.auto_id else "",
                "name": f"{bound_field.html_name}_{part}",
                "value": parts[part],
                "label": PART_LABELS[part],
                "width": 4 if part == "year" else 2,
                "maxlength": 4 if part == "year" else 2,
                "error": has_errors and (not missing or part in missing),
            }
        )
    return boxes
