"""The review catalogue's own filters, beside the shared principle, abuse type and
theme filters (learning.filters): the year a review was published and its type.

Values come from the URL; one that names nothing (a year with no reviews, a made-up
type) is ignored, never an error page."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.db.models import QuerySet

from briefings.models import ReviewType


class ReviewFilterForm(forms.Form):
    year = forms.TypedChoiceField(
        label="Year published",
        choices=(),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose a year from the list."},
    )
    review_type = forms.ChoiceField(
        label="Type of review",
        choices=[("", "Any"), *ReviewType.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a type of review from the list."},
    )

    def __init__(self, *args, years: Sequence[int] = (), **kwargs):
        # Only the years there are reviews for, so every option finds something.
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Any"), *((year, str(year)) for year in years)]

    def selected(self) -> dict:
        """The filters that are valid, ignoring any that are not."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.fields if data.get(name)}


def filter_reviews(queryset: QuerySet, selected: dict) -> QuerySet:
    """Narrow a queryset of reviews by the selected year and review type."""
    if year := selected.get("year"):
        queryset = queryset.filter(year_published=year)
    if review_type := selected.get("review_type"):
        queryset = queryset.filter(review_type=review_type)
    return queryset
