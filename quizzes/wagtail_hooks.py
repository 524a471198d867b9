"""How knowledge checks and myth-busters plug into the site: the navigation item, the
editors' report and the demo content."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import path, reverse
from wagtail import hooks

from learning.shared_cache.values import shared_page_url
from quizzes.admin_views import CheckReportDetailView, CheckReportMenuItem, CheckReportView
from quizzes.models import KnowledgeCheckPage
from quizzes.selectors import (
    knowledge_check_for,
    knowledge_check_index,
    passed_check_marks,
)


@hooks.register("hub_navigation_items")
def knowledge_checks_navigation_item(request: HttpRequest) -> list[dict]:
    url = shared_page_url("nav:knowledge-checks", knowledge_check_index, request)
    return [{"label": "Test your knowledge", "url": url}] if url else []


@hooks.register("hub_knowledge_check_url")
def knowledge_check_url_for(page, request: HttpRequest) -> str | None:
    """Where the learner takes the check that completes `page` (learning records ask)."""
    check = knowledge_check_for(page)
    return check.get_url(request) if check else None


@hooks.register("hub_pages_completed_elsewhere")
def checks_completed_as_their_page():
    """Checks attached to a page: passing one records a completion of that page (the
    attempt's completes_page), never of the check, so learning cannot require them."""
    return KnowledgeCheckPage.objects.filter(checks_page__isnull=False).values("pk")


@hooks.register("hub_completion_marks")
def passed_checks_marks(*, user, page_ids=None) -> dict[int, str]:
    """Checks the person has passed read "Passed" in listings, attached ones too (their
    pass is a completion of the page they are attached to, not of the check)."""
    return passed_check_marks(user=user, page_ids=page_ids)


@hooks.register("hub_knowledge_check_report")
def knowledge_check_report_figures(*, filters, questions: bool = True):
    """The figures for the hub's knowledge-check and feedback reports (learning.reports
    .knowledge_checks): attempts, passes and people by check and organisation, and
    each question's answers by organisation, for the report's filters."""
    from quizzes.reporting import hub_report_figures

    return hub_report_figures(filters=filters, questions=questions)


@hooks.register("hub_xapi_attempts")
def xapi_attempt_rows(*, people, start, end):
    """Attempts for the hub's xAPI export (learning.reports.xapi): rows of
    quizzes.xapi.ATTEMPT_FIELDS, started or finished in [start, end)."""
    from quizzes.xapi import attempt_rows

    return attempt_rows(people=people, start=start, end=end)


@hooks.register("register_admin_urls")
def register_check_report_urls():
    return [
        path("reports/knowledge-checks/", CheckReportView.as_view(), name="quizzes_check_report"),
        path(
            "reports/knowledge-checks/results/",
            CheckReportView.as_view(results_only=True),
            name="quizzes_check_report_results",
        ),
        path(
            "reports/knowledge-checks/<int:pk>/",
            CheckReportDetailView.as_view(),
            name="quizzes_check_report_detail",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_check_report_menu_item():
    return CheckReportMenuItem(
        "Knowledge checks",
        reverse("quizzes_check_report"),
        name="knowledge-checks",
        icon_name="tasks",
        order=770,
    )


@hooks.register("register_demo_content")
def load_demo_quizzes(home) -> None:
    from quizzes.demo import seed_quizzes

    seed_quizzes(home)


@hooks.register("register_demo_activity")
def load_demo_attempts(people) -> None:
    """Knowledge-check attempts by the demo staff, once learning's seed has made them
    (seed_demo runs this hook after it)."""
    from quizzes.demo_activity import seed_check_attempts

    seed_check_attempts(people)
