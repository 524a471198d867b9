"""The security headers in a real browser, where they are enforced: the places that need
what the policies allow beyond 'self' still work. (Every browser test fails on any
policy violation; see tests/e2e/conftest.py.)"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import demo_password, sign_in

DOMAIN = "northmoor.example"
PRACTITIONER = f"practitioner@{DOMAIN}"
SAB_EDITOR = f"editor@{DOMAIN}"

BRIEFING_TITLE = "Organisational abuse and closed cultures in care settings"
ADMIN_TIMEOUT_MS = 30_000


def test_editor_previews_a_page_inside_the_admin(new_context, hub_url):
    # The preview is framed by the editor, so it needs frame-ancestors 'self' while
    # every other page stays unframeable.
    page = new_context(timeout_ms=ADMIN_TIMEOUT_MS).new_page()
    sign_in(page, hub_url, SAB_EDITOR)
    page.goto("/admin/pages/search/?q=closed+cultures")
    page.get_by_role("link", name=BRIEFING_TITLE).first.click()
    expect(page.locator("#id_title")).to_have_value(BRIEFING_TITLE)

    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe.w-preview__iframe").last
    expect(preview.get_by_role("heading", level=1, name=BRIEFING_TITLE)).to_be_visible()


def test_authenticator_set_up_shows_its_qr_code(page, hub_url):
    # allauth draws the QR code as a data: image, which the site's img-src allows.
    sign_in(page, hub_url, PRACTITIONER)
    page.goto("/accounts/2fa/totp/activate/")
    # allauth may ask for the password again before a change to sign-in security.
    if page.get_by_role("heading", name="Confirm it's you").is_visible():
        page.get_by_label("Enter your password").fill(demo_password())
        with page.expect_navigation():
            page.get_by_role("button", name="Continue").click()
    qr_code = page.get_by_role("img", name=re.compile("QR code"))
    expect(qr_code).to_be_visible()
    # decode() fails for an image the policy blocked.
    assert qr_code.evaluate("image => image.decode().then(() => image.naturalWidth > 0)")
