"""Template filters for the GOV.UK date input (learning.forms_dates)."""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField

from learning.forms_dates import date_boxes as _date_boxes

register = template.Library()


@register.filter
def is_date_input(field: BoundField) -> bool:
    """True for a field drawn as day, month and year boxes."""
    return bool(getattr(field.field.widget, "is_date_input", False))


@register.filter
def date_boxes(field: BoundField) -> list[dict[str, Any]]:
    """The day, month and year boxes of a date field, with what was typed in them."""
    return _date_boxes(field)


@register.filter
def first_date_box_id(field: BoundField) -> str:
    """The id the error summary links to: the first box with a problem (GOV.UK)."""
    boxes = _date_boxes(field)
    return next((box["id"] for box in boxes if box["error"]), boxes[0]["id"])
