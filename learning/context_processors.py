"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest
from wagtail import hooks


def navigation(request: HttpRequest) -> dict:
    """Service navigation items that content apps contribute through the
    `hub_navigation_items` hook: each hook returns dicts with label and url."""
    items: list[dict] = []
    for hook in hooks.get_hooks("hub_navigation_items"):
        items.extend(hook(request))
    for item in items:
        item.setdefault("active", request.path.startswith(item["url"]))
    return {"hub_navigation": items}
