"""The anonymisation guard reads the titles of documents a page links to: a title is
published as the link's text, so a name in it is as public as one in the page."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock

from learning.anonymisation import Kind
from learning.publishing_guard.services import scan_page
from learning.publishing_guard.texts import block_texts

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


def test_a_linked_report_documents_title_is_scanned(make_review):
    review = make_review(report_document=_document("SAR report - Mrs Joan Smith (final)"))

    found = [(f.field, f.kind, f.text) for f in scan_page(review)]

    assert ("report_document", Kind.PERSON_NAME, "Mrs Joan Smith") in found


def test_a_document_with_a_safe_title_adds_no_finding(make_review):
    review = make_review(report_document=_document("SAR Adult D overview report"))

    assert scan_page(review) == []


def test_a_document_chosen_in_a_stream_block_gives_its_title():
    block = blocks.StructBlock([("report", DocumentChooserBlock())])
    document = _document("Notes on Mrs Joan Smith")

    texts = list(block_texts(block, block.to_python({"report": document.pk}), "Body"))

    assert ("Body \u203a Report", "Notes on Mrs Joan Smith") in texts
