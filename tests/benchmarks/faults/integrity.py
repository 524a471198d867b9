"""Checks that no record was left half written: each is a count of rows that break a
rule the services keep by writing in one transaction, so any count above zero is a
partial record. Run against the database once a fault run is over.

- A finished knowledge-check attempt has one answer per question
  (quizzes.services.finish_attempt writes the result and the answers together).
- A passed attempt has the completion it gives (the completion is recorded by a
  receiver of knowledge_check_passed, inside the same transaction).
- Feedback comes from someone who completed the page (feedback_save refuses it
  otherwise, and a completion is never deleted on its own).
- A reflective entry has a version, and its latest version holds its text
  (entry_create and entry_update save the entry and the version together).

A completion is a single row (completion_record), so it cannot be partial; the rows
written during the run are counted to show what the checks covered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery


@dataclass(frozen=True)
class Finding:
    rule: str
    broken: int


def findings() -> list[Finding]:
    from learning.models import Completion, Feedback, ReflectiveEntry, ReflectiveEntryVersion
    from quizzes.models import Attempt

    completed = Completion.objects.filter(user=OuterRef("user"), page=OuterRef("page"))
    passed_completion = Completion.objects.filter(
        user=OuterRef("user"), page=OuterRef("completes_page")
    )
    latest = ReflectiveEntryVersion.objects.filter(entry=OuterRef("pk")).order_by("-number")
    return [
        Finding(
            "finished quiz attempts without one answer per question",
            Attempt.objects.filter(finished_at__isnull=False)
            .annotate(answered=Count("answers"))
            .exclude(answered=F("question_count"))
            .count(),
        ),
        Finding(
            "passed quiz attempts without the completion they give",
            Attempt.objects.filter(passed=True, completes_page__isnull=False)
            .exclude(Exists(passed_completion))
            .count(),
        ),
        Finding(
            "feedback rows without a completion of the page by the same person",
            Feedback.objects.exclude(Exists(completed)).count(),
        ),
        Finding(
            "reflective entries without a version",
            ReflectiveEntry.objects.exclude(Exists(latest)).count(),
        ),
        Finding(
            "reflective entries whose latest version is not their text",
            ReflectiveEntry.objects.filter(Exists(latest))
            .annotate(
                latest_title=Subquery(latest.values("title")[:1]),
                latest_body=Subquery(latest.values("body")[:1]),
            )
            .exclude(Q(latest_title=F("title")) & Q(latest_body=F("body")))
            .count(),
        ),
    ]


def written_since(moment: datetime) -> dict[str, int]:
    """Rows the load wrote from `moment` on."""
    from learning.models import Completion, Feedback

    return {
        "completions": Completion.objects.filter(completed_at__gte=moment).count(),
        "feedback rows (new or changed)": Feedback.objects.filter(updated_at__gte=moment).count(),
    }
