"""Forms for the anonymisation guard in the Wagtail admin.

This module is imported by the page model while models are loading, so it imports the
guard's services (which need the models) only when a form is built.
"""

from __future__ import annotations

from collections import defaultdict

from django import forms
from django.utils.html import format_html, format_html_join
from wagtail.admin.forms import WagtailAdminPageForm

from learning.publishing_guard.texts import SEPARATOR


class LearningPageForm(WagtailAdminPageForm):
    """The edit form of every learning page: a field holding a possible identifier shows
    what was found in its help text, which sits beside the field and is announced with it
    by screen readers. The findings are those of the version being edited."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A bound form is being saved; the findings are shown on the page it redirects to.
        if not self.is_bound and self.instance.pk:
            self._show_findings_beside_fields()

    def _show_findings_beside_fields(self) -> None:
        from learning.publishing_guard.services import unresolved_findings

        by_field = defaultdict(list)
        for finding in unresolved_findings(self.instance):
            by_field[finding.field].append(finding)
        for name, findings in by_field.items():
            field = self.fields.get(name)
            if field is None:  # inline child objects: listed in the page-level message
                continue
            field.help_text = format_html(
                "<strong>Possible identifiers, which block publishing:</strong> {}.{}",
                format_html_join(
                    "; ",
                    "{} “{}”{}",
                    ((f.kind_label, f.text, _within(f.label, str(field.label))) for f in findings),
                ),
                format_html(" {}", field.help_text) if field.help_text else "",
            )


def _within(location: str, field_label: str) -> str:
    """Where inside the field a finding is (" in Section 2, then Body", joined by the
    location separator), or nothing when it is the field itself."""
    prefix = field_label + SEPARATOR
    if location.startswith(prefix):
        return f" in {location[len(prefix) :]}"
    return "" if location == field_label else f" in {location}"


class OverrideReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why is it safe to publish these details?",
        help_text=(
            "For example: the name is a public figure's, or the address is an office open "
            "to the public. This is kept with this version of the page and shown in reports."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
    # The version the person read the findings of: an override must not silently cover
    # identifiers someone added after the findings were shown.
    revision_id = forms.IntegerField(widget=forms.HiddenInput)
