"""Reading knowledge checks, myth-busters and a learner's own attempts."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page

from learning.forms_ids import parse_uuid
from quizzes.models import Attempt, KnowledgeCheckIndexPage, KnowledgeCheckPage, MythBusterPage

CARD_PREFETCH = ("principles", "abuse_types", "themes")
# How many of a learner's past attempts the check page lists.
HISTORY_LIMIT = 20


def knowledge_check_index() -> KnowledgeCheckIndexPage | None:
    """The published index of checks and myth-busters, if there is one."""
    return KnowledgeCheckIndexPage.objects.live().first()


def live_knowledge_checks(*, index: Page | None = None) -> QuerySet[KnowledgeCheckPage]:
    """Published checks anyone may see, newest first, with their tags prefetched."""
    queryset = KnowledgeCheckPage.objects.live().public()
    if index is not None:
        queryset = queryset.child_of(index)
    return queryset.order_by("-first_published_at", "-pk").prefetch_related(*CARD_PREFETCH)


def live_myth_busters(*, index: Page | None = None) -> QuerySet[MythBusterPage]:
    queryset = MythBusterPage.objects.live().public()
    if index is not None:
        queryset = queryset.child_of(index)
    return queryset.order_by("-first_published_at", "-pk").prefetch_related(*CARD_PREFETCH)


def knowledge_check_for(page: Page) -> KnowledgeCheckPage | None:
    """The published, public check attached to `page`, or None. Two queries
    (the check, and the view restrictions that keep private ones out)."""
    if page is None or page.pk is None:
        return None
    return (
        KnowledgeCheckPage.objects.live()
        .public()
        .filter(checks_page_id=page.pk)
        .order_by("path")
        .first()
    )


def readable_pages(page_ids) -> dict[int, Page]:
    """Of these pages, those a learner can open now: published and not behind a view
    restriction, by id. Asked whenever a "read more" link is drawn, because a page
    chosen when the content was written may have been unpublished since. No query for
    no ids, otherwise two (the pages, and the restrictions that keep private ones out)."""
    ids = {pk for pk in page_ids if pk is not None}
    if not ids:
        return {}
    return {page.pk: page for page in Page.objects.live().public().filter(pk__in=ids)}


def readable_read_more_pages(children) -> dict[int, Page]:
    """readable_pages for the "read more" pages chosen in these stream children (the
    questions of a check, or the statements of a myth-buster)."""
    return readable_pages(
        child.value["read_more"].pk for child in children if child.value.get("read_more")
    )


def attempt_of(*, user, check: KnowledgeCheckPage, attempt_id) -> Attempt | None:
    """The user's own attempt at `check` with this id; None for anyone else's, for
    another check's or for a malformed id."""
    pk = parse_uuid(attempt_id)
    if pk is None or not user.is_authenticated:
        return None
    return Attempt.objects.filter(pk=pk, user=user, page=check).first()


def unfinished_attempt(*, user, check: KnowledgeCheckPage) -> Attempt | None:
    """The user's latest unfinished attempt at the check's live revision: starting
    again resumes it rather than piling up unused attempts."""
    return (
        Attempt.objects.filter(
            user=user,
            page=check,
            finished_at__isnull=True,
            revision_id=check.live_revision_id,
        )
        .order_by("-started_at")
        .first()
    )


def attempt_history(
    *, user, check: KnowledgeCheckPage, limit: int = HISTORY_LIMIT
) -> list[Attempt]:
    """The user's finished attempts at the check, newest first (one query)."""
    if not user.is_authenticated:
        return []
    return list(
        Attempt.objects.filter(user=user, page=check, finished_at__isnull=False)
        .only(
            "id", "started_at", "finished_at", "score", "passed", "correct_count", "question_count"
        )
        .order_by("-finished_at")[:limit]
    )


def passed_check_marks(*, user, page_ids=None) -> dict[int, str]:
    """The checks the person has passed at least once, as {check id: "passed"}, in one
    query. A pass of a check attached to another page is recorded as a completion of
    that page, so without this the check itself would never read "Passed"."""
    if user is None or not user.is_authenticated:
        return {}
    passed = Attempt.objects.filter(user=user, passed=True, page__isnull=False)
    if page_ids is not None:
        passed = passed.filter(page_id__in=list(page_ids))
    return {
        page_id: "passed"
        for page_id in passed.order_by().values_list("page_id", flat=True).distinct()
    }
