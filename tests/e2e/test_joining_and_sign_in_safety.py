"""Joining and signing in safely, in a real browser (the security issue on personal
addresses and ways round sign-in):

- an organisation lead invites a personal address on a public email service (Gmail):
  it is not sent but waits, and says so; a site administrator finds it on the admin
  dashboard, confirms it (after being told to tick the box) and sees it confirmed,
  and the lead then sees it as sent. Keyboard only where practical, axe-core on each
  page state, and nothing wider than 320 px (the invitations table stacks into
  cards there);
- an organisation lead cannot reach the organisation admin (so cannot register a
  domain), and a site administrator who tries to give an organisation the domain
  gmail.com is refused with a clear message on the field;
- Wagtail's own sign-in pages send the browser to the hub's (allauth's) sign-in;
- a signed-in privileged person's pages are private, never stored, and the site's
  Content-Security-Policy allows no inline script.

Each test makes its own invitations (random Gmail addresses), so none depends on
another or on their order.
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, sign_in

DOMAIN = "northmoor.example"
PRACTITIONER = f"practitioner@{DOMAIN}"
ORGANISATION_LEAD = f"lead@{DOMAIN}"
SAB_MANAGER = f"manager@{DOMAIN}"
SITE_ADMINISTRATOR = f"admin@{DOMAIN}"
# The lead's organisation in the demo partnership (learning/demo_text.py).
LEAD_ORGANISATION = "Northmoor Council Adult Social Care"
# An organisation nobody else's test edits, for the refused domain.
DOMAIN_TEST_ORGANISATION = "Northmoor Police"

INVITATIONS_PATH = "/accounts/invitations/"
LOGIN_PATH = "/accounts/login/"

# The Wagtail admin is heavier than the hub's own pages.
ADMIN_TIMEOUT_MS = 30_000
NARROW_WIDTH = 320
MAX_TABS = 60

# Texts from the templates and views (learning/accounts/views.py, forms.py,
# invitation_admin.py, free_mail.py; templates/learning/...).
AWAITING_MESSAGE = (
    "{email} is a personal address on a public email service, so this invitation needs a "
    "site administrator to confirm it before it is sent. It is listed below as awaiting "
    "confirmation."
)
PANEL_HEADING = re.compile(r"^Invitations awaiting your confirmation \(\d+\)$")
CHECK_LABEL = "I have checked this personal address belongs to the invitee"
CHECK_REQUIRED = (
    "Tick the box to confirm you have checked the address belongs to the person being invited"
)
CONFIRMED_MESSAGE = "Invitation confirmed and sent to {email}."
FREE_MAIL_DOMAIN_MESSAGE = (
    "{domain} is a public email service that anyone can sign up to, so it cannot be "
    "used to recognise an organisation's staff."
)


def _path(page) -> str:
    return urlsplit(page.url).path


def _personal_address() -> str:
    """A Gmail address no other test (or earlier run) has used."""
    return f"e2e.invitee.{uuid.uuid4().hex[:10]}@gmail.com"


def _admin_page(new_context):
    return new_context(timeout_ms=ADMIN_TIMEOUT_MS).new_page()


def _assert_admin_page_has_no_axe_violations(page) -> None:
    """axe-core on an admin page once Wagtail's messages have finished fading in (half
    way through, their text is too faint for the contrast rule)."""
    messages = page.locator(".messages > ul")
    for index in range(messages.count()):
        expect(messages.nth(index)).to_have_css("opacity", "1")
    assert_no_axe_violations(page)


# Keyboard ---------------------------------------------------------------------------

_ACTIVE_ELEMENT = """() => {
  const el = document.activeElement;
  const label = el && el.labels && el.labels.length ? el.labels[0].innerText.trim() : "";
  return {
    tag: el ? el.tagName.toLowerCase() : "",
    type: el && el.type ? el.type : "",
    name: el && el.name ? el.name : "",
    value: el && "value" in el ? String(el.value) : "",
    text: el ? (el.innerText || "").trim() : "",
    label: label,
    checked: !!(el && el.checked),
  };
}"""


def _active(page) -> dict:
    return page.evaluate(_ACTIVE_ELEMENT)


def _tab_to(page, matches, *, what: str) -> dict:
    """Press Tab until the focused element matches; fail if it never does."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        info = _active(page)
        if matches(info):
            return info
    pytest.fail(f"Tabbing never reached {what}; last focus: {_active(page)}")


def _field_named(name: str):
    return lambda info: info["name"] == name


def _button(text: str):
    return lambda info: info["tag"] == "button" and info["text"] == text


# Layout -----------------------------------------------------------------------------


_WIDER_THAN = """([limit, outside]) => Array.from(document.querySelectorAll("body *"))
  .filter(el => !(outside && el.closest(outside)))
  .filter(el => el.getBoundingClientRect().right > limit + 0.5)
  .slice(0, 5)
  .map(el => `${el.tagName.toLowerCase()}.${el.className}`
             + ` (right edge ${Math.round(el.getBoundingClientRect().right)} px)`)"""


def _at_320(page, check) -> None:
    """Run `check` with the viewport 320 CSS pixels wide, then put it back."""
    original = page.viewport_size
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 800})
    try:
        check()
    finally:
        if original:
            page.set_viewport_size(original)


def _assert_fits_at_320(page) -> None:
    """At 320 px everything fits, tables included (they stack into cards)."""

    def check() -> None:
        wide = page.evaluate(_WIDER_THAN, [NARROW_WIDTH, None])
        assert not wide, f"{page.url} at {NARROW_WIDTH} px: elements past the edge {wide}"

    _at_320(page, check)


# 1. Inviting a personal address: the lead asks, an administrator confirms --------------


def _lead_invites_by_keyboard(page, email: str) -> None:
    """On the invitation page, fill in the address and send, with the keyboard alone."""
    page.goto(INVITATIONS_PATH)
    expect(page.get_by_role("heading", level=1, name="Invite colleagues")).to_be_visible()
    # The page says beforehand what happens to a personal address.
    expect(page.get_by_role("main")).to_contain_text(
        "is not sent until a site administrator has confirmed it"
    )

    _tab_to(page, _field_named("email"), what="the email field")
    page.keyboard.type(email)
    # The lead has one organisation, already chosen; team and role keep their defaults.
    organisation = _tab_to(page, _field_named("organisation"), what="the organisation")
    assert organisation["label"] == "Organisation"
    expect(page.get_by_label("Organisation")).to_have_value(re.compile(r"\S"))
    # A lead never gets the administrator's confirmation box.
    expect(page.get_by_label(CHECK_LABEL)).to_have_count(0)
    _tab_to(page, _button("Send invitation"), what="the Send invitation button")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _invitation_row(page, email: str):
    """The row for `email` in the hub's own list of recent invitations."""
    return page.get_by_role("row").filter(has=page.get_by_role("cell", name=email, exact=True))


def _admin_invitation_row(page, email: str):
    """The row for `email` in the admin's invitations listing (its title links to it)."""
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=email, exact=True))


def _more_options(page, email: str):
    """Open the "More options" menu of the invitation's row in the admin listing."""
    row = _admin_invitation_row(page, email)
    expect(row).to_have_count(1)
    row.get_by_role("button", name=re.compile("^More options for")).click()
    # Every invitation's menu has Inspect; once it shows, the menu is open.
    expect(row.get_by_role("link", name="Inspect", exact=True)).to_be_visible()
    return row


def _confirm_or_decline_link(page, email: str):
    return page.get_by_role("link", name=f"Confirm or decline the invitation for {email}")


def test_lead_invites_personal_address_and_site_administrator_confirms_it(new_context, hub_url):
    email = _personal_address()

    # The lead's side: the hub's own pages.
    lead = new_context().new_page()
    sign_in(lead, hub_url, ORGANISATION_LEAD)
    response = lead.goto(INVITATIONS_PATH)
    # An organisation lead is privileged too (two-factor sign-in): the page is theirs alone.
    _assert_private_and_no_inline_script(response, INVITATIONS_PATH)
    assert_no_axe_violations(lead)
    _assert_fits_at_320(lead)

    _lead_invites_by_keyboard(lead, email)

    assert _path(lead) == INVITATIONS_PATH
    banner = lead.get_by_role("region", name="Important")
    expect(banner).to_contain_text(AWAITING_MESSAGE.format(email=email))
    row = _invitation_row(lead, email)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(LEAD_ORGANISATION)
    expect(row.get_by_role("cell").last).to_have_text("Awaiting confirmation")
    assert_no_axe_violations(lead)
    _assert_fits_at_320(lead)

    # The administrator's side: the dashboard lists it.
    admin = _admin_page(new_context)
    sign_in(admin, hub_url, SITE_ADMINISTRATOR)
    assert _path(admin) == "/admin/"
    panel = admin.get_by_role("region", name=PANEL_HEADING)
    expect(panel.get_by_role("heading", level=2, name=PANEL_HEADING)).to_be_visible()
    invitation_link = panel.get_by_role("link", name=email, exact=True)
    expect(invitation_link).to_be_visible()
    _assert_admin_page_has_no_axe_violations(admin)

    # It is also in Admin, Partnership, Invitations, marked as awaiting, with a way to
    # confirm or decline it.
    admin.get_by_role("button", name="Partnership").click()
    with admin.expect_navigation():
        admin.get_by_role("link", name="Invitations", exact=True).click()
    assert _path(admin) == "/admin/invitations/"
    row = _more_options(admin, email)
    expect(row.get_by_role("cell", name="Awaiting confirmation", exact=True)).to_be_visible()
    expect(_confirm_or_decline_link(admin, email)).to_be_visible()
    admin.keyboard.press("Escape")

    # Open it from the dashboard, with the keyboard.
    admin.goto("/admin/")
    invitation_link = admin.get_by_role("region", name=PANEL_HEADING).get_by_role(
        "link", name=email, exact=True
    )
    invitation_link.focus()
    with admin.expect_navigation():
        admin.keyboard.press("Enter")
    assert re.fullmatch(r"/admin/invitations/review/\d+/", _path(admin)), admin.url
    expect(admin.get_by_role("heading", level=1)).to_contain_text("Confirm or decline invitation")
    expect(admin.get_by_role("main")).to_contain_text(email)
    expect(admin.get_by_role("main")).to_contain_text(ORGANISATION_LEAD)
    _assert_admin_page_has_no_axe_violations(admin)

    # Confirming without ticking the box is refused, saying why.
    admin.get_by_role("button", name="Confirm and send").focus()
    with admin.expect_navigation():
        admin.keyboard.press("Enter")
    assert re.fullmatch(r"/admin/invitations/review/\d+/", _path(admin)), admin.url
    expect(admin.get_by_text(CHECK_REQUIRED)).to_be_visible()
    check_box = admin.get_by_role("checkbox", name=CHECK_LABEL)
    expect(check_box).not_to_be_checked()
    _assert_admin_page_has_no_axe_violations(admin)

    # Tick the box and confirm, from the keyboard.
    check_box.focus()
    admin.keyboard.press("Space")
    expect(check_box).to_be_checked()
    _tab_to(admin, _button("Confirm and send"), what="the Confirm and send button")
    with admin.expect_navigation():
        admin.keyboard.press("Enter")

    assert _path(admin) == "/admin/invitations/"
    expect(admin.get_by_text(CONFIRMED_MESSAGE.format(email=email))).to_be_visible()
    admin_row = _more_options(admin, email)
    # Confirmed, so sent: the status column says where it stands now.
    expect(admin_row.get_by_role("cell", name="Sent", exact=True)).to_be_visible()
    expect(_confirm_or_decline_link(admin, email)).to_have_count(0)
    admin.keyboard.press("Escape")
    _assert_admin_page_has_no_axe_violations(admin)

    # The dashboard no longer lists it.
    admin.goto("/admin/")
    expect(admin.get_by_role("link", name=email, exact=True)).to_have_count(0)

    # The lead now sees it sent: waiting to be used.
    lead.goto(INVITATIONS_PATH)
    expect(_invitation_row(lead, email).get_by_role("cell").last).to_have_text("Sent")


def test_invitations_page_does_not_scroll_sideways_at_320_px(page, hub_url):
    # Set-up failures are reported as failures (pytest.fail), never taken for the bug.
    sign_in(page, hub_url, ORGANISATION_LEAD)
    email = _personal_address()
    page.goto(INVITATIONS_PATH)
    page.get_by_label("Work email address").fill(email)
    with page.expect_navigation():
        page.get_by_role("button", name="Send invitation").click()
    if _invitation_row(page, email).count() != 1:
        pytest.fail(f"The new invitation for {email} is not listed", pytrace=False)
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 800})

    width = page.evaluate("() => document.documentElement.scrollWidth")
    wide = page.evaluate(_WIDER_THAN, [NARROW_WIDTH, None])
    assert width <= NARROW_WIDTH, f"scrollWidth {width} at {NARROW_WIDTH} px; past the edge: {wide}"


# 1b. Nobody can make a public email service an organisation's domain -----------------


REDIRECT_STATUSES = {301, 302, 303, 307, 308}


def _follow_redirects(page, path: str, *, max_hops: int = 8) -> list[tuple[int, str]]:
    """GET `path` with the page's cookies, following redirects by hand: every hop as
    (status, path with query). Stops at the first answer that is not a redirect, or
    after `max_hops` (a loop)."""
    hops: list[tuple[int, str]] = []
    url = urljoin(page.url, path)
    for _ in range(max_hops):
        response = page.request.get(url, max_redirects=0)
        parts = urlsplit(url)
        hops.append((response.status, parts.path + (f"?{parts.query}" if parts.query else "")))
        if response.status not in REDIRECT_STATUSES:
            break
        url = urljoin(url, response.headers["location"])
    return hops


def test_organisation_lead_cannot_reach_the_organisation_admin(page, hub_url):
    # Registering a domain (gmail.com or any other) is done only in the organisation
    # admin, which an organisation lead never gets into: neither its listing nor the
    # form that adds an organisation with its domains.
    sign_in(page, hub_url, ORGANISATION_LEAD)
    expect(page.get_by_role("link", name="Invite colleagues")).to_be_visible()

    for path in ("/admin/organisations/", "/admin/organisations/new/"):
        hops = _follow_redirects(page, path)

        assert hops[0][0] in REDIRECT_STATUSES, f"{path}: {hops}"
        assert not any(status == 200 and where.startswith("/admin/") for status, where in hops), (
            f"{path}: {hops}"
        )


def test_signed_in_person_without_admin_access_gets_a_page_not_a_redirect_loop(page, hub_url):
    # A practitioner (no second factor, so no wait for a fresh code); an organisation
    # lead is treated the same way.
    sign_in(page, hub_url, PRACTITIONER)

    try:
        response = page.goto("/admin/organisations/")
    except PlaywrightError as error:
        hops = _follow_redirects(page, "/admin/organisations/")
        raise AssertionError(f"{error.message.splitlines()[0]}; hops: {hops}") from None
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="You do not have access to this page")).to_be_visible()
    expect(page.get_by_text("You do not have permission to access the admin.")).to_be_visible()
    assert_no_axe_violations(page)


def test_site_administrator_cannot_give_an_organisation_a_public_email_domain(new_context, hub_url):
    page = _admin_page(new_context)
    sign_in(page, hub_url, SITE_ADMINISTRATOR)

    # Admin, then Partnership, then Organisations, then the organisation.
    page.get_by_role("button", name="Partnership").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Organisations", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name=DOMAIN_TEST_ORGANISATION, exact=True).click()
    assert re.fullmatch(r"/admin/organisations/edit/\d+/", _path(page)), page.url

    domain_fields = page.get_by_role("textbox", name="Domain")
    existing = domain_fields.count()
    page.get_by_role("button", name=re.compile(r"^Add domain$", re.I)).click()
    expect(domain_fields).to_have_count(existing + 1)
    # Written as a careless administrator might; it is still Gmail.
    domain_fields.last.fill("GMail.com.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()

    # Not saved, and the field says why.
    assert re.fullmatch(r"/admin/organisations/edit/\d+/", _path(page)), page.url
    message = FREE_MAIL_DOMAIN_MESSAGE.format(domain="gmail.com")
    error = page.get_by_text(message)
    expect(error).to_be_visible()
    # The message belongs to the new domain's field (an error next to it), not a banner.
    field_error = page.locator("[data-contentpath='domain']").filter(has_text=message)
    expect(field_error).to_have_count(1)
    _assert_admin_page_has_no_axe_violations(page)

    # Nothing was saved: the organisation's page shows no gmail.com after reloading.
    page.goto(page.url)
    for value in page.get_by_role("textbox", name="Domain").all():
        assert "gmail" not in (value.input_value() or "").lower()


# 2. Wagtail's own sign-in pages lead to the hub's -----------------------------------


@pytest.mark.parametrize("path", ["/_util/login/", "/admin/login/"], ids=["util", "admin"])
def test_wagtail_sign_in_page_lands_on_hub_sign_in(page, path):
    page.goto(path)

    assert _path(page) == LOGIN_PATH, page.url
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()
    expect(page.get_by_label("Email")).to_be_visible()


def test_wagtail_sign_in_page_keeps_a_local_next_and_drops_an_off_site_one(page):
    page.goto("/admin/login/?next=/admin/pages/")
    assert _path(page) == LOGIN_PATH
    assert parse_qs(urlsplit(page.url).query).get("next") == ["/admin/pages/"]

    page.goto("/admin/login/?next=https://elsewhere.example/steal")
    assert _path(page) == LOGIN_PATH
    assert "next" not in parse_qs(urlsplit(page.url).query)


def test_admin_sends_a_signed_out_visitor_to_hub_sign_in(page):
    page.goto("/admin/")

    assert _path(page) == LOGIN_PATH, page.url
    expect(page.get_by_role("heading", level=1, name="Sign in")).to_be_visible()


# 3. What a privileged person's pages tell the browser --------------------------------


def _directives(policy: str) -> dict[str, list[str]]:
    directives = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def _assert_private_and_no_inline_script(response, path: str) -> None:
    """The response is for its requester alone, never stored, and its policy lets no
    inline script run."""
    assert response is not None and response.ok, f"{path} answered {response and response.status}"
    headers = response.all_headers()
    cache_control = {word.strip().lower() for word in headers.get("cache-control", "").split(",")}
    assert {"private", "no-store"} <= cache_control, (
        f"{path}: Cache-Control {headers.get('cache-control')!r}"
    )
    policy = headers.get("content-security-policy")
    assert policy, f"No Content-Security-Policy on {path}"
    script_src = _directives(policy).get("script-src")
    assert script_src, f"{path}: no script-src in {policy!r}"
    assert "'unsafe-inline'" not in script_src, f"{path}: {policy}"
    assert "'self'" in script_src, f"{path}: {policy}"


# Pages outside the admin a SAB manager may open: the home page, a public content page
# and an account page of allauth's.
PRIVILEGED_NON_ADMIN_PATHS = ["/", "/principles/", "/accounts/2fa/"]


def test_privileged_persons_pages_are_private_and_allow_no_inline_script(new_context, hub_url):
    page = _admin_page(new_context)
    sign_in(page, hub_url, SAB_MANAGER)

    for path in PRIVILEGED_NON_ADMIN_PATHS:
        response = page.goto(path)

        assert _path(page) == path, f"{path} ended at {page.url}"
        _assert_private_and_no_inline_script(response, path)
