"""The "Briefings" and "Reviews" items in the service navigation."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail import hooks

from briefings.wagtail_hooks import briefings_navigation_items

pytestmark = pytest.mark.django_db


def _items(path: str = "/") -> list[dict]:
    return briefings_navigation_items(RequestFactory().get(path))


def test_items_link_to_both_indexes_in_order(briefing_index, review_index):
    assert _items() == [
        {"label": "Briefings", "url": briefing_index.url},
        {"label": "Reviews", "url": review_index.url},
    ]


def test_one_query_finds_both_indexes(briefing_index, review_index):
    request = RequestFactory().get("/")
    # The first call fills the content type cache and finds the request's site, as
    # serving any page already has by the time the navigation is built.
    briefings_navigation_items(request)
    with CaptureQueriesContext(connection) as queries:
        briefings_navigation_items(request)
    assert len(queries) == 1


def test_no_item_for_a_missing_or_unpublished_index(home, briefing_index, review_index):
    review_index.unpublish()
    assert _items() == [{"label": "Briefings", "url": briefing_index.url}]
    briefing_index.unpublish()
    assert _items() == []


def test_navigation_shows_on_every_page(client, briefing_index, review_index):
    html = client.get("/").content.decode()
    assert (
        f'<a class="govuk-service-navigation__link" href="{briefing_index.url}">Briefings</a>'
        in html
    )
    assert (
        f'<a class="govuk-service-navigation__link" href="{review_index.url}">Reviews</a>' in html
    )


def test_the_item_is_current_on_its_index_and_active_below_it(
    client, briefing_index, review_index, make_briefing
):
    on_index = client.get(briefing_index.url).content.decode()
    assert f'href="{briefing_index.url}" aria-current="page"' in on_index
    on_briefing = client.get(make_briefing().url).content.decode()
    assert f'href="{briefing_index.url}" aria-current="true"' in on_briefing
    assert f'href="{review_index.url}" aria-current' not in on_briefing


def test_the_items_are_registered_with_the_hook():
    assert briefings_navigation_items in hooks.get_hooks("hub_navigation_items")
