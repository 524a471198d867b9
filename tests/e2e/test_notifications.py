"""Notifications in a real browser: a supervisor comments on an entry a practitioner
shared; the practitioner signs in, sees the unread count and the notification, and
follows it to the entry, which marks it read. The page passes axe-core and fits a
320 px screen."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.helpers import WIDER_THAN, assert_no_axe_violations, click_and_wait, sign_in

PRACTITIONER = "practitioner@northmoor.example"
SUPERVISOR = "supervisor@northmoor.example"
NARROW_WIDTH = 320


def _path(page) -> str:
    return urlsplit(page.url).path


def _sign_out(page) -> None:
    click_and_wait(page, page.get_by_role("button", name="Sign out"))


def _start_with_everything_read(page) -> None:
    """Other journeys on the same server leave notifications behind."""
    page.goto("/notifications/")
    mark_all = page.get_by_role("button", name="Mark all as read")
    if mark_all.count():
        click_and_wait(page, mark_all)
    expect(page.locator("main")).not_to_contain_text("unread notification")


def _write_and_share(page, title: str) -> str:
    page.goto("/reflections/new/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your reflection").fill("I asked her what she wanted first.")
    page.get_by_role("radio", name="Yes: it is final").check()
    click_and_wait(page, page.get_by_role("button", name="Save entry"))
    entry_path = _path(page)
    click_and_wait(page, page.get_by_role("link", name="Share with my supervisor"))
    page.get_by_role("checkbox", name="Rachel Hughes").check()
    click_and_wait(page, page.get_by_role("button", name="Share entry"))
    return entry_path


def test_practitioner_is_told_when_their_supervisor_comments(page, hub_url):
    title = f"Notified entry {time.time_ns()}"
    sign_in(page, hub_url, PRACTITIONER)
    _start_with_everything_read(page)
    entry_path = _write_and_share(page, title)
    _sign_out(page)

    sign_in(page, hub_url, SUPERVISOR)
    page.goto(entry_path)
    page.get_by_label("Your comment").fill("Well done for asking her first.")
    click_and_wait(page, page.get_by_role("button", name="Add comment"))
    expect(page.get_by_text("Your comment has been added")).to_be_visible()
    _sign_out(page)

    sign_in(page, hub_url, PRACTITIONER)
    # The header's link carries the count once the header includes it
    # (templates/learning/notifications/header_link.html).
    header_link = page.locator("header").get_by_role("link", name=re.compile(r"^Notifications"))
    if header_link.count():
        expect(header_link).to_contain_text("1 unread")
        click_and_wait(page, header_link)
    else:
        page.goto("/notifications/")
    assert _path(page) == "/notifications/"
    expect(page.get_by_role("heading", level=1, name="Notifications")).to_be_visible()
    expect(page.locator("main")).to_contain_text("You have 1 unread notification.")
    item = page.locator("main li", has_text=title)
    expect(item).to_contain_text("Rachel Hughes commented on")
    expect(item.locator(".govuk-tag", has_text="New")).to_be_visible()
    assert_no_axe_violations(page)

    page.set_viewport_size({"width": NARROW_WIDTH, "height": 800})
    assert page.evaluate(WIDER_THAN, NARROW_WIDTH) == []
    page.set_viewport_size({"width": 1280, "height": 800})

    click_and_wait(page, item.get_by_role("link", name=title))
    assert _path(page) == entry_path
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    expect(page.get_by_text("Well done for asking her first.")).to_be_visible()

    page.goto("/notifications/")
    expect(page.locator("main")).to_contain_text("You have read all your notifications.")
    expect(page.locator("main li", has_text=title).locator(".govuk-tag")).to_have_count(0)
