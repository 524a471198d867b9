"""The site's public address, for links that leave the page: the canonical link and
the "From the Safeguarding Learning Hub: ..." line on a printed briefing.

Wagtail's `page.full_url` is built from the Site record's hostname and port, which the
demo seed sets to `localhost`, so a printed page would send readers nowhere. The
address people actually use is WAGTAILADMIN_BASE_URL when it is configured (behind a
proxy the request may not know the public host), otherwise the host the request came in
on."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Page


def site_base_url(request: HttpRequest | None) -> str:
    """The site's root address without a trailing slash, e.g. "https://learn.example.org"."""
    configured = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    if configured:
        return configured
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return ""


def absolute_url(request: HttpRequest | None, path: str) -> str:
    """`path` (a site-relative path such as "/briefings/x/") as a full address."""
    if path.startswith(("http://", "https://")):
        return path
    return site_base_url(request) + "/" + path.lstrip("/")


def page_absolute_url(request: HttpRequest | None, page: Page) -> str:
    """The full public address of a Wagtail page, as readers reach it."""
    # The page's path only: get_url would add the Site record's hostname whenever
    # more than one site exists.
    parts = page.get_url_parts(request)
    return absolute_url(request, parts[2] if parts else "/")
