"""The rules of a briefing and a review, tested on the models and blocks directly."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.documents.models import Document
from wagtail.rich_text import RichText

from briefings.blocks import (
    BriefingSectionBlock,
    BriefingSectionsBlock,
    SectionHeading,
    section_count_message,
    section_value,
)
from briefings.models import (
    BriefingIndexPage,
    BriefingPage,
    ReviewIndexPage,
    ReviewType,
    SafeguardingAdultsReviewPage,
)
from briefings.reading import WORD_LIMIT, reading_length
from learning.models import HomePage
from tests.briefings.conftest import sections

pytestmark = pytest.mark.django_db

# Pages built in memory have no place in the tree yet.
TREE_FIELDS = ["path", "depth"]


def _message(count: int) -> str:
    return f"A seven-minute briefing has exactly seven sections; this one has {count}."


# --- Exactly seven sections -------------------------------------------------------


@pytest.mark.parametrize("count", [0, 6, 8])
def test_the_sections_block_refuses_another_number(count):
    block = BriefingSectionsBlock()
    with pytest.raises(StreamBlockValidationError) as caught:
        block.clean(block.to_python([]) if count == 0 else _stream(block, count))
    messages = [str(message) for message in caught.value.non_block_errors]
    assert len(messages) == 1
    assert messages[0].startswith(_message(count))


def test_the_sections_block_accepts_seven():
    block = BriefingSectionsBlock()
    assert len(block.clean(_stream(block, 7))) == 7


def test_the_count_is_checked_on_drafts_too():
    # Wagtail skips min_num when saving a draft; a briefing must still have seven.
    block = BriefingSectionsBlock()
    block.defer_required_validation()
    with pytest.raises(StreamBlockValidationError):
        block.clean(_stream(block, 6))


def _stream(block, count):
    return block.to_python([{"type": "section", "value": _raw_section(i)} for i in range(count)])


def _raw_section(i):
    return {"heading": "", "custom_heading": f"Part {i + 1}", "body": "<p>Text.</p>"}


@pytest.mark.parametrize("count", [6, 8])
def test_full_clean_refuses_another_number(count):
    page = BriefingPage(title="T", slug="t", summary="S", sections=sections(count))
    with pytest.raises(ValidationError) as caught:
        page.full_clean(exclude=TREE_FIELDS)
    assert caught.value.message_dict["sections"] == [section_count_message(count)]


def test_full_clean_accepts_seven():
    page = BriefingPage(title="T", slug="t", summary="S", sections=sections(7))
    page.full_clean(exclude=TREE_FIELDS)


def test_a_page_with_six_sections_is_not_saved(briefing_index):
    page = BriefingPage(title="Six", slug="six", summary="S", sections=sections(6))
    with pytest.raises(ValidationError, match="this one has 6"):
        briefing_index.add_child(instance=page)
    assert not BriefingPage.objects.filter(slug="six").exists()


def test_the_message_says_what_to_do():
    assert section_count_message(5) == f"{_message(5)} Add 2 more."
    assert section_count_message(9) == f"{_message(9)} Remove 2."


# --- Section headings ---------------------------------------------------------------


def test_a_common_heading_is_stored_as_a_choice_and_any_other_as_its_own():
    assert section_value("what to do ", "<p>x</p>") == {
        "heading": SectionHeading.WHAT_TO_DO,
        "custom_heading": "",
        "body": "<p>x</p>",
    }
    assert section_value("Key dates", "")["custom_heading"] == "Key dates"


def test_the_own_heading_wins_over_the_chosen_one():
    block = BriefingSectionBlock()
    value = block.to_python(
        {"heading": "background", "custom_heading": "What happened", "body": "<p>x</p>"}
    )
    assert value.heading_text() == "What happened"
    value = block.to_python({"heading": "background", "custom_heading": "", "body": "<p>x</p>"})
    assert value.heading_text() == "Background"


def test_a_section_without_any_heading_is_refused():
    block = BriefingSectionBlock()
    value = block.to_python({"heading": "", "custom_heading": "  ", "body": "<p>x</p>"})
    with pytest.raises(StructBlockValidationError) as caught:
        block.clean(value)
    assert "heading" in caught.value.block_errors


def test_a_new_briefing_starts_with_the_seven_common_headings():
    page = BriefingPage()
    assert [s.value.heading_text() for s in page.sections] == [h.label for h in SectionHeading]


# --- Reading length -----------------------------------------------------------------


def _briefing_with_words(words_per_section: int) -> BriefingPage:
    body = "<p>" + " ".join(["word"] * words_per_section) + "</p>"
    return BriefingPage(title="T", summary="Two words", sections=sections(body=body))


def test_reading_length_counts_summary_headings_bodies_and_questions(principles):
    page = _briefing_with_words(10)
    page.reflective_questions = [
        ("question", {"text": "What would you do?", "principle": principles["prevention"]})
    ]
    heading_words = sum(len(h.label.split()) for h in SectionHeading)
    length = reading_length(page)
    assert length.words == 2 + heading_words + 7 * 10 + 4
    assert length.minutes == 1
    assert not length.too_long


def test_reading_length_warns_past_the_limit():
    short = reading_length(_briefing_with_words(150))
    assert short.words <= WORD_LIMIT and not short.too_long
    long = reading_length(_briefing_with_words(180))
    assert long.words > WORD_LIMIT and long.too_long
    assert long.minutes == -(-long.words // 200)  # rounded up
    assert long.words_display == f"{long.words:,}"


def test_reading_length_ignores_markup():
    page = BriefingPage(
        summary="",
        sections=sections(body='<ul><li><a href="https://example.org">one</a></li></ul>'),
    )
    heading_words = sum(len(h.label.split()) for h in SectionHeading)
    assert reading_length(page).words == heading_words + 7


# --- Safeguarding Adults Reviews -----------------------------------------------------


def _review(year: int) -> SafeguardingAdultsReviewPage:
    return SafeguardingAdultsReviewPage(
        title="SAR: Adult Z",
        slug="sar-adult-z",
        summary="What happened.",
        pseudonym="Adult Z",
        board="Northmoor Safeguarding Adults Board",
        year_published=year,
        review_type=ReviewType.DISCRETIONARY,
        key_findings=[("finding", "A finding.")],
        recommendations=[("recommendation", "A recommendation.")],
    )


@pytest.mark.parametrize("year", [1989, 1066, timezone.localdate().year + 2])
def test_review_year_out_of_range_is_refused(year):
    with pytest.raises(ValidationError) as caught:
        _review(year).full_clean(exclude=TREE_FIELDS)
    next_year = timezone.localdate().year + 1
    assert caught.value.message_dict["year_published"] == [
        f"Enter a year between 1990 and {next_year}."
    ]


@pytest.mark.parametrize("year", [1990, 2015, timezone.localdate().year + 1])
def test_review_year_in_range_is_accepted(year):
    _review(year).full_clean(exclude=TREE_FIELDS)


def test_review_report_link_prefers_the_uploaded_document(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    review = _review(2024)
    assert review.report_link() == ""
    review.report_url = "https://example.org/report.pdf"
    assert review.report_link() == "https://example.org/report.pdf"
    document = Document.objects.create(
        title="Adult Z report", file=ContentFile(b"%PDF-1.4", name="adult-z.pdf")
    )
    review.report_document = document
    assert review.report_link() == document.url


# --- Where pages may go -------------------------------------------------------------


def test_page_tree_rules(home, briefing_index, review_index):
    assert BriefingPage.allowed_parent_page_models() == [BriefingIndexPage]
    assert SafeguardingAdultsReviewPage.allowed_parent_page_models() == [ReviewIndexPage]
    assert BriefingPage.allowed_subpage_models() == []
    assert SafeguardingAdultsReviewPage.allowed_subpage_models() == []
    assert BriefingIndexPage.allowed_parent_page_models() == [HomePage]
    assert BriefingIndexPage.allowed_subpage_models() == [BriefingPage]
    assert ReviewIndexPage.allowed_subpage_models() == [SafeguardingAdultsReviewPage]
    # One of each index.
    assert not BriefingIndexPage.can_create_at(home)
    assert not ReviewIndexPage.can_create_at(home)


def test_rich_text_in_sections_round_trips():
    page = BriefingPage(sections=sections(body="<p><b>Bold</b> move</p>"))
    assert isinstance(page.sections[0].value["body"], RichText)
