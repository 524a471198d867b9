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


class OverrideReasonForm(forms.Form):
    """One finding (its kind and exact text, as shown) and why it is safe to publish."""

    reason = forms.CharField(
        label="Why is this safe to publish?",
        help_text=(
            "In at least a full sentence, for example: the name is a public figure's, or "
            "the place is an office open to the public. Another person who may override "
            "the anonymisation check has to agree before it counts. Your reason is kept "
            "and shown in the overrides report."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    kind = forms.CharField(widget=forms.HiddenInput, max_length=40)
    text = forms.CharField(widget=forms.HiddenInput, max_length=500, strip=False)
    location = forms.CharField(
        widget=forms.HiddenInput, max_length=500, strip=False, required=False
    )
    revision_id = IdField(widget=forms.HiddenInput)


class OverrideDecisionForm(forms.Form):
    """Confirm or decline (the proposer: withdraw) one proposed override."""

    override_id = IdField(widget=forms.HiddenInput)
    revision_id = IdField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        choices=[(CONFIRM, "Confirm"), (DECLINE, "Decline")], widget=forms.HiddenInput
    )
