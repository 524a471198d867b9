"""How case studies plug into the site: the navigation item and the demo content."""

from __future__ import annotations

from django.http import HttpRequest
from wagtail import hooks

from case_studies.demo import seed_case_studies
from case_studies.selectors import case_study_index
from learning.shared_cache.values import shared_page_url


@hooks.register("hub_navigation_items")
def case_studies_navigation_item(request: HttpRequest) -> list[dict]:
    url = shared_page_url("nav:case-studies", case_study_index, request)
    return [{"label": "Case studies", "url": url}] if url else []


@hooks.register("register_demo_content")
def load_demo_case_studies(home) -> None:
    seed_case_studies(home)
