"""The site's public address on the canonical link and the printed briefing footer:
WAGTAILADMIN_BASE_URL when set, else the host the request came in on, never the
Wagtail Site record's `localhost`."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from learning.site_setup import ensure_site_pages
from learning.site_urls import absolute_url, page_absolute_url

pytestmark = pytest.mark.django_db


@override_settings(WAGTAILADMIN_BASE_URL="https://learn.example.org/")
def test_the_configured_base_url_wins():
    request = RequestFactory().get("/", HTTP_HOST="testserver")

    assert absolute_url(request, "/briefings/x/") == "https://learn.example.org/briefings/x/"


@override_settings(WAGTAILADMIN_BASE_URL="", ALLOWED_HOSTS=["hub.example.net"])
def test_without_a_base_url_the_request_host_is_used():
    request = RequestFactory().get("/", HTTP_HOST="hub.example.net", secure=True)

    assert absolute_url(request, "briefings/x/") == "https://hub.example.net/briefings/x/"


@override_settings(WAGTAILADMIN_BASE_URL="https://learn.example.org")
def test_a_page_address_uses_its_path_not_the_site_hostname():
    home = ensure_site_pages()
    request = RequestFactory().get("/", HTTP_HOST="testserver")

    url = page_absolute_url(request, home)

    assert url.startswith("https://learn.example.org/")
    assert "localhost" not in url
