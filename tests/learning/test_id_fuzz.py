"""Every id a visitor can send, sent wrong.

Ids reach the site in form fields, hidden inputs, query strings and URL paths. Each is
sent here as a 25-digit number, 2**63, negative, zero, words, empty, spaces, other
scripts' digits, padded, NUL and ten thousand characters long, signed in as someone
who may use the form. The answer must be a page with the form's error, a redirect or
a 404, never a 500, and nothing in the database may change.

The project's forms are found by importing its modules, so a new form with a model
choice field fails `test_every_form_that_chooses_rows_is_fuzzed` until it is added to
POST_CASES below; URL paths with integer parts are found by walking the URLconf.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from types import SimpleNamespace

import pytest
from django import forms
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter, StringConverter
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page

from learning.forms_ids import MAX_ID, IdModelChoiceField, IdModelMultipleChoiceField
from learning.models import Completion, Principle, Profile
from learning.roles import Role
from learning.site_setup import ensure_site_pages
from tests.factories import TeamFactory, make_person
from tests.learning.reflections.factories import (
    make_entry,
    make_learning_page,
    make_supervisee,
    make_supervisor,
    shared_entry,
)

PROJECT_APPS = ("learning", "briefings", "case_studies", "quizzes")
# Modules that configure or start the project rather than define it.
NOT_IMPORTED = (".migrations", ".settings", ".wsgi", ".asgi", ".management")

# Digits of other scripts, which int() and str.isdigit() accept as if they were ASCII.
ARABIC_INDIC = {ord("0") + n: 0x0660 + n for n in range(10)}
FULLWIDTH = {ord("0") + n: 0xFF10 + n for n in range(10)}


def bad_values(real: str) -> list[tuple[str, str]]:
    """(label, value) pairs that must all be refused where `real` is accepted. Those
    built from `real` would name the right row if read loosely, so accepting one
    would show up as a saved change."""
    values = [
        ("25 digits", "9" * 25),
        ("2**63", str(2**63)),
        ("2**64", str(2**64)),
        ("negative", f"-{real}"),
        ("zero", "0"),
        ("words", "abc"),
        ("empty", ""),
        ("spaces", "   "),
        ("padded", f" {real} "),
        ("Arabic-Indic digits", real.translate(ARABIC_INDIC)),
        ("full-width digits", real.translate(FULLWIDTH)),
        ("decimal", f"{real}.0"),
        ("plus sign", f"+{real}"),
        ("zero-padded past 19 digits", real.rjust(30, "0")),
        ("NUL", f"{real}\x00"),
        ("very long", "9" * 10_000),
        ("letters, very long", "a" * 10_000),
        ("a UUID", str(uuid.uuid4())),
        ("SQL", f"{real} OR 1=1"),
    ]
    # A slug has no digits to respell, so some of these are the real value itself.
    return [(label, value) for label, value in values if value != real]


def _project_state() -> dict[str, list]:
    """Every row of every project model (through tables included), to prove a refused
    request changed nothing: no row added, removed or edited. The audit trail is left
    out: a refused form shown again is a read of the person it is about, recorded by
    design, and nothing can edit the trail (tests/learning/audit/test_append_only.py)."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label in PROJECT_APPS and model._meta.label != "learning.AuditEntry":
            rows = model._default_manager.order_by("pk").values()
            # Signing in stamps last_login; that is the test client, not the request.
            state[model._meta.label] = [
                {k: v for k, v in row.items() if k != "last_login"} for row in rows
            ]
    return state


def _row_counts() -> dict[str, int]:
    """How many rows each project model has: enough where nothing is expected to be
    edited (a GET, a URL naming nothing), and far quicker than `_project_state`. The
    audit trail is left out: opening another person's record adds an entry to it by
    design, and nothing can edit it (tests/learning/audit/test_append_only.py)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in PROJECT_APPS and model._meta.label != "learning.AuditEntry"
    }


def _form_errors(response) -> dict:
    """The errors of the form the response shows again; none if it shows no form."""
    form = response.context.get("form") if response.context else None
    return dict(form.errors) if form is not None else {}


def _changes(before: dict, after: dict) -> list[str]:
    return [label for label in before if before[label] != after[label]]


# ---------------------------------------------------------------------------
# Which forms choose rows
# ---------------------------------------------------------------------------


def _project_form_classes() -> set[type[forms.BaseForm]]:
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if not any(part in module.name for part in NOT_IMPORTED):
                importlib.import_module(module.name)
    found, pending = set(), [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.split(".")[0] in PROJECT_APPS:
                found.add(subclass)
    return found


def _id_fields() -> set[tuple[type, str]]:
    """(form class, field name) for every model choice field on a project form."""
    return {
        (form_class, name)
        for form_class in _project_form_classes()
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.ModelChoiceField)
    }


# ---------------------------------------------------------------------------
# The forms, and how to reach each one
# ---------------------------------------------------------------------------


@dataclass
class Target:
    url: str
    data: dict  # a valid submission apart from the field being fuzzed
    real: str  # a value of that field the form accepts


# What the real value gets (PostCase.accepted).
SAVED = "saved"  # a redirect, and the database changed
# A step that only shows what a later post will do: a 200 showing no errors, nothing
# saved, and the value carried on in the confirmation form (`confirm_form`) it shows.
PREVIEWED = "previewed"
# A last step that shows what it did rather than redirecting: a 200 showing no errors,
# and the database changed.
DONE_IN_PAGE = "done in page"


@dataclass(frozen=True)
class PostCase:
    form: str  # "module.Class", so the table reads without importing every form here
    field: str
    arrange: Callable[..., Target]
    # True where the form names its own error for the field; False where a bad value
    # is reported for the whole form (a hidden field the person never sees).
    field_error: bool = True
    # An optional field takes "" as "none", which is not a bad value there.
    optional: bool = False
    accepted: str = SAVED
    # The errors a response shows: by default those of the `form` in its context.
    errors: Callable[..., dict] = _form_errors


def _share(client, sign_in_with_mfa) -> Target:
    supervisor = make_supervisor()
    author = make_supervisee(supervisor)
    entry = make_entry(author)
    client.force_login(author)
    return Target(reverse("reflections:entry_share", args=[entry.pk]), {}, str(supervisor.pk))


def _withdraw(client, sign_in_with_mfa) -> Target:
    supervisor = make_supervisor()
    author = make_supervisee(supervisor)
    entry = shared_entry(author, supervisor)
    client.force_login(author)
    return Target(reverse("reflections:entry_withdraw", args=[entry.pk]), {}, str(supervisor.pk))


def _session(client, sign_in_with_mfa) -> Target:
    supervisor = make_supervisor()
    member = make_supervisee(supervisor)
    page = make_learning_page()
    client.force_login(supervisor)
    data = {
        "page": str(page.pk),
        "delivered_on": timezone.localdate().isoformat(),
        "attendees": str(member.pk),
        "group_reflection": "",
        "minutes": "30",
    }
    return Target(reverse("supervision:session_create"), data, "")


def _session_page(client, sign_in_with_mfa) -> Target:
    target = _session(client, sign_in_with_mfa)
    target.real = target.data.pop("page")
    return target


def _session_attendees(client, sign_in_with_mfa) -> Target:
    target = _session(client, sign_in_with_mfa)
    target.real = target.data.pop("attendees")
    return target


def _new_entry(client, sign_in_with_mfa) -> dict:
    client.force_login(make_person())
    return {"title": "After the briefing", "body": "I will ask sooner.", "status": "draft"}


def _entry_principle(client, sign_in_with_mfa) -> Target:
    return Target(
        reverse("reflections:entry_create"), _new_entry(client, sign_in_with_mfa), "empowerment"
    )


def _entry_page(client, sign_in_with_mfa) -> Target:
    page = make_learning_page()
    data = _new_entry(client, sign_in_with_mfa)
    return Target(reverse("reflections:entry_create"), data, str(page.pk))


def _invitation(client, sign_in_with_mfa) -> Target:
    lead = sign_in_with_mfa(Role.ORGANISATION_LEAD)
    organisation = lead.profile.organisation
    team = TeamFactory(organisation=organisation)
    data = {
        "email": "new.colleague@partner.example",
        "organisation": str(organisation.pk),
        "team": str(team.pk),
        "role": Role.PRACTITIONER.value,
    }
    return Target(reverse("invitation_list_create"), data, "")


def _invitation_organisation(client, sign_in_with_mfa) -> Target:
    target = _invitation(client, sign_in_with_mfa)
    target.real = target.data.pop("organisation")
    return target


def _invitation_team(client, sign_in_with_mfa) -> Target:
    target = _invitation(client, sign_in_with_mfa)
    target.real = target.data.pop("team")
    return target


def _override(client, sign_in_with_mfa) -> Target:
    from learning.publishing_guard.admin_hooks import findings_url

    page = make_learning_page()
    # A draft naming a person: the guard finds the name, so the override form shows.
    page.situation = "<p>Her neighbour, Mrs Joan Smith, rang to raise the alarm.</p>"
    page.save_revision()
    sign_in_with_mfa(Role.SAB_MANAGER)
    data = {
        "action": "propose",
        "kind": "person_name",
        "text": "Mrs Joan Smith",
        "location": "The situation",
        "reason": "The name is a public figure's and appears in the published report.",
    }
    return Target(findings_url(page), data, str(page.get_latest_revision().pk))


def _override_decision(client, sign_in_with_mfa, *, field: str) -> Target:
    from learning.publishing_guard import services
    from learning.publishing_guard.admin_hooks import findings_url

    page = make_learning_page()
    page.situation = "<p>Her neighbour, Mrs Joan Smith, rang to raise the alarm.</p>"
    revision = page.save_revision()
    proposer = make_person(role=Role.SAB_MANAGER)
    override = services.propose_override(
        page,
        revision,
        proposer,
        "person_name",
        "Mrs Joan Smith",
        "The name is a public figure's and appears in the published report.",
    )
    sign_in_with_mfa(Role.SAB_MANAGER)  # the second person
    data = {
        "action": "confirm",
        "agreed": "on",
        "override_id": str(override.pk),
        "revision_id": str(revision.pk),
    }
    return Target(findings_url(page), data, data.pop(field))


def _user_groups(client, sign_in_with_mfa, *, edit: bool) -> Target:
    from django.contrib.auth.models import Group

    sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    data = {"first_name": "Sam", "last_name": "Okafor", "is_active": "on"}
    if edit:
        person = make_person()
        url = reverse("wagtailusers_users:edit", args=[person.pk])
        data["email"] = person.email
    else:
        url = reverse("wagtailusers_users:add")
        data["email"] = "sam.okafor@partner.example"
    return Target(url, data, str(Group.objects.get(name=Role.SUPERVISOR.value).pk))


def _user_create_groups(client, sign_in_with_mfa) -> Target:
    return _user_groups(client, sign_in_with_mfa, edit=False)


def _user_edit_groups(client, sign_in_with_mfa) -> Target:
    return _user_groups(client, sign_in_with_mfa, edit=True)


def _requirement(client, sign_in_with_mfa, field: str) -> Target:
    """A SAB manager setting partnership-wide required learning for the people in the
    groups chosen: `field` ("organisations", "teams" or "roles") is the only group
    chosen, so the real value is what makes the audience; for "pages", a role is."""
    sign_in_with_mfa(Role.SAB_MANAGER)
    real = {
        "pages": str(make_learning_page().pk),
        "organisations": str(TeamFactory().organisation_id),
        "teams": str(TeamFactory().pk),
        "roles": str(Group.objects.get(name=Role.PRACTITIONER.value).pk),
    }
    data = {
        "title": "Self-neglect essentials",
        "pages": real["pages"],
        "for_whom": "groups",
        "due_days": "30",
        "due_from": "assigned",
        "refresh": "never",
        "starts_on": timezone.localdate().isoformat(),
    }
    if field == "pages":
        del data["pages"]
        data["roles"] = real["roles"]
    return Target(reverse("required:requirement_create"), data, real[field])


def _requirement_pages(client, sign_in_with_mfa) -> Target:
    return _requirement(client, sign_in_with_mfa, "pages")


def _requirement_organisations(client, sign_in_with_mfa) -> Target:
    return _requirement(client, sign_in_with_mfa, "organisations")


def _requirement_teams(client, sign_in_with_mfa) -> Target:
    return _requirement(client, sign_in_with_mfa, "teams")


def _requirement_roles(client, sign_in_with_mfa) -> Target:
    return _requirement(client, sign_in_with_mfa, "roles")


def _exemption(client, sign_in_with_mfa, field: str) -> Target:
    """An organisation lead exempting a colleague from one required item."""
    from learning.models import Requirement

    lead = sign_in_with_mfa(Role.ORGANISATION_LEAD)
    colleague = make_person(organisation=lead.profile.organisation)
    requirement = Requirement.objects.create(
        title="Core safeguarding adults learning", everyone=True, starts_on=date(2020, 1, 1)
    )
    requirement.pages.set([make_learning_page()])
    data = {
        "person": str(colleague.pk),
        "requirement": str(requirement.pk),
        "reason": "Long-term sick leave",
        "ends_on": (timezone.localdate() + timedelta(days=90)).isoformat(),
    }
    return Target(reverse("required:exemption_create"), data, data.pop(field))


def _exemption_person(client, sign_in_with_mfa) -> Target:
    return _exemption(client, sign_in_with_mfa, "person")


def _exemption_requirement(client, sign_in_with_mfa) -> Target:
    return _exemption(client, sign_in_with_mfa, "requirement")


def _bulk_invitation_fields(sign_in_with_mfa) -> dict:
    """An organisation lead's organisation, a team in it and a role, as a bulk
    invitation's first step and its confirmation both post them."""
    lead = sign_in_with_mfa(Role.ORGANISATION_LEAD)
    organisation = lead.profile.organisation
    return {
        "organisation": str(organisation.pk),
        "team": str(TeamFactory(organisation=organisation).pk),
        "role": Role.PRACTITIONER.value,
    }


def _bulk_invitation(client, sign_in_with_mfa, field: str) -> Target:
    """Step one: a pasted list. A valid one is shown back as a preview to confirm,
    nothing sent yet (PREVIEWED)."""
    data = _bulk_invitation_fields(sign_in_with_mfa)
    data["addresses"] = "new.colleague@partner.example\nAnother <another@partner.example>"
    return Target(reverse("organisation:invite"), data, data.pop(field))


def _bulk_invitation_organisation(client, sign_in_with_mfa) -> Target:
    return _bulk_invitation(client, sign_in_with_mfa, "organisation")


def _bulk_invitation_team(client, sign_in_with_mfa) -> Target:
    return _bulk_invitation(client, sign_in_with_mfa, "team")


def _bulk_confirm(client, sign_in_with_mfa, field: str) -> Target:
    """Step two: the preview's hidden fields posted back. A valid one sends the
    invitations and shows what happened to each (DONE_IN_PAGE)."""
    from learning.organisation import invitations

    data = _bulk_invitation_fields(sign_in_with_mfa)
    entries = invitations.entries_from_text("new.colleague@partner.example")
    data["entries"] = invitations.entries_to_carry(entries)
    return Target(reverse("organisation:invite_confirm"), data, data.pop(field))


def _bulk_confirm_organisation(client, sign_in_with_mfa) -> Target:
    return _bulk_confirm(client, sign_in_with_mfa, "organisation")


def _bulk_confirm_team(client, sign_in_with_mfa) -> Target:
    return _bulk_confirm(client, sign_in_with_mfa, "team")


def _confirmation_problems(response) -> dict:
    """A refused confirmation starts again at step one with a new, empty form, and says
    why above it (`problems`): its fields were hidden, so there is no field to mark."""
    problems = response.context.get("problems") if response.context else None
    return {"__all__": list(problems)} if problems else {}


POST_CASES = [
    PostCase("learning.reflections.forms.ShareForm", "supervisors", _share),
    PostCase("learning.reflections.forms.WithdrawShareForm", "supervisors", _withdraw),
    PostCase("learning.supervision.forms.TeamSessionForm", "page", _session_page),
    PostCase("learning.supervision.forms.TeamSessionForm", "attendees", _session_attendees),
    PostCase("learning.reflections.forms.EntryForm", "principle", _entry_principle, optional=True),
    # The page an entry reflects on travels in a hidden field, read by hand.
    PostCase(
        "learning.reflections.forms.EntryForm",
        "page",
        _entry_page,
        field_error=False,
        optional=True,
    ),
    PostCase("learning.accounts.forms.InvitationForm", "organisation", _invitation_organisation),
    PostCase("learning.accounts.forms.InvitationForm", "team", _invitation_team, optional=True),
    # The Wagtail admin's user screens, with the hub's forms.
    PostCase(
        "learning.accounts.admin_users.HubUserCreationForm",
        "groups",
        _user_create_groups,
        optional=True,
    ),
    PostCase(
        "learning.accounts.admin_users.HubUserEditForm", "groups", _user_edit_groups, optional=True
    ),
    PostCase(
        "learning.publishing_guard.override_forms.OverrideReasonForm",
        "revision_id",
        _override,
        field_error=False,
    ),
    PostCase(
        "learning.publishing_guard.override_forms.OverrideDecisionForm",
        "override_id",
        partial(_override_decision, field="override_id"),
        field_error=False,
    ),
    PostCase(
        "learning.publishing_guard.override_forms.OverrideDecisionForm",
        "revision_id",
        partial(_override_decision, field="revision_id"),
        field_error=False,
    ),
    # Required learning: set by a SAB manager, exemptions by an organisation lead. The
    # audience fields are each optional ("" is "nobody chosen there").
    PostCase("learning.required.forms.requirement.RequirementForm", "pages", _requirement_pages),
    PostCase(
        "learning.required.forms.requirement.RequirementForm",
        "organisations",
        _requirement_organisations,
        optional=True,
    ),
    PostCase(
        "learning.required.forms.requirement.RequirementForm",
        "teams",
        _requirement_teams,
        optional=True,
    ),
    PostCase(
        "learning.required.forms.requirement.RequirementForm",
        "roles",
        _requirement_roles,
        optional=True,
    ),
    PostCase("learning.required.forms.exemption.ExemptionForm", "person", _exemption_person),
    # No requirement chosen is "all their required learning".
    PostCase(
        "learning.required.forms.exemption.ExemptionForm",
        "requirement",
        _exemption_requirement,
        optional=True,
    ),
    # Bulk invitations (these cover _InvitationDefaultsForm, their base). Step one
    # previews; step two carries the previewed choices in hidden fields, and a refusal
    # there starts again at step one, saying why.
    PostCase(
        "learning.organisation.forms.BulkInvitationForm",
        "organisation",
        _bulk_invitation_organisation,
        accepted=PREVIEWED,
    ),
    PostCase(
        "learning.organisation.forms.BulkInvitationForm",
        "team",
        _bulk_invitation_team,
        optional=True,
        accepted=PREVIEWED,
    ),
    PostCase(
        "learning.organisation.forms.BulkInvitationConfirmForm",
        "organisation",
        _bulk_confirm_organisation,
        field_error=False,
        accepted=DONE_IN_PAGE,
        errors=_confirmation_problems,
    ),
    PostCase(
        "learning.organisation.forms.BulkInvitationConfirmForm",
        "team",
        _bulk_confirm_team,
        field_error=False,
        optional=True,
        accepted=DONE_IN_PAGE,
        errors=_confirmation_problems,
    ),
]

# Filter forms read from the query string; test_query_string_ids sends them bad values.
FILTER_FORMS = {
    "learning.filters.LearningFilterForm",
    "learning.records.forms.RecordFilterForm",
    # test_report_query_strings sends these theirs.
    "learning.reports.filters.ReportFilterForm",
    "learning.organisation.forms.PeopleFilterForm",
    # test_audit_log_admin's test_bad_filters_are_explained_and_ignored sends it
    # organisations that do not exist and ids that are not numbers.
    "learning.audit.filters.AuditLogFilterForm",
}


def _dotted(form_class: type) -> str:
    return f"{form_class.__module__}.{form_class.__qualname__}"


def test_every_form_that_chooses_rows_is_fuzzed():
    covered = {(case.form, case.field) for case in POST_CASES}
    missing = []
    for form_class, name in _id_fields():
        # A base class is covered by a subclass in the table (ShareForm covers _PeopleForm).
        names = {_dotted(c) for c in _project_form_classes() if issubclass(c, form_class)}
        if not any((dotted, name) in covered for dotted in names) and not names & FILTER_FORMS:
            missing.append(f"{_dotted(form_class)}.{name}")
    assert not missing, f"Add these to POST_CASES (or FILTER_FORMS): {sorted(missing)}"


def test_every_form_that_chooses_rows_checks_the_id_first():
    loose = [
        f"{_dotted(form_class)}.{name}"
        for form_class, name in _id_fields()
        if not isinstance(
            form_class.base_fields[name], (IdModelChoiceField, IdModelMultipleChoiceField)
        )
    ]
    assert not loose, f"Use learning.forms_ids fields for: {sorted(loose)}"


def _admin_form_classes() -> list[type]:
    """The Wagtail admin's forms for the project's pages and for its models with panels."""
    from wagtail.admin.panels import get_edit_handler

    classes = []
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model._meta.abstract:
            continue
        if issubclass(model, Page):
            classes.append(model.get_edit_handler().get_form_class())
        elif hasattr(model, "panels"):
            classes.append(get_edit_handler(model).get_form_class())
    return classes


def test_wagtail_admin_forms_check_ids():
    """Every row-choosing field on the admin's forms for project models checks its ids,
    apart from Wagtail's choosers (pages, images, documents, snippets), which keep
    Django's own single `pk=` look-up."""
    from wagtail.admin.widgets.chooser import BaseChooser

    loose = [
        f"{form_class.__name__}.{name}"
        for form_class in _admin_form_classes()
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.ModelChoiceField)
        and not isinstance(field, (IdModelChoiceField, IdModelMultipleChoiceField))
        and not isinstance(field.widget, BaseChooser)
    ]
    assert not loose
    assert any(  # the check above looked at something
        isinstance(form_class.base_fields.get("supervisors"), IdModelMultipleChoiceField)
        for form_class in _admin_form_classes()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("case", POST_CASES, ids=lambda case: f"{case.form}.{case.field}")
def test_posted_ids(client, sign_in_with_mfa, case):
    target = case.arrange(client, sign_in_with_mfa)
    client.raise_request_exception = False
    problems = []
    # Each request's state after is the next one's before: reading every row once per
    # request rather than twice (nothing else runs in between).
    before = _project_state()
    for label, value in bad_values(target.real):
        if case.optional and value == "":
            continue
        response = client.post(target.url, {**target.data, case.field: value})
        after = _project_state()
        changed = _changes(before, after)
        before = after
        if response.status_code >= 500:
            problems.append(f"{label}: {response.status_code}")
            continue
        if changed:
            problems.append(f"{label}: changed {changed}")
        if response.status_code not in (200, 400):
            problems.append(f"{label}: {response.status_code}, expected the form again")
            continue
        errors = case.errors(response)
        if not (errors.get(case.field) if case.field_error else errors):
            problems.append(f"{label}: no error shown")
    assert not problems, problems

    # The same form, sent the real value, is accepted: the refusals above were the values'
    # (`before` is the state after the last of them).
    response = client.post(target.url, {**target.data, case.field: target.real})
    if case.accepted == SAVED:
        assert response.status_code == 302, case.errors(response)
        assert _changes(before, _project_state())
        return
    assert response.status_code == 200, case.errors(response)
    assert not case.errors(response)
    if case.accepted == PREVIEWED:
        assert not _changes(before, _project_state())
        confirm = response.context["confirm_form"]
        assert str(confirm.initial[case.field]) == target.real
    else:
        assert case.accepted == DONE_IN_PAGE, case.accepted
        assert _changes(before, _project_state())


# ---------------------------------------------------------------------------
# Ids read by hand: completing a page, knowledge-check attempts, myth-busters
# ---------------------------------------------------------------------------


def _seed_content():
    home = ensure_site_pages()
    for seeder in hooks.get_hooks("register_demo_content"):
        seeder(home=home)


@pytest.mark.django_db
def test_completing_a_page_with_a_bad_revision_records_the_live_one(client):
    page = make_learning_page()
    person = make_person()
    client.force_login(person)
    client.raise_request_exception = False
    url = reverse("records:complete", args=[page.pk])
    for label, value in bad_values(str(page.live_revision_id)):
        Completion.objects.filter(user=person).delete()
        response = client.post(url, {"revision": value})
        assert response.status_code == 302, label
        completion = Completion.objects.get(user=person)
        assert completion.revision_id == page.live_revision_id, label


# ---------------------------------------------------------------------------
# Query strings: listing filters, search, my learning
# ---------------------------------------------------------------------------

FILTER_PARAMETERS = ("principle", "abuse_type", "theme", "year", "review_type", "page", "q")
RECORD_PARAMETERS = ("principle", "since", "until", "participatory", "show", "page")
BAD_DATES = ("0001-01-01", "1900-02-30", "9999-12-31", "99999-01-01", "31/12/9999", "-1")


# The reports, the board pack, the xAPI export and an organisation lead's people page:
# each read by a SAB manager (the partnership) and an organisation lead (their own).

REPORT_SLUGS = ("compliance", "reach", "engagement", "feedback", "knowledge-checks")
REPORT_FILTERS = (
    "organisation",
    "team",
    "role",
    "registration_body",
    "principle",
    "abuse_type",
    "item",
    "since",
    "until",
)
PEOPLE_PARAMETERS = ("team", "role", "registration", "status", "active", "sort", "q", "page")


def _get(client, url: str, query: dict) -> int | str:
    """The status of a GET, reading a streamed answer (a CSV export, the xAPI file) to
    its end: an error half-way through a download is a broken download, not a 200."""
    try:
        response = client.get(url, query)
        if response.streaming:
            b"".join(response.streaming_content)
    except Exception as error:
        return f"raised {type(error).__name__}: {error}"[:200]
    return response.status_code


def _bad_queries(real: dict, parameters) -> dict[str, dict]:
    """{label: query} with every one of `parameters` sent the same kind of bad value
    (each parameter is read on its own, so one cannot hide another's 500)."""
    queries: dict[str, dict] = {}
    for name in parameters:
        values = bad_values(real.get(name, "1"))
        if name in ("since", "until"):
            values += [(f"date {day}", day) for day in BAD_DATES]
        for label, value in values:
            queries.setdefault(label, {})[name] = value
    return queries


def _reporting_world(enrol_totp) -> SimpleNamespace:
    """The seeded learning, and an organisation with a team whose people have a required
    item, a completion and feedback, so that every report has rows to show; its lead
    and a SAB manager, both with a second factor (every report needs one)."""
    from learning.models import AbuseType, RegistrationBody, Requirement
    from learning.records import services as records

    _seed_content()
    lead = make_person(role=Role.ORGANISATION_LEAD)
    manager = make_person(role=Role.SAB_MANAGER)
    enrol_totp(lead)
    enrol_totp(manager)
    organisation = lead.profile.organisation
    team = TeamFactory(organisation=organisation)
    page = make_learning_page()
    requirement = Requirement.objects.create(
        title="Core safeguarding adults learning", everyone=True, starts_on=date(2020, 1, 1)
    )
    requirement.pages.set([page])
    for number in range(3):
        person = make_person(organisation=organisation, team=team)
        Profile.objects.filter(user=person).update(registration_body=RegistrationBody.NMC)
        if number:
            records.completion_record(user=person, page=page, how="confirmed")
            records.feedback_save(user=person, page=page, usefulness=4, will_change_practice="yes")
    today = timezone.localdate()
    real = {
        "organisation": str(organisation.pk),
        "team": str(team.pk),
        "role": str(Group.objects.get(name=Role.PRACTITIONER.value).pk),
        "registration_body": RegistrationBody.NMC.value,
        "principle": "empowerment",
        "abuse_type": AbuseType.objects.order_by("pk").first().slug,
        "item": str(page.pk),
        "since": (today - timedelta(days=60)).isoformat(),
        "until": today.isoformat(),
    }
    return SimpleNamespace(lead=lead, manager=manager, real=real, team=team)


# The dates among BAD_DATES that parse: each is also sent with the range's other end
# real, as a date picker would leave it (the rest are refused whatever comes with them).
EXTREME_DATES = ("0001-01-01", "9999-12-31")


@pytest.fixture(scope="class")
def _seeded_site(class_shared_data, enrol_totp):
    return class_shared_data.build(_reporting_world, enrol_totp)


@pytest.fixture
def world(_seeded_site, class_shared_data, db) -> SimpleNamespace:
    return class_shared_data.copy(_seeded_site)


@pytest.mark.usefixtures("_seeded_site")
class TestOnTheSeededSite:
    """The tests that read the demo content and `_reporting_world`, which take a score of
    Wagtail publishes to make: made once for the class, each test in a savepoint of it.
    """

    @pytest.mark.django_db
    def test_knowledge_check_and_myth_buster_ids(self, client):
        from quizzes.models import Attempt, KnowledgeCheckPage, MythBusterPage

        check = KnowledgeCheckPage.objects.live().first()
        myth = MythBusterPage.objects.live().first()
        person = make_person()
        client.force_login(person)
        client.raise_request_exception = False
        client.post(check.url, {"action": "start"})
        attempt = Attempt.objects.get(user=person)
        problems = []
        requests = [
            ("GET", check.url, "attempt", str(attempt.pk)),
            ("POST", check.url, "attempt", str(attempt.pk)),
            ("GET", myth.url, "statement", "1"),
            ("POST", myth.url, "statement", "1"),
        ]
        # Each request's counts after are the next one's before (nothing runs in between).
        before = _row_counts()
        for method, url, name, real in requests:
            for label, value in bad_values(real):
                data = {name: value, "action": "submit"} if method == "POST" else {name: value}
                response = (client.get if method == "GET" else client.post)(url, data)
                after = _row_counts()
                changed = _changes(before, after)
                before = after
                if response.status_code >= 500:
                    problems.append(f"{method} {name} {label}: {response.status_code}")
                elif changed:
                    problems.append(f"{method} {name} {label}: changed {changed}")
        assert not problems, problems
        # No bad attempt id submitted the real attempt.
        assert Attempt.objects.get(pk=attempt.pk).finished_at is None

    @pytest.mark.django_db
    def test_query_string_ids(self, client):
        from briefings.models import BriefingIndexPage, ReviewIndexPage
        from case_studies.models import CaseStudyIndexPage
        from quizzes.models import KnowledgeCheckIndexPage

        supervisor = make_supervisor()
        member = make_supervisee(supervisor)
        page = make_learning_page()
        client.force_login(supervisor)
        client.raise_request_exception = False
        indexes = (BriefingIndexPage, ReviewIndexPage, CaseStudyIndexPage, KnowledgeCheckIndexPage)
        listings = [index.objects.live().first().url for index in indexes]
        pages = [
            *((url, FILTER_PARAMETERS) for url in [*listings, reverse("search")]),
            (reverse("records:my_learning"), RECORD_PARAMETERS),
            (reverse("records:cpd_summary"), RECORD_PARAMETERS),
            (reverse("records:person_learning", args=[member.pk]), RECORD_PARAMETERS),
            (reverse("reflections:entry_list"), ("page",)),
            (reverse("reflections:entry_create"), ("page", "question", "principle", "structure")),
            (reverse("principle_detail", args=["empowerment"]), ("page",)),
            (reverse("records:certificate_lookup"), ("code",)),
        ]
        real = {"principle": "empowerment", "page": str(page.pk), "year": "2020"}
        problems = []
        before = _row_counts()
        for url, parameters in pages:
            # Every parameter of the page gets the same kind of bad value in one request:
            # each is read on its own, so one cannot hide another's 500.
            queries: dict[str, dict] = {}
            for name in parameters:
                values = bad_values(real.get(name, "1"))
                if name in ("since", "until"):
                    values += [(f"date {date}", date) for date in BAD_DATES]
                for label, value in values:
                    queries.setdefault(label, {})[name] = value
            for label, query in queries.items():
                response = client.get(url, query)
                if response.status_code >= 500:
                    problems.append(f"{url} {label}: {response.status_code}")
        assert not problems, problems
        # Counted once for the lot: a GET changes nothing, whatever it is sent.
        assert not _changes(before, _row_counts())

    @pytest.mark.django_db
    @pytest.mark.parametrize("viewer", ["manager", "lead"])
    def test_report_query_strings(self, client, world, viewer):
        """Every report's filter bar and export parameters, sent bad values, as a SAB
        manager and as an organisation lead (who has no organisation to choose, but may
        still send one). Each report takes a fraction of a second to build, so the export
        parameters, which the one report view reads the same way for every report, are
        sent every bad value on one report; each report is exported once with bad filters."""
        client.force_login(getattr(world, viewer))
        client.raise_request_exception = False
        queries = _bad_queries(world.real, REPORT_FILTERS)
        for day in EXTREME_DATES:
            for name, other in (("since", "until"), ("until", "since")):
                queries[f"{name} {day}, {other} real"] = {name: day, other: world.real[other]}
        problems = []
        before = None
        for slug in REPORT_SLUGS:
            url = reverse("reports:report", args=[slug])
            # The real values are all used: the refusals below are the values'.
            shown = client.get(url, world.real)
            assert shown.status_code == 200, slug
            assert not shown.context["problems"], (slug, shown.context["problems"])
            # (The first report read creates the reports' settings row.)
            before = before or _row_counts()
            for label, query in queries.items():
                status = _get(client, url, query)
                if status != 200:
                    problems.append(f"{url} {label}: {status}")
            for export in ("csv", "xlsx"):
                # Every filter bad: the unfiltered table, as the page would show it.
                status = _get(client, url, {**queries["words"], "export": export})
                if status != 200:
                    problems.append(f"{url} {export} with bad filters: {status}")
        url = reverse("reports:report", args=["feedback"])
        table = client.get(url).context["report"].tables[-1].slug
        for label, value in bad_values("csv"):
            # A format that is not one is a 404; no format at all is the page itself.
            status = _get(client, url, {"export": value, "table": table})
            if status != (200 if value == "" else 404):
                problems.append(f"{url} export {label}: {status}")
        for label, value in bad_values(table):
            # A table that is not one is a 404; none named is the report's first.
            status = _get(client, url, {"export": "csv", "table": value})
            if status != (200 if value == "" else 404):
                problems.append(f"{url} table {label}: {status}")
        assert not problems, "\n".join(problems)
        # Counted once for the lot: a GET changes nothing, whatever it is sent.
        assert not _changes(before, _row_counts())

    @pytest.mark.django_db
    def test_board_pack_and_xapi_query_strings(self, client, world):
        from learning.reports.board_pack import Quarter
        from learning.reports.xapi import ActorForm

        client.raise_request_exception = False
        quarter = Quarter.last_complete(timezone.localdate()).code
        xapi = {
            "since": world.real["since"],
            "until": world.real["until"],
            "actor": ActorForm.ACCOUNT.value,
        }
        problems = []
        before = _row_counts()
        for viewer in (world.manager, world.lead):
            client.force_login(viewer)
            for name in ("reports:board_pack", "reports:board_pack_pdf"):
                url = reverse(name)
                for label, value in bad_values(quarter):
                    status = _get(client, url, {"quarter": value})
                    if status not in (200, 400):  # 200: "" is the last complete quarter
                        problems.append(f"{viewer} {url} {label}: {status}")
        # The xAPI export is the lead's alone (the board gets 403 whatever it asks).
        viewer = world.lead
        client.force_login(viewer)
        url = reverse("reports:xapi")
        # Every parameter bad at once, then each bad with the others real.
        requests = list(_bad_queries(xapi, xapi).items())
        for name in xapi:
            values = bad_values(xapi[name])
            if name != "actor":
                values += [(f"date {day}", day) for day in BAD_DATES]
            requests += [(f"{name} {label}", {**xapi, name: value}) for label, value in values]
        for label, query in requests:
            status = _get(client, url, query)
            # 200: the export itself, where the value turned out to be harmless: a date
            # with spaces round it.
            if status not in (200, 400):
                problems.append(f"{viewer} {url} {label}: {status}")
        assert not problems, "\n".join(problems)
        assert not _changes(before, _row_counts())

    @pytest.mark.django_db
    def test_people_query_strings(self, client, world):
        """An organisation lead's people page and its exports."""
        from learning.models import RegistrationBody
        from learning.organisation.selectors import Standing

        client.force_login(world.lead)
        client.raise_request_exception = False
        real = {
            "team": str(world.team.pk),
            "role": Role.PRACTITIONER.value,
            "registration": RegistrationBody.NMC.value,
            "status": Standing.OVERDUE.value,
            "active": "active",
            "sort": "-cpd",
            "q": "Tester",
            "page": "1",
        }
        assert client.get(reverse("organisation:people"), real).status_code == 200
        problems = []
        before = _row_counts()
        for name in ("organisation:people", "organisation:people_csv", "organisation:people_xlsx"):
            url = reverse(name)
            for label, query in _bad_queries(real, PEOPLE_PARAMETERS).items():
                status = _get(client, url, query)
                if status != 200:
                    problems.append(f"{url} {label}: {status}")
        assert not problems, "\n".join(problems)
        assert not _changes(before, _row_counts())


@pytest.mark.django_db
def test_a_refused_filter_is_not_applied(client):
    """A unicode-digit or padded slug is not read as the real one: the filter is dropped."""
    from learning.filters import LearningFilterForm

    Principle.objects.get(slug="empowerment")
    for value in ("empowerment\x00", " empowerment", "e" * 10_000):
        form = LearningFilterForm({"principle": value})
        assert "principle" not in form.selected()
        assert form.errors["principle"]


# ---------------------------------------------------------------------------
# URL paths
# ---------------------------------------------------------------------------

HUGE_PATH_IDS = (10**25, 2**63, MAX_ID)
# For the admin's <str:pk> screens; "%D9%A1" is an Arabic-Indic one.
BAD_PATH_STRINGS = ("9" * 25, "-1", "abc", "%D9%A1", "%00")


def _walk(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def _project_view(pattern: URLPattern) -> bool:
    callback = pattern.callback
    module = getattr(getattr(callback, "view_class", callback), "__module__", "")
    model = getattr(callback, "view_initkwargs", {}).get("model")
    model_app = (
        model._meta.app_label if isinstance(model, type) and issubclass(model, models.Model) else ""
    )
    return module.split(".")[0] in PROJECT_APPS or model_app in PROJECT_APPS


def _paths_with_ids() -> list[tuple[str, dict, list[dict]]]:
    """(route, converters, [kwargs to try]) for each project URL naming something by
    integer (or, for the admin's model screens, by a string primary key)."""
    found = []
    for route, pattern in _walk(get_resolver()):
        converters = {**getattr(pattern.pattern, "converters", {})}
        if not converters or not _project_view(pattern):
            continue
        ints = [name for name, c in converters.items() if isinstance(c, IntConverter)]
        strings = [
            name
            for name, c in converters.items()
            if type(c) is StringConverter and name in ("pk", "object_id", "id")
        ]
        if not ints and not strings:
            continue
        tries = [{name: value for name in ints} for value in HUGE_PATH_IDS] if ints else []
        tries += [{name: value for name in strings} for value in BAD_PATH_STRINGS if strings]
        found.append((route, converters, tries))
    return found


def _fill(route: str, converters: dict, values: dict) -> str:
    """The route with each <converter:name> replaced by its value in `values`, or a
    harmless one (1, "x") for the parts not being fuzzed."""

    def value_for(match: re.Match) -> str:
        name = match.group(1)
        if name in values:
            return str(values[name])
        return "1" if isinstance(converters[name], IntConverter) else "x"

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value_for, route)


def test_the_walk_finds_the_known_id_paths():
    routes = {route for route, _converters, _tries in _paths_with_ids()}
    for expected in (
        "certificates/<int:pk>/",
        "people/<int:user_id>/learning/",
        "my-learning/complete/<int:page_id>/",
        "my-learning/external/<int:pk>/edit/",
    ):
        assert expected in routes


@pytest.mark.django_db
@pytest.mark.parametrize("area", ["site", "admin"])
def test_id_paths_are_404_not_500(client, sign_in_with_mfa, area):
    """The site's paths as a supervisor, the admin's as a site administrator."""
    if area == "admin":
        sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    else:
        client.force_login(make_supervisor())
    client.raise_request_exception = False
    problems = []
    before = _row_counts()
    for route, converters, tries in _paths_with_ids():
        if route.startswith("admin/") != (area == "admin"):
            continue
        for values in tries:
            path = _fill(route, converters, values)
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                if response.status_code >= 500:
                    problems.append(f"{method.upper()} {path[:80]}: {response.status_code}")
    assert not problems, problems
    # Counted once for the lot: a path naming nothing must change nothing.
    assert not _changes(before, _row_counts())


# ---------------------------------------------------------------------------
# The Wagtail admin's own forms for the project's models
# ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_person_screen_refuses_bad_ids(client, sign_in_with_mfa):
    sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    supervisor = make_supervisor()
    person = make_person(organisation=supervisor.profile.organisation)
    team = TeamFactory(organisation=person.profile.organisation)
    client.raise_request_exception = False
    url = reverse("people:edit", args=[person.profile.pk])
    data = {
        "organisation": str(person.profile.organisation_id),
        "team": str(team.pk),
        "job_title": "Social worker",
        "registration_body": "",
        "registration_number": "",
        "supervisors": str(supervisor.pk),
    }
    problems = []
    # Each post's state after is the next one's before (nothing runs in between).
    before = _project_state()
    for name in ("organisation", "team", "supervisors"):
        for label, value in bad_values(data[name]):
            if value == "":
                continue  # each is optional: empty is a real answer
            response = client.post(url, {**data, name: value})
            after = _project_state()
            changed = _changes(before, after)
            before = after
            if response.status_code >= 500:
                problems.append(f"{name} {label}: {response.status_code}")
            elif changed:
                problems.append(f"{name} {label}: changed {changed}")
            elif response.status_code != 200 or not _form_errors(response).get(name):
                problems.append(f"{name} {label}: {response.status_code}, no error shown")
    assert not problems, problems
    assert client.post(url, data).status_code == 302
    assert list(Profile.objects.get(pk=person.profile.pk).supervisors.all()) == [supervisor]


# --- forms Django and Wagtail build themselves ---------------------------------------------


def test_the_dependency_guards_are_installed():
    """A Django or Wagtail upgrade that renames a guarded method stops the site from
    starting (learning.forms_ids.guard_dependency_id_lookups); this checks they are on."""
    from django.forms import ModelMultipleChoiceField
    from wagtail.admin.widgets.chooser import BaseChooser

    from learning.forms_ids import GUARD_ATTRIBUTE

    assert getattr(ModelMultipleChoiceField._check_values, GUARD_ATTRIBUTE, False)
    assert getattr(BaseChooser.get_instance, GUARD_ATTRIBUTE, False)


@pytest.mark.parametrize("bad", ["9" * 25, str(2**63), "-1", "abc", "١٢"])
@pytest.mark.django_db
def test_a_multiple_choice_built_by_a_dependency_refuses_an_impossible_id(bad):
    from django.contrib.auth.models import Permission

    field = forms.ModelMultipleChoiceField(queryset=Permission.objects.all())
    with pytest.raises(ValidationError) as refused:
        field.clean([str(Permission.objects.first().pk), bad])
    assert refused.value.code == "invalid_choice"


@pytest.mark.django_db
def test_a_chooser_shown_again_with_a_bad_id_renders_empty():
    from wagtail.admin.widgets import AdminPageChooser

    widget = AdminPageChooser()
    for bad in ("junk", "9" * 25, "-3"):
        assert widget.get_instance(bad) is None
        assert widget.get_value_data(bad) is None
    root = Page.objects.get(depth=1)
    assert widget.get_instance(str(root.pk)).pk == root.pk


def test_a_wagtail_group_form_with_a_huge_permission_id_is_a_form_error(client, sign_in_with_mfa):
    admin = sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    admin.is_superuser = True
    admin.save()
    response = client.post(
        reverse("wagtailusers_groups:add"), {"name": "Fuzzers", "permissions": ["9" * 25]}
    )
    assert response.status_code in (200, 400)
    assert not Group.objects.filter(name="Fuzzers").exists()


@pytest.mark.parametrize("row_id", [None, "junk", "9" * 25])
def test_an_inline_row_with_a_missing_or_impossible_id_is_a_form_not_a_500(
    client, sign_in_with_mfa, row_id
):
    """An organisation's domains are an inline panel (modelcluster): a tampered
    INITIAL_FORMS count or row id is read as a new row, which then validates."""
    from learning.models import Organisation

    sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    data = {
        "name": "Kellmouth Housing",
        "type": "housing",
        "domains-TOTAL_FORMS": "1",
        "domains-INITIAL_FORMS": "1",
        "domains-MIN_NUM_FORMS": "0",
        "domains-MAX_NUM_FORMS": "1000",
        "domains-0-domain": "kellmouth-housing.example",
        "domains-0-ORDER": "1",
    }
    if row_id is not None:
        data["domains-0-id"] = row_id
    response = client.post("/admin/organisations/new/", data)
    assert response.status_code < 500
    organisation = Organisation.objects.filter(name="Kellmouth Housing").first()
    if organisation is not None:
        assert list(organisation.domains.values_list("domain", flat=True)) == [
            "kellmouth-housing.example"
        ]
