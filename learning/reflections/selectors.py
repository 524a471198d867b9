"""Reads from the reflective log.

Selectors never decide who may see what: the querysets they narrow come from
learning.permissions (`visible_entries`, `entries_shared_with`), and views ask the
permission rules before calling them. Each runs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from wagtail.models import Page

from learning import permissions
from learning.forms_ids import parse_id
from learning.learnable import learnable_pages
from learning.models import (
    EntryComment,
    EntryShare,
    LearningPage,
    Principle,
    ReflectiveEntry,
    ReflectiveEntryVersion,
    ReviewStatus,
    TeamSession,
)


@dataclass(frozen=True)
class Question:
    """A reflective question as a page asks it now."""

    id: str
    text: str
    principle: Principle | None


def learnable_page(page_id: int | str | None) -> LearningPage | None:
    """The live learning page with this id (as its own type), or None for anything
    else: a missing, unpublished or non-learning page, or an id that is not a number."""
    page_id = parse_id(page_id)
    if page_id is None or page_id >= 2**31:  # page ids are 32-bit; nothing above can match
        return None
    page = learnable_pages().live().filter(pk=page_id).first()
    return page.specific if page is not None else None


def find_question(page: Page, question_id: str) -> Question | None:
    """The page's reflective question with this stream-block id, or None."""
    if not question_id:
        return None
    for item in page.specific.reflective_question_items():
        if item["id"] == question_id:
            return Question(item["id"], item["text"], item["principle"])
    return None


def awaiting_review(entry: ReflectiveEntry) -> bool:
    """A shared entry the supervisor has not yet reviewed, discussed or signed off."""
    return entry.review_status == ReviewStatus.NOT_REVIEWED and not entry.is_locked


def entries_by(*, author) -> QuerySet[ReflectiveEntry]:
    """The author's entries, most recently changed first, each with how many comments it
    has (`comment_count`) and with whom it is shared now (`active_shares`). Two queries."""
    active_shares = EntryShare.objects.filter(withdrawn_at__isnull=True).select_related(
        "supervisor"
    )
    return (
        ReflectiveEntry.objects.filter(author=author)
        .select_related("page", "principle")
        .annotate(comment_count=Count("comments"))
        .prefetch_related(Prefetch("shares", queryset=active_shares, to_attr="active_shares"))
        .order_by("-updated_at")
    )


def entry_for_viewer(*, viewer, entry_id) -> ReflectiveEntry | None:
    """The entry, if the viewer may read it, with everything its page shows."""
    return (
        permissions.visible_entries(viewer)
        .select_related("author", "page", "principle", "reviewed_by", "signed_off_by")
        .filter(pk=entry_id)
        .first()
    )


def latest_version(entry: ReflectiveEntry) -> ReflectiveEntryVersion | None:
    return entry.versions.order_by("-number").first()


def comments_on(entry: ReflectiveEntry) -> QuerySet[EntryComment]:
    """The entry's comments, oldest first, with their authors and the version read."""
    return entry.comments.select_related("author", "entry_version").order_by("created_at")


def current_shares(entry: ReflectiveEntry) -> QuerySet[EntryShare]:
    """Shares of the entry that have not been withdrawn, with the supervisor."""
    return (
        entry.shares.filter(withdrawn_at__isnull=True)
        .select_related("supervisor")
        .order_by("supervisor__last_name", "supervisor__first_name")
    )


def comment_for_viewer(*, viewer, comment_id) -> EntryComment | None:
    """A comment on an entry the viewer may read, with the version it refers to."""
    return (
        EntryComment.objects.filter(entry__in=permissions.visible_entries(viewer))
        .select_related("author", "entry", "entry__author", "entry_version")
        .filter(pk=comment_id)
        .first()
    )


def awaiting_review_count(*, supervisor) -> int:
    """How many entries shared with the supervisor wait for their review (one query)."""
    return (
        permissions.entries_shared_with(supervisor)
        .filter(review_status=ReviewStatus.NOT_REVIEWED, signed_off_at__isnull=True)
        .count()
    )


def sessions_attended(*, user) -> QuerySet[TeamSession]:
    """Team sessions the person attended, newest first, with who delivered them."""
    return (
        TeamSession.objects.filter(attendees=user)
        .select_related("delivered_by")
        .order_by("-delivered_on", "-created_at")
    )
