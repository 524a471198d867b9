"""Every spreadsheet export of the admin, found by walking the URL resolver, downloaded
as CSV and XLSX with formula payloads in page titles, user names and free text: no cell
may be a formula or start like one."""

from __future__ import annotations

import csv
import datetime
import io
import re

import openpyxl
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Workflow

from learning.models import AnonymisationOverride, Principle
from learning.roles import Role
from learning.site_setup import ensure_site_pages
from learning.spreadsheets import FORMULA_STARTS
from quizzes.demo import ensure_check_index
from quizzes.models import KnowledgeCheckPage
from tests.learning.test_spreadsheets import PAYLOADS
from tests.quizzes.helpers import single

pytestmark = pytest.mark.django_db

NEUTRALISED = {"'" + payload for payload in PAYLOADS}

# Exports whose rows carry the payloads (titles of pages, or override reasons); each
# must show every payload, neutralised. The others must still be safe throughout.
CARRIES_PAYLOADS = {
    "site_history",
    "aging_pages",
    "locked_pages",
    "workflow",
    "workflow_tasks",
    "quizzes_check_report",
    "learning_review_due_report",
    "anonymisation_overrides",
}


def export_urls() -> list[tuple[str, str]]:
    """(URL, URL name) of every view that mixes in SpreadsheetExportMixin."""
    found = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                view_class = getattr(pattern.callback, "view_class", None)
                if view_class and issubclass(view_class, SpreadsheetExportMixin):
                    found.append(("/" + prefix + str(pattern.pattern), pattern.name or ""))

    walk(get_resolver().url_patterns, "")
    return found


@pytest.fixture
def superuser(sign_in_with_mfa):
    user = sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    user.is_superuser = True
    user.first_name, user.last_name = "=cmd", "@user"
    user.save()
    return user


@pytest.fixture
def payload_content(superuser):
    """Knowledge checks titled with each payload: published, overdue for review,
    locked, in moderation, overridden and redirected to, so that every page report has
    them. (Wagtail's moderation emails refuse the titles with a line break and log it;
    that does not stop the workflow.)"""
    home = ensure_site_pages()
    index = ensure_check_index(home)
    principle = Principle.objects.first()
    workflow = Workflow.objects.filter(active=True).first()
    pages = []
    for number, title in enumerate(PAYLOADS, 1):
        page = KnowledgeCheckPage(
            title=title,
            slug=f"formula-{number}",
            summary="A check.",
            questions=[single()],
            review_due=datetime.date(2020, 1, 1),
        )
        page.principles = [principle]
        index.add_child(instance=page)
        page.save_revision(user=superuser, log_action=True).publish(user=superuser)
        page.refresh_from_db()
        page.save_revision(user=superuser)
        workflow.start(page, superuser)
        AnonymisationOverride.objects.create(
            page=page,
            revision=page.latest_revision,
            proposed_by=superuser,
            kind="person_name",
            text=title,
            location=title,
            reason=title,
        )
        Redirect.objects.create(old_path=f"/old-{number}", redirect_page=page)
        pages.append(page)
    KnowledgeCheckPage.objects.filter(pk__in=[page.pk for page in pages]).update(
        locked=True, locked_by=superuser, locked_at=datetime.datetime.now(datetime.UTC)
    )
    return pages


def csv_cells(content: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))) for cell in row]


def xlsx_cells(content: bytes) -> list[openpyxl.cell.cell.Cell]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def test_every_export_url_is_formula_safe(client, payload_content):
    urls = export_urls()
    assert len(urls) > 20  # the walk found the admin's listings
    carried = set()
    for url, name in urls:
        assert not re.search(r"<\w+:?\w*>", url), f"{url}: give the test a value for it"
        csv_response = client.get(url, {"export": "csv"})
        assert csv_response.status_code == 200, url
        assert csv_response["Content-Type"].startswith("text/csv"), url
        texts = csv_cells(b"".join(csv_response.streaming_content))
        unsafe = [text for text in texts if text.startswith(FORMULA_STARTS)]
        assert not unsafe, f"{url} CSV: {unsafe}"

        xlsx_response = client.get(url, {"export": "xlsx"})
        assert xlsx_response.status_code == 200, url
        cells = xlsx_cells(b"".join(xlsx_response.streaming_content))
        assert not [cell.coordinate for cell in cells if cell.data_type == "f"], url
        values = [cell.value for cell in cells if isinstance(cell.value, str)]
        unsafe = [value for value in values if value.startswith(FORMULA_STARTS)]
        assert not unsafe, f"{url} XLSX: {unsafe}"

        base_name = name.removesuffix("_results")
        if base_name in CARRIES_PAYLOADS:
            assert set(texts) >= NEUTRALISED, f"{url} CSV lacks {NEUTRALISED - set(texts)}"
            # XML reads a bare carriage return back as a line feed.
            expected = {text.replace("\r", "\n") for text in NEUTRALISED}
            assert set(values) >= expected, f"{url} XLSX lacks {expected - set(values)}"
            carried.add(base_name)
    assert carried == CARRIES_PAYLOADS


def test_the_knowledge_check_report_neutralises_titles(client, payload_content):
    response = client.get("/admin/reports/knowledge-checks/", {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert {row[0] for row in rows[1:]} == NEUTRALISED
