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

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import IntegerField, Q
from django.db.models.functions import Cast
from wagtail.models import Page, get_page_models
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.search.query import Or, PlainText

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


def _words(text: str) -> list[str]:
    return [word.lower() for word in re.findall(r"\w+", text)]


def _contains_words(words: Sequence[str], part: Sequence[str]) -> int:
    """Where `part` appears as whole consecutive words in `words`, or -1."""
    size = len(part)
    for start in range(len(words) - size + 1):
        if list(words[start : start + size]) == list(part):
            return start
    return -1


def expand_query(query: str) -> tuple[list[str], list[str]]:
    """The query and the other ways of saying it, from the board's synonyms list:
    each synonym whose term appears in the query (as whole words, any case) gives one
    more query per phrase, with the term replaced by the phrase. Returns (queries, the
    phrases used), the query itself first. One query of the database."""
    from learning.models.search_synonyms import SearchSynonym

    words = _words(query)
    variants: list[str] = [" ".join(words)]
    used: list[str] = []
    for synonym in SearchSynonym.objects.all():
        term = _words(synonym.term)
        start = _contains_words(words, term) if term else -1
        if start == -1:
            continue
        for phrase in synonym.phrases:
            variant = " ".join([*words[:start], *_words(phrase), *words[start + len(term) :]])
            if variant and variant not in variants:
                variants.append(variant)
                used.append(phrase)
    return variants, used


# Words that say nothing about which tag is meant: "financial abuse" names the tag
# "Financial or material abuse" through "financial"; "abuse" alone names none.
_TAG_FILLER_WORDS = frozenset({"a", "an", "and", "of", "or", "the", "abuse"})


def _names_tag(variant: Sequence[str], name: str) -> bool:
    wanted = [word for word in variant if word not in _TAG_FILLER_WORDS]
    name_words = set(_words(name))
    return bool(wanted) and all(word in name_words for word in wanted)


def _names_type(variant: Sequence[str], model: type[LearningPage]) -> bool:
    names = (model._meta.verbose_name, model._meta.verbose_name_plural)
    return any(list(variant) == _words(str(name)) for name in names)


def _tagged_ids(pages: PageQuerySet, variants: Sequence[str]) -> list[int]:
    """Pages tagged with a principle, abuse type or theme the query names, or of a page
    type it names ("seven-minute briefing"), newest first. Fixed queries: one per
    taxonomy, one for the pages."""
    from learning.models import AbuseType, ThemeTag

    split = [v.split() for v in variants]

    def named(model) -> list:
        return [tag for tag in model.objects.all() if any(_names_tag(v, tag.name) for v in split)]

    principles, abuse_types, themes = named(Principle), named(AbuseType), named(ThemeTag)
    models = learnable_page_models()
    matching = []
    for model in models:
        if any(_names_type(v, model) for v in split):
            matching.append(Q(pk__in=model.objects.values("pk")))
            continue
        tagged = Q()
        if principles:
            tagged |= Q(principles__in=principles)
        if abuse_types:
            tagged |= Q(abuse_types__in=abuse_types)
        if themes:
            tagged |= Q(theme_items__tag__in=themes)
        if tagged:
            matching.append(Q(pk__in=model.objects.filter(tagged).values("pk")))
    if not matching:
        return []
    found = pages.filter(reduce(or_, matching)).order_by("-first_published_at", "-pk")
    return list(found.values_list("pk", flat=True))


def _narrowed_by_index(pages: PageQuerySet, variants: Sequence[str]) -> PageQuerySet:
    """On PostgreSQL, `pages` narrowed to those whose title or body holds any word of
    any variant, a test the index's GIN indexes answer; elsewhere `pages` unchanged.

    Wagtail's backend matches `(title || body) @@ query`. No index holds that
    concatenation, so on its own the match reads every index row (a sequential scan
    once there are more than a few hundred pages). Every page it matches has at least
    one of the words in its title or its body, so this narrowing loses none of them
    and leaves Wagtail's match and ranking to run on the few rows left. Each word is
    parsed by PostgreSQL the same way Wagtail parses it, with the backend's own text
    search configuration. (One case is lost: a word PostgreSQL splits into a phrase,
    such as "h1_b", whose parts straddle the end of a title and the start of a body;
    Wagtail's own concatenation is the only thing that makes that a match.)"""
    from django.contrib.postgres.search import SearchQuery
    from wagtail.search.backends import get_search_backend
    from wagtail.search.backends.database.postgres.postgres import PostgresSearchBackend
    from wagtail.search.models import IndexEntry

    backend = get_search_backend()
    if not isinstance(backend, PostgresSearchBackend):
        return pages
    words = dict.fromkeys(word for variant in variants for word in variant.split())
    wanted = reduce(
        or_, (SearchQuery(word, search_type="phrase", config=backend.config) for word in words)
    )
    # Only page types' entries: their object ids are page ids, so the cast is safe.
    # ContentType caches them: after the first search this costs no query.
    models = tuple(learnable_page_models())
    page_models = {model for model in get_page_models() if issubclass(model, models)}
    content_types = ContentType.objects.get_for_models(*page_models).values()
    entries = IndexEntry.objects.filter(
        Q(title=wanted) | Q(body=wanted), content_type__in=list(content_types)
    )
    return pages.filter(pk__in=entries.values(page_id=Cast("object_id", IntegerField())))


@dataclass(frozen=True)
class Found:
    """What a search found (base Page rows, most relevant first, no page twice) and the
    other phrases it looked for because of the board's synonyms."""

    pages: list[Page] | PageQuerySet
    also_searched_for: list[str]


def find_learning(*, query: str, selected: dict | None = None) -> Found:
    """Published, public learning for what a practitioner typed, narrowed by the
    selected filters, most relevant first:

    1. every word of the query, or of a synonym's phrase in its place, in the page's
       indexed text (SAR finds "Safeguarding Adults Review");
    2. titles with words starting with what was typed ("cuckoo" finds "Cuckooing");
    3. pages tagged with a principle, abuse type or theme the query names, or of a
       page type it names ("financial abuse", "seven-minute briefing").

    Without a query: everything the filters match, newest first. The number of
    database queries is fixed, however much matches."""
    pages = live_learning_pages(selected)
    if not query:
        return Found(pages.order_by("-first_published_at", "-pk"), [])
    variants, used = expand_query(query)
    variants = [variant for variant in variants if variant]
    if not variants:
        return Found([], [])
    text = Or([PlainText(variant, operator="and") for variant in variants])
    ids: dict[int, None] = {}
    for page in _narrowed_by_index(pages, variants).search(text):
        ids.setdefault(page.pk)
    for page in pages.autocomplete(variants[0]):
        ids.setdefault(page.pk)
    for pk in _tagged_ids(pages, variants):
        ids.setdefault(pk)
    # Each search above returned a page's id only; the rows are read once, in order.
    by_id = Page.objects.filter(pk__in=list(ids)).in_bulk()
    return Found([by_id[pk] for pk in ids if pk in by_id], used)


def search_learning(*, query: str, selected: dict | None = None) -> list[Page] | PageQuerySet:
    """The pages `find_learning` finds, without the synonyms it used."""
    return find_learning(query=query, selected=selected).pages


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


def home_page_lists() -> dict:
    """The home page's lists, the same for every visitor: the latest published, public
    learning of each kind, and the tags to browse by."""
    from learning.models import AbuseType

    case_studies = latest_of_type(CASE_STUDY_MODEL, limit=1)
    return {
        "latest_briefings": list(latest_of_type(BRIEFING_MODEL, limit=3)),
        "latest_sar_learning": list(latest_sar_learning(limit=3)),
        "featured_case_study": case_studies[0] if case_studies else None,
        "principles": list(Principle.objects.all()),
        "abuse_types": list(AbuseType.objects.all()),
    }
