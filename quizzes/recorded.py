"""What a knowledge-check attempt put on the learner's record, for the result page to
say plainly: "7 minutes of CPD added on 6 December 2026", or that nothing was."""

from __future__ import annotations

from dataclasses import dataclass

from learning.models import Completion
from learning.records.selectors import completion_for
from quizzes.models import Attempt


@dataclass(frozen=True)
class RecordedOutcome:
    """`completion` is the person's completion of the page the check completes; `added`
    says whether this attempt created it (False when it was already on their record)."""

    completion: Completion | None
    added: bool
    page: object | None


def recorded_for(attempt: Attempt) -> RecordedOutcome:
    """What this attempt recorded. A fail records nothing; a pass completes the page
    the check belongs to (or the check itself), once per cycle, with the attempt's
    finishing time, which is how this pass is told from an earlier one."""
    if not attempt.passed:
        return RecordedOutcome(completion=None, added=False, page=None)
    page = attempt.completes_page or attempt.page
    if page is None:
        return RecordedOutcome(completion=None, added=False, page=None)
    completion = completion_for(user=attempt.user, page=page)
    added = completion is not None and completion.completed_at == attempt.finished_at
    return RecordedOutcome(completion=completion, added=added, page=page)
