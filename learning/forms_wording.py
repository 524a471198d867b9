"""Error messages in the service's own words for every form of the public site.

Django's defaults ("Ensure this value has at most 200 characters (it has 250).",
"This field is required.") reach people wherever a form does not spell out its own
message. Rather than repeat messages in each form, the site's forms are reworded after
cleaning: a message that is still Django's default for its code is replaced by the
GOV.UK-style one naming the field ("Title must be 200 characters or fewer"). Messages a
form wrote itself are left alone, and Wagtail's admin forms keep Wagtail's wording.

`use_hub_wording_in_site_forms()` installs it (LearningConfig.ready).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.forms.forms import BaseForm

from learning.dependency_patches import wrap_method

# Forms whose class lives in these packages are the site's (allauth's sign-in and
# account pages included); anything else (Wagtail's admin, Django's) is left alone.
SITE_FORM_PACKAGES = ("learning.", "briefings.", "quizzes.", "allauth.")


def _default(message: Any) -> str:
    return str(message)


def _django_defaults() -> dict[str, set[str]]:
    """Django's own message templates, by error code."""
    defaults: dict[str, set[str]] = {
        "max_length": {_default(validators.MaxLengthValidator.message)},
        "min_length": {_default(validators.MinLengthValidator.message)},
        "max_value": {_default(validators.MaxValueValidator.message)},
        "min_value": {_default(validators.MinValueValidator.message)},
        "step_size": {_default(validators.StepValueValidator.message)},
        "required": {_default(forms.Field.default_error_messages["required"])},
        "invalid_choice": {
            _default(forms.ChoiceField.default_error_messages["invalid_choice"]),
            _default(forms.ModelChoiceField.default_error_messages["invalid_choice"]),
            _default(forms.ModelMultipleChoiceField.default_error_messages["invalid_choice"]),
        },
        "invalid": set(),
        "incomplete": set(),
    }
    for field_class in (
        forms.DateField,
        forms.DateTimeField,
        forms.TimeField,
        forms.IntegerField,
        forms.DecimalField,
        forms.FloatField,
        forms.URLField,
        forms.UUIDField,
    ):
        message = field_class.default_error_messages.get("invalid")
        if message:
            defaults["invalid"].add(_default(message))
    defaults["invalid"].add(_default(validators.EmailValidator.message))
    defaults["invalid"].add(_default(validators.URLValidator.message))
    return defaults


def subject(field: forms.Field, name: str) -> str:
    """What the message calls the field: its label ("Title"), or "The answer" when the
    label is a question ("What was the activity?") that cannot start a sentence."""
    label = str(field.label or name.replace("_", " ").capitalize()).strip()
    if label.endswith("?") or not label:
        return "The date" if isinstance(field, forms.DateField) else "The answer"
    return label[0].upper() + label[1:]


def _invalid(field: forms.Field, who: str) -> str:
    if isinstance(field, (forms.DateField, forms.DateTimeField)):
        return f"{who} must be a real date"
    if isinstance(field, forms.IntegerField):
        return f"{who} must be a whole number"
    if isinstance(field, (forms.DecimalField, forms.FloatField)):
        return f"{who} must be a number"
    if isinstance(field, forms.EmailField):
        return "Enter an email address in the correct format, like name@example.com"
    if isinstance(field, forms.URLField):
        return "Enter a web address in the correct format, like https://www.example.com"
    return f"{who} is not in the right format"


def _required(field: forms.Field, who: str) -> str:
    if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.BooleanField)):
        if field.label and str(field.label).endswith("?"):
            return f"Select an answer to “{field.label}”"
        return f"Select {who[0].lower() + who[1:]}"
    if field.label and str(field.label).endswith("?"):
        return f"Answer the question “{field.label}”"
    return f"Enter {who[0].lower() + who[1:]}"


def hub_message(field: forms.Field, name: str, error: ValidationError) -> str | None:
    """The hub's wording for one error, or None to keep the message as it is."""
    code = error.code or ""
    params = error.params or {}
    who = subject(field, name)
    if code == "incomplete":
        # learning.forms_dates says "The date must include a month": name the field.
        return error.message.replace("The date", who, 1) if who != "The date" else None
    if _default(error.message) not in _DEFAULTS.get(code, set()):
        return None
    rewording: dict[str, Callable[[], str]] = {
        "max_length": lambda: f"{who} must be {params.get('limit_value'):,} characters or fewer",
        "min_length": lambda: f"{who} must be {params.get('limit_value'):,} characters or more",
        "max_value": lambda: f"{who} must be {params.get('limit_value')} or less",
        "min_value": lambda: f"{who} must be {params.get('limit_value')} or more",
        "step_size": lambda: f"{who} must be a multiple of {params.get('limit_value')}",
        "required": lambda: _required(field, who),
        "invalid_choice": lambda: "Select one of the options",
        "invalid": lambda: _invalid(field, who),
    }
    make = rewording.get(code)
    if make is None or (code not in ("required", "invalid", "invalid_choice") and not params):
        return None
    return make()


_DEFAULTS = _django_defaults()


def is_site_form(form: BaseForm) -> bool:
    """True for the public site's forms. Wagtail's admin forms keep their own words,
    including the hub's subclasses of them (their class lives in a hub package)."""
    if any(klass.__module__.startswith("wagtail.") for klass in type(form).__mro__):
        return False
    return type(form).__module__.startswith(SITE_FORM_PACKAGES)


def reword_errors(form: BaseForm) -> None:
    """Replace Django's default messages on a cleaned form with the hub's."""
    for name, errors in (form._errors or {}).items():
        field = form.fields.get(name)
        if field is None:
            continue
        for index, error in enumerate(errors.data):
            if not isinstance(error, ValidationError) or not hasattr(error, "message"):
                continue
            message = hub_message(field, name, error)
            if message is not None:
                errors.data[index] = ValidationError(message, code=error.code)


def _wrap_full_clean(full_clean: Callable[..., None]) -> Callable[..., None]:
    def full_clean_in_hub_words(self: BaseForm) -> None:
        full_clean(self)
        if self._errors and is_site_form(self):
            reword_errors(self)

    full_clean_in_hub_words.hub_wording = True  # type: ignore[attr-defined]
    return full_clean_in_hub_words


def use_hub_wording_in_site_forms() -> None:
    """Reword every site form's errors after cleaning (idempotent)."""
    wrap_method(
        BaseForm,
        "full_clean",
        _wrap_full_clean,
        marker="hub_wording",
        remedy="learning.forms_wording rewords site forms' errors after full_clean()",
    )
