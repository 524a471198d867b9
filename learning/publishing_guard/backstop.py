"""The last line of defence: refuse to write a guarded page to the database as newly
published while it holds uncovered possible identifiers.

LearningPage.publish() and the admin hooks refuse first, with a clear message. This
catches publishing code that reaches Wagtail's PublishPageRevisionAction without going
through either (the admin API's publish action does), because every such path ends in a
full save of the page with a new live revision.
"""

from __future__ import annotations

from wagtail.models import Page

from learning.publishing_guard.services import AnonymisationError, unresolved_findings


def refuse_unchecked_publish(instance: Page, update_fields=None) -> None:
    """Raise AnonymisationError if saving ``instance`` would make a new version of it live
    while that version holds possible identifiers no override covers."""
    # Publishing saves the whole page; partial saves (revisions, locks, copies) and new
    # pages are not publishing a version.
    if update_fields is not None or instance.pk is None:
        return
    if not instance.live or instance.live_revision_id is None:
        return
    live_revision_id = (
        Page.objects.filter(pk=instance.pk).values_list("live_revision_id", flat=True).first()
    )
    if live_revision_id == instance.live_revision_id:
        return  # the live version is unchanged: an ordinary save
    findings = unresolved_findings(instance)
    if findings:
        raise AnonymisationError(findings)
