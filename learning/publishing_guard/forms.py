"""Forms for the anonymisation guard in the Wagtail admin.

This module is imported by the page model while models are loading, so it imports the
guard's services (which need the models) only when a form is built.
"""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import FieldDoesNotExist
from django.utils.html import format_html, format_html_join
from taggit.managers import TaggableManager
from wagtail.admin.forms import WagtailAdminPageForm

from learning.publishing_guard.texts import SEPARATOR, tag_texts


class LearningPageForm(WagtailAdminPageForm):
    """The edit form of every learning page: a field holding a possible identifier shows
    what was found, and what to do about it (the finding's suggestion, else its kind's
    advice), in its help text, which sits beside the field and is announced with it by
    screen readers. The findings are those of the version being edited or, when a save
    has failed, of the text the editor submitted."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and not self.instance.pk and "review_due" in self.fields:
            # Prefilled on a new page, so none is published with no review date; the
            # editor sees it and can change or clear it (learning.review_due).
            from learning.review_due import default_review_due

            if not self.initial.get("review_due"):
                self.initial["review_due"] = default_review_due()
        # A bound form's text is only known once it has been cleaned (full_clean below).
        if not self.is_bound and self.instance.pk:
            from learning.publishing_guard.services import unresolved_findings

            self._show_findings_beside_fields(unresolved_findings(self.instance))

    def full_clean(self) -> None:
        super().full_clean()
        # A valid form is saved and the editor lands on a fresh edit form that shows the
        # findings; an invalid one is shown again as submitted, and must not lose them.
        if self.is_bound and self._errors and self.instance.pk:
            self._show_findings_beside_fields(self._submitted_findings(), skip=set(self._errors))

    def _submitted_findings(self) -> list:
        """Findings in the submitted text, without saving anything. Cleaning has already
        copied each valid field onto the instance (the version being edited); tags are
        only copied on save, which would create tag rows, so their names are read from
        the cleaned data instead."""
        from learning.publishing_guard.services import scan_page_texts, uncovered

        tag_fields = {
            name: model_field
            for name in self.cleaned_data
            if isinstance(model_field := _model_field(self.instance, name), TaggableManager)
        }
        texts = [t for t in self.instance.anonymisation_texts() if t.field not in tag_fields]
        for name, model_field in tag_fields.items():
            texts += tag_texts(model_field, [n for n in self.cleaned_data[name] if n.strip()])
        return uncovered(self.instance, scan_page_texts(self.instance, texts))

    def _show_findings_beside_fields(self, findings: list, *, skip: set[str] = frozenset()):
        by_field = defaultdict(list)
        for finding in findings:
            by_field[finding.field].append(finding)
        for name, field_findings in by_field.items():
            field = self.fields.get(name)
            # Inline child objects are listed in the page-level message. A field with its
            # own error shows the submitted value, which its findings may no longer
            # describe (the instance kept the saved value); the error comes first.
            if field is None or name in skip:
                continue
            field.help_text = format_html(
                "<strong>Possible identifiers, which block publishing:</strong> {}{}",
                format_html_join(
                    " ",
                    "{} “{}”{}{} {}",
                    (
                        (
                            f.kind_label,
                            f.text,
                            _within(f.label, str(field.label)),
                            ", which must be changed." if f.strong else ".",
                            f.advice,
                        )
                        for f in field_findings
                    ),
                ),
                format_html(" {}", field.help_text) if field.help_text else "",
            )
            # Cleaning has already built (and cached) the bound field, copying the old
            # help text; the panel renders from the bound field.
            self[name].help_text = field.help_text


def _model_field(instance, name: str):
    try:
        return instance._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _within(location: str, field_label: str) -> str:
    """Where inside the field a finding is (" in Section 2, then Body", joined by the
    location separator), or nothing when it is the field itself."""
    prefix = field_label + SEPARATOR
    if location.startswith(prefix):
        return f" in {location[len(prefix) :]}"
    return "" if location == field_label else f" in {location}"
