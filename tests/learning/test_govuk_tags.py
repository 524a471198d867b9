"""add_class writes a plain select in Python, not through Django's option template once
per option: the HTML must be exactly what Django's templates give."""

from __future__ import annotations

from unittest import mock

import pytest
from django import forms

from learning.templatetags import govuk


class Choices(forms.Form):
    colour = forms.ChoiceField(
        choices=[("", "Any"), ("red", "Red & <b>bold</b>"), ('say "hi"', "Quotes"), (3, 3)],
        required=False,
        help_text="Pick one",
    )
    team = forms.ChoiceField(
        choices=[("Acme", [("1", "Acme: Ward 1"), ("2", "Acme: Ward 2")]), ("3", "Loose")],
    )
    many = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B"), ("c", "C")])
    known = forms.NullBooleanField(widget=forms.NullBooleanSelect)
    fixed = forms.ChoiceField(choices=[("x", "X")], disabled=True, required=False)


class OwnTemplateSelect(forms.Select):
    option_template_name = "django/forms/widgets/input_option.html"


class OwnTemplate(forms.Form):
    colour = forms.ChoiceField(choices=[("red", "Red")], widget=OwnTemplateSelect)


def through_templates(field, css_class: str) -> str:
    with mock.patch.object(govuk, "_is_plain_select", return_value=False):
        return govuk.add_class(field, css_class)


FORMS = [
    Choices(),
    Choices({"colour": "red", "team": "2", "many": ["a", "c"], "known": "true"}),
    Choices({"colour": 'say "hi"', "team": "nothing", "many": ["z"]}),  # with errors
    Choices({"colour": "3", "team": "1", "many": ["b"], "known": "false"}),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", ["colour", "team", "many", "known", "fixed"])
def test_a_select_is_the_html_djangos_templates_give(form, name):
    form.is_valid()
    field = form[name]
    assert govuk._is_plain_select(field)
    expected = through_templates(field, "govuk-select")
    assert "<option" in expected
    with mock.patch.object(forms.Widget, "_render", side_effect=AssertionError):
        assert govuk.add_class(field, "govuk-select") == expected


def test_the_selected_options_escaping_and_description_are_kept():
    form = Choices({"colour": "red", "team": "x", "many": ["a", "c"]})
    form.is_valid()
    colour = govuk.add_class(form["colour"], "govuk-select")
    assert '<option value="red" selected>Red &amp; &lt;b&gt;bold&lt;/b&gt;</option>' in colour
    assert '<option value="say &quot;hi&quot;">Quotes</option>' in colour
    assert 'class="govuk-select"' in colour and 'aria-describedby="id_colour_helptext"' in colour
    team = govuk.add_class(form["team"], "govuk-select govuk-select--error")
    assert '<optgroup label="Acme">' in team and 'aria-invalid="true"' in team
    many = govuk.add_class(form["many"], "govuk-select")
    assert many.count(" selected>") == 2 and " multiple" in many


def test_a_select_with_its_own_templates_is_drawn_by_them():
    field = OwnTemplate()["colour"]
    assert not govuk._is_plain_select(field)
    assert 'type="select"' in govuk.add_class(field, "govuk-select")
