"""Finds the learnable page types, and their knowledge checks, without importing the
apps that define them."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q
from django.http import HttpRequest
from wagtail import hooks
from wagtail.models import Page, get_page_models

from learning.models import LearningPage


def learnable_page_models() -> list[type[LearningPage]]:
    """Every concrete page model that inherits LearningPage."""
    return [
        model
        for model in get_page_models()
        if issubclass(model, LearningPage) and not model._meta.abstract
    ]


def learnable_pages():
    """A queryset of every learnable page (as base Page rows; call .specific() to
    get each page's own type)."""
    return Page.objects.type(*learnable_page_models())


def tagged_pages_q(*, field: str = "page_id", principle=None, abuse_type=None) -> Q:
    """Rows whose `field` is a learnable page tagged with the principle and the abuse
    type given (either may be None). Tags are a many-to-many on each concrete page
    table, so each type answers in a subquery of one SQL query."""
    models = learnable_page_models()
    if not models:
        return Q(pk__in=[])
    tagged = []
    for model in models:
        pages = model.objects.all()
        if principle is not None:
            pages = pages.filter(principles=principle)
        if abuse_type is not None:
            pages = pages.filter(abuse_types=abuse_type)
        tagged.append(Q(**{f"{field}__in": pages.values("pk")}))
    return reduce(or_, tagged)


def knowledge_check_url(page: Page, request: HttpRequest | None) -> str:
    """Where the page's knowledge check is taken, or "" if it has none learners can
    take. Content apps answer through the `hub_knowledge_check_url` hook (a function
    taking the page and the request and returning a URL or None)."""
    for hook in hooks.get_hooks("hub_knowledge_check_url"):
        url = hook(page, request)
        if url:
            return url
    return ""
