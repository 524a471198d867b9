"""How briefings and reviews plug into the site: the navigation items and the demo
content."""

from __future__ import annotations

from django.http import HttpRequest
from wagtail import hooks

from briefings.demo import seed_briefings
from briefings.selectors import navigation_items


@hooks.register("hub_navigation_items")
def briefings_navigation_items(request: HttpRequest) -> list[dict]:
    return navigation_items(request)


@hooks.register("register_demo_content")
def load_demo_briefings(home) -> None:
    seed_briefings(home)
