"""The reflective log and supervision in a real browser.

A practitioner reads a briefing, records it, gives feedback, writes a reflection on one
of its reflective questions and shares it with their supervisor; the supervisor
comments, marks it discussed in supervision and records a team session; the
practitioner then sees the comment and the status. Every page this part of the
product adds is checked with axe-core along the way.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, click_and_wait, sign_in

PRACTITIONER = "practitioner@northmoor.example"
SUPERVISOR = "supervisor@northmoor.example"
# A demo briefing no other journey records (test_records.py uses another one).
BRIEFING_PATH = "/briefings/coercive-control-in-later-life/"
BRIEFING_TITLE = "Coercive control and domestic abuse in later life"
QUESTION = (
    "How would you create a safe opportunity for an older person to tell you about abuse at home?"
)
ENTRY_TITLE = "Making it safe to talk about home"
COMMENT = "Good thinking. Could you also ask about *money* at the next visit?"


def _path(page) -> str:
    return urlsplit(page.url).path


def _sign_out(page) -> None:
    click_and_wait(page, page.get_by_role("button", name="Sign out"))


def _read_complete_and_give_feedback(page) -> None:
    page.goto(BRIEFING_PATH)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Coercive control")
    record = page.get_by_role("button", name=re.compile(r"^I have read this"))
    if record.count():  # the journey may be re-run against the same server
        click_and_wait(page, record)
    expect(page.get_by_text(re.compile(r"You completed this on"))).to_be_visible()
    send = page.get_by_role("button", name="Send feedback")
    if send.count():
        page.get_by_role("radio", name="5 (very useful)").check()
        page.get_by_role("radio", name="Yes").check()
        click_and_wait(page, send)
    expect(page.get_by_text(re.compile(r"You rated this \d out of 5"))).to_be_visible()


def _write_and_share_a_reflection(page) -> str:
    """Returns the entry's path."""
    # The question's text is in the link's accessible name (visually hidden), so each
    # of the page's "Reflect on this question" links is told apart by assistive tech.
    link = page.get_by_role(
        "link", name=re.compile(r"^Reflect on this question\s*:\s*" + re.escape(QUESTION))
    )
    click_and_wait(page, link)
    assert _path(page) == "/reflections/new/"
    expect(page.get_by_role("heading", name="Write a new entry")).to_be_visible()
    expect(page.locator("main")).to_contain_text(QUESTION)
    assert_no_axe_violations(page)

    # Saving without writing anything explains what is missing, on an accessible page.
    click_and_wait(page, page.get_by_role("button", name="Save entry"))
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.get_by_role("link", name="Write your reflection")).to_be_visible()
    assert page.title().startswith("Error:")
    assert_no_axe_violations(page)

    # A structure starts the text with its headings, still against the same question.
    click_and_wait(page, page.get_by_role("button", name="Use What? So what? Now what?"))
    body = page.get_by_label("Your reflection")
    expect(body).to_have_value(re.compile(r"^# What\?\n\n\n# So what\?\n\n\n# Now what\?"))
    expect(page.locator("main")).to_contain_text(QUESTION)

    page.get_by_label("Title").fill(ENTRY_TITLE)
    body.fill(
        "# What?\n\nI visited Mrs C while her husband was in the room.\n\n"
        "# So what?\n\nShe could not speak freely.\n\n"
        "# Now what?\n\n- Arrange to see her alone\n- Ask open questions"
    )
    page.get_by_role("radio", name="Yes: it is final").check()
    click_and_wait(page, page.get_by_role("button", name="Save entry"))

    expect(page.get_by_role("heading", name=ENTRY_TITLE, level=1)).to_be_visible()
    expect(page.get_by_text("Only you can read it until you share it")).to_be_visible()
    expect(page.get_by_role("heading", name="Now what?")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Arrange to see her alone")).to_be_visible()
    entry_path = _path(page)
    assert_no_axe_violations(page)

    click_and_wait(page, page.get_by_role("link", name="Share with my supervisor"))
    page.get_by_role("checkbox", name="Rachel Hughes").check()
    click_and_wait(page, page.get_by_role("button", name="Share entry"))
    assert _path(page) == entry_path
    expect(page.get_by_text("Shared with Rachel Hughes")).to_be_visible()

    click_and_wait(page, page.get_by_role("link", name="Reflective log", exact=True).first)
    assert _path(page) == "/reflections/"
    expect(page.get_by_role("link", name=ENTRY_TITLE)).to_be_visible()
    assert_no_axe_violations(page)
    return entry_path


def _supervisor_reviews(page, hub_url: str, entry_path: str) -> None:
    sign_in(page, hub_url, SUPERVISOR)
    click_and_wait(page, page.get_by_role("link", name="My team", exact=True).first)
    assert _path(page) == "/my-team/"
    awaiting = page.locator("section", has=page.locator("#awaiting-review"))
    expect(awaiting.get_by_role("link", name=ENTRY_TITLE)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Jordan Ellis"))).to_be_visible()
    assert_no_axe_violations(page)

    click_and_wait(page, awaiting.get_by_role("link", name=ENTRY_TITLE).first)
    assert _path(page) == entry_path
    expect(page.get_by_text("Shared with you by Jordan Ellis")).to_be_visible()
    page.get_by_label("Your comment").fill(COMMENT)
    click_and_wait(page, page.get_by_role("button", name="Add comment"))
    expect(page.get_by_text("Your comment has been added")).to_be_visible()

    click_and_wait(page, page.get_by_role("link", name="Mark as reviewed or discussed"))
    page.get_by_role("radio", name="We discussed it in supervision").check()
    click_and_wait(page, page.get_by_role("button", name="Save"))
    assert _path(page) == entry_path
    expect(page.get_by_text("Marked as “discussed in supervision”")).to_be_visible()


def _supervisor_records_a_team_session(page) -> None:
    page.goto("/my-team/")
    click_and_wait(page, page.get_by_role("link", name="Record a team session"))
    expect(page.get_by_role("heading", name="Record a team session")).to_be_visible()
    assert_no_axe_violations(page)

    item = page.get_by_label("What did you deliver?")
    briefing = item.locator("option", has_text=re.compile(f"^{re.escape(BRIEFING_TITLE)}"))
    item.select_option(briefing.get_attribute("value"))
    page.get_by_label("How long did the session last?").fill("25")
    page.get_by_role("checkbox", name="Jordan Ellis").check()
    page.get_by_label("What did the team take from it?").fill(
        "We agreed to **offer a private conversation** at every visit."
    )
    click_and_wait(page, page.get_by_role("button", name="Record the session"))
    expect(page.get_by_role("heading", name=BRIEFING_TITLE, level=1)).to_be_visible()
    expect(page.locator("main strong", has_text="offer a private conversation")).to_be_visible()
    assert_no_axe_violations(page)


def test_reflect_share_and_discuss_in_supervision(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    _read_complete_and_give_feedback(page)
    entry_path = _write_and_share_a_reflection(page)
    _sign_out(page)

    _supervisor_reviews(page, hub_url, entry_path)
    _supervisor_records_a_team_session(page)
    _sign_out(page)

    sign_in(page, hub_url, PRACTITIONER)
    page.goto(entry_path)
    comments = page.locator("section", has=page.locator("#comments"))
    expect(comments.get_by_role("heading", name="Rachel Hughes")).to_be_visible()
    expect(comments.locator("em", has_text="money")).to_be_visible()
    expect(comments.get_by_role("link", name=re.compile("^on version 1"))).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Discussed in supervision by Rachel Hughes on"))
    ).to_be_visible()
    expect(page.locator("main .govuk-tag", has_text="Discussed in supervision")).to_be_visible()

    # The team session is on the practitioner's log, with the group reflection.
    page.goto("/reflections/")
    sessions = page.locator("section", has=page.locator("#sessions-title"))
    click_and_wait(page, sessions.get_by_role("link", name=BRIEFING_TITLE).first)
    expect(page.get_by_text("We agreed to")).to_be_visible()


def test_every_entry_form_passes_axe(page, hub_url):
    """Edit, share, withdraw, review, sign-off, reopen and comment pages, and the entry
    as its supervisor reads it with the comment form, on a fresh entry each run."""
    import time

    title = f"Axe check entry {time.time_ns()}"
    sign_in(page, hub_url, PRACTITIONER)
    page.goto("/reflections/new/")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Your reflection").fill("I *listened* first.\n\n- Then I asked.")
    page.get_by_role("radio", name="Yes: it is final").check()
    click_and_wait(page, page.get_by_role("button", name="Save entry"))
    entry_path = _path(page)

    click_and_wait(page, page.get_by_role("link", name="Change this entry"))
    assert _path(page) == f"{entry_path}edit/"
    assert_no_axe_violations(page)

    page.goto(entry_path)
    click_and_wait(page, page.get_by_role("link", name="Share with my supervisor"))
    assert_no_axe_violations(page)
    page.get_by_role("checkbox", name="Rachel Hughes").check()
    click_and_wait(page, page.get_by_role("button", name="Share entry"))

    click_and_wait(page, page.get_by_role("link", name="Stop sharing"))
    expect(page.get_by_role("heading", name="Stop sharing this entry")).to_be_visible()
    assert_no_axe_violations(page)
    _sign_out(page)

    sign_in(page, hub_url, SUPERVISOR)
    page.goto(entry_path)
    expect(page.get_by_label("Your comment")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Your comment").fill("Thank you: *well observed*.")
    click_and_wait(page, page.get_by_role("button", name="Add comment"))

    click_and_wait(page, page.get_by_role("link", name=re.compile("^on version 1")).first)
    assert _path(page).startswith("/reflections/comments/")
    assert_no_axe_violations(page)

    page.goto(entry_path)
    click_and_wait(page, page.get_by_role("link", name="Mark as reviewed or discussed"))
    assert_no_axe_violations(page)

    page.goto(entry_path)
    click_and_wait(page, page.get_by_role("link", name="Sign off as peer reflection"))
    assert_no_axe_violations(page)
    click_and_wait(page, page.get_by_role("button", name="Sign off"))

    click_and_wait(page, page.get_by_role("link", name="Reopen for changes"))
    assert_no_axe_violations(page)
    click_and_wait(page, page.get_by_role("button", name="Reopen"))
    expect(page.get_by_text("Reopened. Its author can change it again.")).to_be_visible()
