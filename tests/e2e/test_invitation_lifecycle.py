"""An organisation lead manages invitations not yet used, from their people page, in a
real browser and without JavaScript-only controls: withdraws one (after a confirmation
page) and sends another again. Addresses are unique to the run, so a rerun against the
same site finds no open invitation to them."""

from __future__ import annotations

import re
import time

from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, sign_in

ORGANISATION_LEAD = "lead@northmoor.example"


def _invite(page, email: str) -> None:
    page.goto("/accounts/invitations/")
    page.get_by_label("Work email address").fill(email)
    with page.expect_navigation():
        page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_text(f"Invitation sent to {email}.")).to_be_visible()


def test_lead_withdraws_one_invitation_and_resends_another(page, hub_url):
    stamp = int(time.time() * 1000)
    withdrawn = f"e2e.withdrawn.{stamp}@northmoor.example"
    resent = f"e2e.resent.{stamp}@northmoor.example"
    sign_in(page, hub_url, ORGANISATION_LEAD)
    _invite(page, withdrawn)
    _invite(page, resent)

    page.goto("/organisation/people/")
    pending = page.locator("#pending-invitations")
    expect(pending.get_by_role("row", name=re.compile(re.escape(withdrawn)))).to_be_visible()
    assert_no_axe_violations(page)

    # Withdraw: a link to a page that asks first; its button does it.
    with page.expect_navigation():
        pending.get_by_role("link", name=f"Withdraw the invitation to {withdrawn}").click()
    expect(
        page.get_by_role("heading", level=1, name=f"Withdraw the invitation to {withdrawn}?")
    ).to_be_visible()
    assert_no_axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Withdraw invitation").click()
    expect(page.get_by_text(f"Invitation to {withdrawn} withdrawn.")).to_be_visible()
    expect(pending.get_by_text(withdrawn)).to_have_count(0)

    # Resend: a button that posts straight away (nothing is lost by it).
    with page.expect_navigation():
        pending.get_by_role("button", name=f"Resend the invitation to {resent}").click()
    expect(page.get_by_text(f"Invitation sent again to {resent}.")).to_be_visible()
    expect(pending.get_by_role("row", name=re.compile(re.escape(resent)))).to_contain_text("Sent")
