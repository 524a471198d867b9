"""Forms for the lead's people table (filters from the URL) and bulk invitations."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from learning.accounts.forms import InvitationChoicesForm
from learning.forms_ids import IdModelChoiceField
from learning.models import Organisation, RegistrationBody, Team
from learning.organisation import invitations
from learning.organisation.selectors import (
    DEFAULT_SORT,
    NOT_REGISTERED,
    PeopleFilters,
    Standing,
    parse_sort,
)
from learning.roles import Role
from learning.url_filters import URLFilterMixin


class PeopleFilterForm(URLFilterMixin, forms.Form):
    """Filters on the people table, from the URL. A bad value is reported and ignored,
    as on a learning record (learning.records.forms.RecordFilterForm)."""

    q = forms.CharField(label="Name or email", required=False, max_length=100)
    team = IdModelChoiceField(
        queryset=Team.objects.none(),
        required=False,
        empty_label="All teams",
        error_messages={"invalid_choice": "There is no such team in your organisation"},
    )
    role = forms.ChoiceField(
        choices=[("", "All roles"), *((role.value, role.value) for role in Role)],
        required=False,
        error_messages={"invalid_choice": "There is no such role"},
    )
    registration = forms.ChoiceField(
        label="Registration",
        choices=[("", "Any"), (NOT_REGISTERED, "Not registered"), *RegistrationBody.choices],
        required=False,
        error_messages={"invalid_choice": "There is no such registration body"},
    )
    status = forms.ChoiceField(
        label="Required learning",
        choices=[("", "Any"), *Standing.choices],
        required=False,
        error_messages={"invalid_choice": "There is no such required learning status"},
    )
    active = forms.ChoiceField(
        label="Active or not",
        choices=[("", "Active and inactive"), ("active", "Active"), ("inactive", "Inactive")],
        required=False,
        error_messages={"invalid_choice": "Choose active, inactive, or both"},
    )
    # Kept in the form so that filtering keeps the chosen order.
    sort = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, organisation_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(organisation_id=organisation_id)

    def filters(self) -> PeopleFilters:
        data = self.selected()
        return PeopleFilters(
            search=(data.get("q") or "").strip(),
            team=data.get("team"),
            role=data.get("role") or "",
            registration=data.get("registration") or "",
            status=data.get("status") or "",
            active=data.get("active") or "",
        )

    def chosen_sort(self) -> str:
        """The sort from the URL, or the default if it is not one of SORT_KEYS."""
        key, descending = parse_sort(self.data.get("sort") if self.is_bound else DEFAULT_SORT)
        return f"-{key}" if descending else key


# ---------------------------------------------------------------------------
# Bulk invitations
# ---------------------------------------------------------------------------


class _InvitationDefaultsForm(InvitationChoicesForm):
    """The organisation, and the team and role for every address that does not say."""

    # The choices here are defaults for the whole list, which a CSV file's columns beat.
    hints = {
        "team": "Optional. For everyone on the list; a team column in a CSV file overrides it.",
        "role": "For everyone on the list; a role column in a CSV file overrides it.",
    }

    def __init__(self, *args, organisations: QuerySet[Organisation], **kwargs) -> None:
        super().__init__(*args, organisations=organisations, **kwargs)
        for name, hint in self.hints.items():
            self.fields[name].help_text = hint


class BulkInvitationForm(_InvitationDefaultsForm):
    """Step one: addresses pasted in, or a CSV file."""

    addresses = forms.CharField(
        label="Email addresses",
        required=False,
        max_length=invitations.MAX_UPLOAD_BYTES,
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=(
            "One a line, or separated by commas or semicolons. “Name <email>” is fine. "
            f"Up to {invitations.MAX_ADDRESSES} at a time."
        ),
    )
    csv_file = forms.FileField(
        label="Or upload a CSV file",
        required=False,
        help_text=(
            "With a column headed “email”, and optional “team” and “role” columns. "
            f"UTF-8, up to {invitations.MAX_ADDRESSES} rows and 1 MB."
        ),
    )

    def clean(self) -> dict:
        data = super().clean()
        if self.has_error("addresses") or self.has_error("csv_file"):
            return data  # already explained on the field
        text, upload = (data.get("addresses") or "").strip(), data.get("csv_file")
        if text and upload:
            raise forms.ValidationError(
                "Paste addresses or upload a CSV file, not both", code="both"
            )
        try:
            if upload:
                data["entries"] = invitations.entries_from_csv(upload)
            elif text:
                data["entries"] = invitations.entries_from_text(text)
            else:
                raise forms.ValidationError(
                    "Enter at least one email address, or choose a CSV file", code="empty"
                )
        except invitations.BulkInputError as error:
            self.add_error("csv_file" if upload else "addresses", str(error))
        return data


class BulkInvitationConfirmForm(_InvitationDefaultsForm):
    """Step two: the list as previewed, sent back in a hidden field to be checked again
    and sent."""

    entries = forms.CharField(widget=forms.HiddenInput, max_length=invitations.MAX_UPLOAD_BYTES)

    def clean_entries(self) -> list[invitations.Entry]:
        try:
            return invitations.entries_from_carried(self.cleaned_data["entries"])
        except invitations.BulkInputError as error:
            raise forms.ValidationError(str(error), code="bad_entries") from error
