"""The board edits the search synonyms in the admin (a snippet); editors cannot."""

from __future__ import annotations

import pytest
from django.urls import reverse

from learning.models import SearchSynonym
from learning.roles import Role

pytestmark = pytest.mark.django_db


def test_sab_manager_lists_adds_edits_and_deletes_synonyms(client, sign_in_with_mfa):
    sign_in_with_mfa(Role.SAB_MANAGER)
    listing = client.get(reverse("wagtailsnippets_learning_searchsynonym:list"))
    assert listing.status_code == 200
    assert "Safeguarding Adults Review" in listing.content.decode()

    added = client.post(
        reverse("wagtailsnippets_learning_searchsynonym:add"),
        {"term": "  CMHT ", "also_search_for": "Community Mental Health Team\n\n"},
    )
    assert added.status_code == 302
    synonym = SearchSynonym.objects.get(term="CMHT")
    assert synonym.phrases == ["Community Mental Health Team"]

    edited = client.post(
        reverse("wagtailsnippets_learning_searchsynonym:edit", args=[synonym.pk]),
        {"term": "CMHT", "also_search_for": "community mental health team\nmental health team"},
    )
    assert edited.status_code == 302
    synonym.refresh_from_db()
    assert synonym.phrases == ["community mental health team", "mental health team"]

    deleted = client.post(
        reverse("wagtailsnippets_learning_searchsynonym:delete", args=[synonym.pk])
    )
    assert deleted.status_code == 302
    assert not SearchSynonym.objects.filter(term="CMHT").exists()


def test_a_term_already_on_the_list_is_refused_with_a_message(client, sign_in_with_mfa):
    sign_in_with_mfa(Role.SAB_MANAGER)
    response = client.post(
        reverse("wagtailsnippets_learning_searchsynonym:add"),
        {"term": "SAR", "also_search_for": "Something"},
    )
    assert response.status_code == 200
    assert SearchSynonym.objects.filter(term="SAR").count() == 1


def test_sab_editor_cannot_change_synonyms(client, sign_in_with_mfa):
    sign_in_with_mfa(Role.SAB_EDITOR)
    response = client.get(reverse("wagtailsnippets_learning_searchsynonym:add"))
    assert response.status_code in {302, 403}
    assert not response.headers.get("Location", "").endswith("/searchsynonym/add/")
