"""Findings in the page editor: each links to its field (and the text to highlight),
says what to do about it, and the warning says what the check does not look for.

The anchors are checked against the real edit form Wagtail draws, so a change in how
Wagtail names its panels fails here rather than silently sending editors to the top of
the page."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils.html import escape
from wagtail.admin.panels import get_form_for_model

from case_studies.models import CaseStudyPage
from learning.anonymisation import NOT_CHECKED, Kind
from learning.publishing_guard.editor_links import field_anchor, finding_edit_url
from learning.publishing_guard.forms import LearningPageForm
from learning.publishing_guard.services import FieldFinding
from tests.learning.publishing_guard.helpers import NAME, edit_url

pytestmark = pytest.mark.django_db

NHS_NUMBER = "943 476 5919"


@pytest.fixture
def editor(client, editor):
    """The shared editor, signed in: these tests read the edit page they would see."""
    client.force_login(editor)
    return editor


@pytest.fixture
def review(make_review):
    return make_review(pseudonym="Adult C")


def _finding(field: str, text: str = NAME, kind: Kind = Kind.PERSON_NAME) -> FieldFinding:
    return FieldFinding(field=field, label=field.capitalize(), kind=kind, text=text)


def _edit_page(client, page) -> str:
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return response.content.decode()


# --- finding_edit_url ---------------------------------------------------------------------


def test_the_link_is_the_edit_page_with_the_field_and_text_encoded(make_draft):
    page = make_draft()
    text = "O\u2019Brien & Smith-Jones #2 ?x=1"

    url = urlsplit(finding_edit_url(page, _finding("summary", text)))

    assert url.path == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert parse_qs(url.query) == {"finding_field": ["summary"], "finding_text": [text]}
    assert url.fragment == "panel-child-content-summary-section"


@pytest.mark.parametrize(
    ("field", "anchor"),
    [
        # A field directly in a tab: its section, whose heading is the field's label.
        ("title", "panel-child-content-title-section"),
        ("summary", "panel-child-content-summary-section"),
        ("reflective_questions", "panel-child-content-reflective_questions-section"),
        # Fields inside a group of fields: the field's own wrapper, with its label.
        ("situation", "panel-child-content-child-the_case-child-situation-wrapper"),
        ("desired_outcomes", "panel-child-content-child-the_case-child-desired_outcomes-wrapper"),
        ("themes", "panel-child-content-child-tagging-child-themes-wrapper"),
        ("names_used", "panel-child-content-child-the_case-child-names_used-wrapper"),
        # Another tab.
        ("seo_title", "panel-child-promote-child-for_search_engines-child-seo_title-wrapper"),
    ],
)
def test_case_study_anchors_name_elements_of_the_real_edit_form(
    client, editor, make_draft, field, anchor
):
    page = make_draft()

    assert field_anchor(page, field) == anchor
    assert f'id="{anchor}"' in _edit_page(client, page)
    assert urlsplit(finding_edit_url(page, _finding(field))).fragment == anchor


@pytest.mark.parametrize(
    ("field", "anchor"),
    [
        ("key_findings", "panel-child-content-key_findings-section"),
        ("recommendations", "panel-child-content-recommendations-section"),
        ("pseudonym", "panel-child-content-child-the_review-child-pseudonym-wrapper"),
    ],
)
def test_review_stream_and_pseudonym_anchors_exist(client, editor, review, field, anchor):
    assert field_anchor(review, field) == anchor
    assert f'id="{anchor}"' in _edit_page(client, review)


def test_a_base_page_row_finds_its_own_types_panels(make_draft):
    page = make_draft()
    base = page.page_ptr  # a wagtail.models.Page, as listings hand out
    assert field_anchor(base, "situation") == field_anchor(page, "situation")


def test_a_field_no_panel_shows_gets_no_fragment(make_draft):
    page = make_draft()
    url = finding_edit_url(page, _finding("not_a_field"))
    assert "#" not in url
    assert "finding_field=not_a_field" in url


# --- The warning on the edit page ---------------------------------------------------------


def _warning(body: str) -> str:
    start = body.index("This version has")
    return body[start : body.index("</li>\n", body.index("hub-findings-limits", start))]


def test_each_finding_in_the_warning_links_to_its_field_and_says_what_to_do(
    client, editor, make_draft
):
    page = make_draft(
        summary=f"{NAME} wanted to stay at home.",
        situation=f"<p>Her NHS number, {NHS_NUMBER}, was on the letter.</p>",
    )

    warning = _warning(_edit_page(client, page))

    assert "This version has 2 possible identifiers" in warning
    name_link = finding_edit_url(page, _finding("summary"))
    nhs_link = finding_edit_url(page, _finding("situation", NHS_NUMBER, Kind.NHS_NUMBER))
    assert f'<a href="{escape(name_link)}">' in warning
    assert f'<a href="{escape(nhs_link)}">' in warning
    # What to do: the kind's advice; a strong identifier must be changed, a name need not.
    assert f"person name “{NAME}”</a>. {escape(Kind.PERSON_NAME.advice)}" in warning
    assert f"NHS number “{NHS_NUMBER}”</a> (must be changed). Remove it." in warning


def test_the_warning_says_what_the_check_does_not_look_for(client, editor, make_draft):
    page = make_draft(summary=f"{NAME} wanted to stay at home.")

    warning = _warning(_edit_page(client, page))

    assert "<summary>What this check does not look for</summary>" in warning
    for limit in NOT_CHECKED:
        assert escape(limit[0].upper() + limit[1:]) in warning


def test_a_suggestion_is_offered_in_place_of_the_general_advice(make_draft):
    from learning.publishing_guard.admin_hooks import findings_list_html

    page = make_draft()
    finding = FieldFinding(
        field="summary",
        label="Summary",
        kind=Kind.EVENT_DATE,
        text="3 April 2021",
        suggestion="Write “April 2021” instead.",
    )

    html = findings_list_html(page, [finding])

    assert "Write “April 2021” instead." in html
    assert Kind.EVENT_DATE.advice not in html


def test_a_clean_page_still_offers_the_anonymisation_check(client, editor, make_draft):
    page = make_draft()
    body = _edit_page(client, page)
    assert "possible identifier" not in body
    assert reverse("anonymisation_findings", args=[page.pk]) in body
    assert "Anonymisation check" in body


def test_the_editor_loads_the_highlighting_script_and_style(client, editor, make_draft):
    body = _edit_page(client, make_draft())
    assert "js/admin-finding-highlight.js" in body
    assert "css/admin-finding-highlight.css" in body


# --- Beside the field ---------------------------------------------------------------------


def test_the_help_text_beside_a_field_says_what_to_do(make_draft, editor):
    page = make_draft(summary=f"{NAME} rang on {NHS_NUMBER}.")
    form_class = get_form_for_model(CaseStudyPage, form_class=LearningPageForm, fields=["summary"])

    help_text = str(
        form_class(instance=page.get_latest_revision_as_object(), for_user=editor)
        .fields["summary"]
        .help_text
    )

    assert f"person name “{NAME}”. {escape(Kind.PERSON_NAME.advice)}" in help_text
    assert f"NHS number “{NHS_NUMBER}”, which must be changed. Remove it." in help_text
