"""Subject access in a real browser: a practitioner asks for a copy of their data,
downloads the ZIP (which opens and holds their profile and entries), then deletes a
draft reflective entry. The My data page passes axe-core and fits a 320 px screen."""

from __future__ import annotations

import json
import time
import zipfile
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.helpers import WIDER_THAN, assert_no_axe_violations, click_and_wait, sign_in

PRACTITIONER = "practitioner@northmoor.example"
NARROW_WIDTH = 320


def _path(page) -> str:
    return urlsplit(page.url).path


def _write_draft(page, title: str) -> str:
    page.goto("/reflections/new/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your reflection").fill("A first thought, not finished yet.")
    click_and_wait(page, page.get_by_role("button", name="Save entry"))
    return _path(page)


def test_practitioner_downloads_their_data_then_deletes_a_draft(page, hub_url):
    title = f"Draft to delete {time.time_ns()}"
    sign_in(page, hub_url, PRACTITIONER)
    entry_path = _write_draft(page, title)

    # From My learning to Your data.
    page.goto("/my-learning/")
    click_and_wait(page, page.get_by_role("link", name="Your data"))
    assert _path(page) == "/my-data/"
    expect(page.get_by_role("heading", level=1, name="Your data")).to_be_visible()
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 800})
    assert page.evaluate(WIDER_THAN, NARROW_WIDTH) == []
    page.set_viewport_size({"width": 1280, "height": 800})

    click_and_wait(page, page.get_by_role("button", name="Request a copy of your data"))
    expect(page.get_by_text("Your copy is ready to download.")).to_be_visible()
    assert_no_axe_violations(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your data").first.click()
    download = download_info.value
    assert download.suggested_filename.startswith("my-data-")
    assert download.suggested_filename.endswith(".zip")
    with zipfile.ZipFile(download.path()) as archive:
        assert "profile.json" in archive.namelist()
        assert "README.txt" in archive.namelist()
        [profile] = json.loads(archive.read("profile.json"))
        assert profile["email"] == PRACTITIONER
        titles = {e["title"] for e in json.loads(archive.read("reflective_entries.json"))}
        assert title in titles

    # Then the draft goes (learning.reflections.deletion): from the entry, confirmed.
    page.goto(entry_path)
    click_and_wait(page, page.get_by_role("link", name="Delete entry"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    click_and_wait(page, page.get_by_role("button", name="Delete entry"))
    page.goto("/reflections/")
    expect(page.locator("main")).not_to_contain_text(title)
    response = page.goto(entry_path)
    assert response is not None and response.status == 404
