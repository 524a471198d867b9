"""Text a page publishes outside its prose is scanned too: the slug (in the page's
address), rich text's link addresses and images' alt text, web addresses in stream
blocks, and the file names of linked documents (in the link's address)."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.rich_text import RichText

from learning.anonymisation import Kind
from learning.publishing_guard.services import AnonymisationError, scan_page
from learning.publishing_guard.texts import SEPARATOR, block_texts, url_texts
from tests.learning.publishing_guard.helpers import reload

pytestmark = pytest.mark.django_db

Document = get_document_model()


def _found(page) -> set[tuple[str, str, Kind, str]]:
    return {(f.field, f.label, f.kind, f.text) for f in scan_page(page)}


def _kinds_at(page, field: str) -> set[Kind]:
    return {f.kind for f in scan_page(page) if f.field == field}


# --- The slug ------------------------------------------------------------------------------


def test_the_slug_is_read_with_its_hyphens_as_spaces(make_draft):
    page = make_draft(slug="joan-smith-485-777-3456")

    assert ("slug", "Slug", Kind.PERSON_NAME, "joan smith") in _found(page)


def test_a_slug_holding_identifiers_blocks_publishing(make_draft):
    page = make_draft(slug="joan-smith-9434765919-tn39-4pq")

    with pytest.raises(AnonymisationError):
        page.save_revision().publish()
    assert {Kind.NHS_NUMBER, Kind.POSTCODE} <= _kinds_at(page, "slug")
    assert not reload(page).live


def test_an_ordinary_slug_adds_no_finding(make_draft):
    assert scan_page(make_draft(slug="living-with-risk-at-home")) == []


# --- Rich text: link addresses and alt text ------------------------------------------------


def test_an_email_link_is_scanned_under_its_field(make_draft):
    page = make_draft(
        situation='<p>She rang <a href="mailto:joan.smith@gmail.com">her friend</a>.</p>'
    )

    label = f"The situation{SEPARATOR}link address"
    assert ("situation", label, Kind.EMAIL, "joan.smith@gmail.com") in _found(page)
    with pytest.raises(AnonymisationError):
        page.save_revision().publish()


def test_a_name_in_a_web_address_is_found(make_draft):
    page = make_draft(
        situation='<p>Her <a href="https://www.facebook.com/joan.smith.1941">page</a>.</p>'
    )

    assert Kind.PERSON_NAME in _kinds_at(page, "situation")


def test_a_social_media_address_gives_the_name_on_it():
    assert "instagram joansmith41" in url_texts("https://www.instagram.com/joansmith41/")


def test_an_images_alt_text_is_scanned(make_draft):
    page = make_draft(
        situation=(
            '<p>A photograph.</p><embed embedtype="image" id="1" format="left" '
            'alt="Joan Smith outside 14 Acacia Avenue TN39 4PQ"/>'
        )
    )

    label = f"The situation{SEPARATOR}alt text"
    found = _found(page)
    assert ("situation", label, Kind.POSTCODE, "TN39 4PQ") in found
    assert ("situation", label, Kind.STREET_ADDRESS, "14 Acacia Avenue") in found


def test_a_link_in_a_stream_blocks_rich_text_is_scanned(make_draft, empowerment):
    text = RichText('<p>Led by <a href="mailto:joan.smith@gmail.com">her</a>.</p>')
    page = make_draft(
        principles_in_practice=[("principle", {"principle": empowerment, "text": text})]
    )

    [finding] = [f for f in scan_page(page) if f.kind is Kind.EMAIL]
    assert finding.field == "principles_in_practice"
    assert finding.label.endswith(f"How it showed{SEPARATOR}link address")


def test_ordinary_links_add_no_finding(make_draft):
    page = make_draft(
        situation=(
            '<p>See <a href="https://www.gov.uk/government/publications/care-act-statutory-'
            'guidance">the guidance</a>, <a href="#top">the top</a> and '
            '<a linktype="page" id="2">our home page</a>.</p>'
        )
    )

    assert scan_page(page) == []


def test_a_web_address_block_is_scanned():
    block = blocks.StructBlock([("link", blocks.URLBlock())])
    value = block.to_python({"link": "https://www.facebook.com/joan.smith.1941"})

    texts = list(block_texts(block, value, "Body"))

    assert ("Body \u203a Link", "facebook com joan smith 1941") in texts


# --- Documents: the file name is in the link ------------------------------------------------


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _document(file_name: str, title: str = "Chronology"):
    document = Document(title=title)
    document.file.save(file_name, ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return document


def test_a_linked_documents_file_name_is_scanned(make_review):
    review = make_review(report_document=_document("joan-smith-9434765919-tn39-4pq.pdf"))

    kinds = {f.kind for f in scan_page(review) if f.field == "report_document"}
    assert {Kind.NHS_NUMBER, Kind.POSTCODE, Kind.PERSON_NAME} <= kinds
    with pytest.raises(AnonymisationError):
        review.save_revision().publish()


def test_a_document_with_a_plain_file_name_adds_no_finding(make_review):
    assert scan_page(make_review(report_document=_document("sar_overview_report.pdf"))) == []


def test_a_document_linked_from_rich_text_gives_its_file_name(make_draft):
    document = _document("joan_smith_tn39_4pq.pdf")
    page = make_draft(situation=f'<p>See <a linktype="document" id="{document.pk}">notes</a>.</p>')

    assert Kind.POSTCODE in _kinds_at(page, "situation")


def test_a_document_chosen_in_a_stream_block_gives_its_file_name():
    block = blocks.StructBlock([("report", DocumentChooserBlock())])
    document = _document("notes-on-joan-smith.pdf")

    texts = list(block_texts(block, block.to_python({"report": document.pk}), "Body"))

    assert ("Body \u203a Report \u203a file name", "notes on joan smith") in texts
