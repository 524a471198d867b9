"""Phones and zoom (WCAG 1.4.10 Reflow): every page type, signed in as the person who
sees it, fits a 320 px wide screen and a 640 px one (what a 1280 px window reflows to
at 200% zoom) without the page scrolling sideways. Lists of the person's own records
stack into cards instead; the few tables left scrolling in their own box can be
reached and scrolled with the keyboard.

The service navigation folds behind a "Menu" button on narrow screens (GOV.UK's
pattern), shows every link without JavaScript, and keeps to one row at 1280 px.

Pages are found from the demo partnership and from what each test does first (a
briefing recorded, a check taken, an entry written), so no test depends on another.
The 404 page is left out: the browser suite's site runs with DEBUG on, which shows
Django's own technical page instead of templates/404.html.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, sign_in

# A practitioner no other browser test signs in as: this module records a briefing,
# fails a check and writes an entry, which other tests' counts must not see.
PRACTITIONER = "volunteer@northmooradvocacy.example"
SUPERVISOR = "supervisor@northmoor.example"
ORGANISATION_LEAD = "lead@northmoor.example"
SAB_MANAGER = "manager@northmoor.example"

BRIEFING_PATH = "/briefings/self-neglect-and-hoarding/"
CHECK_PATH = "/test-your-knowledge/self-neglect-and-hoarding-check/"

# 320 CSS px is the width WCAG 1.4.10 names; 640 px is a 1280 px window at 200% zoom.
WIDTHS = (320, 640)
DESKTOP_WIDTH = 1280

PUBLIC_PATHS = (
    "/",
    "/search/?q=neglect",
    "/principles/",
    "/principles/empowerment/",
    "/briefings/",
    BRIEFING_PATH,
    "/case-studies/",
    "/case-studies/mrs-t-financial-abuse-by-a-family-member/",
    "/reviews/",
    "/reviews/sar-adult-d/",
    "/test-your-knowledge/",
    CHECK_PATH,
    "/test-your-knowledge/safeguarding-myths/",
    "/accounts/login/",
    "/accounts/signup/",
)

# What is past the right edge, for the failure message: elements outside any box of
# their own that scrolls (a .hub-scroll-region), at most a few.
_PAST_THE_EDGE = """(width) => [...document.querySelectorAll("body *")]
  .filter((el) => el.getBoundingClientRect().right > width + 1
    && !el.closest(".hub-scroll-region"))
  .slice(0, 5)
  .map((el) => el.tagName.toLowerCase()
    + (typeof el.className === "string" && el.className
      ? "." + el.className.trim().replace(/\\s+/g, ".") : "")
    + ` (right edge ${Math.round(el.getBoundingClientRect().right)} px)`)"""

_OVERFLOW = """() => ({
  scroll: document.documentElement.scrollWidth,
  client: document.documentElement.clientWidth,
})"""

# Scroll boxes that are not reachable by keyboard, or have no name for screen readers.
_UNREACHABLE_SCROLL_BOXES = """() => [...document.querySelectorAll(".hub-scroll-region")]
  .filter((el) => el.getAttribute("tabindex") !== "0" || el.getAttribute("role") !== "region"
    || !(el.getAttribute("aria-label") || el.getAttribute("aria-labelledby")))
  .map((el) => el.outerHTML.slice(0, 120))"""


def _reflow_problems(page, path: str) -> list[str]:
    """Open `path` at each width and say what does not fit (empty when all does)."""
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        response = page.goto(path)
        if response is None or response.status >= 400:
            status = response.status if response else "no answer"
            problems.append(f"{path}: answered {status}")
            break
        sizes = page.evaluate(_OVERFLOW)
        if sizes["scroll"] > sizes["client"]:
            wide = page.evaluate(_PAST_THE_EDGE, sizes["client"])
            problems.append(
                f"{path} at {width} px: {sizes['scroll']} px wide; past the edge {wide}"
            )
        unreachable = page.evaluate(_UNREACHABLE_SCROLL_BOXES)
        if unreachable:
            problems.append(f"{path}: scroll boxes not reachable by keyboard {unreachable}")
    return problems


def _assert_all_reflow(page, paths) -> None:
    problems = [problem for path in paths for problem in _reflow_problems(page, path)]
    assert not problems, "Pages that scroll sideways:\n" + "\n".join(problems)


def _link_path(page, selector: str) -> str:
    """The path of the first link matching `selector` on the current page."""
    link = page.locator(selector).first
    expect(link).to_be_attached()
    return link.get_attribute("href")


# 1. Every page type, as the person who sees it ------------------------------------


def test_public_pages_reflow(page):
    _assert_all_reflow(page, PUBLIC_PATHS)


def _record_the_briefing(page) -> str:
    """Record the briefing (if not yet done) and return its certificate's path."""
    page.goto(BRIEFING_PATH)
    button = page.get_by_role("button", name=re.compile(r"^I have read this"))
    if button.count():
        with page.expect_navigation():
            button.click()
    page.goto("/my-learning/")
    return _link_path(page, "main a[href^='/certificates/']")


def _take_the_check(page) -> str:
    """Take the knowledge check once, choosing the first answer each time; the path
    of the result page it ends on."""
    page.goto(CHECK_PATH)
    start = page.get_by_role(
        "button", name=re.compile("^(Start the check|Try the check again|Continue the check)$")
    )
    with page.expect_navigation():
        start.click()
    # Radios or, where several answers may be right, checkboxes.
    for fieldset in page.locator("main fieldset").all():
        fieldset.locator("input[type=radio], input[type=checkbox]").first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Submit answers").click()
    return page.url


def _write_an_entry(page) -> str:
    """Write a reflective entry with a long unbroken word; the path of its page."""
    page.goto("/reflections/new/")
    page.get_by_label("Title").fill("Reflow check: a-very-long-unbroken-title-" + "x" * 60)
    page.get_by_label("Your reflection").fill("I *listened* first.\n\n- Then I asked.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save entry").last.click()
    return page.url


def test_practitioners_pages_reflow(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    certificate = _record_the_briefing(page)
    result = _take_the_check(page)
    page.goto(CHECK_PATH)
    earlier_attempt = _link_path(page, "main a[href*='?attempt=']")
    entry = _write_an_entry(page)
    _assert_all_reflow(
        page,
        (
            "/",
            "/my-learning/",
            "/my-learning/external/add/",
            "/my-learning/cpd-summary/",
            "/my-learning/registration/",
            certificate,
            CHECK_PATH,
            result,
            earlier_attempt,
            "/test-your-knowledge/safeguarding-myths/",
            "/reflections/",
            "/reflections/new/",
            entry,
        ),
    )


def test_supervisors_pages_reflow(page, hub_url):
    sign_in(page, hub_url, SUPERVISOR)
    page.goto("/my-team/")
    session = _link_path(page, "main a[href^='/my-team/sessions/']:not([href$='/new/'])")
    supervisee = _link_path(page, "#team-table a[href^='/people/']")
    _assert_all_reflow(page, ("/my-team/", "/my-team/sessions/new/", session, supervisee))


def test_organisation_leads_pages_reflow(page, hub_url):
    sign_in(page, hub_url, ORGANISATION_LEAD)
    _assert_all_reflow(
        page, ("/organisation/people/", "/organisation/people/invite/", "/accounts/invitations/")
    )


def test_sab_managers_pages_reflow(page, hub_url):
    sign_in(page, hub_url, SAB_MANAGER)
    page.goto("/reports/")
    report = _link_path(page, "main h3 a[href^='/reports/']")
    _assert_all_reflow(
        page, ("/reports/", report, "/required-learning/", "/required-learning/new/")
    )


# 2. Lists of one's own records stack into cards --------------------------------------


def test_my_learning_record_stacks_into_cards_with_labels_at_320_px(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    _record_the_briefing(page)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/my-learning/")
    cell = page.locator("#record td[data-label='Minutes']").first
    expect(cell).to_be_visible()
    # Each cell is its own line, named by its column; the header row is still there
    # for screen readers.
    assert cell.evaluate("(el) => getComputedStyle(el).display") == "block"
    label = cell.evaluate("(el) => getComputedStyle(el, '::before').content")
    assert label == '"Minutes"'
    expect(page.locator("#record th", has_text="Minutes")).to_be_attached()
    # From tablet width up it is an ordinary table again.
    page.set_viewport_size({"width": DESKTOP_WIDTH, "height": 800})
    assert cell.evaluate("(el) => getComputedStyle(el).display") == "table-cell"


# 3. The service navigation --------------------------------------------------------


def _navigation_rows(page) -> int:
    return page.evaluate(
        """() => new Set([...document.querySelectorAll(".govuk-service-navigation__item")]
            .map((item) => Math.round(item.getBoundingClientRect().top))).size"""
    )


def test_menu_folds_behind_a_button_on_a_phone(page, hub_url):
    sign_in(page, hub_url, SUPERVISOR)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/my-team/")
    navigation = page.get_by_role("navigation", name="Main")
    menu = navigation.get_by_role("button", name="Menu")
    my_learning = navigation.get_by_role("link", name="My learning")

    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(my_learning).to_be_hidden()
    # The script replaced the no-JavaScript link with the button.
    expect(navigation.get_by_role("link", name="Menu")).to_be_hidden()

    # With the keyboard: the button opens and closes the list.
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(my_learning).to_be_visible()
    assert_no_axe_violations(page)
    page.keyboard.press("Enter")
    expect(my_learning).to_be_hidden()

    # At desktop width the button goes and every link shows.
    page.set_viewport_size({"width": DESKTOP_WIDTH, "height": 800})
    expect(menu).to_be_hidden()
    expect(my_learning).to_be_visible()


def test_menu_works_without_javascript(chromium_browser, hub_url):
    context = chromium_browser.new_context(
        base_url=hub_url, java_script_enabled=False, viewport={"width": 320, "height": 640}
    )
    try:
        page = context.new_page()
        page.goto("/")
        navigation = page.get_by_role("navigation", name="Main")
        briefings = navigation.get_by_role("link", name="Briefings")
        # Folded away, so the page's own content starts on the first screen.
        expect(briefings).to_be_hidden()
        expect(navigation.get_by_role("button", name="Menu")).to_be_hidden()
        assert page.locator("main").bounding_box()["y"] < 640 / 2

        # "Menu" is a link to the navigation, which then shows its links.
        navigation.get_by_role("link", name="Menu").click()
        expect(briefings).to_be_visible()
        briefings.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("briefings", ignore_case=True)

        # From tablet width every link shows and there is no Menu control.
        page.set_viewport_size({"width": DESKTOP_WIDTH, "height": 800})
        expect(navigation.get_by_role("link", name="Briefings")).to_be_visible()
        expect(navigation.get_by_role("link", name="Menu")).to_be_hidden()
    finally:
        context.close()


@pytest.mark.parametrize("email", [SUPERVISOR, ORGANISATION_LEAD])
def test_menu_keeps_to_one_row_at_1280_px(page, hub_url, email):
    # A supervisor and a lead have the most links (ten, with Home).
    sign_in(page, hub_url, email)
    page.set_viewport_size({"width": DESKTOP_WIDTH, "height": 800})
    page.goto("/")
    assert _navigation_rows(page) == 1


# 4. Paper ---------------------------------------------------------------------------

_SHOWN_ON_PAPER = """(selectors) => selectors.filter((selector) =>
  [...document.querySelectorAll(selector)].some((el) => getComputedStyle(el).display !== "none"))"""


def test_print_leaves_out_navigation_buttons_and_footer(page, hub_url):
    sign_in(page, hub_url, SUPERVISOR)
    page.goto(BRIEFING_PATH)
    page.emulate_media(media="print")
    chrome = [
        ".govuk-header",
        ".govuk-service-navigation",
        ".govuk-footer",
        ".govuk-breadcrumbs",
        ".govuk-button",
        ".hub-print-button",
    ]
    assert page.evaluate(_SHOWN_ON_PAPER, chrome) == []
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_print_button_stays_hidden_without_javascript(chromium_browser, hub_url):
    # The button is sent hidden; GOV.UK's button style must not show it again.
    context = chromium_browser.new_context(base_url=hub_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(BRIEFING_PATH)
        for button in page.locator(".hub-print-button").all():
            expect(button).to_be_hidden()
    finally:
        context.close()
