"""The filter bar reads each list of choices as (key, label) rows, not as model
instances: the labels must be the models' own names (a team with its organisation's),
the keys what the form accepts, and a lead's teams only their organisation's."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from learning.models import AbuseType, Organisation, Principle, Team
from learning.permissions import ReportScope
from learning.reports.filters import FilterChoiceField, ReportFilterForm
from learning.roles import Role
from tests.learning.reflections.factories import make_learning_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def choices():
    council = Organisation.objects.create(name="Northmoor Council", type="local_authority")
    trust = Organisation.objects.create(name="Northmoor NHS & Care", type="nhs_trust")
    Team.objects.create(organisation=council, name="Adults East")
    Team.objects.create(organisation=trust, name="Adults East")
    Team.objects.create(organisation=trust, name="Ward <7>")
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    Principle.objects.get_or_create(slug="empowerment", defaults={"name": "Empowerment"})
    AbuseType.objects.get_or_create(slug="neglect", defaults={"name": "Neglect"})
    make_learning_page(title="Making safeguarding personal")
    return {"council": council, "trust": trust}


def _as_instances(field) -> list[tuple[str, str]]:
    """The choices as Django's ModelChoiceField would give them, from instances."""
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    return empty + [
        (str(field.prepare_value(obj)), field.label_from_instance(obj)) for obj in field.queryset
    ]


@pytest.mark.parametrize("lead", [False, True])
def test_every_list_of_choices_is_the_models_own(choices, lead):
    scope = ReportScope(organisation_id=choices["trust"].pk if lead else None, names=lead)
    form = ReportFilterForm(scope=scope)
    labelled = [name for name, field in form.fields.items() if isinstance(field, FilterChoiceField)]
    assert {"team", "role", "principle", "abuse_type", "item"} <= set(labelled)
    assert ("organisation" in labelled) is not lead
    for name in labelled:
        field = form.fields[name]
        shown = [(str(key), label) for key, label in field.choices]
        assert shown == _as_instances(field), name
        assert len(shown) > 1, name
    teams = [label for _key, label in form.fields["team"].choices][1:]
    if lead:
        assert teams == ["Adults East (Northmoor NHS & Care)", "Ward <7> (Northmoor NHS & Care)"]
    else:
        assert "Adults East (Northmoor Council)" in teams and len(teams) == 3


def test_a_chosen_team_is_selected_and_read(choices):
    team = Team.objects.get(name="Ward <7>")
    form = ReportFilterForm(
        {"team": str(team.pk)}, scope=ReportScope(organisation_id=None, names=False)
    )
    assert form.filters().team == team
    html = str(form["team"])
    assert (
        f'<option value="{team.pk}" selected>Ward &lt;7&gt; (Northmoor NHS &amp; Care)</option>'
        in html
    )
