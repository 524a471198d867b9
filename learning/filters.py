"""Filtering learning pages by principle, abuse type and theme: one form and one
function shared by every index page and by site search.

Filter values come from the URL, so a filtered list can be shared as a link. A value
that names nothing (a stale or hand-edited link) is ignored, never an error page.
"""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from learning.forms_ids import IdModelChoiceField
from learning.models import AbuseType, Principle, ThemeTag


class LearningFilterForm(forms.Form):
    principle = IdModelChoiceField(
        Principle.objects.all(), to_field_name="slug", required=False, empty_label="Any"
    )
    abuse_type = IdModelChoiceField(
        AbuseType.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any",
        label="Type of abuse or neglect",
    )
    theme = IdModelChoiceField(
        ThemeTag.objects.filter(tagged_pages__isnull=False).distinct(),
        to_field_name="slug",
        required=False,
        empty_label="Any",
    )

    def selected(self) -> dict:
        """The filters that are valid, ignoring any that are not."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.fields if data.get(name)}


def filter_learning_pages(queryset: QuerySet, selected: dict) -> QuerySet:
    """Narrow a queryset of one concrete LearningPage type by the selected filters."""
    if principle := selected.get("principle"):
        queryset = queryset.filter(principles=principle)
    if abuse_type := selected.get("abuse_type"):
        queryset = queryset.filter(abuse_types=abuse_type)
    if theme := selected.get("theme"):
        queryset = queryset.filter(theme_items__tag=theme)
    return queryset.distinct()
