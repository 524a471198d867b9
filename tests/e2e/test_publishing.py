"""Publishing in a real browser: a SAB editor writes a seven-minute briefing in the
Wagtail admin and submits it to the "SAB review" workflow, the SAB manager approves
it, and a practitioner then finds it by principle and through search. Also checks the
public content pages (indexes, one page of each kind, a principle, search results)
with axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, run_in_site, sign_in

DOMAIN = "northmoor.example"
PRACTITIONER = f"practitioner@{DOMAIN}"
SAB_EDITOR = f"editor@{DOMAIN}"
SAB_MANAGER = f"manager@{DOMAIN}"

# The Wagtail admin is heavier than the public pages (editor scripts, Draftail).
ADMIN_TIMEOUT_MS = 30_000

# An unusual word, so search and the filtered listing can only match the new briefing.
BRIEFING_TITLE = "Zephyrine: missed signals in a shared house"
SEARCH_WORD = "Zephyrine"
BRIEFING_SUMMARY = (
    "Zephyrine lived in a shared house where small warning signs went unrecorded; "
    "this briefing draws out what each agency could have done differently."
)
SECTION_BODIES = [
    "Zephyrine was a woman in her fifties living in a shared house.",
    "Several agencies each saw a small part of the picture.",
    "Concerns raised by a neighbour were not passed on.",
    "Nobody owned the plan, so nobody chased the missing actions.",
    "Agencies agreed a single lead professional for shared tenancies.",
    "Record who holds the plan, and check it at every contact.",
    "What would you do if you saw the same signs this week?",
]


def _new_admin_page(new_context):
    """A second signed-out browser context, so two people can work in one test."""
    context = new_context(timeout_ms=ADMIN_TIMEOUT_MS)
    return context, context.new_page()


def _briefing_index_id(page) -> str:
    """The page id of the briefings index, read from its edit link in the explorer."""
    page.goto("/admin/pages/")
    # The explorer starts at the root; the briefings index is a child of the home page.
    page.get_by_role("link", name=re.compile("Explore child pages of")).first.click()
    page.wait_for_load_state()
    edit_link = page.locator("a[href*='/edit/']").filter(has_text="Seven-minute briefings")
    href = edit_link.first.get_attribute("href") or ""
    match = re.search(r"/admin/pages/(\d+)/", href)
    assert match, f"No link to the briefings index in the admin explorer ({page.url})"
    return match.group(1)


def _screenshot_on_failure(page, name: str):
    path = f"/tmp/test_publishing_{name}.png"
    try:
        page.screenshot(path=path, full_page=True)
        with open(f"/tmp/test_publishing_{name}.html", "w") as out:
            out.write(page.content())
    except Exception:  # a failed screenshot must never hide the real failure
        return None
    return path


def _write_and_submit_briefing(page, hub_url: str) -> None:
    sign_in(page, hub_url, SAB_EDITOR)
    index_id = _briefing_index_id(page)
    page.goto(f"/admin/pages/add/briefings/briefingpage/{index_id}/")
    expect(page.locator("#id_title")).to_be_visible(timeout=ADMIN_TIMEOUT_MS)

    page.locator("#id_title").fill(BRIEFING_TITLE)
    page.locator("#id_summary").fill(BRIEFING_SUMMARY)
    page.get_by_label("Accountability", exact=True).check()

    editors = page.locator("[data-contentpath='sections'] [contenteditable='true']")
    expect(editors).to_have_count(len(SECTION_BODIES), timeout=ADMIN_TIMEOUT_MS)
    for index, body in enumerate(SECTION_BODIES):
        editor = editors.nth(index)
        # Focus rather than click: the sticky action bar can cover the last editor.
        editor.scroll_into_view_if_needed()
        editor.focus()
        page.keyboard.type(body)
        expect(editor).to_contain_text(body)
        # Draftail copies its content into the form's hidden input after a short pause;
        # submitting before that would send an empty section.
        expect(page.locator(f"input[name='sections-{index}-value-body']")).to_have_value(
            re.compile(re.escape(body[:20]))
        )

    # Leave the last editor and check every section once more: Draftail saves on a timer,
    # and a CI run once stored the seventh section empty although its input had held the
    # text a moment earlier. What is checked here is what the form posts.
    page.locator("#id_title").focus()
    _expect_every_section_in_its_input(page)
    page.get_by_role("button", name="More actions").click()
    _expect_every_section_in_its_input(page)
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile("Submit to SAB review")).click()


def _expect_every_section_in_its_input(page) -> None:
    for index, body in enumerate(SECTION_BODIES):
        expect(page.locator(f"input[name='sections-{index}-value-body']")).to_have_value(
            re.compile(re.escape(body[-20:]))
        )


# Prints each section body of the briefing's latest revision, one a line: what the
# editor's submission stored, whatever the manager's browser later shows of it.
STORED_SECTIONS = f"""
from briefings.models import BriefingPage
page = BriefingPage.objects.get(title={BRIEFING_TITLE!r})
stored = page.get_latest_revision_as_object()
for block in stored.sections:
    print("SECTION", block.value["body"].source.replace("\\n", " "))
"""


def _assert_every_section_stored(tmp_path_factory) -> None:
    stored = run_in_site(tmp_path_factory, STORED_SECTIONS, what="Reading the stored sections")
    # The shell prints its own notices too; each section's line starts with SECTION.
    lines = [line for line in stored.splitlines() if line.startswith("SECTION ")]
    assert len(lines) == len(SECTION_BODIES), stored
    for body, line in zip(SECTION_BODIES, lines, strict=True):
        assert body in line, f"The submitted revision lost a section: {stored}"


def _approve_briefing(page, hub_url: str) -> None:
    sign_in(page, hub_url, SAB_MANAGER)
    page.goto("/admin/")
    page.get_by_role("link", name=re.compile(SEARCH_WORD)).first.click()
    page.wait_for_load_state()
    expect(page.locator("#id_title")).to_have_value(BRIEFING_TITLE)
    # The sections are built in the browser: approving before every editor holds its
    # text (and has copied it back to its hidden input) would post an empty section.
    editors = page.locator("[data-contentpath='sections'] [contenteditable='true']")
    expect(editors).to_have_count(len(SECTION_BODIES), timeout=ADMIN_TIMEOUT_MS)
    for index, body in enumerate(SECTION_BODIES):
        # Brought into view first, as the editor's were: a section far below the fold
        # may not have drawn its text yet.
        editors.nth(index).scroll_into_view_if_needed()
        expect(editors.nth(index)).to_contain_text(body[:20])
        expect(page.locator(f"input[name='sections-{index}-value-body']")).to_have_value(
            re.compile(re.escape(body[:20]))
        )

    # Leave the last editor and check every section once more: Draftail saves on a timer,
    # and a CI run once stored the seventh section empty although its input had held the
    # text a moment earlier. What is checked here is what the form posts.
    page.locator("#id_title").focus()
    _expect_every_section_in_its_input(page)
    page.get_by_role("button", name="More actions").click()
    _expect_every_section_in_its_input(page)
    # The workflow's only task is the manager's approval, so approving publishes.
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Approve and Publish$")).click()
    expect(page.locator(".messages .success")).to_contain_text(
        re.compile("updated|published", re.I)
    )


def test_editor_writes_briefing_approver_publishes_practitioner_finds_it(
    new_context, hub_url, tmp_path_factory
):
    step = "editor"
    contexts = []
    try:
        context, page = _new_admin_page(new_context)
        contexts.append(context)
        _write_and_submit_briefing(page, hub_url)
        expect(page.locator(".messages .success")).to_contain_text(re.compile("submitted", re.I))
        # What the manager reviews is what the editor typed: checked on the server, so a
        # failure below says which browser lost it.
        _assert_every_section_stored(tmp_path_factory)

        step = "manager"
        context, page = _new_admin_page(new_context)
        contexts.append(context)
        _approve_briefing(page, hub_url)

        step = "practitioner"
        context, page = _new_admin_page(new_context)
        contexts.append(context)
        sign_in(page, hub_url, PRACTITIONER)

        page.goto("/briefings/?principle=accountability")
        expect(page.get_by_role("link", name=BRIEFING_TITLE)).to_be_visible()

        page.goto(f"/search/?q={SEARCH_WORD}")
        result = page.get_by_role("link", name=BRIEFING_TITLE)
        expect(result).to_be_visible()
        result.click()
        expect(page.get_by_role("heading", level=1, name=BRIEFING_TITLE)).to_be_visible()
        for body in SECTION_BODIES:
            expect(page.get_by_text(body)).to_be_visible()
    except Exception:
        if contexts and contexts[-1].pages:
            _screenshot_on_failure(contexts[-1].pages[0], step)
        raise


# Accessibility of the content pages -----------------------------------------------


def _first_card_link(page, index_path: str) -> str:
    page.goto(index_path)
    link = page.locator("main .hub-card a[href]").first
    expect(link).to_be_visible()
    href = link.get_attribute("href")
    assert href, f"No card link on {index_path}"
    return href


CONTENT_PAGES = {
    "briefing_index": ("/briefings/", None),
    "briefing": (None, "/briefings/"),
    "review_index": ("/reviews/", None),
    "review": (None, "/reviews/"),
    "case_study_index": ("/case-studies/", None),
    "case_study": (None, "/case-studies/"),
    "principle": ("/principles/accountability/", None),
    "search_results": ("/search/?q=hoarding", None),
}


@pytest.mark.parametrize(
    ("name", "signed_in"),
    [(name, False) for name in CONTENT_PAGES] + [("briefing", True)],
    ids=[f"{name}-anonymous" for name in CONTENT_PAGES] + ["briefing-practitioner"],
)
def test_content_pages_have_no_axe_violations(page, hub_url, name, signed_in):
    if signed_in:
        sign_in(page, hub_url, PRACTITIONER)
    path, index_path = CONTENT_PAGES[name]
    if path is None:
        path = _first_card_link(page, index_path)
    response = page.goto(path)
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    if name == "search_results":
        # Check the page with results on it, not the empty state.
        expect(page.locator("main .hub-card a[href]").first).to_be_visible()

    assert_no_axe_violations(page)
