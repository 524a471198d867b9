"""The organisation lead's people view in a real browser: a lead whose organisation
has someone overdue finds them by filtering on "Overdue" and opens their record; the
page passes axe-core and does not scroll sideways at 320 px (the table scrolls in its
own focusable box).

The overdue person is added to the running site's database with `manage.py shell`
(the site runs in its own process, see conftest.hub_url): a practitioner who joined in
2021, in a team of their own, with a requirement for that team only, so no other
journey's people or pages change."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, run_in_site, sign_in

ORGANISATION_LEAD = "lead@northmoor.example"
LEAD_ORGANISATION = "Northmoor Council Adult Social Care"
OVERDUE_NAME = "Casey Overdue"
NARROW_WIDTH = 320

ADD_OVERDUE_PERSON = f"""
from datetime import date, datetime

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page

from learning.models import DueFrom, LearningPage, Organisation, Profile, Requirement, Team, User

organisation = Organisation.objects.get(name={LEAD_ORGANISATION!r})
team, _ = Team.objects.get_or_create(organisation=organisation, name="E2E overdue team")
user = User.objects.filter(email="casey.overdue@northmoor.example").first()
if user is None:
    user = User.objects.create_user(
        "casey.overdue@northmoor.example", None, first_name="Casey", last_name="Overdue"
    )
    User.objects.filter(pk=user.pk).update(
        date_joined=timezone.make_aware(datetime(2021, 1, 4, 9, 0))
    )
    Profile.objects.create(user=user, organisation=organisation, team=team)
    user.groups.add(Group.objects.get(name="Practitioner"))
if not Requirement.objects.filter(title="E2E overdue team learning").exists():
    page = next(p for p in Page.objects.live().specific() if isinstance(p, LearningPage))
    requirement = Requirement.objects.create(
        title="E2E overdue team learning",
        organisation=organisation,
        due_days=30,
        due_from=DueFrom.JOINED,
        starts_on=date(2021, 1, 1),
    )
    requirement.pages.set([page])
    requirement.teams.set([team])
"""


@pytest.fixture
def overdue_person(hub_url, tmp_path_factory) -> str:
    run_in_site(tmp_path_factory, ADD_OVERDUE_PERSON, what="Adding the overdue person")
    return OVERDUE_NAME


# The outermost elements past the right edge, to say what made the page too wide.
_WIDER_THAN = """(limit) => Array.from(document.querySelectorAll("body *"))
  .filter(el => el.getBoundingClientRect().right > limit + 0.5)
  .filter(el => el.parentElement.getBoundingClientRect().right <= limit + 0.5)
  .slice(0, 5)
  .map(el => `${el.tagName.toLowerCase()}.${el.className}`)"""


def _assert_no_sideways_scroll_at_320(page) -> None:
    original = page.viewport_size
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 800})
    try:
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        wide = page.evaluate(_WIDER_THAN, NARROW_WIDTH) if widths[0] > widths[1] else []
        assert widths[0] <= widths[1], (
            f"{page.url} at {NARROW_WIDTH} px is {widths[0]} px wide: {wide}"
        )
    finally:
        if original:
            page.set_viewport_size(original)


def test_lead_finds_the_overdue_person_and_opens_their_record(page, hub_url, overdue_person):
    sign_in(page, hub_url, ORGANISATION_LEAD)
    page.goto("/organisation/people/")
    expect(page.get_by_role("heading", level=1, name="People")).to_be_visible()
    table = page.get_by_role("table", name=re.compile(f"^People in {LEAD_ORGANISATION}"))
    expect(table).to_be_visible()
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll_at_320(page)

    page.get_by_label("Required learning", exact=True).select_option(label="Overdue")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    assert "status=overdue" in page.url
    row = table.get_by_role("row", name=re.compile(overdue_person))
    expect(row).to_contain_text("1 overdue")
    # Everyone listed now has something overdue.
    for cell in table.locator("tbody tr td:nth-of-type(6)").all():
        expect(cell).to_contain_text("overdue")
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll_at_320(page)

    # The table scrolls in its own box, which the keyboard can reach.
    region = page.get_by_role("region", name=re.compile(f"^People in {LEAD_ORGANISATION}"))
    region.focus()
    expect(region).to_be_focused()

    with page.expect_navigation():
        row.get_by_role("link", name=overdue_person, exact=True).click()
    assert re.fullmatch(r"/people/\d+/learning/", urlsplit(page.url).path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(overdue_person)


def test_bulk_invitation_pages_have_no_axe_violations(page, hub_url):
    sign_in(page, hub_url, ORGANISATION_LEAD)
    page.goto("/organisation/people/")
    with page.expect_navigation():
        page.get_by_role("link", name="Invite people").click()
    expect(page.get_by_role("heading", level=1, name="Invite people")).to_be_visible()
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll_at_320(page)

    # Nothing entered: the error is explained.
    with page.expect_navigation():
        page.get_by_role("button", name="Check the list").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Email addresses").fill(
        "e2e.bulk.one@northmoor.example\nnot an address; practitioner@northmoor.example"
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Check the list").click()
    expect(
        page.get_by_role("heading", level=1, name="Check the list before sending")
    ).to_be_visible()
    lines = page.get_by_role("table", name="What will happen to each address")
    expect(lines.get_by_role("row", name=re.compile("e2e.bulk.one"))).to_contain_text(
        "Will be invited"
    )
    expect(lines.get_by_role("row", name=re.compile("practitioner@"))).to_contain_text(
        "already has an account"
    )
    assert_no_axe_violations(page)
    _assert_no_sideways_scroll_at_320(page)
