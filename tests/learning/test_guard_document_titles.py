"""The anonymisation guard reads the titles of documents a page links to: a title is
published as the link's text, so a name in it is as public as one in the page."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock

from briefings.demo import ensure_review_index
from briefings.models import ReviewType, SafeguardingAdultsReviewPage
from learning.anonymisation import Kind
from learning.models import Principle
from learning.publishing_guard.services import scan_page
from learning.publishing_guard.texts import block_texts
from learning.site_setup import ensure_site_pages

pytestmark = pytest.mark.django_db

Document = get_document_model()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _document(title: str):
    document = Document(title=title)
    document.file.save("report.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return document


def _review(**fields) -> SafeguardingAdultsReviewPage:
    review = SafeguardingAdultsReviewPage(
        live=False,
        title="Review of a hospital discharge",
        slug="review-hospital-discharge",
        summary="What the board learned.",
        pseudonym="Adult D",
        board="Northmoor Safeguarding Adults Board",
        year_published=2024,
        review_type=ReviewType.DISCRETIONARY,
        key_findings=[("finding", "Agencies did not share what they knew.")],
        recommendations=[("recommendation", "Agree one discharge checklist.")],
        **fields,
    )
    review.principles = [Principle.objects.get(slug="partnership")]
    ensure_review_index(ensure_site_pages()).add_child(instance=review)
    return review


def test_a_linked_report_documents_title_is_scanned():
    review = _review(report_document=_document("SAR report - Mrs Joan Smith (final)"))

    found = [(f.field, f.kind, f.text) for f in scan_page(review)]

    assert ("report_document", Kind.PERSON_NAME, "Mrs Joan Smith") in found


def test_a_document_with_a_safe_title_adds_no_finding():
    review = _review(report_document=_document("SAR Adult D overview report"))

    assert scan_page(review) == []


def test_a_document_chosen_in_a_stream_block_gives_its_title():
    block = blocks.StructBlock([("report", DocumentChooserBlock())])
    document = _document("Notes on Mrs Joan Smith")

    texts = list(block_texts(block, block.to_python({"report": document.pk}), "Body"))

    assert ("Body \u203a Report", "Notes on Mrs Joan Smith") in texts
