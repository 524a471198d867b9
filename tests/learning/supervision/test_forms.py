"""The team-session form explains bad input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from learning.supervision.forms import TeamSessionForm
from tests.learning.reflections.factories import make_supervisee, make_supervisor

pytestmark = pytest.mark.django_db


def _data(learning_page, people, **overrides) -> dict:
    return {
        "page": learning_page.pk,
        "delivered_on": timezone.localdate().isoformat(),
        "minutes": "45",
        "attendees": [person.pk for person in people],
        "group_reflection": "",
        **overrides,
    }


def test_valid(supervisor, team, learning_page):
    form = TeamSessionForm(_data(learning_page, team), supervisor=supervisor)
    assert form.is_valid(), form.errors
    assert set(form.cleaned_data["attendees"]) == set(team)


def test_future_date(supervisor, team, learning_page):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    form = TeamSessionForm(_data(learning_page, team, delivered_on=tomorrow), supervisor=supervisor)
    assert form.errors["delivered_on"] == ["The date must be today or in the past"]


def test_attendee_not_in_team(supervisor, team, learning_page):
    outsider = make_supervisee(make_supervisor())
    form = TeamSessionForm(_data(learning_page, [*team, outsider]), supervisor=supervisor)
    assert form.errors["attendees"] == ["Choose people from your own team only"]


def test_nonsense_attendee_id(supervisor, team, learning_page):
    form = TeamSessionForm(_data(learning_page, [], attendees=["abc"]), supervisor=supervisor)
    assert form.errors["attendees"] == ["Choose people from your own team only"]


def test_no_attendees(supervisor, team, learning_page):
    form = TeamSessionForm(_data(learning_page, []), supervisor=supervisor)
    assert form.errors["attendees"] == ["Select who attended"]


def test_page_must_be_a_live_learning_page(supervisor, team, learning_page):
    from learning.site_setup import ensure_site_pages

    home = ensure_site_pages()
    for page_id in (home.pk, 99999, "x"):
        form = TeamSessionForm(_data(learning_page, team, page=page_id), supervisor=supervisor)
        assert form.errors["page"] == ["Choose a learning item from the list"]


def test_page_choices_name_the_kind_of_item(supervisor, team, learning_page):
    form = TeamSessionForm(supervisor=supervisor)
    labels = [label for value, label in form.fields["page"].choices if value]
    assert "Coercive control in later life (case study, 10 minutes)" in labels


def test_over_long_group_reflection(supervisor, team, learning_page):
    form = TeamSessionForm(
        _data(learning_page, team, group_reflection="x" * 5001), supervisor=supervisor
    )
    assert "5,000 characters" in form.errors["group_reflection"][0]
