"""Team sessions in a real browser: a supervisor records one, corrects it (takes one
attendee off and changes how long it lasted), reads its history, then deletes it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, sign_in

SUPERVISOR = "supervisor@northmoor.example"
SESSION_PATH = re.compile(r"^/my-team/sessions/[0-9a-f-]{36}/$")


def _path(page) -> str:
    return urlsplit(page.url).path


def test_supervisor_records_corrects_and_deletes_a_team_session(page, hub_url):
    sign_in(page, hub_url, SUPERVISOR)
    page.goto("/my-team/sessions/new/")
    assert page.locator("main form[novalidate]").count() == 1

    item = page.get_by_label("What did you deliver?")
    item.select_option(index=1)
    item_title = item.locator("option:checked").inner_text().rsplit(" (", 1)[0]
    page.get_by_label("How long did the session last?").fill("45")
    attendees = page.get_by_role("group", name="Who attended?").get_by_role("checkbox")
    assert attendees.count() >= 2, "the demo supervisor needs two people in their team"
    attendees.nth(0).check()
    attendees.nth(1).check()
    removed_name = page.locator(f"label[for='{attendees.nth(0).get_attribute('id')}']").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Record the session").click()

    assert SESSION_PATH.match(_path(page))
    detail = _path(page)
    expect(page.get_by_text("Team session recorded")).to_be_visible()
    expect(page.get_by_text("45 minutes", exact=True)).to_be_visible()

    # Correct it: one person was not there after all, and it ran for an hour.
    page.get_by_role("link", name=re.compile("^Change the session")).click()
    expect(page.get_by_text("You cannot change the learning item")).to_be_visible()
    page.get_by_label("How long did the session last?").fill("an hour")
    with page.expect_navigation():
        page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("link", name=re.compile("whole number of minutes"))).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("How long did the session last?").fill("60")
    page.get_by_role("checkbox", name=removed_name, exact=True).uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Save changes").click()
    assert _path(page) == detail
    expect(page.get_by_text("Team session updated")).to_be_visible()

    history = page.locator("#history + ol")
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    expect(history.get_by_text("Duration changed from 45 minutes to 60 minutes")).to_be_visible()
    expect(history.get_by_text(f"Removed: {removed_name}")).to_be_visible()
    expect(page.get_by_role("definition").filter(has_text=removed_name)).to_have_count(0)
    assert_no_axe_violations(page)

    # Delete it, after a warning that says whose records change.
    page.get_by_role("link", name=re.compile("^Delete the session")).click()
    expect(page.get_by_role("heading", name=re.compile(re.escape(item_title)))).to_be_visible()
    # One person's record changes, unless they had completed the item before.
    expect(page.locator(".govuk-warning-text")).to_contain_text(
        re.compile(r"This changes the learning record of 1 person|no records change")
    )
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Delete the session").click()
    assert _path(page) == "/my-team/"
    expect(page.get_by_text(re.compile("Team session .* deleted"))).to_be_visible()
    assert page.goto(detail).status == 404
