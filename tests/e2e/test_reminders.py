"""The reminder setting in a real browser: a practitioner finds it from My learning,
turns reminders off with the keyboard-usable form and on again; the page passes
axe-core and fits a 320 px screen."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import WIDER_THAN, assert_no_axe_violations, sign_in

PRACTITIONER = "practitioner@northmoor.example"
NARROW_WIDTH = 320


def test_practitioner_turns_reminders_off_and_on(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    page.goto("/my-learning/")
    page.get_by_role("link", name="Email settings").click()
    expect(page.get_by_role("heading", level=1, name="Email settings")).to_be_visible()
    checkbox = page.get_by_label("Email me reminders")
    expect(checkbox).to_be_checked()
    assert_no_axe_violations(page)

    page.set_viewport_size({"width": NARROW_WIDTH, "height": 800})
    assert page.evaluate(WIDER_THAN, NARROW_WIDTH) == []

    checkbox.uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("We will not email you reminders.")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Email settings: reminders off;")

    page.get_by_role("link", name="Email settings").click()
    expect(page.get_by_label("Email me reminders")).not_to_be_checked()
    page.get_by_label("Email me reminders").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("We will email you reminders.")).to_be_visible()
