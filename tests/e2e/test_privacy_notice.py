"""The privacy notice in a browser: the part generated from the settings (the role
table, the retention periods, the rights) passes axe-core and fits a 320 px screen."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations

NOTICE_PATH = "/privacy-notice/"

# The widest a page may be at 320 CSS px (WCAG 1.4.10) is the viewport itself.
_OVERFLOW = """() => ({
  scroll: document.documentElement.scrollWidth,
  client: document.documentElement.clientWidth,
})"""


def _open_the_notice(page) -> None:
    response = page.goto(NOTICE_PATH)
    assert response is not None and response.status == 200
    expect(page.get_by_role("heading", level=1, name="Privacy notice")).to_be_visible()


def test_the_notice_shows_its_generated_details_without_axe_violations(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    _open_the_notice(page)

    table = page.get_by_role("table", name="What each role in the hub can see")
    expect(table.get_by_role("rowheader", name="Organisation lead")).to_be_visible()
    expect(table.get_by_role("rowheader", name="Site administrator")).to_be_visible()
    # Every demo organisation keeps the default period.
    expect(page.get_by_text("for staff of Northmoor", exact=False)).to_be_visible()
    expect(
        page.get_by_role("link", name="download a copy of everything the hub holds about you")
    ).to_have_attribute("href", "/my-data/")
    assert_no_axe_violations(page)


def test_the_notice_fits_a_320_px_screen(page):
    page.set_viewport_size({"width": 320, "height": 800})
    _open_the_notice(page)

    sizes = page.evaluate(_OVERFLOW)
    assert sizes["scroll"] <= sizes["client"], f"The notice scrolls sideways at 320 px: {sizes}"
    # The role table stacks into one column rather than squeezing two.
    expect(page.get_by_role("rowheader", name="SAB manager")).to_be_visible()
    assert_no_axe_violations(page)
