"""The findings screen as people use it (issue 13, "For the editor"): it reflows at any
width, shows each finding in its sentence, makes the second person look before they
confirm, says who declined what, words its advice as sentences, and its forms meet the
GOV.UK error pattern. The dashboard panel asks only about findings still in the page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import escape

from learning.anonymisation import Kind
from learning.models import AnonymisationOverride
from learning.publishing_guard.admin_hooks import findings_list_html
from learning.publishing_guard.services import (
    FieldFinding,
    decline_override,
    propose_override,
    scan_page,
    scan_texts,
    unresolved_findings,
)
from learning.publishing_guard.texts import PageText
from tests.learning.publishing_guard.helpers import NAME, REASON, findings_url

pytestmark = pytest.mark.django_db

NHS = "943 476 5870"
AGREED = "I have read this detail in the page and agree it cannot identify anyone"


def _propose(page, user, text: str = NAME):
    revision = page.get_latest_revision()
    finding = next(f for f in unresolved_findings(page, revision) if f.text == text)
    return propose_override(page, revision, user, finding.kind, finding.text, REASON)


def _decide(client, page, override, action: str, **extra):
    return client.post(
        findings_url(page),
        {
            "action": action,
            "override_id": override.pk,
            "revision_id": page.get_latest_revision().pk,
            **extra,
        },
    )


def _finding_block(html: str, number: int) -> str:
    match = re.search(
        rf'<li id="finding-{number}"[^>]*>(.*?)</li>\s*(?=<li id="finding-|</ol>)', html, re.S
    )
    assert match, f"no block for finding {number}"
    return match.group(1)


# --- 1. Reflow ---------------------------------------------------------------------------


def test_each_finding_is_a_block_not_a_table_row(client, make_draft, manager):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    client.force_login(manager)

    html = client.get(findings_url(page)).content.decode()
    main = html[html.index('id="findings-heading"') : html.index('id="not-checked-heading"')]

    # A wide table is cut off at 320 px; a list of blocks wraps at any width.
    assert "<table" not in main
    block = _finding_block(html, 1)
    for term in ("Kind", "Text in context", "What to do", "Status"):
        assert f"<dt>{term}</dt>" in block
    assert "Where:" in block and 'name="reason"' in block
    assert 'action=""' not in html


def test_the_overrides_report_table_can_scroll_by_itself(client, make_draft, manager):
    _propose(make_draft(situation=f"<p>{NAME} lived alone.</p>"), manager)
    client.force_login(manager)

    html = client.get(reverse("anonymisation_overrides")).content.decode()

    # The class the admin stylesheet uses to let the report's listing scroll sideways.
    assert '<table class="listing hub-overrides-report">' in html


# --- 2. Context --------------------------------------------------------------------------


def test_a_finding_carries_the_words_around_it_cut_at_word_boundaries():
    before = "Word " * 20
    after = " went home" * 10
    [finding] = [
        f
        for f in scan_texts([PageText("situation", "The situation", f"{before}{NAME}{after}.")])
        if f.kind is Kind.PERSON_NAME
    ]

    assert finding.context_before.startswith("…Word")
    assert finding.context_before.endswith("Word ")
    assert len(finding.context_before) <= 62
    assert finding.context_after.startswith(" went home")
    assert finding.context_after.endswith("home…")
    assert len(finding.context_after) <= 62


def test_context_stops_at_the_paragraph():
    text = f"An earlier paragraph.\n{NAME} lived alone.\nA later paragraph."
    [finding] = scan_texts([PageText("situation", "The situation", text)])

    assert (finding.context_before, finding.context_after) == ("", " lived alone.")


def test_an_age_is_shown_with_the_detail_it_identifies_with(client, make_draft, manager):
    text = "Mr B (90) lived near Skelby."
    page = make_draft(situation=f"<p>It was a long winter for everyone. {text}</p>")
    [finding] = [f for f in scan_page(page) if f.kind is Kind.QUASI_IDENTIFIER]
    assert finding.context_before + finding.text + finding.context_after == text

    client.force_login(manager)
    html = client.get(findings_url(page)).content.decode()
    assert "Mr B (<mark>90</mark>) lived near Skelby." in html


# --- 3. Decisions ------------------------------------------------------------------------


def test_confirm_and_decline_have_equal_weight(client, make_draft, manager, deputy):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    _propose(page, manager)
    client.force_login(deputy)

    html = client.get(findings_url(page)).content.decode()

    buttons = re.findall(r'<button[^>]*value="(confirm|decline)"[^>]*class="([^"]*)"', html)
    assert dict(buttons) == {
        "confirm": "button button-small button-secondary",
        "decline": "button button-small button-secondary",
    }
    assert AGREED in html
    assert 'type="checkbox" name="agreed"' in html


def test_confirming_needs_the_tick_box(client, make_draft, manager, deputy):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    override = _propose(page, manager)
    client.force_login(deputy)

    response = _decide(client, page, override, "confirm")

    html = response.content.decode()
    assert response.status_code == 200
    override.refresh_from_db()
    assert override.is_pending
    assert "<title>Error: " in html
    # The summary links to the box; the box names its error.
    assert '<a href="#finding-1-agreed">Tick' in html
    assert 'aria-describedby="finding-1-agreed-error"' in html
    assert 'id="finding-1-agreed-error"' in html

    response = _decide(client, page, override, "confirm", agreed="on")

    assert response.status_code == 302
    override.refresh_from_db()
    assert override.confirmed_by == deputy


def test_declining_needs_no_tick_box(client, make_draft, manager, deputy):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    override = _propose(page, manager)
    client.force_login(deputy)

    assert _decide(client, page, override, "decline").status_code == 302
    override.refresh_from_db()
    assert override.declined_by == deputy


def test_a_declined_finding_says_who_declined_it_before_the_form(
    client, make_draft, manager, deputy
):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    override = decline_override(_propose(page, manager), deputy)
    client.force_login(manager)

    block = _finding_block(client.get(findings_url(page)).content.decode(), 1)

    when = dateformat.format(timezone.localtime(override.declined_at), "j F Y")
    declined = f"Declined by Helen Confirmer on {when}."
    assert declined in block
    assert block.index(declined) < block.index('name="reason"')  # offered again, after


# --- 4. Stale proposals on the dashboard -------------------------------------------------


def test_the_dashboard_leaves_out_proposals_whose_text_has_gone(
    client, make_draft, manager, deputy
):
    kept = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    changed = make_draft(situation="<p>Mrs Ann Jones lived alone.</p>")
    _propose(kept, manager)
    _propose(changed, manager, text="Mrs Ann Jones")
    changed.situation = "<p>Mrs J lived alone.</p>"
    changed.save_revision()

    client.force_login(deputy)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Overrides awaiting a second person (1)" in dashboard
    assert findings_url(kept) in dashboard
    assert findings_url(changed) not in dashboard


def test_the_dashboard_panel_goes_when_every_proposal_is_stale(client, make_draft, manager, deputy):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    _propose(page, manager)
    page.situation = "<p>Mrs S lived alone.</p>"
    page.save_revision()

    client.force_login(deputy)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Overrides awaiting a second person" not in dashboard


# --- 5. Wording --------------------------------------------------------------------------


def _finding(kind: Kind, text: str, suggestion: str = "") -> FieldFinding:
    return FieldFinding("summary", "Summary", kind, text, suggestion)


def test_a_suggestion_reads_as_a_sentence():
    assert _finding(Kind.QUASI_IDENTIFIER, "84", "in their eighties").advice == (
        "Write “in their eighties” instead."
    )
    assert _finding(Kind.EVENT_DATE, "14 March 2024", "March 2024").advice == (
        "Write “March 2024” instead."
    )
    # A suggestion that is already a sentence is kept as it is.
    assert _finding(Kind.PERSON_NAME, NAME, "Use a pseudonym.").advice == "Use a pseudonym."
    assert _finding(Kind.PLACE, "Ward 7").advice == Kind.PLACE.advice


def test_every_kind_advises_in_full_sentences():
    for kind in Kind:
        assert kind.advice[0].isupper() and kind.advice.endswith("."), kind
    assert "“a hospital ward”" in Kind.PLACE.advice
    assert "in their eighties" in Kind.DATE_OF_BIRTH.advice
    assert "her eighties" not in Kind.DATE_OF_BIRTH.advice


def test_the_edit_page_warning_joins_finding_and_advice_as_sentences(make_draft):
    page = make_draft()
    html = findings_list_html(page, [_finding(Kind.QUASI_IDENTIFIER, "84", "in their eighties")])

    assert "“84”</a>. Write “in their eighties” instead." in html
    assert "“84”. in their" not in html


# --- 6. Forms ----------------------------------------------------------------------------


def test_each_reason_box_has_its_own_label_and_plain_help(client, make_draft, manager):
    page = make_draft(situation=f"<p>{NAME} lived alone. Mrs Ann Jones visited.</p>")
    client.force_login(manager)

    html = client.get(findings_url(page)).content.decode()

    label = '<label class="w-field__label" for="finding-{}-reason">Why is “{}” safe to publish?'
    assert label.format(1, NAME) in html
    assert label.format(2, "Mrs Ann Jones") in html
    assert "w-required-mark" not in html
    assert "at least one full sentence of six words or more" in html
    assert 'aria-describedby="finding-1-reason-helptext"' in html


def test_a_refused_reason_is_linked_to_its_box_and_the_summary_takes_focus(
    client, make_draft, manager
):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    client.force_login(manager)

    response = client.post(
        findings_url(page),
        {
            "action": "propose",
            "kind": str(Kind.PERSON_NAME),
            "text": NAME,
            "location": "The situation",
            "reason": "ok",
            "revision_id": page.get_latest_revision().pk,
        },
    )

    html = response.content.decode()
    assert "<title>Error: " in html
    assert re.search(r'<div class="[^"]*hub-error-summary"[^>]*tabindex="-1" autofocus>', html)
    assert '<a href="#finding-1-reason">' in html
    assert 'aria-describedby="finding-1-reason-error finding-1-reason-helptext"' in html
    assert 'aria-invalid="true"' in html
    assert not AnonymisationOverride.objects.exists()


def test_strong_findings_come_first_with_their_reason_beside_them(client, make_draft, manager):
    page = make_draft(situation=f"<p>{NAME} lived alone. Her NHS number is {NHS}.</p>")
    client.force_login(manager)

    html = client.get(findings_url(page)).content.decode()

    first = _finding_block(html, 1)
    assert escape(NHS) in first
    assert "identifies someone on its own, so nobody can override it" in first
    assert "hub-finding--strong" in html
    assert NAME in _finding_block(html, 2)
    assert "2 possible identifiers: 1 must be changed" in html


def test_after_proposing_the_screen_returns_to_the_finding(client, make_draft, manager):
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    client.force_login(manager)

    response = client.post(
        findings_url(page),
        {
            "action": "propose",
            "kind": str(Kind.PERSON_NAME),
            "text": NAME,
            "location": "The situation",
            "reason": REASON,
            "revision_id": page.get_latest_revision().pk,
        },
    )

    assert response.status_code == 302
    assert response.url == findings_url(page) + "#finding-1"
    shown = client.get(response.url).content.decode()
    assert f"Your reason for “{NAME}” is recorded" in shown
