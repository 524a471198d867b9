"""The audit log in a real browser (issue 14): a supervisor opens a supervisee's
learning record; the site administrator then filters the log down to that view and
finds it. The log has no axe-core violations and does not scroll sideways at 320 px
(its table scrolls in a box of its own, which the keyboard can reach)."""

from __future__ import annotations

import datetime

from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, click_and_wait, sign_in

SUPERVISOR = "supervisor@northmoor.example"
ADMINISTRATOR = "admin@northmoor.example"
ADMIN_TIMEOUT_MS = 30_000

OVERFLOW = """() => ({
  scroll: document.documentElement.scrollWidth,
  client: document.documentElement.clientWidth,
})"""


def _open_a_supervisees_record(page, hub_url: str) -> str:
    """As the supervisor: the first supervisee's record from My team; their name."""
    sign_in(page, hub_url, SUPERVISOR)
    page.goto("/my-team/")
    link = page.locator("main a[href^='/people/']").first
    name = link.inner_text().split(":")[0].strip()
    click_and_wait(page, link)
    expect(page.locator("h1")).to_contain_text(name)
    return name


def test_an_administrator_filters_the_log_and_finds_a_view(page, hub_url):
    supervisee = _open_a_supervisees_record(page, hub_url)

    page.context.clear_cookies()
    sign_in(page, hub_url, ADMINISTRATOR)
    page.set_default_timeout(ADMIN_TIMEOUT_MS)
    page.goto("/admin/audit-log/")
    expect(page.get_by_role("heading", name="Audit log", level=1)).to_be_visible()

    page.get_by_label("Action").select_option(label="Viewed a person's learning record")
    page.get_by_label("Who acted").fill(SUPERVISOR)
    page.get_by_label("Whose records").fill(supervisee)
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    page.get_by_label("From").fill(f"{yesterday.day}/{yesterday.month}/{yesterday.year}")
    click_and_wait(page, page.get_by_role("button", name="Filter"))

    assert "actor=supervisor%40northmoor.example" in page.url
    table = page.get_by_role("region", name="Matching entries").get_by_role("table")
    first = table.locator("tbody tr").first
    expect(first).to_contain_text("Viewed a person's learning record")
    expect(first).to_contain_text(SUPERVISOR)
    expect(first).to_contain_text(supervisee)
    expect(page.get_by_role("link", name="Download these entries as CSV")).to_be_visible()
    assert_no_axe_violations(page)


def test_a_bad_date_is_explained_on_the_page(page, hub_url):
    sign_in(page, hub_url, ADMINISTRATOR)
    page.set_default_timeout(ADMIN_TIMEOUT_MS)
    page.goto("/admin/audit-log/?since=2026-02-30")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("There is a problem with the filters")
    expect(alert).to_contain_text("The start date is not a real date")
    assert_no_axe_violations(page)


def test_the_log_fits_a_320_px_screen(page, hub_url):
    sign_in(page, hub_url, ADMINISTRATOR)
    page.set_default_timeout(ADMIN_TIMEOUT_MS)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/admin/audit-log/")
    sizes = page.evaluate(OVERFLOW)
    assert sizes["scroll"] <= sizes["client"], sizes
    scroller = page.get_by_role("region", name="All entries")
    expect(scroller).to_have_attribute("tabindex", "0")
    assert_no_axe_violations(page)
