"""A practitioner deletes a draft reflective entry in a real browser: from the entry's
page, through a confirmation that names what will go, back to their log without it.
The confirmation passes axe-core and fits a 320 px wide screen."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.helpers import WIDER_THAN, assert_no_axe_violations, click_and_wait, sign_in

PRACTITIONER = "practitioner@northmoor.example"
PHONE_WIDTH = 320

_OVERFLOW = """() => ({
  scroll: document.documentElement.scrollWidth,
  client: document.documentElement.clientWidth,
})"""


def _path(page) -> str:
    return urlsplit(page.url).path


def _assert_no_sideways_scroll(page) -> None:
    sizes = page.evaluate(_OVERFLOW)
    assert sizes["scroll"] <= sizes["client"], (
        f"{_path(page)} is {sizes['scroll']} px wide at {sizes['client']} px: "
        f"{page.evaluate(WIDER_THAN, sizes['client'])}"
    )


def test_practitioner_deletes_a_draft(page, hub_url):
    # A title of its own, so a re-run against the same server finds only this entry.
    title = f"A draft to delete {time.time_ns()}"
    sign_in(page, hub_url, PRACTITIONER)
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})

    page.goto("/reflections/new/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your reflection").fill("Something I *noticed* today.")
    click_and_wait(page, page.get_by_role("button", name="Save entry").last)
    entry_path = _path(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)

    click_and_wait(page, page.get_by_role("link", name="Delete entry"))
    assert _path(page) == f"{entry_path}delete/"
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Are you sure you want to delete “{title}”?"
    )
    main = page.locator("main")
    expect(main).to_contain_text("no earlier versions")
    expect(main).to_contain_text("no comments")
    expect(main).to_contain_text("It is not shared with anyone")
    expect(main).to_contain_text("You cannot undo this.")
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll(page)

    click_and_wait(page, page.get_by_role("button", name="Delete entry"))
    assert _path(page) == "/reflections/"
    expect(page.get_by_text(f"“{title}” has been deleted")).to_be_visible()
    expect(page.get_by_role("link", name=title)).to_have_count(0)
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll(page)

    response = page.goto(entry_path)
    assert response is not None and response.status == 404
