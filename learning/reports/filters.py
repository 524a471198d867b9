"""The filter bar every report shares: organisation, team, role, registration body,
principle, abuse type, item and a date range, all kept in the URL so a filtered
report can be shared as a link and exported as shown.

A value that names nothing (a stale or hand-edited link) is reported and ignored, never
an error page. An organisation lead's choices are held to their own organisation.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date

from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import CharField, Exists, OuterRef, Q, Value
from django.db.models.expressions import Combinable
from django.db.models.functions import Concat
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from wagtail.models import Page

from learning.forms_ids import IdModelChoiceField
from learning.learnable import learnable_pages, tagged_pages_q
from learning.models import AbuseType, Organisation, Principle, RegistrationBody, Team, User
from learning.permissions import ReportScope
from learning.records.forms import DATE_FORMATS, DateInput
from learning.roles import Role
from learning.url_filters import URLFilterMixin

# The dates a report, the board pack or the xAPI export accepts: nothing before the
# hub's records could begin, nothing past the end of next year (dates far out either
# way made month and week lists run to thousands, or past the years a date can hold).
EARLIEST_DATE = date(2000, 1, 1)


def latest_date(today: date) -> date:
    return date(today.year + 1, 12, 31)


def check_date_in_range(value: date | None, *, which: str, today: date | None = None) -> None:
    """ValidationError unless `value` (the `which` date: "start" or "end") is in range."""
    if value is None:
        return
    latest = latest_date(today or timezone.localdate())
    if not EARLIEST_DATE <= value <= latest:
        raise ValidationError(
            f"Enter {'a start' if which == 'start' else 'an end'} date from "
            f"{EARLIEST_DATE.day} {EARLIEST_DATE:%B %Y} to {latest.day} {latest:%B %Y}"
        )


def bound_date_widgets(form: forms.Form, today: date | None = None) -> None:
    """Give the form's since/until date pickers the range they accept."""
    latest = latest_date(today or timezone.localdate())
    for name in ("since", "until"):
        if name in form.fields:
            form.fields[name].widget.attrs.update(
                min=EARLIEST_DATE.isoformat(), max=latest.isoformat()
            )


@dataclass(frozen=True)
class ReportFilters:
    """The filters in force (each None when not used)."""

    organisation: Organisation | None = None
    team: Team | None = None
    role: Group | None = None
    registration_body: str = ""
    principle: Principle | None = None
    abuse_type: AbuseType | None = None
    item: object | None = None  # a wagtailcore Page
    since: date | None = None
    until: date | None = None

    def people_q(self, prefix: str = "") -> Q:
        """People (User rows, or rows reaching a user through `prefix`, such as
        "user__") matching the organisation, team, role and registration body."""
        q = Q()
        if self.organisation is not None:
            q &= Q(**{f"{prefix}profile__organisation": self.organisation})
        if self.team is not None:
            q &= Q(**{f"{prefix}profile__team": self.team})
        if self.registration_body:
            q &= Q(**{f"{prefix}profile__registration_body": self.registration_body})
        if self.role is not None:
            holds = User.groups.through.objects.filter(
                user_id=OuterRef(f"{prefix}pk" if prefix else "pk"), group=self.role
            )
            q &= Q(Exists(holds))
        return q

    def pages_q(self, field: str = "page_id") -> Q:
        """Rows whose page (`field`) matches the principle, abuse type and item."""
        q = Q()
        if self.item is not None:
            q &= Q(**{field: self.item.pk})
        if self.principle is not None or self.abuse_type is not None:
            q &= tagged_pages_q(field=field, principle=self.principle, abuse_type=self.abuse_type)
        return q

    def dates_q(self, field: str) -> Q:
        """Rows whose datetime `field` falls in the date range (local dates, inclusive)."""
        q = Q()
        if self.since is not None:
            q &= Q(**{f"{field}__date__gte": self.since})
        if self.until is not None:
            q &= Q(**{f"{field}__date__lte": self.until})
        return q

    @property
    def narrows_people(self) -> bool:
        """Whether the filters pick some of an organisation's people (by team, role or
        registration body), so that a report could be set beside the same report
        without them (learning.reports.suppression.compare_wider)."""
        return self.team is not None or self.role is not None or bool(self.registration_body)

    def widened(self) -> ReportFilters:
        """The same filters without those that pick some of an organisation's people."""
        return dataclasses.replace(self, team=None, role=None, registration_body="")

    @property
    def in_use(self) -> bool:
        return any(
            value not in (None, "")
            for value in (
                self.organisation,
                self.team,
                self.role,
                self.registration_body,
                self.principle,
                self.abuse_type,
                self.item,
                self.since,
                self.until,
            )
        )


def held_to_scope(scope: ReportScope, filters: ReportFilters) -> ReportFilters:
    """The filters with a lead's own organisation in force, whatever was asked for
    (the filter form already does this; a builder called another way must not widen)."""
    if scope.partnership_wide:
        return filters
    if filters.organisation is not None and filters.organisation.pk == scope.organisation_id:
        return filters
    return dataclasses.replace(
        filters, organisation=Organisation.objects.get(pk=scope.organisation_id)
    )


class LabelledChoices(ModelChoiceIterator):
    """A filter's choices read as (key, label) rows in one query, with no model instance
    per choice: the filter bar lists every team (600 in a partnership) and learning item
    (400), and building them as Wagtail pages and clusterable organisations took most of
    the time of a report's filter bar."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        key = self.field.to_field_name or "pk"
        yield from self.queryset.values_list(key, self.field.choice_label)


class FilterChoiceField(IdModelChoiceField):
    """IdModelChoiceField whose choices are `choice_label`, the model's __str__ as a
    field name or database expression (a test holds the two the same)."""

    iterator = LabelledChoices

    def __init__(self, queryset, *, choice_label: str | Combinable = "name", **kwargs) -> None:
        super().__init__(queryset, **kwargs)
        self.choice_label = choice_label


# Team.__str__: teams are shown with their organisation's name, as team names repeat.
TEAM_LABEL = Concat("name", Value(" ("), "organisation__name", Value(")"), output_field=CharField())


class ReportFilterForm(URLFilterMixin, forms.Form):
    organisation = FilterChoiceField(
        Organisation.objects.all(),
        required=False,
        empty_label="All organisations",
        error_messages={"invalid_choice": "There is no such organisation"},
    )
    team = FilterChoiceField(
        Team.objects.select_related("organisation"),
        choice_label=TEAM_LABEL,
        required=False,
        empty_label="All teams",
        error_messages={"invalid_choice": "There is no such team"},
    )
    role = FilterChoiceField(
        Group.objects.filter(name__in=[role.value for role in Role]).order_by("name"),
        required=False,
        empty_label="All roles",
        error_messages={"invalid_choice": "There is no such role"},
    )
    registration_body = forms.ChoiceField(
        label="Registration body",
        choices=[("", "Any"), *RegistrationBody.choices],
        required=False,
        error_messages={"invalid_choice": "There is no such registration body"},
    )
    principle = FilterChoiceField(
        Principle.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any",
        error_messages={"invalid_choice": "There is no principle called that"},
    )
    abuse_type = FilterChoiceField(
        AbuseType.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label="Any",
        label="Type of abuse or neglect",
        error_messages={"invalid_choice": "There is no type of abuse called that"},
    )
    item = FilterChoiceField(
        Page.objects.none(),  # learnable pages, set per form (it needs the database)
        choice_label="title",
        required=False,
        empty_label="All learning",
        label="Learning item",
        error_messages={"invalid_choice": "There is no such learning item"},
    )
    since = forms.DateField(
        label="From",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": "The start date is not a real date"},
    )
    until = forms.DateField(
        label="To",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput(),
        error_messages={"invalid": "The end date is not a real date"},
    )

    def __init__(self, data=None, *, scope: ReportScope, fields: tuple[str, ...] | None = None):
        super().__init__(data or None)
        self.scope = scope
        self.fields["item"].queryset = learnable_pages().live().order_by("title")
        if fields is not None:
            for name in list(self.fields):
                if name not in fields:
                    del self.fields[name]
        if not scope.partnership_wide:
            # A lead's reports are their organisation's: no organisation to choose.
            self.fields.pop("organisation", None)
            if "team" in self.fields:
                self.fields["team"].queryset = Team.objects.filter(
                    organisation_id=scope.organisation_id
                ).select_related("organisation")
        bound_date_widgets(self)

    def clean_since(self):
        check_date_in_range(self.cleaned_data.get("since"), which="start")
        return self.cleaned_data.get("since")

    def clean_until(self):
        check_date_in_range(self.cleaned_data.get("until"), which="end")
        return self.cleaned_data.get("until")

    def filters(self) -> ReportFilters:
        """The valid filters, each bad value dropped (see `problems`), with a lead's
        organisation always applied."""
        values = self.selected()
        if not self.scope.partnership_wide:
            values["organisation"] = Organisation.objects.get(pk=self.scope.organisation_id)
        return ReportFilters(**values)
