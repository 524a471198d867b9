"""The last line of defence: refuse to write a guarded page to the database as newly
published while it holds uncovered possible identifiers.

LearningPage.publish() and the admin hooks refuse first, with a clear message. This
catches publishing code that reaches Wagtail's PublishPageRevisionAction without going
through either (the admin API's publish action does), because every such path ends in a
full save of the page with a new live revision.

Copying a page with "publish copies" (the admin's copy view, the admin API's copy action,
Page.copy(keep_live=True)) never publishes a revision: Wagtail saves a new row that is
live from the start. A copy is a new page, so no override recorded on its source covers
anything in it.
"""

from __future__ import annotations

from wagtail.models import Page

from learning.publishing_guard.services import AnonymisationError, unresolved_findings


def refuse_unchecked_publish(instance: Page, update_fields=None) -> None:
    """Raise AnonymisationError if saving ``instance`` would make a new version of it live
    while that version holds possible identifiers no override covers."""
    if instance.pk is None:
        _refuse_live_copy(instance)
        return
    if update_fields is not None:
        return  # partial saves (revisions, locks, a copy's dates) publish no new version
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


def _refuse_live_copy(instance: Page) -> None:
    """A new page saved live with a live revision already set is a copy (or an alias) of
    a published page, going live without being published. Refused before anything is
    written. A page created in the admin or in code has no live revision yet: it is
    checked when it is published.

    A copy of a page made live in code without ever being published carries no live
    revision either, so it is not recognised here; the admin's copy view still refuses
    it (admin_hooks.refuse_live_copy). Pages made through the admin or the demo seeder
    are always published with a revision."""
    if not instance.live or instance.live_revision_id is None:
        return
    findings = unresolved_findings(instance)  # a new page: no override covers anything
    if findings:
        raise AnonymisationError(findings)
