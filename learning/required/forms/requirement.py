"""The form that sets a requirement's rules: its learning, audience, due days and
refresher cycle."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import Q

from learning.forms_ids import IdModelMultipleChoiceField
from learning.learnable import pages_completed_as_themselves
from learning.models import (
    DueFrom,
    Organisation,
    RefreshRule,
    RegistrationBody,
    Requirement,
    Team,
)
from learning.required import services
from learning.required.forms.fields import (
    DayOrMonthField,
    LearningItemsField,
    TeamsField,
    add_service_errors,
    checkboxes_field,
    count_field,
    date_field,
    radio_field,
)
from learning.roles import Role

EVERYONE = "everyone"
GROUPS = "groups"
WINDOW_PARTS = services.WINDOW_FIELDS
AUDIENCE_GROUPS = ("organisations", "teams", "roles", "registration_bodies")


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
    for_whom = radio_field("Who must complete it?", "Choose who must complete it")
    organisations = checkboxes_field(
        IdModelMultipleChoiceField,
        queryset=Organisation.objects.order_by("name"),
        label="Organisations",
        plural="organisations",
    )
    teams = checkboxes_field(TeamsField, queryset=None, label="Teams", plural="teams")
    roles = checkboxes_field(
        IdModelMultipleChoiceField,
        queryset=Group.objects.filter(name__in=[role.value for role in Role]).order_by("name"),
        label="Roles",
        plural="roles",
    )
    registration_bodies = forms.MultipleChoiceField(
        label="Professional registration",
        choices=RegistrationBody.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose registration bodies from the list"},
    )
    due_days = count_field(
        label="How many days do people have to complete it?",
        hint="Between 1 and 730 days.",
        unit="days",
        example=30,
        most=730,
        most_in_words="2 years",
        required_message="Enter how many days people have to complete it",
    )
    due_from = radio_field(
        "Counted from", "Choose when the days are counted from", choices=DueFrom.choices
    )
    refresh = radio_field(
        "How often must it be done again?",
        "Choose how often it must be done again",
        choices=RefreshRule.choices,
    )
    refresh_months = count_field(
        label="Every how many months?",
        hint="Only if it must be done again every so many months.",
        unit="months",
        example=12,
        most=120,
        most_in_words="10 years",
    )
    window_start_day = DayOrMonthField("Day")
    window_start_month = DayOrMonthField("Month")
    window_end_day = DayOrMonthField("Day")
    window_end_month = DayOrMonthField("Month")
    starts_on = date_field(
        label="Applies from",
        hint="People already in its audience have the days allowed from this date.",
        required_message="Enter the date it applies from",
        example="1 4 2026",
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
