"""Filter forms read from the query string: a value that is not valid (a stale or
hand-edited link) is ignored and reported in plain words, never an error page.

Every such form (a learning record's, the lead's people list, the reports' filter bar)
inherits `URLFilterMixin`, so they ignore and report bad values the same way.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError


class URLFilterMixin:
    """For a django Form of optional filters. With `since` and `until` date fields,
    a start after the end is refused, and both dates are then ignored."""

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise ValidationError("The start date is after the end date")
        return data

    def selected(self) -> dict:
        """The filters given with a valid value, each bad one dropped (and both dates
        when they are the wrong way round)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = dict(getattr(self, "cleaned_data", {}))
        if self.non_field_errors():
            data.pop("since", None)
            data.pop("until", None)
        return {name: value for name, value in data.items() if value}

    def problems(self) -> list[str]:
        """Plain-language reasons any filter was ignored."""
        if not self.is_bound:
            return []
        self.is_valid()
        return [str(error) for errors in self.errors.values() for error in errors]
