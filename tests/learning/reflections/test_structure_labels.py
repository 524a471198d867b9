"""The reflective models are offered by their names as written ("Gibbs reflective
cycle"), not lower-cased."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_structure_choices_read_as_their_names(client):
    client.force_login(make_person())
    response = client.get(reverse("reflections:entry_create"), {"structure": "free"})
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    choices = soup.find("h2", string="Structure your reflection (optional)").find_next("ul")

    assert [item.get_text(strip=True) for item in choices.find_all("li")] == [
        "Free writing (chosen)",
        "Use Gibbs reflective cycle",
        "Use What? So what? Now what?",
    ]
