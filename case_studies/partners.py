"""The kinds of organisation involved in a case study.

Stored as a JSON list of `learning.OrganisationType` values: it works the same on SQLite
and PostgreSQL, needs no lookup table to keep in step with the choices, and nothing
filters on it. The admin edits it as checkboxes (see CaseStudyPageForm).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from learning.models import OrganisationType


def validate_partner_types(value: object) -> None:
    """A list of distinct organisation type values, none of them unknown."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError("Choose the types of organisation from the list.")
    unknown = [item for item in value if item not in OrganisationType.values]
    if unknown:
        raise ValidationError(
            "Unknown organisation type: %(unknown)s.", params={"unknown": ", ".join(unknown)}
        )
    if len(set(value)) != len(value):
        raise ValidationError("Each type of organisation may be chosen only once.")


def partner_type_labels(values: list[str]) -> list[str]:
    """Labels in the order OrganisationType lists them, ignoring any value that is no
    longer a choice (so a retired type never breaks a published page)."""
    chosen = set(values or [])
    return [label for value, label in OrganisationType.choices if value in chosen]


class PartnerTypesField(forms.TypedMultipleChoiceField):
    """Checkboxes for the organisation types, giving back a list in choice order."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("choices", OrganisationType.choices)
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Partners involved")
        kwargs.setdefault("help_text", "The types of organisation that took part.")
        super().__init__(**kwargs)

    def clean(self, value):
        chosen = set(super().clean(value))
        return [choice for choice in OrganisationType.values if choice in chosen]
