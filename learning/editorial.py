"""The editors' side of the hub: the "SAB review" workflow every page goes through, and
what the admin dashboard and reports show about content that is due for review.

An SAB editor writes and submits; an SAB manager approves (which publishes) or asks for
changes with a comment. Wagtail's own "Awaiting your review" dashboard panel lists the
pages waiting for a manager; this module adds the "Content due for review" panel and
report, driven by each learning page's `review_due` date.
"""

from __future__ import annotations

import datetime
import logging

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import DateField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.permissions import page_permission_policy

from learning.learnable import learnable_page_models
from learning.models import HomePage, User
from learning.roles import Role

WORKFLOW_NAME = "SAB review"
TASK_NAME = "Approval by an SAB manager"
# How many overdue pages the dashboard panel lists before pointing to the report.
PANEL_LIMIT = 10

logger = logging.getLogger(__name__)


# ---------------------------------------------------------------------------
# The workflow
# ---------------------------------------------------------------------------


@transaction.atomic
def ensure_editorial_workflow() -> Workflow:
    """Idempotent: the "SAB review" workflow exists, its one task is approval by the SAB
    manager group, and it covers the home page and everything under it. Only what is
    missing is created, so an administrator's later changes (another group on the task,
    another workflow on the home page) are kept."""
    managers, _ = Group.objects.get_or_create(name=Role.SAB_MANAGER.value)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.add(managers)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(
            workflow=workflow, task=task, sort_order=workflow.workflow_tasks.count()
        )
    home = HomePage.objects.first()
    if home is not None:
        WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
    _retire_unusable_default_workflow()
    return workflow


def _retire_unusable_default_workflow() -> None:
    """Wagtail's migrations make a "Moderators approval" workflow for the "Moderators"
    group, which the hub removes (learning migration 0004). Left active, it would sit
    beside "SAB review" in the admin with nobody able to approve it; it is retired only
    while none of its tasks has a group, so a workflow someone has set up is kept."""
    default = Workflow.objects.filter(name="Moderators approval", active=True).first()
    if default is None:
        return
    tasks = [task.specific for task in default.tasks]
    if all(isinstance(t, GroupApprovalTask) and not t.groups.exists() for t in tasks):
        default.deactivate()


def demo_reviewers() -> tuple[User | None, User | None]:
    """The first active SAB editor and SAB manager (the demo's, once `seed_demo` has made
    them), to submit and approve demo pages; None for a role nobody holds."""

    def first_in(role: Role) -> User | None:
        users = User.objects.filter(is_active=True, groups__name=role.value)
        return users.order_by("pk").first()

    return first_in(Role.SAB_EDITOR), first_in(Role.SAB_MANAGER)


@transaction.atomic
def publish_through_workflow(
    page: Page, *, editor: User | None, approver: User | None, comment: str = ""
) -> None:
    """Publish `page` the way an editor's change is published: a revision saved by the
    editor, submitted to the page's workflow, and every task approved by the approver, so
    the history shows who wrote and who signed off. Approval publishes through the model,
    so the anonymisation guard still applies (its refusal is raised).

    With no workflow on the page, or nobody to submit or approve (tests seeding content
    on its own), the revision is published directly and a log line says so. Raises
    PermissionDenied if the approver may not approve a task: the demo must not show a
    sign-off nobody could give."""
    revision = page.save_revision(user=editor)
    workflow = page.get_workflow()
    if workflow is None or editor is None or approver is None:
        reason = "it has no workflow" if workflow is None else "there is no editor or approver"
        logger.info("Publishing “%s” directly, not through a workflow: %s.", page.slug, reason)
        # Never as the editor: editors may not publish, so that would be refused.
        revision.publish(user=approver)
        return
    state = workflow.start(page, editor)
    while state.status == WorkflowState.STATUS_IN_PROGRESS:
        task_state = state.current_task_state
        task = task_state.task.specific
        if "approve" not in [action for action, *_ in task.get_actions(page, approver)]:
            raise PermissionDenied(f"{approver} may not approve “{task.name}” for “{page.slug}”.")
        task.on_action(task_state, approver, "approve", comment=comment)
        state.refresh_from_db()


# ---------------------------------------------------------------------------
# Content due for review
# ---------------------------------------------------------------------------


def can_see_review_due(user) -> bool:
    """Anyone who may edit or publish pages (SAB editors and managers): the same people
    Wagtail shows its own page reports to."""
    return user.is_authenticated and page_permission_policy.user_has_any_permission(
        user, ["change", "publish"]
    )


def _learning_field(name: str):
    """A page's `name` field, read from whichever learnable type's table holds it."""
    values = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values(name)[:1])
        for model in learnable_page_models()
    ]
    return values[0] if len(values) == 1 else Coalesce(*values, output_field=DateField())


def pages_due_for_review(*, user=None, today: datetime.date | None = None):
    """Published learning pages whose `review_due` date is on or before today, the most
    overdue first, as base Page rows annotated with `review_due` and `last_reviewed`.
    With a user, only the pages they may edit. One query, whatever the number of pages
    or page types. Drafts are left out: nobody reads them yet."""
    today = today or timezone.localdate()
    models = learnable_page_models()
    if not models:
        return Page.objects.none()
    pages = (
        Page.objects.live()
        .type(*models)
        .annotate(review_due=_learning_field("review_due"))
        .annotate(last_reviewed=_learning_field("last_reviewed"))
        .filter(review_due__lte=today)
        .order_by("review_due", "title", "pk")
    )
    if user is not None:
        editable = page_permission_policy.instances_user_has_permission_for(user, "change")
        pages = pages.filter(pk__in=editable.values("pk"))
    return pages


def _page_type(page: Page) -> str:
    return capfirst(str(page.specific_class._meta.verbose_name))


def _date(value: datetime.date | None) -> str:
    return date_format(value, "j F Y") if value else "Never"


# ---------------------------------------------------------------------------
# Admin dashboard panel and report
# ---------------------------------------------------------------------------


class ReviewDuePanel(Component):
    """Dashboard panel: the most overdue pages, each linking to its edit view."""

    name = "content_due_for_review"
    template_name = "learning/admin/review_due_panel.html"
    order = 230  # after Wagtail's "Awaiting your review" (220)

    def __init__(self, request) -> None:
        self.request = request

    def get_context_data(self, parent_context=None) -> dict:
        pages = pages_due_for_review(user=self.request.user)
        rows = list(pages[: PANEL_LIMIT + 1])
        return {
            "pages": [
                {"page": page, "type": _page_type(page), "due": page.review_due}
                for page in rows[:PANEL_LIMIT]
            ],
            "has_more": len(rows) > PANEL_LIMIT,
            "report_url": reverse("learning_review_due_report"),
        }


class ReviewDueReportView(ReportView):
    """Admin report: every published page past its review date."""

    page_title = "Content due for review"
    header_icon = "time"
    index_url_name = "learning_review_due_report"
    index_results_url_name = "learning_review_due_report_results"
    permission_policy = page_permission_policy
    any_permission_required = ["change", "publish"]
    no_results_message = "No published content is past its review date."
    columns = [
        TitleColumn("title", label="Title", url_name="wagtailadmin_pages:edit"),
        Column("type", label="Type", accessor=_page_type),
        Column("review_due", label="Review due", accessor=lambda page: _date(page.review_due)),
        Column(
            "last_reviewed",
            label="Last reviewed",
            accessor=lambda page: _date(page.last_reviewed),
        ),
    ]
    list_export = ["title", "review_due", "last_reviewed"]
    export_headings = {"review_due": "Review due", "last_reviewed": "Last reviewed"}

    def get_queryset(self):
        return pages_due_for_review(user=self.request.user)

    def get_filename(self) -> str:
        return f"content-due-for-review-{timezone.localdate():%Y-%m-%d}"


class ReviewDueMenuItem(MenuItem):
    """The report's entry in the admin's Reports menu, for those who may see it."""

    def is_shown(self, request) -> bool:
        return can_see_review_due(request.user)
