"""Template filters for rendering Django form fields with GOV.UK Frontend markup.

{% load govuk %}
{{ field|widget_type }}                  -> "emailinput", "radioselect", ...
{{ field|add_class:"govuk-input" }}      -> the widget with the extra class
{{ choice|add_class:"govuk-radios__input" }}  (one option of a radio/checkbox group)
"""

from __future__ import annotations

from django import template
from django.forms.boundfield import BoundField, BoundWidget
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def widget_type(field: BoundField) -> str:
    """Lower-cased class name of the field's widget.

    A project subclass reports the Django widget it builds on (a subclass of
    EmailInput is "emailinput"), so templates only need to know Django's names.
    """
    for cls in type(field.field.widget).__mro__:
        if cls.__module__.startswith("django.forms"):
            return cls.__name__.lower()
    return type(field.field.widget).__name__.lower()


def described_by(field: BoundField) -> str:
    """Ids of the hint and error message that form_field.html renders for a field.

    They follow Django's own convention (`<id>_helptext`, `<id>_error`).
    """
    if not field.auto_id:
        return ""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def add_class(field: BoundField | BoundWidget, css_class: str) -> SafeString:
    """Render a bound field (or one option of a choice field) with an extra
    CSS class, pointing `aria-describedby` at its hint and error message."""
    if isinstance(field, BoundWidget):
        data = {**field.data, "wrap_label": False, "attrs": dict(field.data["attrs"])}
        data["attrs"]["class"] = " ".join(f"{data['attrs'].get('class', '')} {css_class}".split())
        return field.parent_widget._render(field.template_name, {"widget": data}, field.renderer)
    existing = field.field.widget.attrs.get("class", "")
    attrs = {"class": " ".join(f"{existing} {css_class}".split())}
    ids = field.field.widget.attrs.get("aria-describedby") or described_by(field)
    if ids:
        attrs["aria-describedby"] = ids
    return field.as_widget(attrs=attrs)


@register.filter
def aria_describedby(field: BoundField) -> str:
    """The hint/error ids, for putting on a <fieldset> around radios or checkboxes."""
    return described_by(field)


@register.filter
def startswith(value: object, prefix: object) -> bool:
    """True when str(value) starts with str(prefix) (and prefix is not empty)."""
    return bool(prefix) and str(value).startswith(str(prefix))
