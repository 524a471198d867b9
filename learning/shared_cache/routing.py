"""Which site a request is for, and which page a URL path leads to, remembered under
the content version.

Wagtail finds a page by walking the tree from the site's root, one query (and one
`.specific` query) a level: seven queries before a briefing is even found, on every
request. The answer is the same for everyone until a page is published, unpublished,
moved or deleted, each of which moves the content version that every key here holds;
so the page itself is remembered, with whether any view restriction covers it, and a
page found before needs no query at all. Only the routing is skipped: view
restrictions, privacy and the page's own serve() run as before (Wagtail's
before_serve_page hooks and serve()), a page no restriction covered answering them
without the two queries that look. The site for a host, a query on every request
however it is asked for, is remembered the same way (saving a Site moves the version
too: learning.shared_cache.receivers).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from wagtail import views as wagtail_views
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.url_routing import RouteResult

from learning.shared_cache.values import TIMEOUT_SECONDS, shared_key


def site_from_cache(request: HttpRequest) -> None:
    """Give Wagtail the request's site (Site.find_for_request keeps it on the request)
    from the cache, or find it and remember it. The host has passed ALLOWED_HOSTS by
    now (CommonMiddleware is above), so the keys are bounded."""
    host = hashlib.sha256(f"{request._get_raw_host()}|{request.get_port()}".encode()).hexdigest()
    key = shared_key("site", host)
    found = cache.get(key)
    if found is None:
        found = (Site.find_for_request(request),)
        cache.set(key, found, TIMEOUT_SECONDS)
    request._wagtail_site = found[0]


def _key(request: HttpRequest, path: str) -> str:
    # Hashed: a path may hold characters some cache backends refuse in keys.
    return shared_key("route", request.get_host(), hashlib.sha256(path.encode()).hexdigest())


def _no_restrictions() -> QuerySet:
    return PageViewRestriction.objects.none()


def route_from_cache(request: HttpRequest, path: str) -> None:
    """Give Wagtail the route for `path` (it keeps one per request, see
    Page.route_for_request): from the cache when remembered; else Wagtail's own,
    remembered when it is a plain page (no route arguments).

    What is remembered is the live page Wagtail found, kept (pickled) the moment it was
    found, before anything of the request touched it, with whether a view restriction
    covers it. A request for a remembered path needs no query to find its page."""
    key = _key(request, path)
    found = cache.get(key)
    if found is not None and len(found) == 2:
        page, restricted = found
        if not restricted:
            # Wagtail's check still runs (its before_serve_page hook), over the
            # restrictions this page and its ancestors had when remembered: none. Any
            # restriction added, or a move under one, moves the content version and so
            # this key.
            page.get_view_restrictions = _no_restrictions
        request._wagtail_route_for_request = RouteResult(page)
        return
    result = Page.route_for_request(request, path)
    if result is None:
        return
    page, args, kwargs = result
    if not args and not kwargs:
        # Wagtail's routing answers only with a live page (it raises Http404 otherwise),
        # and unpublishing moves the content version.
        restricted = page.get_view_restrictions().exists()
        cache.set(key, (page, restricted), TIMEOUT_SECONDS)


class CachedRouteMiddleware:
    """For a request for a Wagtail page: its site and its route from the cache
    (site_from_cache, route_from_cache). Other views find the site as Wagtail does,
    when they need it: reading the content version for every request would cost a
    view that never needs it a query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if view_func is wagtail_views.serve:
            site_from_cache(request)
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            route_from_cache(request, path)
        return None
