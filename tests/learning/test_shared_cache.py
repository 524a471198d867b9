"""The content version and the values shared by every reader (learning.shared_cache):
what moves the version, and that a shared value is rebuilt after it moves."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from wagtail.models import Page

from learning.models import ContentVersion, Principle
from learning.shared_cache.values import shared_page_url, shared_value
from learning.shared_cache.version import bump_content_version, content_version

pytestmark = pytest.mark.django_db


def test_the_version_starts_at_nothing_published_and_only_goes_up():
    ContentVersion.objects.all().delete()
    assert content_version() == 0
    bump_content_version()
    bump_content_version()
    assert content_version() == 2
    assert ContentVersion.objects.count() == 1


def test_publishing_unpublishing_and_deleting_pages_and_renaming_tags_move_the_version():
    home = Page.objects.get(depth=2).specific
    steps = {
        "a page saved": lambda: home.save_revision().publish(),
        "a principle renamed": lambda: Principle.objects.first().save(),
    }
    for what, step in steps.items():
        before = content_version()
        step()
        assert content_version() > before, what
    child = home.get_children().first().specific
    before = content_version()
    child.unpublish()
    assert content_version() > before, "a page unpublished"
    before = content_version()
    child.delete()
    assert content_version() > before, "a page deleted"


def test_a_shared_value_is_built_once_per_version():
    built = []

    def build():
        built.append(1)
        return ["the same for everyone"]

    assert shared_value("test:list", build) == ["the same for everyone"]
    assert shared_value("test:list", build) == ["the same for everyone"]
    assert len(built) == 1
    bump_content_version()
    shared_value("test:list", build)
    assert len(built) == 2


def test_none_is_cached_too():
    built = []

    def build():
        built.append(1)

    shared_value("test:none", build)
    shared_value("test:none", build)
    assert built == [1]


def test_a_value_read_from_the_cache_is_a_copy_the_caller_may_change():
    shared_value("test:items", lambda: [{"label": "Search"}])
    first = shared_value("test:items", lambda: [])
    first[0]["active"] = True
    assert shared_value("test:items", lambda: []) == [{"label": "Search"}]


def test_an_index_url_is_looked_up_once_per_version_and_host(rf):
    home = Page.objects.get(depth=2)
    calls = []

    def find():
        calls.append(1)
        return home

    request = rf.get("/")
    assert shared_page_url("test:home", find, request) == "/"
    assert shared_page_url("test:home", find, request) == "/"
    assert calls == [1]
    cache.clear()


def test_the_home_page_lists_a_briefing_as_soon_as_it_is_published(client):
    from briefings.demo import ensure_briefing_index
    from briefings.models import BriefingPage
    from tests.briefings.conftest import sections

    home = Page.objects.get(depth=2).specific
    index = ensure_briefing_index(home)
    assert "Latest seven-minute briefings" not in client.get("/").text  # cached empty
    page = BriefingPage(title="Newly published briefing", slug="new", summary="New.")
    page.sections = sections()
    index.add_child(instance=page)
    page.save_revision().publish()
    assert "Newly published briefing" in client.get("/").text


def test_an_unpublished_index_leaves_the_navigation_at_once(client):
    from briefings.demo import ensure_briefing_index

    index = ensure_briefing_index(Page.objects.get(depth=2).specific)
    assert f'href="{index.url}"' in client.get("/").text
    index.unpublish()
    assert f'href="{index.url}"' not in client.get("/").text
