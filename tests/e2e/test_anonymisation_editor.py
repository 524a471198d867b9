"""The anonymisation guard in the page editor, in a real browser: a SAB manager puts a
full name into a demo case study, sees the findings listed at the top of the edit page,
follows each link to its field, where the text is highlighted (rich text) or selected
(a plain text box), types over it, publishes, and the page is live without the name.

Both ways a link is followed are covered: arriving on the edit page from the link's URL
(as from the findings screen), and clicking a link on the edit page itself, which must
not reload the page and lose what was typed."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import sign_in

SAB_MANAGER = "manager@northmoor.example"
ADMIN_TIMEOUT_MS = 30_000

CASE_STUDY_TITLE = "Mr R: labour exploitation and modern slavery"
PUBLIC_PATH = "/case-studies/mr-r-labour-exploitation/"

NAME = "Mrs Joan Smith"  # a titled full name, which the guard finds
PSEUDONYM = "Mrs S"
SUMMARY = f"{NAME} first raised the alarm about the farm."
SITUATION_ADDITION = f" Later {NAME} rang the helpline."

HIGHLIGHTED_TEXT = """() => {
  const highlight = CSS.highlights.get("hub-finding");
  if (!highlight) return null;
  const [range] = highlight;
  const box = range.getBoundingClientRect();
  return {
    text: range.toString(),
    inView: box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight,
    focusInField: Boolean(document.activeElement
      && document.activeElement.closest('[data-contentpath="situation"]')),
  };
}"""

SELECTED_TEXT = """() => {
  const box = document.getElementById("id_summary");
  const rect = box.getBoundingClientRect();
  return {
    text: box.value.slice(box.selectionStart, box.selectionEnd),
    focused: document.activeElement === box,
    inView: rect.bottom > 0 && rect.top < window.innerHeight,
  };
}"""


def _screenshot_on_failure(page, name: str) -> None:
    try:
        page.screenshot(path=f"/tmp/test_anonymisation_editor_{name}.png", full_page=True)
    except Exception:  # a failed screenshot must never hide the real failure
        return


def _open_editor(page) -> str:
    """Open the case study's edit page from the admin search; returns its URL."""
    page.goto("/admin/pages/search/?q=labour+exploitation")
    page.get_by_role("link", name=CASE_STUDY_TITLE).first.click()
    page.wait_for_load_state()
    expect(page.locator("#id_title")).to_have_value(CASE_STUDY_TITLE)
    return page.url.split("?")[0].split("#")[0]


def _wait_for_draftail_to_save(page, field: str, text: str) -> None:
    # Draftail copies its content into the form's hidden input after a short pause.
    expect(page.locator(f"input[name='{field}']")).to_have_value(re.compile(re.escape(text)))


def _add_the_name(page) -> None:
    page.locator("#id_summary").fill(SUMMARY)
    situation = page.locator("[data-contentpath='situation'] [contenteditable='true']")
    situation.scroll_into_view_if_needed()
    situation.focus()
    page.keyboard.press("Control+End")
    page.keyboard.type(SITUATION_ADDITION)
    _wait_for_draftail_to_save(page, "situation", "Joan Smith rang")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()


def _assert_findings_list_accessible(page) -> None:
    """axe-core on the findings message alone: the rest of Wagtail's editor has
    problems of its own (Draftail's editors, the tag field) that are not this feature's."""
    from axe_playwright_python.sync_playwright import Axe

    # Contrast measured halfway through the message fading in is neither colour.
    page.wait_for_function(
        "() => document.getAnimations().every((animation) => animation.playState !== 'running')"
    )
    violations = Axe().run(page, context=".messages").response["violations"]
    assert not violations, [
        (v["id"], v["help"], [node["target"] for node in v["nodes"][:3]]) for v in violations
    ]


def _wait_until_in_view(page, probe: str) -> None:
    """Wait (up to the default timeout) until ``probe`` reports the text in view; the
    assertion that follows then shows everything it reports if it never is."""
    try:
        page.wait_for_function(f"() => {{ const r = ({probe})(); return r && r.inView; }}")
    except Exception:  # the assertion after this says what was wrong
        return


def _finding_link(page, where: str):
    return page.locator(".messages").get_by_role(
        "link", name=re.compile(rf"^{re.escape(where)}: person name “{NAME}”")
    )


def test_editor_follows_each_finding_to_its_text_fixes_it_and_publishes(new_context, hub_url):
    context = new_context(timeout_ms=ADMIN_TIMEOUT_MS)
    page = context.new_page()
    try:
        sign_in(page, hub_url, SAB_MANAGER)
        edit_url = _open_editor(page)
        _add_the_name(page)

        # The findings are listed, each linking to its field, with the check's limits.
        messages = page.locator(".messages")
        expect(messages).to_contain_text("This version has 2 possible identifiers")
        expect(_finding_link(page, "Summary")).to_be_visible()
        expect(_finding_link(page, "The situation")).to_be_visible()
        expect(messages.get_by_text("What this check does not look for")).to_be_visible()
        _assert_findings_list_accessible(page)

        # Arriving from a link: the rich text field is scrolled to and the name highlighted.
        situation_link = _finding_link(page, "The situation").get_attribute("href") or ""
        assert "finding_field=situation" in situation_link
        page.goto(situation_link)
        page.wait_for_function("() => document.documentElement.dataset.findingShown")
        # The admin scrolls smoothly: give it time to arrive before asking where it is.
        _wait_until_in_view(page, HIGHLIGHTED_TEXT)
        shown = page.evaluate(HIGHLIGHTED_TEXT)
        assert shown == {"text": NAME, "inView": True, "focusInField": True}, shown
        expect(page.locator("[data-finding-announcer]")).to_contain_text(f"“{NAME}” is highlighted")
        # The name is selected as well as highlighted, so typing replaces it.
        page.keyboard.type(PSEUDONYM)
        _wait_for_draftail_to_save(page, "situation", f"Later {PSEUDONYM} rang")

        # Clicking a link on the page itself: no reload, so the fix above is kept, and the
        # plain text box has the name selected and focused.
        page.evaluate("() => { window.notReloaded = true; }")
        _finding_link(page, "Summary").click()
        page.wait_for_function("() => document.documentElement.dataset.findingShown")
        assert page.evaluate("() => window.notReloaded") is True
        _wait_until_in_view(page, SELECTED_TEXT)
        selected = page.evaluate(SELECTED_TEXT)
        assert selected == {"text": NAME, "focused": True, "inView": True}, selected
        page.keyboard.type(PSEUDONYM)
        expect(page.locator("#id_summary")).to_have_value(SUMMARY.replace(NAME, PSEUDONYM))

        page.get_by_role("button", name="More actions").click()
        with page.expect_navigation():
            page.get_by_role("button", name=re.compile(r"^Publish$")).click()
        expect(page.locator(".messages .success")).to_contain_text(re.compile("published", re.I))

        # Live, with the pseudonym and without the name, and nothing left to find.
        page.goto(PUBLIC_PATH)
        main = page.locator("main")
        expect(main).to_contain_text(SUMMARY.replace(NAME, PSEUDONYM))
        expect(main).to_contain_text(f"Later {PSEUDONYM} rang the helpline.")
        expect(main).not_to_contain_text("Joan Smith")
        page.goto(edit_url)
        expect(page.locator("#id_title")).to_have_value(CASE_STUDY_TITLE)
        expect(page.locator(".messages")).not_to_contain_text("possible identifier")
    except Exception:
        _screenshot_on_failure(page, "editor")
        raise


# Elements of the screen's own content that reach past the right edge of the window.
CONTENT_WIDER_THAN = """(limit) => Array.from(
    document.querySelectorAll(".hub-finding-list, .hub-finding-list *, .hub-findings-page *"))
  .filter(el => el.getBoundingClientRect().right > limit + 0.5)
  .slice(0, 5)
  .map(el => `${el.tagName.toLowerCase()}.${el.className}`)"""


def test_the_findings_screen_reflows_at_320_px_and_200_percent_zoom(new_context, hub_url):
    context = new_context(timeout_ms=ADMIN_TIMEOUT_MS)
    page = context.new_page()
    try:
        sign_in(page, hub_url, SAB_MANAGER)
        edit_url = _open_editor(page)
        _add_the_name(page)
        page_id = re.search(r"/pages/(\d+)/", edit_url).group(1)

        # 320 px wide, and 1280 px at 200% zoom (640 CSS pixels).
        for width in (320, 640):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"/admin/anonymisation/pages/{page_id}/")
            expect(page.locator(".hub-finding").first).to_be_visible()
            assert page.evaluate(CONTENT_WIDER_THAN, width) == [], width
            # The reason form and its button can be reached and seen.
            propose = page.get_by_role("button", name=re.compile("^Propose as safe")).first
            propose.scroll_into_view_if_needed()
            box = propose.bounding_box()
            assert box is not None and box["x"] + box["width"] <= width, (width, box)
    except Exception:
        _screenshot_on_failure(page, "reflow")
        raise
