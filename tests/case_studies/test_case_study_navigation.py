"""The "Case studies" item in the service navigation."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from wagtail import hooks

from case_studies.wagtail_hooks import case_studies_navigation_item

pytestmark = pytest.mark.django_db


def test_navigation_links_to_the_index(client, case_study_index):
    html = client.get("/").content.decode()
    link = f'<a class="govuk-service-navigation__link" href="{case_study_index.url}">'
    assert f"{link}Case studies</a>" in html


def test_navigation_item_is_current_on_the_index_and_active_on_a_case_study(
    client, case_study_index, make_case_study
):
    on_index = client.get(case_study_index.url).content.decode()
    assert f'href="{case_study_index.url}" aria-current="page"' in on_index
    on_case_study = client.get(make_case_study().url).content.decode()
    assert f'href="{case_study_index.url}" aria-current="true"' in on_case_study


def test_no_item_until_there_is_a_published_index(home):
    request = RequestFactory().get("/")
    assert case_studies_navigation_item(request) == []


def test_the_item_is_registered_with_the_hook():
    assert case_studies_navigation_item in hooks.get_hooks("hub_navigation_items")
