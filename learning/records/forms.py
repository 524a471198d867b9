"""Forms for learner records. They parse and explain bad input in GOV.UK style; the
rules themselves (dates, ranges, one record per item) live in services and models."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from learning.forms_dates import DateInput
from learning.forms_ids import IdModelChoiceField
from learning.models import CPDType, ExternalCPD, Principle, RegistrationBody, WillChangePractice
from learning.records.selectors import normalise_certificate_code
from learning.records.services import SELF_SERVICE_BODIES, validate_cpd_date
from learning.url_filters import URLFilterMixin

# DateInput joins its boxes as day/month/year; the others read old links and API clients.
DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d %m %Y", "%d-%m-%Y"]


class ExternalCPDForm(forms.ModelForm):
    class Meta:
        model = ExternalCPD
        fields = ["title", "provider", "date", "minutes", "type", "participatory", "what_learned"]
        labels = {
            "title": "What was the activity?",
            "provider": "Who provided it?",
            "date": "When did you do it?",
            "minutes": "How long did it take, in minutes?",
            "type": "What kind of activity was it?",
            "participatory": "I learned with other people (participatory)",
            "what_learned": "What did you learn, and how will it change your practice?",
        }
        help_texts = {
            "title": "For example, Mental Capacity Act refresher.",
            "provider": "For example, the county training team or a university.",
            "date": "The day you finished it. For example, 27 3 2026.",
            "minutes": "Between 1 and 6,000 minutes. For example, 90 for an hour and a half.",
            "participatory": (
                "The NMC counts learning that involved interacting with other "
                "professionals, such as a workshop or a discussion group."
            ),
            "what_learned": "Up to 5,000 characters.",
        }
        widgets = {
            "date": DateInput(),
            "type": forms.RadioSelect,
            "minutes": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1, "max": 6000}),
            "what_learned": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "title": {
                "required": "Enter the name of the activity",
                "max_length": "The name of the activity must be 200 characters or fewer",
            },
            "provider": {"max_length": "Who provided it must be 200 characters or fewer"},
            "what_learned": {"max_length": "What you learned must be 5,000 characters or fewer"},
            "date": {
                "required": "Enter the date you did the activity",
                "invalid": "Enter a real date, for example 27 3 2026",
            },
            "minutes": {
                "required": "Enter how long the activity took, in minutes",
                "invalid": "Enter the time as a whole number of minutes, for example 90",
                "min_value": "The time must be at least 1 minute",
                "max_value": "The time must be 6,000 minutes (100 hours) or fewer",
            },
            "type": {"required": "Select the kind of activity"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].input_formats = DATE_FORMATS
        # ModelForm builds min/max validators with Django's wording; ours reads better.
        self.fields["type"].choices = CPDType.choices
        self.fields["minutes"].min_value = 1
        self.fields["minutes"].max_value = 6000

    def clean_date(self):
        value = self.cleaned_data["date"]
        # The saved date of an entry being edited stands (the service says why).
        if self.instance.pk is None or value != self.instance.date:
            validate_cpd_date(value)
        return value


USEFULNESS_CHOICES = [
    (5, "5 (very useful)"),
    (4, "4"),
    (3, "3"),
    (2, "2"),
    (1, "1 (not useful)"),
]


class FeedbackForm(forms.Form):
    usefulness = forms.TypedChoiceField(
        label="How useful was this?",
        help_text="The board's team sees ratings added up across everyone, never yours alone.",
        choices=USEFULNESS_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how useful this was, from 1 to 5",
            "invalid_choice": "Select how useful this was, from 1 to 5",
        },
    )
    will_change_practice = forms.ChoiceField(
        label="Will it change your practice?",
        help_text=(
            "The board's team sees answers added up across everyone. Your answer also "
            "shows on your own CPD summary, under the impact on your practice."
        ),
        choices=WillChangePractice.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether it will change your practice",
            "invalid_choice": "Select yes, not sure or no",
        },
    )
    comment = forms.CharField(
        label="Anything else you want to tell us?",
        help_text=(
            "Up to 1,000 characters. The board's team reads comments without your name. "
            "Your CPD summary leaves your comment out unless you choose to include it. "
            "Do not include anything that could identify a person you work with."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": "Keep your comment to 1,000 characters or fewer (it has %(show_value)d)",
        },
    )


class RecordFilterForm(URLFilterMixin, forms.Form):
    """Filters on a CPD record, from the URL. A bad value is reported and ignored."""

    principle = IdModelChoiceField(
        Principle.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any",
        error_messages={"invalid_choice": "There is no principle called that"},
    )
    since = forms.DateField(
        label="Start date",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": "The start date is not a real date"},
    )
    until = forms.DateField(
        label="End date",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": "The end date is not a real date"},
    )
    participatory = forms.BooleanField(
        label="Participatory CPD only",
        required=False,
        help_text="Team sessions, and CPD from elsewhere that was learned with other people.",
    )


class CertificateLookupForm(forms.Form):
    code = forms.CharField(
        label="Certificate code",
        help_text=(
            "12 letters and numbers, printed on the certificate. For example, ABCD EF23 4567."
        ),
        max_length=40,
        error_messages={"required": "Enter the certificate code"},
    )

    def clean_code(self) -> str:
        code = normalise_certificate_code(self.cleaned_data["code"])
        if not code:
            raise ValidationError(
                "Enter the 12-character code exactly as it is printed on the certificate"
            )
        return code


NO_REGISTRATION = ""


class RegistrationForm(forms.Form):
    """The person's own professional registration. The rules (formats per body) are in
    learning.records.services.registration_update; the view adds its errors here."""

    body = forms.ChoiceField(
        label="Who are you registered with?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who you are registered with, or that you are not registered",
            "invalid_choice": "Choose one of the options",
        },
    )
    number = forms.CharField(
        label="Registration number",
        required=False,
        max_length=40,
        help_text=(
            "As it appears on the register. Social Work England: SW and numbers, like "
            "SW123456. NMC PIN: like 12A3456E. HCPC: 2 letters and numbers, like OT12345. "
            "Leave empty if you are not registered."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"max_length": "Keep the number to 40 characters or fewer"},
    )
    renewal_date = forms.DateField(
        label="Your next revalidation or renewal date",
        required=False,
        input_formats=DATE_FORMATS,
        help_text=(
            "NMC and HCPC only: your NMC revalidation date, or the date your HCPC "
            "registration is next due for renewal. For example, 30 4 2027. The hub then "
            "counts your CPD over the 3 years (NMC) or 2 years (HCPC) up to it; without "
            "it, over the last 3 or 2 years. Leave empty for Social Work England."
        ),
        widget=DateInput(),
        error_messages={"invalid": "Enter a real date, for example 30 4 2027"},
    )

    def __init__(self, *args, current_body: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(body.value, body.label) for body in SELF_SERVICE_BODIES]
        if current_body and current_body not in dict(choices):
            # Set by an administrator (GMC, other): offered so saving does not lose it.
            choices.append((current_body, RegistrationBody(current_body).label))
        choices.append((NO_REGISTRATION, "I am not registered with any of these"))
        self.fields["body"].choices = choices
        # "" is a real answer here ("not registered"), so it must not count as missing.
        self.fields["body"].required = False

    def clean_body(self) -> str:
        if "body" not in self.data:
            raise ValidationError(
                "Choose who you are registered with, or that you are not registered",
                code="required",
            )
        return self.cleaned_data["body"]
