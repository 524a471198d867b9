"""Finding and following learning in a real browser (issue 12): a practitioner searches
for an acronym ("SAR"), is told what else was searched for, opens a briefing among the
results, records it, and finds it marked Completed on the briefing listing."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, sign_in

# A demo practitioner no other browser journey signs in as, so the briefing this test
# records is one nobody else's journey depends on.
OFFICER = "officer@northmoor-police.example"


def _path(page) -> str:
    return urlsplit(page.url).path


def test_practitioner_finds_a_briefing_by_acronym_and_sees_it_completed(page, hub_url):
    sign_in(page, hub_url, OFFICER)
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("link", name="Search all learning").click()
    page.get_by_label("Search all learning").fill("SAR")
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()

    assert _path(page) == "/search/"
    main = page.get_by_role("main")
    expect(main.locator("#also-searched-for")).to_contain_text(
        "Also searched for: \u2018Safeguarding Adults Review\u2019"
    )
    results = main.locator("ol.hub-card-list > li")
    # The acronym finds the reviews themselves, though none says "SAR" in its title.
    expect(
        results.get_by_role("link", name=re.compile(r"^Safeguarding Adults Review: "))
    ).not_to_have_count(0)
    assert_no_axe_violations(page)

    # A briefing among the results, not yet done by this person.
    briefing_card = (
        results.filter(
            has=page.locator(".hub-meta", has_text=re.compile(r"^Seven-minute briefing"))
        )
        .filter(has_not=page.locator(".govuk-tag--green"))
        .first
    )
    link = briefing_card.get_by_role("heading").get_by_role("link")
    title = link.inner_text().strip()
    with page.expect_navigation():
        link.click()
    briefing_path = _path(page)
    assert briefing_path.startswith("/briefings/")
    expect(page.get_by_role("heading", level=1, name=title)).to_be_visible()
    # Reading time and CPD each said for what they are.
    expect(page.get_by_text(re.compile(r"^About \d+ minutes? to read$"))).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"minutes? of CPD for reading and reflecting on it"))
    ).to_be_visible()

    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^I have read this")).click()
    expect(page.get_by_text(re.compile(r"You completed this on \d{1,2} \w+ \d{4}"))).to_be_visible()

    page.goto("/briefings/")
    card = page.locator("li.hub-card").filter(has=page.get_by_role("link", name=title, exact=True))
    expect(card.locator(".govuk-tag--green")).to_have_text(
        re.compile(r"^Completed\s*: you have completed " + re.escape(title) + "$")
    )
    # Other briefings this person has not done carry no mark.
    unmarked = page.locator("li.hub-card").filter(has_not=page.locator(".govuk-tag--green"))
    expect(unmarked).not_to_have_count(0)
    assert_no_axe_violations(page)
