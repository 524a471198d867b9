"""First journeys in a real browser: every demo role signs in and lands in the right
place, a practitioner signs out, the public and sign-in pages pass axe-core, and the
skip link works from the keyboard."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, sign_in, sign_in_through_form

# The demo partnership's sign-ins (learning/demo/partnership.py; listed in the README).
DOMAIN = "northmoor.example"
PRACTITIONER = f"practitioner@{DOMAIN}"
SUPERVISOR = f"supervisor@{DOMAIN}"
ORGANISATION_LEAD = f"lead@{DOMAIN}"
SAB_EDITOR = f"editor@{DOMAIN}"
SAB_MANAGER = f"manager@{DOMAIN}"
SITE_ADMINISTRATOR = f"admin@{DOMAIN}"
# Used only for the refused sign-in, so its failed-attempt count touches nobody else.
NURSE = "nurse@northmoorhealth-nhs.example"


def _path(page) -> str:
    return urlsplit(page.url).path


# Where each role lands --------------------------------------------------------------
# Through the sign-in form itself: these are the sign-in journeys.


@pytest.mark.parametrize(
    "email",
    [PRACTITIONER, SUPERVISOR],
    ids=["practitioner", "supervisor"],
)
def test_staff_land_on_home_page_with_next_steps(page, hub_url, email):
    sign_in_through_form(page, hub_url, email)

    assert _path(page) == "/"
    expect(page.get_by_role("heading", name="What to do next")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_organisation_lead_lands_on_home_page_offered_invitations(page, hub_url):
    sign_in_through_form(page, hub_url, ORGANISATION_LEAD)

    assert _path(page) == "/"
    expect(page.get_by_role("heading", name="What to do next")).to_be_visible()
    expect(page.get_by_role("link", name="Invite colleagues")).to_be_visible()


@pytest.mark.parametrize(
    "email",
    [SAB_EDITOR, SAB_MANAGER, SITE_ADMINISTRATOR],
    ids=["sab_editor", "sab_manager", "site_administrator"],
)
def test_board_staff_land_on_admin_dashboard(page, hub_url, email):
    sign_in_through_form(page, hub_url, email)

    assert _path(page) == "/admin/"
    # Wagtail's dashboard itself, not a redirect to two-factor set-up or to sign-in.
    expect(page).to_have_title(re.compile("Dashboard"))


# Signing out ------------------------------------------------------------------------


def test_practitioner_can_sign_out(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    expect(page.get_by_role("heading", name="What to do next")).to_be_visible()

    with page.expect_navigation():
        page.get_by_role("button", name="Sign out").click()

    assert _path(page) == "/"
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("heading", name="What to do next")).to_have_count(0)


# Accessibility: axe-core ------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/accounts/login/", "/accounts/signup/", "/principles/"],
    ids=["home", "sign_in", "sign_up", "principles"],
)
def test_public_page_has_no_axe_violations(page, path):
    response = page.goto(path)

    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    assert_no_axe_violations(page)


def test_principle_page_has_no_axe_violations(page):
    page.goto("/principles/")
    first_principle = page.get_by_role("main").get_by_role("heading", level=2).get_by_role("link")
    with page.expect_navigation():
        first_principle.first.click()

    assert re.fullmatch(r"/principles/[\w-]+/", _path(page))
    assert_no_axe_violations(page)


def test_sign_in_page_showing_an_error_has_no_axe_violations(page):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(NURSE)
    page.get_by_label("Password", exact=True).fill("not-the-right-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_no_axe_violations(page)


def test_signed_in_home_page_has_no_axe_violations(page, hub_url):
    sign_in(page, hub_url, PRACTITIONER)
    assert _path(page) == "/"

    assert_no_axe_violations(page)


# Keyboard ---------------------------------------------------------------------------


def test_skip_link_is_first_tab_stop_and_moves_focus_to_main_content(page):
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main-content$"))
    main = page.locator("main#main-content")
    expect(main).to_be_focused()
