"""Template filters for rendering Django form fields with GOV.UK Frontend markup.

{% load govuk %}
{{ field|widget_type }}                  -> "emailinput", "radioselect", ...
{{ field|add_class:"govuk-input" }}      -> the widget with the extra class
{{ choice|add_class:"govuk-radios__input" }}  (one option of a radio/checkbox group)
"""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField, BoundWidget
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeString, mark_safe

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
    if _is_plain_select(field):
        return _select_html(field, attrs)
    return field.as_widget(attrs=attrs)


SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _is_plain_select(field: BoundField) -> bool:
    """A select drawn by Django's own templates, which `_select_html` writes the same."""
    widget = field.field.widget
    return (
        isinstance(widget, forms.Select)
        and widget.template_name == SELECT_TEMPLATE
        and widget.option_template_name == OPTION_TEMPLATE
        and type(widget).render is forms.Widget.render
        and type(field.form.renderer) is DjangoTemplates
    )


def _select_html(field: BoundField, attrs: dict) -> SafeString:
    """The select as BoundField.as_widget draws it, written here rather than through
    the option template once per option: a report's filter bar has about a thousand
    options (600 teams), and the templates took 10 ms a select. Options, groups and
    selected state come from the widget's own context."""
    widget = field.field.widget
    attrs = field.build_widget_attrs(attrs, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    parts = [f'<select name="{_text(context["name"])}"{_attrs(context["attrs"])}>']
    for group_name, options, _index in context["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            parts.append(
                f'\n  <option value="{escape(option["value"])}"{_attrs(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def _text(value: object) -> str:
    """A value as `{{ value }}` prints it."""
    return conditional_escape(localize(value))


def _attrs(attrs: dict) -> str:
    """Django's widgets/attrs.html: ` name="value"`, a bare name for True, nothing for
    False."""
    return "".join(
        f" {conditional_escape(name)}" + ("" if value is True else f'="{escape(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


@register.filter
def aria_describedby(field: BoundField) -> str:
    """The hint/error ids, for putting on a <fieldset> around radios or checkboxes."""
    return described_by(field)


@register.filter
def startswith(value: object, prefix: object) -> bool:
    """True when str(value) starts with str(prefix) (and prefix is not empty)."""
    return bool(prefix) and str(value).startswith(str(prefix))
