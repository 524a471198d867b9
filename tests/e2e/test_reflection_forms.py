"""The reflective entry form in a real browser (issue 12): switching structure after
typing keeps the title and text, Preview shows the Markdown (tables styled) without
saving, Enter in the title saves rather than switching, and a supervisor whose share
was withdrawn gets a 404 that says why. Each page state is checked with axe-core.
The same behaviour without JavaScript is tested through the Django test client in
tests/learning/reflections/test_entry_form_keeps_text.py."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, click_and_wait, sign_in

PRACTITIONER = "practitioner@northmoor.example"
SUPERVISOR = "supervisor@northmoor.example"
TITLE = "Visit to Mr D"
BODY = "He asked me to come back when his son was out.\n\nI agreed a time."


def test_switching_structure_keeps_what_was_typed(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    page.goto("/reflections/new/")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Your reflection").fill(BODY)
    page.get_by_role("radio", name="Yes: it is final").check()

    click_and_wait(page, page.get_by_role("button", name="Use Gibbs reflective cycle"))

    expect(page.get_by_label("Title")).to_have_value(TITLE)
    expect(page.get_by_label("Your reflection")).to_have_value(BODY)
    expect(page.get_by_role("radio", name="Yes: it is final")).to_be_checked()
    expect(page.get_by_text("Gibbs reflective cycle (chosen)")).to_be_visible()
    expect(page.get_by_text("We kept what you wrote")).to_be_visible()
    # The new structure's prompts are open beside the text, not written into it.
    expect(page.get_by_text("What happened? Who was involved")).to_be_visible()
    expect(page.get_by_role("heading", name="There is a problem")).to_have_count(0)
    assert_no_axe_violations(page)

    # Saved, the entry has the text as typed.
    click_and_wait(page, page.get_by_role("button", name="Save entry"))
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_text("I agreed a time.")).to_be_visible()


def test_an_empty_text_box_takes_the_new_headings(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    page.goto("/reflections/new/")
    page.get_by_label("Title").fill(TITLE)
    click_and_wait(page, page.get_by_role("button", name="Use What? So what? Now what?"))
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    expect(page.get_by_label("Your reflection")).to_have_value(
        re.compile(r"^# What\?\n\n\n# So what\?\n\n\n# Now what\?")
    )
    # Untouched headings give way to the next structure's.
    click_and_wait(page, page.get_by_role("button", name="Use Gibbs reflective cycle"))
    expect(page.get_by_label("Your reflection")).to_have_value(re.compile(r"^# Description"))


def test_enter_in_the_title_saves_instead_of_switching(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    page.goto("/reflections/new/")
    page.get_by_label("Title").fill(TITLE)
    with page.expect_navigation():
        page.get_by_label("Title").press("Enter")
    # A save was tried: the empty reflection is explained, the structure is unchanged.
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Write your reflection")).to_be_visible()
    expect(page.get_by_text("Free writing (chosen)")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value(TITLE)


def test_preview_shows_the_markdown_without_saving(page, hub_url):
    title = f"Preview check {time.time_ns()}"
    body = "# Risks\n\n| Risk | Action |\n|---|---|\n| Isolation | Visit alone |\n\n*Noted*"
    sign_in(page, hub_url, PRACTITIONER)
    page.goto("/reflections/new/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your reflection").fill(body)

    click_and_wait(page, page.get_by_role("button", name="Preview"))

    preview = page.locator("section", has=page.locator("#preview-heading"))
    expect(preview.get_by_role("heading", name="Risks")).to_be_visible()
    expect(preview.locator("table.govuk-table th.govuk-table__header").first).to_have_text("Risk")
    expect(preview.get_by_role("cell", name="Visit alone")).to_be_visible()
    expect(preview.locator("em", has_text="Noted")).to_be_visible()
    expect(page.get_by_label("Title")).to_have_value(title)
    expect(page.get_by_label("Your reflection")).to_have_value(body)
    assert_no_axe_violations(page)

    page.goto("/reflections/")
    expect(page.get_by_role("link", name=title)).to_have_count(0)  # nothing was saved


def test_supervisor_following_a_withdrawn_share_is_told_why(page, hub_url):
    title = f"Withdrawn share {time.time_ns()}"
    sign_in(page, hub_url, PRACTITIONER)
    page.goto("/reflections/new/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your reflection").fill("Thoughts for supervision.")
    click_and_wait(page, page.get_by_role("button", name="Save entry"))
    entry_path = urlsplit(page.url).path
    click_and_wait(page, page.get_by_role("link", name="Share with my supervisor"))
    page.get_by_role("checkbox", name="Rachel Hughes").check()
    click_and_wait(page, page.get_by_role("button", name="Share entry"))
    click_and_wait(page, page.get_by_role("link", name="Stop sharing"))
    page.get_by_role("checkbox", name="Rachel Hughes").check()
    click_and_wait(page, page.get_by_role("button", name="Stop sharing"))
    click_and_wait(page, page.get_by_role("button", name="Sign out"))

    sign_in(page, hub_url, SUPERVISOR)
    response = page.goto(entry_path)
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Page not found", level=1)).to_be_visible()
    expect(page.get_by_text("can withdraw a share")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(title)
    assert_no_axe_violations(page)
    click_and_wait(page, page.get_by_role("link", name="Go to My team"))
    assert urlsplit(page.url).path == "/my-team/"
