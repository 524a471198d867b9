"""Every site form speaks the hub's words, not Django's (learning.forms_wording)."""

from __future__ import annotations

import contextlib
import importlib
import pkgutil

import pytest
from django import forms
from django.core.exceptions import ValidationError

import learning
from learning.forms_wording import hub_message, is_site_form, use_hub_wording_in_site_forms

DJANGO_WORDS = ("Ensure this value", "This field is required", "Select a valid choice")


def _site_form_classes() -> list[type[forms.BaseForm]]:
    for package in (learning,):
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
            if "form" in info.name and "migrations" not in info.name:
                importlib.import_module(info.name)
    for module in ("briefings.forms", "quizzes.forms"):
        with contextlib.suppress(ImportError):
            importlib.import_module(module)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith(("learning.", "briefings.", "quizzes.")):
                found.add(sub)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def _limited_text_fields(form_class) -> list[tuple[str, forms.CharField]]:
    fields = getattr(form_class, "base_fields", {})
    return [
        (name, field)
        for name, field in fields.items()
        if isinstance(field, forms.CharField) and getattr(field, "max_length", None)
    ]


CASES = [
    pytest.param(cls, name, field, id=f"{cls.__name__}.{name}")
    for cls in _site_form_classes()
    for name, field in _limited_text_fields(cls)
]


def test_forms_with_limits_were_found():
    names = {case.values[0].__name__ for case in CASES}
    assert {"ExternalCPDForm", "CertificateLookupForm"} <= names


@pytest.mark.parametrize(("form_class", "name", "field"), CASES)
def test_an_over_long_value_is_refused_in_the_hub_s_words(form_class, name, field):
    value = "x" * (field.max_length + 1)
    if isinstance(field, forms.EmailField):
        value = "x@" + "x" * field.max_length + ".example.com"
    with pytest.raises(ValidationError) as caught:
        field.clean(value)
    messages = []
    for error in caught.value.error_list:
        reworded = hub_message(field, name, error)
        message = reworded if reworded is not None else error.message % (error.params or {})
        assert not message.startswith(DJANGO_WORDS), message
        messages.append(message)
    assert any(f"{field.max_length:,}" in message for message in messages), messages


@pytest.mark.django_db
def test_external_cpd_title_too_long_names_the_limit():
    from learning.records.forms import ExternalCPDForm

    use_hub_wording_in_site_forms()
    form = ExternalCPDForm(
        {
            "title": "x" * 250,
            "date": "2026-01-02",
            "minutes": "30",
            "type": "course",
            "what_learned": "y",
        }
    )
    assert not form.is_valid()
    assert form.errors["title"] == ["The name of the activity must be 200 characters or fewer"]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        (forms.CharField(label="Title", max_length=5), "Title must be 5 characters or fewer"),
        (forms.CharField(label="Code", min_length=3), "Code must be 3 characters or more"),
        (forms.IntegerField(label="Minutes", max_value=10), "Minutes must be 10 or less"),
        (forms.IntegerField(label="Minutes"), "Minutes must be a whole number"),
        (forms.CharField(label="Name"), "Enter name"),
        (forms.ChoiceField(label="Role", choices=[("a", "A")]), "Select one of the options"),
        (forms.EmailField(label="Email"), "Enter an email address in the correct format"),
    ],
)
def test_django_defaults_become_hub_wording(field, message):
    value = {
        "Title": "toolong",
        "Code": "ab",
        "Minutes": "x" if getattr(field, "max_value", None) is None else "11",
        "Name": "",
        "Role": "b",
        "Email": "nope",
    }[str(field.label)]
    with pytest.raises(ValidationError) as caught:
        field.clean(value)
    assert hub_message(field, "f", caught.value.error_list[0]).startswith(message)


def test_a_form_s_own_message_is_kept():
    field = forms.CharField(label="Number", max_length=2, error_messages={"max_length": "Short!"})
    with pytest.raises(ValidationError) as caught:
        field.clean("abc")
    assert hub_message(field, "number", caught.value.error_list[0]) is None


def test_wagtail_admin_forms_keep_wagtail_s_words():
    from wagtail.admin.forms import WagtailAdminModelForm

    from learning.models import ExternalCPD

    class AdminForm(WagtailAdminModelForm):
        class Meta:
            model = ExternalCPD
            fields = ["title"]

    AdminForm.__module__ = "learning.admin_viewsets"
    assert not is_site_form(AdminForm())
