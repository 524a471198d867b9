"""How briefings and reviews plug into the site: the navigation items, the demo
content, and the review reports that live pages make public."""

from __future__ import annotations

from django.http import HttpRequest
from wagtail import hooks

from briefings.demo import seed_briefings
from briefings.report_documents import live_report_document_ids
from briefings.selectors import navigation_items, review_learning
from learning.documents.filing import LIVE_PAGE_DOCUMENTS_HOOK
from learning.reports.reviews import REVIEW_LEARNING_HOOK


@hooks.register("hub_navigation_items")
def briefings_navigation_items(request: HttpRequest) -> list[dict]:
    return navigation_items(request)


@hooks.register("register_demo_content")
def load_demo_briefings(home) -> None:
    seed_briefings(home)


hooks.register(LIVE_PAGE_DOCUMENTS_HOOK, live_report_document_ids)
# The reach and engagement reports find the reviews and the pages teaching each here.
hooks.register(REVIEW_LEARNING_HOOK, review_learning)
