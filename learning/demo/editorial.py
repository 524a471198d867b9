"""Shows the editorial side in the demo: one published page past its review date, and
one change waiting in the SAB review workflow, so the SAB manager's dashboard has
something in "Content due for review" and "Awaiting your review".

Run by `seed_demo` after the content apps have loaded their pages. Idempotent: each
step is skipped if the demo already shows it.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, WorkflowState

from learning.editorial import demo_reviewers, pages_due_for_review, publish_through_workflow
from learning.learnable import learnable_pages

APPROVAL_COMMENT = "Demo: review dates set for the demo."


def _make_one_page_overdue(pages: list[Page], today: datetime.date) -> None:
    if pages_due_for_review(today=today).exists():
        return
    page = pages[0].specific  # the oldest: the likeliest to need checking
    page.last_reviewed = today - datetime.timedelta(days=400)
    page.review_due = today - datetime.timedelta(days=35)
    # Re-dating changes the live page, so it goes through the SAB review like any other
    # change: the history shows who made it and who approved it, and the anonymisation
    # guard still applies.
    editor, approver = demo_reviewers()
    publish_through_workflow(page, editor=editor, approver=approver, comment=APPROVAL_COMMENT)


def _submit_one_review(pages: list[Page], today: datetime.date) -> None:
    if WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists():
        return
    editor, _ = demo_reviewers()
    if editor is None or len(pages) < 2:
        return
    page = pages[-1].specific  # the newest, so it is not the overdue one
    workflow = page.get_workflow()
    if workflow is None:
        return
    # The editor has checked the page is still right: a change a manager approves.
    page.last_reviewed = today
    page.review_due = today + datetime.timedelta(days=365)
    page.save_revision(user=editor)
    workflow.start(page, editor)


@transaction.atomic
def seed_editorial_demo() -> None:
    pages = list(learnable_pages().live().order_by("first_published_at", "pk"))
    if not pages:
        return
    today = timezone.localdate()
    _make_one_page_overdue(pages, today)
    _submit_one_review(pages, today)
