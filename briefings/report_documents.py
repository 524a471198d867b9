"""A review's full report document is public exactly while a live review links it.

An editor uploads the report through the review's document chooser; it lands in the
private collection (learning.documents), so a report attached to a review still in
draft or in moderation cannot be downloaded by the public. Publishing the review moves
the report to the public collection; unpublishing or deleting it moves the report back
unless another live review still links it.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished

from briefings.models import SafeguardingAdultsReviewPage
from learning.documents.filing import refile_documents


def live_report_document_ids() -> list[int]:
    """The report documents of every live review (the hub_documents_on_live_pages hook)."""
    return list(
        SafeguardingAdultsReviewPage.objects.live()
        .exclude(report_document=None)
        .values_list("report_document_id", flat=True)
    )


def _refile(sender: type, **kwargs: Any) -> None:
    refile_documents()


def connect() -> None:
    review = SafeguardingAdultsReviewPage
    page_published.connect(_refile, sender=review, dispatch_uid="briefings_report_published")
    page_unpublished.connect(_refile, sender=review, dispatch_uid="briefings_report_unpublished")
    post_delete.connect(_refile, sender=review, dispatch_uid="briefings_report_deleted")
