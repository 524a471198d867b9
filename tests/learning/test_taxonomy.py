"""The principles and abuse types are seeded by migration, exactly once."""

import importlib

import pytest
from django.apps import apps

from learning.models import AbuseType, Principle

pytestmark = pytest.mark.django_db

seed_migration = importlib.import_module("learning.migrations.0003_seed_taxonomy")


def test_migration_seeds_six_principles_in_order():
    assert list(Principle.objects.values_list("slug", flat=True)) == [
        "empowerment",
        "prevention",
        "proportionality",
        "protection",
        "partnership",
        "accountability",
    ]
    assert all(p.i_statement.startswith("I ") for p in Principle.objects.all())


def test_migration_seeds_the_ten_statutory_abuse_types():
    assert AbuseType.objects.count() == 10
    assert set(AbuseType.objects.values_list("name", flat=True)) >= {
        "Self-neglect",
        "Modern slavery",
        "Neglect and acts of omission",
        "Financial or material abuse",
    }


def test_rerunning_the_seed_changes_nothing_and_keeps_edits():
    empowerment = Principle.objects.get(slug="empowerment")
    empowerment.meaning = "Edited by the board."
    empowerment.save()
    before = list(Principle.objects.values()) + list(AbuseType.objects.values())

    seed_migration.seed(apps, None)

    assert list(Principle.objects.values()) + list(AbuseType.objects.values()) == before
    assert Principle.objects.get(slug="empowerment").meaning == "Edited by the board."


def test_principle_page_shows_meaning_and_i_statement(client):
    principle = Principle.objects.get(slug="proportionality")
    response = client.get(f"/principles/{principle.slug}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert principle.name in body
    assert principle.i_statement in body


def test_unknown_principle_is_a_404(client):
    assert client.get("/principles/not-a-principle/").status_code == 404
