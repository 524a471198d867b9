"""Which page a path leads to is remembered under the content version
(learning.shared_cache.routing): the tree is walked once, and a page published,
unpublished, moved or restricted is followed at once."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from tests.factories import make_person

pytestmark = pytest.mark.django_db


def _tree_walks(client, path: str) -> tuple[int, int]:
    """(status, queries that read pages) of one GET."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, sum('FROM "wagtailcore_page"' in q["sql"] for q in queries)


def test_the_tree_is_walked_once_then_the_page_needs_no_query(client, page):
    client.force_login(make_person())
    path = page.url
    first_status, first_reads = _tree_walks(client, path)
    second_status, second_reads = _tree_walks(client, path)
    third_status, third_reads = _tree_walks(client, path)
    assert first_status == second_status == third_status == 200
    # Walking from the root reads a page per level; remembered, the page comes with
    # its route (whatever the page shows around itself is cached after the first view).
    assert first_reads > 0
    assert second_reads == third_reads == 0
    assert page.title in client.get(path).text


def test_a_page_edited_and_published_is_served_as_published(client, page):
    client.force_login(make_person())
    path = page.url
    assert client.get(path).status_code == 200
    page.title = "Making safeguarding personal, revised"
    page.save_revision().publish()
    assert "Making safeguarding personal, revised" in client.get(path).text


def test_a_remembered_page_is_a_fresh_copy_for_each_request(rf, page):
    """What one request does to its page object (Wagtail and templates set attributes on
    it) never reaches the next request's."""
    from django.contrib.auth.models import AnonymousUser

    from learning.shared_cache.routing import route_from_cache, site_from_cache

    def routed_page():
        request = rf.get(page.url)
        request.user = AnonymousUser()
        site_from_cache(request)
        route_from_cache(request, page.url)
        return request._wagtail_route_for_request.page

    routed_page()  # remembered
    first = routed_page()
    first.title = "Changed by one request"
    first.hub_marker = True
    second = routed_page()
    assert second is not first
    assert second.title == "Making safeguarding personal"
    assert not hasattr(second, "hub_marker")


def test_an_unpublished_page_is_gone_at_once(client, page):
    client.force_login(make_person())
    path = page.url
    assert client.get(path).status_code == 200
    page.unpublish()
    assert client.get(path).status_code == 404


def test_a_moved_page_is_served_at_its_new_path_not_its_old(client, page):
    client.force_login(make_person())
    old_path = page.url
    assert client.get(old_path).status_code == 200
    home = Page.objects.get(depth=2)
    page.move(home, pos="last-child")
    page.refresh_from_db()
    # Not served at the old path (Wagtail's redirects send a visitor on).
    old = client.get(old_path)
    assert old.status_code in (301, 404)
    assert old.status_code == 404 or old["Location"] == page.url
    assert client.get(page.url).status_code == 200


def test_a_page_restricted_after_it_was_remembered_still_asks_who_you_are(client, page):
    path = page.url
    assert client.get(path).status_code in (200, 302)  # remembered by any first visit
    client.force_login(make_person())
    assert client.get(path).status_code == 200
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    client.logout()
    response = client.get(path)
    assert response.status_code == 302
    assert "login" in response["Location"] or "sign" in response["Location"]


def _restriction_reads(client, path: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    reads = sum('FROM "wagtailcore_pageviewrestriction"' in q["sql"] for q in queries)
    return response.status_code, reads


def test_a_page_no_restriction_covers_is_served_without_looking_for_one(client, page):
    client.force_login(make_person())
    path = page.url
    client.get(path)
    assert _restriction_reads(client, path) == (200, 0)


def test_a_restriction_on_a_section_added_later_holds_at_once(client, page):
    path = page.url
    assert client.get(path).status_code in (200, 302)
    assert client.get(path).status_code in (200, 302)  # now served from what was kept
    # Everyone in one group only, on the section above the page.
    group = Group.objects.create(name="Board members")
    restriction = PageViewRestriction.objects.create(
        page=page.get_parent(), restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    client.force_login(make_person())
    assert client.get(path).status_code in (302, 403, 404)
    member = make_person()
    member.groups.add(group)
    client.force_login(member)
    assert client.get(path).status_code == 200


def test_a_restricted_page_remembered_is_still_checked_every_time(client, page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    path = page.url
    for _ in range(2):
        response = client.get(path)
        assert response.status_code == 302
    client.force_login(make_person())
    status, reads = _restriction_reads(client, path)
    assert status == 200 and reads > 0


def test_an_unknown_path_is_still_not_found(client):
    assert client.get("/no-such-page/at-all/").status_code == 404
    assert client.get("/no-such-page/at-all/").status_code == 404


def test_the_site_is_looked_up_once_and_a_changed_site_is_followed_at_once(client, page):
    from wagtail.models import Site

    client.force_login(make_person())
    client.get(page.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    assert not [q for q in queries if 'FROM "wagtailcore_site"' in q["sql"]]
    # A site whose root is now another page serves from there at once.
    site = Site.objects.get(is_default_site=True)
    site.root_page = Page.objects.get(pk=page.pk)
    site.save()
    assert client.get("/").status_code == 200
    assert page.title in client.get("/").text
