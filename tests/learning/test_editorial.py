"""The SAB review workflow, and what editors see about content due for review."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Page, TaskState, Workflow, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text

from learning.editorial import (
    TASK_NAME,
    WORKFLOW_NAME,
    ensure_editorial_workflow,
    pages_due_for_review,
)
from learning.models import InformationPage
from learning.roles import Role
from learning.site_setup import ensure_site_pages
from tests.conftest import HubClient
from tests.factories import make_person
from tests.learning.test_search import make_learning_page

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def home():
    home = ensure_site_pages()
    ensure_editorial_workflow()
    return home


def _signed_in(user, totp_user) -> Client:
    """A client signed in as a privileged user who has set up two-factor sign-in."""
    totp_user(user)
    client = HubClient()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(totp_user):
    return _signed_in(make_person(role=Role.SAB_EDITOR), totp_user)


@pytest.fixture
def manager_client(totp_user):
    return _signed_in(make_person(role=Role.SAB_MANAGER), totp_user)


@pytest.fixture
def draft(home):
    page = InformationPage(title="Escalation policy", slug="escalation-policy", body="<p>Old</p>")
    page.live = False
    home.add_child(instance=page)
    page.save_revision()
    return page


def _submit(client: Client, page: Page) -> None:
    data = nested_form_data(
        {"title": page.title, "slug": page.slug, "body": rich_text("<p>New wording.</p>")}
    )
    data["action-submit"] = "Submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def _current_task_state(page: Page) -> TaskState:
    return WorkflowState.objects.for_instance(page).get().current_task_state


# --- The workflow itself -----------------------------------------------------


def test_workflow_is_one_manager_approval_covering_the_whole_site(home):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == [TASK_NAME]
    assert isinstance(tasks[0], GroupApprovalTask)
    assert [group.name for group in tasks[0].groups.all()] == [Role.SAB_MANAGER.value]
    assert WorkflowPage.objects.get(page=home).workflow == workflow
    # Learning content under the home page goes through it.
    page = make_learning_page(title="Mental capacity in practice")
    assert page.get_workflow() == workflow


def test_setting_up_twice_changes_nothing(home):
    ensure_editorial_workflow()
    call_command("setup_site", verbosity=0)
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert GroupApprovalTask.objects.filter(name=TASK_NAME).count() == 1
    assert WorkflowPage.objects.filter(page=home).count() == 1


def test_setup_keeps_a_workflow_an_administrator_chose_for_the_home_page(home):
    other = Workflow.objects.create(name="Board sign-off")
    WorkflowPage.objects.filter(page=home).update(workflow=other)
    ensure_editorial_workflow()
    assert WorkflowPage.objects.get(page=home).workflow == other


def test_editor_is_offered_submit_to_sab_review_and_not_publish(home, draft, editor_client):
    body = editor_client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).content.decode()
    assert "Submit to SAB review" in body
    assert 'name="action-publish"' not in body


def test_editor_submits_and_a_manager_approves_which_publishes(
    home, draft, editor_client, manager_client
):
    _submit(editor_client, draft)
    draft.refresh_from_db()
    assert not draft.live
    task_state = _current_task_state(draft)
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert task_state.task.name == TASK_NAME

    # Wagtail's own "Awaiting your review" panel lists it for the manager.
    dashboard = manager_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Awaiting your review" in dashboard
    assert "Escalation policy" in dashboard

    response = manager_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.live
    assert "New wording." in draft.body


def test_an_editor_cannot_approve_their_own_submission(home, draft, editor_client):
    _submit(editor_client, draft)
    task_state = _current_task_state(draft)
    editor_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk]),
        {"comment": ""},
    )
    draft.refresh_from_db()
    assert not draft.live
    assert _current_task_state(draft).status == TaskState.STATUS_IN_PROGRESS


def test_a_manager_rejects_with_a_comment_and_the_page_stays_unpublished(
    home, draft, editor_client, manager_client
):
    _submit(editor_client, draft)
    task_state = _current_task_state(draft)
    manager_client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "reject", task_state.pk]),
        {"comment": "Please add the date the policy changed."},
    )
    draft.refresh_from_db()
    assert not draft.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.get_comment() == "Please add the date the policy changed."
    assert task_state.workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


# --- Content due for review -------------------------------------------------


@pytest.fixture
def overdue_and_current(home):
    overdue = make_learning_page(
        title="Overdue briefing on cuckooing", review_due=TODAY - datetime.timedelta(days=30)
    )
    due_today = make_learning_page(title="Due today on scams", review_due=TODAY)
    current = make_learning_page(
        title="Current page on coercion", review_due=TODAY + datetime.timedelta(days=90)
    )
    undated = make_learning_page(title="Undated page on neglect")
    return overdue, due_today, current, undated


def test_due_for_review_lists_overdue_first_and_leaves_out_current_pages(overdue_and_current):
    overdue, due_today, *_ = overdue_and_current
    draft = make_learning_page(
        title="Draft past its date", review_due=TODAY - datetime.timedelta(days=1), publish=False
    )
    pages = list(pages_due_for_review())
    assert [page.pk for page in pages] == [overdue.pk, due_today.pk]
    assert pages[0].review_due == overdue.review_due
    assert draft.pk not in {page.pk for page in pages}


def test_due_for_review_is_one_query(overdue_and_current, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(pages_due_for_review())


def test_review_due_panel_on_the_editors_dashboard(overdue_and_current, editor_client):
    body = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Content due for review" in body
    assert "Overdue briefing on cuckooing" in body
    assert "Current page on coercion" not in body
    overdue = overdue_and_current[0]
    assert reverse("wagtailadmin_pages:edit", args=[overdue.pk]) in body


def test_site_administrator_dashboard_has_no_review_due_panel(overdue_and_current, totp_user):
    client = _signed_in(make_person(role=Role.SITE_ADMINISTRATOR), totp_user)
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Overdue briefing on cuckooing" not in body


def test_review_due_report_for_managers(overdue_and_current, manager_client):
    response = manager_client.get(reverse("learning_review_due_report"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Overdue briefing on cuckooing" in body
    assert "Due today on scams" in body
    assert "Current page on coercion" not in body
    assert (
        "Content due for review"
        in manager_client.get(reverse("wagtailadmin_home")).content.decode()
    )


def test_review_due_report_exports_a_spreadsheet(overdue_and_current, manager_client):
    response = manager_client.get(reverse("learning_review_due_report") + "?export=csv")
    assert response.status_code == 200
    assert "Overdue briefing on cuckooing" in b"".join(response.streaming_content).decode()


def test_review_due_report_is_not_for_practitioners(overdue_and_current, client):
    client.force_login(make_person(role=Role.PRACTITIONER))
    response = client.get(reverse("learning_review_due_report"))
    assert response.status_code in (302, 403)
    assert "Overdue briefing on cuckooing" not in response.content.decode()


def test_review_due_report_is_not_for_site_administrators(overdue_and_current, totp_user):
    client = _signed_in(make_person(role=Role.SITE_ADMINISTRATOR), totp_user)
    response = client.get(reverse("learning_review_due_report"))
    assert response.status_code in (302, 403)


def test_wagtails_default_workflow_with_no_approvers_is_retired(home):
    default = Workflow.objects.get(name="Moderators approval")
    assert not default.active
    assert not WorkflowPage.objects.filter(workflow=default).exists()


def test_a_default_workflow_someone_gave_approvers_is_kept(home):
    default = Workflow.objects.get(name="Moderators approval")
    default.active = True
    default.save()
    task = default.tasks.first().specific
    task.groups.add(Group.objects.get(name=Role.SAB_MANAGER.value))
    ensure_editorial_workflow()
    default.refresh_from_db()
    assert default.active


def test_demo_shows_one_overdue_page_and_one_change_awaiting_approval(home):
    from learning.demo.editorial import seed_editorial_demo

    oldest = make_learning_page(title="Oldest demo page")
    newest = make_learning_page(title="Newest demo page", kind="briefing")
    editor = make_person(role=Role.SAB_EDITOR)
    manager = make_person(role=Role.SAB_MANAGER)

    seed_editorial_demo()
    revisions = oldest.revisions.count()
    seed_editorial_demo()  # a second run changes nothing

    assert [page.pk for page in pages_due_for_review()] == [oldest.pk]
    assert oldest.revisions.count() == revisions
    states = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    assert [state.object_id for state in states] == [str(newest.pk)]
    newest.refresh_from_db()
    assert newest.live and newest.has_unpublished_changes

    # The re-dated page went live through the SAB review, not around it: its live
    # revision is the one the editor wrote and the manager approved.
    oldest.refresh_from_db()
    approved = TaskState.objects.get(
        revision=oldest.live_revision, status=TaskState.STATUS_APPROVED
    )
    assert approved.finished_by == manager
    assert approved.workflow_state.requested_by == editor
    assert approved.workflow_state.workflow.name == WORKFLOW_NAME
    assert oldest.live_revision.user == editor
