"""Reports in a real browser: each report page passes axe-core and does not scroll
sideways at 320 px (wide tables scroll inside their own focusable box)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, fill_date, sign_in

SAB_MANAGER = "manager@northmoor.example"
ORGANISATION_LEAD = "lead@northmoor.example"
NARROW_WIDTH = 320


def _assert_no_sideways_scroll_at_320(page) -> None:
    """At 320 CSS pixels the page itself is no wider than the window."""
    original = page.viewport_size
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 800})
    try:
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{page.url} at {NARROW_WIDTH} px is {widths[0]} px wide"
    finally:
        if original:
            page.set_viewport_size(original)


def test_sab_manager_opens_the_feedback_report(page, hub_url):
    sign_in(page, hub_url, SAB_MANAGER)
    page.goto("/reports/")
    page.get_by_role("link", name="Feedback and impact").first.click()
    expect(page.get_by_role("heading", level=1, name="Feedback and impact")).to_be_visible()
    expect(
        page.get_by_role("table", name="Kirkpatrick levels 1 to 3 by learning item")
    ).to_be_visible()
    expect(page.get_by_role("table", name="Comments")).to_be_visible()
    # Comments reach the board without the writer's name.
    expect(page.get_by_role("main")).not_to_contain_text("Jordan Ellis")
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll_at_320(page)


def test_sab_manager_opens_the_reach_report(page, hub_url):
    sign_in(page, hub_url, SAB_MANAGER)
    page.goto("/reports/")
    page.get_by_role("link", name="Reach of review learning").first.click()
    expect(page.get_by_role("heading", level=1, name="Reach of review learning")).to_be_visible()
    expect(
        page.get_by_role(
            "table", name="People who have completed each review's learning, by organisation"
        )
    ).to_be_visible()
    expect(
        page.get_by_role("img", name="Share of headcount who have completed each review's learning")
    ).to_be_visible()
    # The board sees organisations, never the people in them.
    expect(page.get_by_role("main")).not_to_contain_text("Jordan Ellis")
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll_at_320(page)

    # One review chosen: every week since it was published, drawn as a line.
    page.get_by_label("Learning item").select_option(label="Safeguarding Adults Review: Adult D")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    weekly = (
        "Safeguarding Adults Review: Adult D: people who have completed its learning, week by week"
    )
    expect(page.get_by_role("table", name=weekly)).to_be_visible()
    expect(page.get_by_role("img", name="by week since publication")).to_be_visible()
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll_at_320(page)


def test_sab_manager_opens_the_engagement_report(page, hub_url):
    sign_in(page, hub_url, SAB_MANAGER)
    page.goto("/reports/engagement/")
    expect(page.get_by_role("heading", level=1, name="Engagement and coverage")).to_be_visible()
    expect(
        page.get_by_role("table", name="Completions, minutes and active learners by month")
    ).to_be_visible()
    expect(
        page.get_by_role("table", name="Learning completed and reviews, by principle")
    ).to_be_visible()
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll_at_320(page)


def test_sab_manager_opens_the_board_pack_and_downloads_its_pdf(page, hub_url):
    sign_in(page, hub_url, SAB_MANAGER)
    page.goto("/reports/")
    page.get_by_role("link", name="Board pack", exact=True).click()
    expect(
        page.get_by_role("heading", level=1, name=re.compile(r"^Learning and development: "))
    ).to_be_visible()
    expect(
        page.get_by_role("heading", level=2, name="1. Compliance with required learning")
    ).to_be_visible()
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll_at_320(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Download this board pack as a PDF").click()
    assert re.fullmatch(r"board-pack-\d{4}-Q[1-4]\.pdf", download.value.suggested_filename)

    # A quarter not on offer is an error on the form, not an error page.
    page.goto("/reports/board-pack/?quarter=2026-Q9")
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll_at_320(page)


def test_organisation_lead_exports_xapi_statements(page, hub_url):
    sign_in(page, hub_url, ORGANISATION_LEAD)
    page.goto("/reports/")
    page.get_by_role("link", name="Export learning records as xAPI").click()
    expect(
        page.get_by_role("heading", level=1, name="Export learning records as xAPI")
    ).to_be_visible()
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll_at_320(page)

    # The end date before the start date: an error, with the form kept.
    fill_date(page, "From", "2026-03-31", exact=True)
    fill_date(page, "To", "2026-01-01", exact=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Download the statements").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll_at_320(page)

    fill_date(page, "To", "2026-06-30", exact=True)
    page.get_by_label("By email address and name").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the statements").click()
    assert re.fullmatch(
        r"xapi-statements-[a-z0-9-]+-2026-03-31-to-2026-06-30\.json",
        download.value.suggested_filename,
    )


def test_sab_manager_opens_the_knowledge_check_report(page, hub_url):
    sign_in(page, hub_url, SAB_MANAGER)
    page.goto("/reports/knowledge-checks/")
    expect(page.get_by_role("heading", level=1, name="Knowledge checks")).to_be_visible()
    expect(page.get_by_role("table", name="Pass rate by knowledge check")).to_be_visible()
    expect(page.get_by_role("table", name="Most-missed questions")).to_be_visible()
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll_at_320(page)


def test_compliance_report_for_the_board_and_for_a_lead(new_context, hub_url):
    """The compliance report as the SAB manager sees it (organisations and teams, no
    names) and as the council's lead sees it (their teams and the named people not yet
    complete), and the reports page each reaches it from: axe-clean, and the document
    never scrolls sideways at 320 px (wide tables scroll in their own box)."""
    manager = new_context().new_page()
    sign_in(manager, hub_url, SAB_MANAGER)
    manager.goto("/reports/")
    assert_no_axe_violations(manager)
    _assert_no_sideways_scroll_at_320(manager)
    with manager.expect_navigation():
        manager.get_by_role("link", name="Compliance with required learning").click()
    expect(manager.get_by_role("table", name="By organisation")).to_be_visible()
    expect(manager.get_by_role("img", name=re.compile("Share of people complete"))).to_be_visible()
    expect(manager.get_by_role("table", name="People not yet complete")).to_have_count(0)
    assert_no_axe_violations(manager)
    _assert_no_sideways_scroll_at_320(manager)

    lead = new_context().new_page()
    sign_in(lead, hub_url, ORGANISATION_LEAD)
    lead.goto("/reports/compliance/")
    expect(lead.get_by_role("table", name="People not yet complete")).to_be_visible()
    assert_no_axe_violations(lead)
    _assert_no_sideways_scroll_at_320(lead)


# (link on the reports page, its address, its heading)
LEAD_REPORTS = (
    ("Reach of review learning", "/reports/reach/", "Reach of review learning"),
    ("Engagement and coverage", "/reports/engagement/", "Engagement and coverage"),
    ("Feedback and impact", "/reports/feedback/", "Feedback and impact"),
    ("Knowledge checks", "/reports/knowledge-checks/", "Knowledge checks"),
    ("Board pack", "/reports/board-pack/", "Learning and development"),
)


def test_organisation_lead_opens_every_report_of_their_organisation(page, hub_url):
    """A lead's reports hold their own organisation's figures (different tables from the
    board's): each is reached from the reports page, axe-clean and narrow-safe."""
    sign_in(page, hub_url, ORGANISATION_LEAD)
    for link, path, heading in LEAD_REPORTS:
        page.goto("/reports/")
        page.get_by_role("link", name=link).first.click()
        expect(page).to_have_url(re.compile(re.escape(path) + r"$"))
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        assert_no_axe_violations(page)
        _assert_no_sideways_scroll_at_320(page)
    # Filtered by a role: the narrowed report says what it withholds.
    page.goto("/reports/engagement/")
    page.get_by_label("Role").select_option(label="Practitioner")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"role=\d+"))
    expect(page.get_by_role("main")).to_contain_text("so that the people left out cannot")
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll_at_320(page)
