"""Forms for setting required learning and exempting people. They parse and explain bad
input in GOV.UK style; the rules (a real refresher window, months when refreshing by
months) live in Requirement.clean() and learning.required.services."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Q

from learning.forms_ids import IdModelChoiceField, IdModelMultipleChoiceField, parse_id
from learning.learnable import learnable_pages, pages_completed_as_themselves
from learning.models import (
    DueFrom,
    Organisation,
    RefreshRule,
    RegistrationBody,
    Requirement,
    Team,
)
from learning.records.forms import DATE_FORMATS, DateInput
from learning.required import selectors, services
from learning.roles import Role

EVERYONE = "everyone"
GROUPS = "groups"
WINDOW_PARTS = services.WINDOW_FIELDS
AUDIENCE_GROUPS = ("organisations", "teams", "roles", "registration_bodies")


def add_service_errors(
    form: forms.BaseForm, error: ValidationError, *, renamed: dict[str, str] | None = None
) -> None:
    """Show a service's refusal at the field it names (or above the form)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.error_dict.items():
        target = (renamed or {}).get(name, name)
        form.add_error(target if target in form.fields else None, messages)


class LearningItemsField(IdModelMultipleChoiceField):
    """Learnable pages a person completes as themselves (see
    learning.learnable.pages_completed_as_themselves). A page whose completion is
    recorded on another page, such as a knowledge check attached to a briefing, is
    refused with a message saying what to choose instead."""

    def label_from_instance(self, page) -> str:
        kind = page.specific_class._meta.verbose_name if page.specific_class else "page"
        return f"{page.title} ({kind})"

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except ValidationError as error:
            if getattr(error, "code", None) != "invalid_choice":
                raise
            ids = {parse_id(item) for item in value} - {None}
            elsewhere = (
                learnable_pages()
                .filter(pk__in=ids)
                .exclude(pk__in=pages_completed_as_themselves().values("pk"))
                .order_by("title")
                .first()
                if ids
                else None
            )
            if elsewhere is None:
                raise
            raise ValidationError(
                self.error_messages["completed_elsewhere"],
                code="invalid_choice",
                params={"title": elsewhere.title},
            ) from error


class TeamsField(IdModelMultipleChoiceField):
    def __init__(self, *args, with_organisation: bool = True, **kwargs):
        self.with_organisation = with_organisation
        super().__init__(*args, **kwargs)

    def label_from_instance(self, team) -> str:
        return str(team) if self.with_organisation else team.name


class DayOrMonthField(forms.CharField):
    """A day or month typed as one or two ASCII digits; anything else is None, which
    Requirement.clean() then explains as "Enter a real date" for the whole day and
    month, rather than one message per box."""

    def __init__(self, label: str):
        super().__init__(
            label=label,
            required=False,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        )

    def clean(self, value):
        value = (super().clean(value) or "").strip()
        if value.isascii() and value.isdigit() and len(value) <= 2:
            return int(value)
        return None


class RequirementForm(forms.ModelForm):
    """A requirement's rules. `organisation` is the requirement's owner: None for the
    board's partnership-wide requirements (the audience may name organisations and any
    team), or one organisation (its own teams only; no organisations to choose)."""

    title = forms.CharField(
        label="Title",
        help_text="What people will see in their list, for example Safeguarding adults essentials.",
        max_length=200,
        error_messages={
            "required": "Enter a title",
            "max_length": "Keep the title to 200 characters or fewer",
        },
    )
    pages = LearningItemsField(
        queryset=None,
        label="Which learning must they complete?",
        help_text=(
            "Choose one or more items. People must complete every item chosen. A knowledge "
            "check attached to a briefing is completed by passing it: choose the briefing."
        ),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one learning item",
            "invalid_choice": "Choose learning items from the list",
            "invalid_pk_value": "Choose learning items from the list",
            "completed_elsewhere": (
                "“%(title)s” is a knowledge check attached to another page: passing it "
                "completes that page, so choose that page instead"
            ),
        },
    )
    for_whom = forms.ChoiceField(
        label="Who must complete it?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose who must complete it",
            "invalid_choice": "Choose who must complete it",
        },
    )
    organisations = IdModelMultipleChoiceField(
        queryset=Organisation.objects.order_by("name"),
        label="Organisations",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose organisations from the list",
            "invalid_pk_value": "Choose organisations from the list",
        },
    )
    teams = TeamsField(
        queryset=None,
        label="Teams",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose teams from the list",
            "invalid_pk_value": "Choose teams from the list",
        },
    )
    roles = IdModelMultipleChoiceField(
        queryset=Group.objects.filter(name__in=[role.value for role in Role]).order_by("name"),
        label="Roles",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Choose roles from the list",
            "invalid_pk_value": "Choose roles from the list",
        },
    )
    registration_bodies = forms.MultipleChoiceField(
        label="Professional registration",
        choices=RegistrationBody.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose registration bodies from the list"},
    )
    due_days = forms.IntegerField(
        label="How many days do people have to complete it?",
        help_text="Between 1 and 730 days. For example, 30.",
        min_value=1,
        max_value=730,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many days people have to complete it",
            "invalid": "Enter the number of days as a whole number, for example 30",
            "min_value": "The number of days must be 1 or more",
            "max_value": "The number of days must be 730 (2 years) or fewer",
        },
    )
    due_from = forms.ChoiceField(
        label="Counted from",
        choices=DueFrom.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose when the days are counted from",
            "invalid_choice": "Choose when the days are counted from",
        },
    )
    refresh = forms.ChoiceField(
        label="How often must it be done again?",
        choices=RefreshRule.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose how often it must be done again",
            "invalid_choice": "Choose how often it must be done again",
        },
    )
    refresh_months = forms.IntegerField(
        label="Every how many months?",
        help_text="Only if it must be done again every so many months. For example, 12.",
        required=False,
        min_value=1,
        max_value=120,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter the number of months as a whole number, for example 12",
            "min_value": "The number of months must be 1 or more",
            "max_value": "The number of months must be 120 (10 years) or fewer",
        },
    )
    window_start_day = DayOrMonthField("Day")
    window_start_month = DayOrMonthField("Month")
    window_end_day = DayOrMonthField("Day")
    window_end_month = DayOrMonthField("Month")
    starts_on = forms.DateField(
        label="Applies from",
        help_text=(
            "People already in its audience have the days allowed from this date. "
            "For example, 1/4/2026."
        ),
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={
            "required": "Enter the date it applies from",
            "invalid": "Enter a real date, for example 1/4/2026",
        },
    )

    class Meta:
        model = Requirement
        fields = [
            "title",
            "pages",
            "organisations",
            "teams",
            "roles",
            "registration_bodies",
            "due_days",
            "due_from",
            "refresh",
            "refresh_months",
            *WINDOW_PARTS,
            "starts_on",
        ]

    def __init__(self, *args, organisation: Organisation | None, **kwargs):
        super().__init__(*args, **kwargs)
        within = organisation.name if organisation else "the partnership"
        self.fields["for_whom"].choices = [
            (EVERYONE, f"Everyone in {within}"),
            (GROUPS, "People in the groups I choose below"),
        ]
        # The "for whom" radios come straight after the pages, before the groups.
        self.order_fields(["title", "pages", "for_whom"])
        current_pages = [page.pk for page in self.instance.pages.all()] if self.instance.pk else []
        # Pages already required stay choosable after being unpublished, so saving the
        # requirement does not quietly drop them. A page completed as another page (a
        # check attached to a briefing) is never offered: nobody could complete it.
        self.fields["pages"].queryset = (
            pages_completed_as_themselves()
            .filter(Q(live=True) | Q(pk__in=current_pages))
            .order_by("title")
        )
        teams = Team.objects.select_related("organisation")
        if organisation is not None:
            del self.fields["organisations"]
            teams = teams.filter(organisation=organisation)
            self.fields["teams"].with_organisation = False
        self.fields["teams"].queryset = teams.order_by("organisation__name", "name")
        # The day and month inputs are described by their group's hint (the fieldset
        # carries the group's error), not by ids of their own.
        for part in WINDOW_PARTS:
            which = "start" if "_start_" in part else "end"
            self.fields[part].widget.attrs["aria-describedby"] = f"window-{which}-hint"
        if self.instance.pk and not self.is_bound:
            self.initial["for_whom"] = EVERYONE if self.instance.everyone else GROUPS

    # -- cleaning ---------------------------------------------------------------------

    def _ignore(self, *names: str) -> None:
        """Fields the chosen rules do not use: whatever was typed in them is dropped,
        errors and all."""
        for name in names:
            self._errors.pop(name, None)
            self.cleaned_data[name] = None

    def clean(self):
        data = super().clean()
        refresh = data.get("refresh")
        if refresh != RefreshRule.EVERY_MONTHS:
            self._ignore("refresh_months")
        if refresh != RefreshRule.WINDOW:
            self._ignore(*WINDOW_PARTS)
        everyone = data.get("for_whom") == EVERYONE
        self.instance.everyone = everyone
        if everyone:
            data["organisations"] = Organisation.objects.none()
            data["teams"] = Team.objects.none()
            data["roles"] = Group.objects.none()
            data["registration_bodies"] = []
            for name in AUDIENCE_GROUPS:
                self._errors.pop(name, None)
        elif (
            data.get("for_whom") == GROUPS
            and not any(name in self._errors for name in AUDIENCE_GROUPS)
            and not services.has_audience(
                everyone=False,
                organisations=list(data.get("organisations") or []),
                teams=list(data.get("teams") or []),
                roles=list(data.get("roles") or []),
                registration_bodies=data.get("registration_bodies"),
            )
        ):
            self.add_error(
                "for_whom", "Choose at least one organisation, team, role or registration body"
            )
        return data

    def _update_errors(self, errors: ValidationError) -> None:
        # The model's own check (Requirement.clean) says nothing more about a field the
        # form has already explained.
        if hasattr(errors, "error_dict"):
            errors = ValidationError(
                {
                    name: value
                    for name, value in errors.error_dict.items()
                    if name not in self._errors
                }
            )
        super()._update_errors(errors)

    def add_service_errors(self, error: ValidationError) -> None:
        # The service calls the audience "everyone"; this form asks it as "for_whom".
        add_service_errors(self, error, renamed={"everyone": "for_whom"})

    def service_arguments(self) -> dict:
        """The cleaned data as learning.required.services takes it."""
        data = self.cleaned_data
        arguments = {name: data.get(name) for name in services.REQUIREMENT_FIELDS}
        arguments["everyone"] = data.get("for_whom") == EVERYONE
        arguments["registration_bodies"] = list(data.get("registration_bodies") or [])
        arguments["pages"] = list(data["pages"])
        arguments["organisations"] = list(data.get("organisations") or [])
        arguments["teams"] = list(data.get("teams") or [])
        arguments["roles"] = list(data.get("roles") or [])
        return arguments

    # -- rendering helpers --------------------------------------------------------------

    def window_errors(self, which: str) -> list[str]:
        return [
            str(message)
            for part in (f"window_{which}_day", f"window_{which}_month")
            for message in self.errors.get(part, [])
        ]

    @property
    def window_start_errors(self) -> list[str]:
        return self.window_errors("start")

    @property
    def window_end_errors(self) -> list[str]:
        return self.window_errors("end")


class PersonField(IdModelChoiceField):
    def label_from_instance(self, person) -> str:
        return f"{person} ({person.email})"


class ExemptionForm(forms.Form):
    person = PersonField(
        queryset=None,
        label="Who is exempt?",
        empty_label="Choose a person",
        error_messages={
            "required": "Choose the person who is exempt",
            "invalid_choice": "Choose a person in your organisation",
        },
    )
    requirement = IdModelChoiceField(
        queryset=None,
        label="Exempt from",
        required=False,
        empty_label="All their required learning",
        error_messages={"invalid_choice": "Choose required learning from the list"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text=(
            "Brief and factual, for example long-term sick leave. Up to 300 characters. "
            "Your organisation's leads see it."
        ),
        max_length=services.EXEMPTION_REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter the reason for the exemption",
            "max_length": "Keep the reason to 300 characters or fewer (it has %(show_value)d)",
        },
    )
    ends_on = forms.DateField(
        label="Exempt until",
        help_text="The last day of the exemption, no more than 2 years from today. "
        "For example, 30/9/2026.",
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={
            "required": "Enter the last day of the exemption",
            "invalid": "Enter a real date, for example 30/9/2026",
        },
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = selectors.exemptable_people(viewer)
        self.fields["requirement"].queryset = selectors.exemption_requirements(viewer)

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError("Enter the reason for the exemption")
        return reason

    def clean_ends_on(self):
        value = self.cleaned_data["ends_on"]
        services.validate_exemption_end(value)
        return value

    def add_service_errors(self, error: ValidationError) -> None:
        add_service_errors(self, error)
