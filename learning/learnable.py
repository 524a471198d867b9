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


# Content apps name, through this hook, the pages whose completion is recorded on
# another page: a function taking no arguments and returning a queryset of page ids
# (`.values("pk")`) or a list of them. A knowledge check attached to a briefing is one:
# passing it completes the briefing, never the check.
COMPLETED_ELSEWHERE_HOOK = "hub_pages_completed_elsewhere"


def pages_completed_elsewhere_q(field: str = "pk") -> Q | None:
    """Rows whose `field` is a page completed as another page (see
    COMPLETED_ELSEWHERE_HOOK), as one Q of subqueries; None when no app names any."""
    found = [
        Q(**{f"{field}__in": ids})
        for hook in hooks.get_hooks(COMPLETED_ELSEWHERE_HOOK)
        if (ids := hook()) is not None
    ]
    return reduce(or_, found) if found else None


# Content apps mark, through this hook, pages the person has done that their
# completions do not show: a function taking `user` and `page_ids` (None for all) and
# returning {page id: "passed" or "completed"} in a fixed number of queries. A passed
# knowledge check attached to a briefing is one: its completion is the briefing's.
COMPLETION_MARKS_HOOK = "hub_completion_marks"


def pages_completed_as_themselves():
    """learnable_pages() less those whose completion is recorded on another page: the
    pages a person can complete, so the only ones learning can require of them."""
    pages = learnable_pages()
    elsewhere = pages_completed_elsewhere_q()
    return pages.exclude(elsewhere) if elsewhere is not None else pages


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
