"""Forms for the email settings and the impact follow-up question. They parse and
explain bad input; the rules live in the services."""

from __future__ import annotations

from django import forms

from learning.models import UsedInPractice


class EmailSettingsForm(forms.Form):
    # Checkboxes: a form sent without one ticked turns that email off.
    receives_digests = forms.BooleanField(
        label="Email me reminders",
        required=False,
        help_text=(
            "At most one email a week when your required learning is due within two "
            "weeks or overdue, and, if you supervise people, a weekly digest of your team."
        ),
    )
    emails_supervision_activity = forms.BooleanField(
        label="Email me when a supervisor responds",
        required=False,
        help_text=(
            "When a supervisor comments on, reviews, marks as discussed or signs off an "
            "entry you shared with them. The email has a link only, never what anyone "
            "wrote. You still see every response on your Notifications page."
        ),
    )


class ImpactAnswerForm(forms.Form):
    used_in_practice = forms.ChoiceField(
        label="Have you used this in your practice?",
        choices=UsedInPractice.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether you have used this in your practice",
            "invalid_choice": "Select yes, not yet or no",
        },
    )
    example = forms.CharField(
        label="Can you give an example?",
        help_text=(
            "Up to 1,000 characters. What did you do differently? Leave out anything "
            "that could identify the people you work with."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": "Keep your example to 1,000 characters or fewer",
        },
    )
