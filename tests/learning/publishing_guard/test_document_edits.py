"""Renaming, or uploading a new file for, a document that live learning pages link to:
the live pages show the new title and file name at once, without being published
again, so the document form refuses one that may identify someone."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex

from learning.publishing_guard.documents import UNNAMED_LIVE_PAGE, refused_changes
from tests.learning.publishing_guard.helpers import NAME

pytestmark = pytest.mark.django_db

Document = get_document_model()

SAFE_TITLE = "SAR Adult D: full report"
IDENTIFYING_FILE = "joan-smith-9434765919-tn39-4pq.pdf"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def report():
    document = Document(title="Full report")
    document.file.save("report.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return document


@pytest.fixture
def live_review(make_review, report):
    review = make_review(report_document=report)
    review.save_revision().publish()
    return review


def pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\nnew", "application/pdf")


def edit(client, document, **fields):
    document.refresh_from_db()
    data = {"title": document.title, "collection": document.collection_id, **fields}
    return client.post(reverse("wagtaildocs:edit", args=[document.pk]), data)


def form_errors(response) -> str:
    form = response.context["form"]
    return " ".join(str(error) for errors in form.errors.values() for error in errors)


def test_renaming_to_a_name_is_refused_while_a_live_page_uses_it(
    client, editor, live_review, report
):
    client.force_login(editor)

    response = edit(client, report, title=f"Report on {NAME}")

    assert response.status_code == 200
    errors = form_errors(response)
    assert "person name" in errors and "Joan Smith" in errors
    assert f"Used on live pages: “{live_review.title}”" in errors
    assert "change the title, or unpublish them first" in errors
    report.refresh_from_db()
    assert report.title == "Full report"


def test_the_same_rename_is_allowed_when_only_a_draft_uses_it(client, editor, make_review, report):
    make_review(report_document=report)  # never published: its guard checks at publish
    client.force_login(editor)

    response = edit(client, report, title=f"Report on {NAME}")

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title == f"Report on {NAME}"


def test_uploading_a_file_with_an_identifying_name_is_refused(client, editor, live_review, report):
    client.force_login(editor)
    old_file = report.file.name

    response = edit(client, report, file=pdf(IDENTIFYING_FILE))

    assert response.status_code == 200
    errors = form_errors(response)
    assert "file name" in errors
    assert "NHS number" in errors and "postcode" in errors
    assert "change the file name, or unpublish them first" in errors
    report.refresh_from_db()
    assert report.file.name == old_file


def test_a_safe_rename_and_a_safe_file_pass(client, editor, live_review, report):
    client.force_login(editor)

    response = edit(client, report, title=SAFE_TITLE, file=pdf("sar-adult-d-report.pdf"))

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title == SAFE_TITLE
    assert "sar-adult-d-report" in report.file.name


def test_an_identifying_title_already_saved_does_not_block_other_changes(
    client, editor, live_review, report
):
    # Saved before this check existed: the page's own guard reports it; changing only
    # the tags here shows nothing new on the live page.
    Document.objects.filter(pk=report.pk).update(title=f"Report on {NAME}")
    client.force_login(editor)

    response = edit(client, report, tags="overview")

    assert response.status_code == 302


def test_a_document_linked_in_rich_text_of_a_live_case_study_is_guarded(
    client, manager, make_draft, report
):
    page = make_draft(
        situation=f'<p>Read <a linktype="document" id="{report.pk}">the report</a>.</p>'
    )
    page.save_revision().publish()
    client.force_login(manager)

    response = client.post(
        reverse("wagtaildocs:edit_multiple", args=[report.pk]),
        {
            f"doc-{report.pk}-title": f"Notes on {NAME}",
            f"doc-{report.pk}-collection": report.collection_id,
            f"doc-{report.pk}-tags": "",
        },
    )

    data = response.json()
    assert data["success"] is False
    assert "Joan Smith" in data["form"] and page.title in data["form"]
    report.refresh_from_db()
    assert report.title == "Full report"


def test_a_live_pages_declared_pseudonym_passes(make_review, report):
    review = make_review(report_document=report, names_used="Joan")
    review.save_revision().publish()

    assert refused_changes(report, title="Notes on Mrs Joan") == []
    assert refused_changes(report, title=f"Notes on {NAME}") != []


def test_a_link_the_reference_index_has_not_caught_up_with_is_still_guarded(live_review, report):
    ReferenceIndex.objects.all().delete()  # as while the index's update task waits

    [refusal] = refused_changes(report, title=f"Report on {NAME}")

    assert refusal.field == "title"
    assert UNNAMED_LIVE_PAGE in refusal.message
