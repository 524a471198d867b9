"""Forms of the findings screen: proposing that one finding is safe to publish, and a
second person's decision on a proposal.

Every form carries the id of the version the person read the findings of: an override
must not silently cover, or be confirmed against, text someone changed since."""

from __future__ import annotations

from django import forms

from learning.forms_ids import IdField

PROPOSE = "propose"
CONFIRM = "confirm"
DECLINE = "decline"

REASON_HELP = (
    "Write at least one full sentence of six words or more saying why this detail cannot "
    "identify anyone. Another person who may override the anonymisation check has to "
    "agree before it counts. Your reason is kept and shown in the overrides report."
)
AGREED_LABEL = "I have read this detail in the page and agree it cannot identify anyone"
AGREED_REQUIRED = (
    "Tick “I have read this detail in the page and agree it cannot identify anyone” to "
    "confirm, or decline the override."
)


class _ShownPerFinding:
    """A form shown once for each finding on one screen: its ids are the finding's, and
    a field with an error names the error in its aria-describedby (as well as its help),
    so a screen reader reads why when it reaches the field."""

    described_field: str

    def show_as(self, auto_id: str) -> None:
        self.auto_id = auto_id
        name = self.described_field
        field_id = self[name].id_for_label
        described_by = [f"{field_id}-helptext"] if self.fields[name].help_text else []
        if self.is_bound and self.errors.get(name):
            described_by.insert(0, f"{field_id}-error")
        if described_by:
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(described_by)


class OverrideReasonForm(_ShownPerFinding, forms.Form):
    """One finding (its kind and exact text, as shown) and why it is safe to publish."""

    described_field = "reason"

    reason = forms.CharField(
        label="Why is this safe to publish?",
        help_text=REASON_HELP,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    kind = forms.CharField(widget=forms.HiddenInput, max_length=40)
    text = forms.CharField(widget=forms.HiddenInput, max_length=500, strip=False)
    location = forms.CharField(
        widget=forms.HiddenInput, max_length=500, strip=False, required=False
    )
    revision_id = IdField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Every finding has a box on one screen: each label names its own detail, so
        # someone moving between boxes with a screen reader knows which one they are in.
        text = (self.data if self.is_bound else self.initial).get("text")
        if text:
            self.fields["reason"].label = f"Why is “{text}” safe to publish?"


class OverrideDecisionForm(_ShownPerFinding, forms.Form):
    """Confirm or decline (the proposer: withdraw) one proposed override. Confirming
    needs the tick box: the second person has to have looked, not just clicked."""

    described_field = "agreed"

    override_id = IdField(widget=forms.HiddenInput)
    revision_id = IdField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        choices=[(CONFIRM, "Confirm"), (DECLINE, "Decline")], widget=forms.HiddenInput
    )
    agreed = forms.BooleanField(label=AGREED_LABEL, required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("action") == CONFIRM and not cleaned.get("agreed"):
            self.add_error("agreed", AGREED_REQUIRED)
        return cleaned
