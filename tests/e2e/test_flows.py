"""Where a journey ends and what it says there, in a real browser: recording a briefing
puts the confirmation in view and moves focus to it; a myth-buster recorded from its
summary comes back to the summary; a passed knowledge check says what went on the
record; the "Print this page" button shows only when JavaScript can make it work."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from quizzes.demo_data import KNOWLEDGE_CHECKS, MYTH_BUSTER
from tests.e2e.helpers import assert_no_axe_violations, sign_in

PRACTITIONER = "practitioner@northmoor.example"
# Pages the demo practitioner has not completed and no other browser journey records,
# so each test here finds them not yet on the record.
BRIEFING_PATH = "/briefings/cuckooing-and-exploitation/"
CHECKED_BRIEFING = "mental-capacity-in-safeguarding"
CHECK_PATH = f"/test-your-knowledge/{CHECKED_BRIEFING}-check/"
MYTH_BUSTER_PATH = f"/test-your-knowledge/{MYTH_BUSTER['slug']}/"
# A briefing nobody needs to be signed in to read.
PRINTABLE_BRIEFING_PATH = "/briefings/self-neglect-and-hoarding/"

_FOCUSED_ID = "() => document.activeElement ? document.activeElement.id : ''"
I_HAVE_READ = re.compile(r"^I have read this")


def _query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query, keep_blank_values=True)


def test_recording_a_briefing_shows_the_confirmation_in_view_with_focus(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    page.goto(BRIEFING_PATH)
    button = page.get_by_role("button", name=re.compile(r"^I have read this .* record 7 minutes"))
    expect(button).to_be_visible()

    with page.expect_navigation():
        button.click()

    assert urlsplit(page.url).path == BRIEFING_PATH
    assert _query(page) == {"done": ["recorded"]}
    assert urlsplit(page.url).fragment == "completion"
    banner = page.locator("#completion")
    expect(banner).to_have_attribute("role", "alert")
    # Where the person is looking (the button was far down a long page), and where a
    # screen reader's focus now is.
    expect(banner).to_be_in_viewport()
    expect(banner).to_be_focused()
    assert page.evaluate(_FOCUSED_ID) == "completion"
    expect(banner).to_contain_text(re.compile(r"7 minutes of CPD for “.+” are on your learning"))
    expect(banner).to_contain_text(re.compile(r"You completed this on \d{1,2} \w+ \d{4}"))
    expect(banner.get_by_role("link", name=re.compile("View your certificate"))).to_be_visible()
    assert_no_axe_violations(page)


def test_myth_buster_recorded_from_its_summary_returns_to_the_summary(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    page.goto(f"{MYTH_BUSTER_PATH}?summary")
    expect(page.get_by_role("heading", level=1, name="How you did")).to_be_visible()

    with page.expect_navigation():
        page.get_by_role("button", name=I_HAVE_READ).click()

    assert urlsplit(page.url).path == MYTH_BUSTER_PATH
    assert "summary" in _query(page)
    # The summary, not statement 1.
    expect(page.get_by_role("heading", level=1, name="How you did")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Statement 1 of"))).to_have_count(0)
    banner = page.locator("#completion")
    expect(banner).to_be_in_viewport()
    expect(banner).to_be_focused()
    expect(banner).to_contain_text(re.compile(r"10 minutes of CPD for “.+” are on your learning"))


def _answer_every_question_right(page) -> None:
    for question in KNOWLEDGE_CHECKS[CHECKED_BRIEFING]["questions"]:
        fieldset = page.locator("fieldset").filter(has_text=question["text"])
        expect(fieldset).to_have_count(1)
        for option in question["options"]:
            if option["correct"]:
                fieldset.get_by_label(option["text"], exact=True).check()


def test_a_passed_knowledge_check_says_what_went_on_the_record(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    page.goto(CHECK_PATH)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("the check")).click()
    _answer_every_question_right(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Submit answers").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("You passed")
    recorded = page.locator("#recorded")
    expect(recorded).to_have_text(
        re.compile(
            r"^\d+ minutes of CPD for “.+” were added to your learning record on "
            r"\d{1,2} \w+ \d{4}\.$"
        )
    )
    expect(recorded.get_by_role("link", name="your learning record")).to_have_attribute(
        "href", "/my-learning/"
    )
    expect(page.get_by_role("link", name=re.compile("View your certificate"))).to_be_visible()


def test_the_print_button_shows_only_with_javascript(chromium_browser, hub_url, page):
    without_js = chromium_browser.new_context(
        base_url=hub_url, locale="en-GB", java_script_enabled=False
    )
    try:
        plain = without_js.new_page()
        plain.goto(PRINTABLE_BRIEFING_PATH)
        # The page is there; only the button that would do nothing is not.
        expect(plain.get_by_role("link", name=re.compile("Print or save as PDF"))).to_be_visible()
        expect(plain.locator(".hub-print-button")).to_have_count(1)
        expect(plain.locator(".hub-print-button")).to_be_hidden()
    finally:
        without_js.close()

    # With JavaScript the button shows and opens the browser's print dialogue (stubbed
    # here: headless Chromium has no dialogue to open).
    page.add_init_script("window.print = () => { window.hubPrinted = true; };")
    page.goto(PRINTABLE_BRIEFING_PATH)
    button = page.get_by_role("button", name="Print this page")
    expect(button).to_be_visible()
    button.click()
    assert page.evaluate("() => window.hubPrinted === true")
