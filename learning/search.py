"""Finding learning across every page type: site search, the principle hubs and the
home page lists.

Learnable page types live in other apps, which `learning` never imports: every selector
here works from `learning.learnable.learnable_page_models()`, asks each concrete model
for what it needs (principles and abuse types are many-to-many fields on each concrete
table) and combines the answers. Every selector returns only pages that are published
and public (no view restriction on them or an ancestor), and each runs a fixed number
of queries per page type, however much content there is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.search.backends.base import BaseSearchResults as SearchResults

from learning.filters import filter_learning_pages
from learning.learnable import learnable_page_models
from learning.models import LearningPage, Principle

# Longer queries are cut: nobody types more, and it keeps the full-text query small.
MAX_QUERY_LENGTH = 200
# The tags every card shows, fetched once per page type rather than once per card.
CARD_PREFETCH = ("principles", "abuse_types", "themes")
# How many items of each type a principle hub lists before pointing to the search.
HUB_LIMIT = 20
# Page types the home page features, named by label so `learning` needs no import.
BRIEFING_MODEL = "briefings.BriefingPage"
CASE_STUDY_MODEL = "case_studies.CaseStudyPage"
REVIEW_MODEL = "briefings.SafeguardingAdultsReviewPage"
# A learnable page "carries" a Safeguarding Adults Review through a field of this name.
REVIEW_FIELD = "review"


# ---------------------------------------------------------------------------
# Shared building blocks
# ---------------------------------------------------------------------------


def live_learning_pages(selected: dict | None = None) -> PageQuerySet:
    """Published, public learnable pages (as base Page rows) narrowed by the selected
    filters (see learning.filters). Each concrete type is filtered in its own subquery
    and the subqueries are combined, so listing them is one SQL query whatever the
    filters (plus Wagtail's look-up of view restrictions for `.public()`)."""
    models = learnable_page_models()
    pages = Page.objects.live().public()
    if not models:
        return pages.none()
    if not selected:
        return pages.type(*models)
    matching = [
        Q(pk__in=filter_learning_pages(model.objects.all(), selected).values("pk"))
        for model in models
    ]
    return pages.filter(reduce(or_, matching))


def specific_pages(pages: Iterable[Page]) -> list[LearningPage]:
    """The given pages as their own types, in the same order, with the tags their cards
    show prefetched: a few queries per page type present, never one per page."""
    pages = list(pages)
    if not pages:
        return []
    by_id = (
        Page.objects.filter(pk__in=[page.pk for page in pages])
        .specific()
        .prefetch_related(*CARD_PREFETCH, for_specific_subqueries=True)
        .in_bulk()
    )
    return [by_id[page.pk] for page in pages if page.pk in by_id]


def _model(label: str) -> type[LearningPage] | None:
    return next((m for m in learnable_page_models() if m._meta.label == label), None)


def _latest(model: type[LearningPage], limit: int, **filters) -> list[LearningPage]:
    queryset = model.objects.live().public().filter(**filters)
    queryset = queryset.order_by("-first_published_at", "-pk").prefetch_related(*CARD_PREFETCH)
    return list(queryset[:limit])


# ---------------------------------------------------------------------------
# Site search
# ---------------------------------------------------------------------------


def normalise_query(raw: str | None) -> str:
    """A search query safe to hand to the full-text backend: control characters
    (which PostgreSQL refuses) turned into spaces, whitespace collapsed, length capped."""
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in raw or "")
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def search_learning(*, query: str, selected: dict | None = None) -> PageQuerySet | SearchResults:
    """Published, public learning matching every word of `query` (title, summary and
    each page type's own searchable text), most relevant first, narrowed by the
    selected filters. Without a query: everything the filters match, newest first.
    The items are base Page rows; pass a page of them to `search_result_items`."""
    pages = live_learning_pages(selected)
    if not query:
        return pages.order_by("-first_published_at", "-pk")
    # Only the words go to the backend: quotes, brackets and operators typed into the
    # box mean nothing to readers, and SQLite's full-text syntax would reject some.
    words = re.findall(r"\w+", query)
    if not words:
        return pages.none()
    return pages.search(" ".join(words), operator="and")


@dataclass(frozen=True)
class Excerpt:
    """A trimmed stretch of a page's text around the first word that matched."""

    before: str
    match: str
    after: str


@dataclass(frozen=True)
class SearchResult:
    page: LearningPage
    page_type: str
    excerpt: Excerpt | None


def query_terms(query: str) -> list[str]:
    return [term for term in re.findall(r"\w+", query) if len(term) > 1]


def make_excerpt(text: str, terms: Sequence[str], *, width: int = 200) -> Excerpt | None:
    """About `width` characters of `text` around the first term found at the start of
    a word (case-insensitive), cut at word boundaries, with ellipses where cut."""
    text = " ".join(text.split())
    if not terms or not text:
        return None
    pattern = re.compile(r"\b(" + "|".join(re.escape(term) for term in terms) + ")", re.I)
    found = pattern.search(text)
    if found is None:
        return None
    start = max(0, found.start() - width // 3)
    if start > 0:
        space = text.find(" ", start, found.start())
        start = space + 1 if space != -1 else found.start()
    end = min(len(text), max(start + width, found.end()))
    if end < len(text):
        space = text.rfind(" ", found.end(), end)
        end = space if space != -1 else end
    return Excerpt(
        before=("…" if start > 0 else "") + text[start : found.start()],
        match=text[found.start() : found.end()],
        after=text[found.end() : end] + ("…" if end < len(text) else ""),
    )


def _body_text(page: LearningPage) -> str:
    """The page type's own searchable text, beyond the title and summary that a result
    shows anyway. Read from the same search fields the index is built from, so an
    excerpt shows the words that made the page match."""
    parts: list[str] = []

    def add(value) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                add(item)

    for field in type(page).get_search_fields():
        if isinstance(field, index.SearchField) and field.field_name not in {"title", "summary"}:
            add(field.get_value(page))
    return " ".join(parts)


def search_result_items(pages: Iterable[Page], query: str) -> list[SearchResult]:
    """One page of results, ready to show: each page as its own type with its type's
    name and, when the query matched its body text, an excerpt."""
    terms = query_terms(query)
    results = []
    for page in specific_pages(pages):
        excerpt = make_excerpt(_body_text(page), terms) if terms else None
        results.append(SearchResult(page, str(page._meta.verbose_name), excerpt))
    return results


# ---------------------------------------------------------------------------
# Principle hubs
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LearningGroup:
    """The newest learning of one page type, e.g. every case study tagged Empowerment."""

    model: type[LearningPage]
    label: str
    pages: list[LearningPage]
    has_more: bool


# Hubs list these types first, in this order; any other learnable type follows.
HUB_TYPE_ORDER = (BRIEFING_MODEL, REVIEW_MODEL, CASE_STUDY_MODEL)


def _type_order(model: type[LearningPage]) -> tuple[int, str]:
    label = model._meta.label
    position = HUB_TYPE_ORDER.index(label) if label in HUB_TYPE_ORDER else len(HUB_TYPE_ORDER)
    return position, str(model._meta.verbose_name_plural).lower()


def learning_by_type(*, principle: Principle, limit: int = HUB_LIMIT) -> list[LearningGroup]:
    """Published, public learning tagged with the principle, grouped by page type
    (briefings, reviews and case studies first, then any other type alphabetically;
    pages newest first, at most `limit` each). Types with nothing tagged are left out."""
    groups = []
    for model in learnable_page_models():
        pages = _latest(model, limit + 1, principles=principle)
        if pages:
            label = str(model._meta.verbose_name_plural)
            label = label[:1].upper() + label[1:]
            groups.append(LearningGroup(model, label, pages[:limit], has_more=len(pages) > limit))
    return sorted(groups, key=lambda group: _type_order(group.model))


@dataclass(frozen=True)
class QuestionLink:
    """A reflective question and the page that asks it (`anchor` is the question's id
    on that page, see templates/blocks/reflective_question.html)."""

    text: str
    page: LearningPage
    anchor: str


def reflective_questions_for(*, principle: Principle) -> list[QuestionLink]:
    """Every reflective question tied to the principle on published, public learning,
    newest page first. Questions are read from the stored stream data, so finding them
    costs one query per page type and no query per question."""
    fields = ("id", "title", "url_path", "first_published_at", "reflective_questions")
    pages: list[LearningPage] = []
    for model in learnable_page_models():
        pages.extend(model.objects.live().public().only(*fields))
    pages.sort(key=lambda page: (page.first_published_at, page.pk), reverse=True)
    questions = []
    for page in pages:
        for item in page.reflective_questions.raw_data:
            value = item.get("value") or {}
            if value.get("principle") == principle.pk and value.get("text"):
                questions.append(QuestionLink(value["text"], page, f"question-{item.get('id')}"))
    return questions


# ---------------------------------------------------------------------------
# Home page lists
# ---------------------------------------------------------------------------


def latest_of_type(label: str, *, limit: int = 3) -> list[LearningPage]:
    """The newest published, public pages of the type named by `label`
    ("app_label.ModelName"); empty if no such learnable type is installed."""
    model = _model(label)
    return _latest(model, limit) if model else []


def sar_learning_models() -> tuple[list[type[LearningPage]], list[type[LearningPage]]]:
    """The page types that hold Safeguarding Adults Review learning, found without
    importing the app that defines them:

    - review types: the learnable types that another learnable type points to through
      a field named `review`, plus the type labelled REVIEW_MODEL;
    - carrier types: learnable types with a `review` field (a briefing that teaches a
      review's learning); only their pages with a review set count.
    """
    models = learnable_page_models()
    carriers = []
    reviews = {model for model in models if model._meta.label == REVIEW_MODEL}
    for model in models:
        try:
            field = model._meta.get_field(REVIEW_FIELD)
        except FieldDoesNotExist:
            continue
        carriers.append(model)
        if field.related_model in models:
            reviews.add(field.related_model)
    return sorted(reviews, key=lambda m: m._meta.label), carriers


def latest_sar_learning(*, limit: int = 3) -> list[LearningPage]:
    """The newest reviews and review-carrying pages together, newest first."""
    review_models, carrier_models = sar_learning_models()
    pages = [page for model in review_models for page in _latest(model, limit)]
    for model in carrier_models:
        pages.extend(_latest(model, limit, **{f"{REVIEW_FIELD}__isnull": False}))
    pages.sort(key=lambda page: (page.first_published_at, page.pk), reverse=True)
    return pages[:limit]
