"""Ids that come from outside (a form field, a query string, a hidden input), checked
before they reach the database.

An id that no database row could have must be refused here, as a form error, rather
than passed to a query: SQLite raises OverflowError binding an integer past 64 bits,
PostgreSQL a DataError, and either becomes a 500. Django 5 copes with an out-of-range
`pk=` but not with `pk__in=`, which is what a multiple-choice field asks, and `int()`
quietly accepts whitespace and other scripts' digits ('١٢٣' is 123), so a hand-parsed
id gets the same strict reading as a form field does.

Use `IdModelChoiceField` and `IdModelMultipleChoiceField` wherever a form chooses rows,
`IdField` for a bare id in a form, and `parse_id` / `parse_uuid` wherever a view or
selector reads an id by hand.
"""

from __future__ import annotations

import re
import uuid
from functools import wraps

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from learning.dependency_patches import wrap_method

# The BigAutoField range (DEFAULT_AUTO_FIELD): every integer key in the project fits.
MAX_ID = 2**63 - 1
# Written out, the largest id has 19 digits; a longer string is refused unread, so a
# megabyte of digits never reaches int().
_MAX_ID_DIGITS = len(str(MAX_ID))
# "urn:uuid:" and 36 characters is the longest spelling uuid.UUID accepts.
_MAX_UUID_LENGTH = 45
# ASCII only: `\d` and int() also take Arabic-Indic, Devanagari and other digits, which
# no link or form of ours ever sends.
_ASCII_DIGITS = re.compile(r"[0-9]+")
# How much of a refused value an error message repeats back.
_SHOWN_LENGTH = 30


def parse_id(value: object) -> int | None:
    """The positive integer id `value` spells in ASCII digits, up to MAX_ID; None for
    anything else (empty, signed, spaced, fractional, another script's digits, too big)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= MAX_ID else None
    if not isinstance(value, str) or len(value) > _MAX_ID_DIGITS:
        return None
    if not _ASCII_DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if 1 <= number <= MAX_ID else None


def parse_uuid(value: object) -> uuid.UUID | None:
    """The UUID `value` spells in ASCII; None for anything else."""
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str) or len(value) > _MAX_UUID_LENGTH or not value.isascii():
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def key_for_field(field: models.Field, value: object) -> object | None:
    """`value` as a lookup value for the model field `field` (followed through foreign
    keys to the column it stores), or None when no row could hold it."""
    while field.is_relation:
        field = field.target_field
    if isinstance(field, models.UUIDField):
        return parse_uuid(value)
    if isinstance(field, models.IntegerField):  # AutoField and BigAutoField included
        return parse_id(value)
    text = str(value)
    # PostgreSQL refuses a NUL in any string parameter; nothing longer than the column
    # can match it.
    if "\x00" in text or (field.max_length and len(text) > field.max_length):
        return None
    return text


def _shown(value: object) -> str:
    text = str(value).replace("\x00", "")
    return text if len(text) <= _SHOWN_LENGTH else f"{text[:_SHOWN_LENGTH]}…"


def _key_field(field: forms.ModelChoiceField) -> models.Field:
    """The model field a choice field's submitted values name."""
    meta = field.queryset.model._meta
    return meta.get_field(field.to_field_name) if field.to_field_name else meta.pk


class _KeyCheckMixin:
    """Shared by both fields: the refusal of a value that cannot name a row."""

    def _checked_key(self, value: object) -> object:
        if isinstance(value, self.queryset.model):
            return value
        key = key_for_field(_key_field(self), value)
        if key is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": _shown(value)},
            )
        return key


class IdField(forms.IntegerField):
    """A bare integer id, such as a hidden field naming the revision a person read,
    read as strictly as `parse_id`; a form compares it or looks it up itself."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        number = parse_id(value)
        if number is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return number


class IdModelChoiceField(_KeyCheckMixin, forms.ModelChoiceField):
    """A ModelChoiceField that refuses a value no row could have (see the module's
    docstring) with its usual "invalid_choice" error, before asking the database."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        return super().to_python(self._checked_key(value))


class IdModelMultipleChoiceField(_KeyCheckMixin, forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses, with its usual "invalid_choice" error,
    a list holding any value no row could have, before the `pk__in` query."""

    def clean(self, value):
        value = self.prepare_value(value)
        if isinstance(value, (list, tuple)):
            value = [self._checked_key(item) for item in value]
        return super().clean(value)


def use_id_fields_in_wagtail_admin() -> None:
    """Make the Wagtail admin's forms (pages, snippets, the partnership screens) use
    these fields for foreign keys and many-to-many fields.

    A foreign key is registered against `models.Model`, which Wagtail consults only
    after the target's own classes: pages, images, documents and snippets keep their
    choosers (and Django 5 keeps their single `pk=` look-up in range)."""
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(
        models.ForeignKey, to=models.Model, override={"form_class": IdModelChoiceField}
    )
    register_form_field_override(
        models.ManyToManyField, override={"form_class": IdModelMultipleChoiceField}
    )


# Set on the wrappers below, so installing twice wraps once and tests can tell.
GUARD_ATTRIBUTE = "hub_id_guard"


def _guard_multiple_choice(check_values):
    @wraps(check_values)
    def checked(field: forms.ModelMultipleChoiceField, value):
        if isinstance(value, (list, tuple)):
            key_field = _key_field(field)
            for item in value:
                if not isinstance(item, field.queryset.model) and (
                    key_for_field(key_field, item) is None
                ):
                    raise ValidationError(
                        field.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": _shown(item)},
                    )
        return check_values(field, value)

    setattr(checked, GUARD_ATTRIBUTE, True)
    return checked


def _guard_chooser_instance(get_instance):
    @wraps(get_instance)
    def checked(widget, value):
        # A form shown again with a bad id: show the chooser empty, as for a gone row.
        impossible = (
            value is not None
            and not isinstance(value, widget.model_class)
            and key_for_field(widget.model_class._meta.pk, value) is None
        )
        return None if impossible else get_instance(widget, value)

    setattr(checked, GUARD_ATTRIBUTE, True)
    return checked


def _guard_inline_formset_row(construct_form):
    @wraps(construct_form)
    def checked(formset, i, **kwargs):
        # modelcluster reads each saved row's id with data[key] and parses it unchecked:
        # a missing or impossible id (a tampered INITIAL_FORMS count, or junk) would be
        # a KeyError or ValidationError. Such a row is read as a new, blank one instead,
        # which the form then validates like any other.
        if formset.is_bound and i < formset.initial_form_count():
            pk_field = formset.model._meta.pk
            key = f"{formset.add_prefix(i)}-{pk_field.name}"
            value = formset.data.get(key)
            if value is None or (value != "" and key_for_field(pk_field, value) is None):
                formset.data = formset.data.copy()
                formset.data[key] = ""
        return construct_form(formset, i, **kwargs)

    setattr(checked, GUARD_ATTRIBUTE, True)
    return checked


def guard_dependency_id_lookups() -> None:
    """The same strict reading for the forms Django, Wagtail and modelcluster build
    themselves (a group's permissions, a workflow task's pages, every chooser, every
    inline panel's rows), which the hub's own fields cannot reach: a multiple choice
    checks each value before its `pk__in` query, a chooser shown again with a bad id
    renders empty instead of failing, and an inline row with a missing or impossible id
    is read as a new row.

    Patched in place because neither library has a setting for it; the site refuses to
    start if an upgrade renames either method, rather than quietly losing the check
    (tests/learning/test_id_fuzz.py covers both)."""
    from modelcluster.forms import BaseTransientModelFormSet
    from wagtail.admin.widgets.chooser import BaseChooser

    for owner, name, guard in (
        (forms.ModelMultipleChoiceField, "_check_values", _guard_multiple_choice),
        (BaseChooser, "get_instance", _guard_chooser_instance),
        (BaseTransientModelFormSet, "_construct_form", _guard_inline_formset_row),
    ):
        wrap_method(
            owner,
            name,
            guard,
            marker=GUARD_ATTRIBUTE,
            remedy="update learning.forms_ids.guard_dependency_id_lookups.",
        )
