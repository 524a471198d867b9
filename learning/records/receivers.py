"""Signal receivers that write to learning records. Imported once from
LearningConfig.ready(); the @receiver decorators connect them on import."""

from __future__ import annotations

from django.dispatch import receiver

from learning.models import CompletionHow
from learning.records.services import completion_record
from learning.signals import knowledge_check_passed


@receiver(knowledge_check_passed, dispatch_uid="learning_records_completion_on_pass")
def record_completion_on_pass(
    sender, *, user, page, revision_id=None, attempt_id=None, finished_at=None, **kwargs
) -> None:
    """A passed knowledge check completes the page it belongs to. A second pass (or a
    pass after confirming) finds the existing completion and changes nothing."""
    completion_record(
        user=user,
        page=page,
        how=CompletionHow.PASSED_CHECK,
        revision=revision_id,
        completed_at=finished_at,
    )
