"""Fixtures shared by the platform's tests: published learning pages and required learning."""

from __future__ import annotations

import pytest

from learning.models import Requirement
from tests.learning.reflections.factories import make_learning_page


@pytest.fixture
def page(db):
    return make_learning_page(title="Making safeguarding personal")


@pytest.fixture
def second_page(db):
    return make_learning_page(title="Self-neglect and hoarding")


@pytest.fixture
def make_requirement(db):
    """A factory: an active requirement of the given pages for everyone, starting long
    ago unless `starts_on` says otherwise."""
    from datetime import date

    def build(*pages, **fields) -> Requirement:
        fields.setdefault("title", "Core safeguarding adults learning")
        fields.setdefault("everyone", True)
        fields.setdefault("starts_on", date(2020, 1, 1))
        organisations = fields.pop("organisations", ())
        teams = fields.pop("teams", ())
        roles = fields.pop("roles", ())
        requirement = Requirement.objects.create(**fields)
        requirement.pages.set(pages)
        requirement.organisations.set(organisations)
        requirement.teams.set(teams)
        requirement.roles.set(roles)
        return requirement

    return build
