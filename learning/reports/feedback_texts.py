"""The words people wrote in their feedback (comments) and follow-up answers (examples
of use in practice), for the feedback report: never with the writer's name,
organisation or team, with the month only, and only for items the report shows (see
learning.reports.feedback for which). Should a writer have signed their text, their
own name and email are taken out of it; the name is read for that alone.
"""

from __future__ import annotations

import re

from django.db.models import Q
from django.utils import timezone

from learning.models import Feedback, PracticeImpact, UsedInPractice
from learning.reports.filters import ReportFilters

# The newest comments and examples shown; narrower filters reach older ones.
TEXT_LIMIT = 500
NAME_REMOVED = "[name removed]"


def feedback_q(filters: ReportFilters, prefix: str = "") -> Q:
    """Feedback (reached through `prefix`) from the people, on the pages and given in
    the dates the filters choose."""
    return (
        filters.people_q(f"{prefix}user__")
        & filters.pages_q(f"{prefix}page_id")
        & filters.dates_q(f"{prefix}created_at")
    )


def _without_writer(text: str, *, first_name: str, last_name: str, email: str) -> str:
    """The text with the writer's own name or email taken out, should they have signed
    it: the report never says who wrote what. A first or last name alone is matched
    with its capital, so that a name such as Will or Hope leaves the words alone."""
    full_name = f"{first_name} {last_name}".strip()
    patterns = [(full_name, re.IGNORECASE), (email, re.IGNORECASE)]
    patterns += [(name, 0) for name in (first_name, last_name)]
    for name, flags in patterns:
        name = (name or "").strip()
        if len(name) > 1 and _may_hold(text, name, ignore_case=bool(flags)):
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", NAME_REMOVED, text, flags=flags)
    return text


def _may_hold(text: str, name: str, *, ignore_case: bool) -> bool:
    """Whether `text` may hold `name`, found without a regular expression: each writer's
    name is a new pattern, and compiling four per comment was most of the time the
    report took over 500 comments. Only plain ASCII is compared without case here, as
    a regular expression ignoring case matches some other letters (the Kelvin sign for K)."""
    if not ignore_case:
        return name in text
    if text.isascii() and name.isascii():
        return name.lower() in text.lower()
    return True


def _month(moment) -> str:
    return timezone.localtime(moment).strftime("%B %Y")


def comment_rows(filters: ReportFilters, item_ids: set[int]) -> list[dict]:
    """The newest comments on these items, by item then month, newest first. The
    writer's name is read only to take it out of the text. One query."""
    if not item_ids:
        return []
    comments = (
        Feedback.objects.filter(feedback_q(filters), page_id__in=item_ids)
        .exclude(comment="")
        .order_by("-created_at", "-pk")
        .values(
            "page__title",
            "created_at",
            "comment",
            "user__first_name",
            "user__last_name",
            "user__email",
        )[:TEXT_LIMIT]
    )
    rows = [
        {
            "item": row["page__title"],
            "month": _month(row["created_at"]),
            "comment": _without_writer(
                row["comment"],
                first_name=row["user__first_name"],
                last_name=row["user__last_name"],
                email=row["user__email"],
            ),
        }
        for row in comments
    ]
    rows.sort(key=lambda row: row["item"])  # stable: newest first within each item
    return rows


def example_rows(filters: ReportFilters, item_ids: set[int]) -> list[dict]:
    """The newest examples of use in practice on these items, by item. One query."""
    if not item_ids:
        return []
    answers = dict(UsedInPractice.choices)
    examples = (
        PracticeImpact.objects.filter(feedback_q(filters, "feedback__"))
        .filter(feedback__page_id__in=item_ids)
        .exclude(example="")
        .order_by("-answered_at", "-pk")
        .values(
            "feedback__page__title",
            "used_in_practice",
            "example",
            "feedback__user__first_name",
            "feedback__user__last_name",
            "feedback__user__email",
        )[:TEXT_LIMIT]
    )
    rows = [
        {
            "item": row["feedback__page__title"],
            "answer": answers.get(row["used_in_practice"], row["used_in_practice"]),
            "example": _without_writer(
                row["example"],
                first_name=row["feedback__user__first_name"],
                last_name=row["feedback__user__last_name"],
                email=row["feedback__user__email"],
            ),
        }
        for row in examples
    ]
    rows.sort(key=lambda row: row["item"])
    return rows
