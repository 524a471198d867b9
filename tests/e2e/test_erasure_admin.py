"""An administrator erases a person through the confirmation page, in a real browser
(issue 14): found in Users, the page names what will go, a missing reason is explained
at its field, and with a reason and the box ticked the person is erased. The page has
no axe-core violations and does not scroll sideways at 320 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import assert_no_axe_violations, click_and_wait, run_in_site, sign_in

ADMINISTRATOR = "admin@northmoor.example"
ADMIN_TIMEOUT_MS = 30_000
EMAIL = "e2e.erase.me@northmoor.example"

ADD_PERSON = f"""
from django.contrib.auth.models import Group

from learning.models import Organisation, Profile, User
from learning.reflections.services import entry_create

user = User.objects.filter(email={EMAIL!r}).first()
if user is None or user.erased_at is not None:
    if user is not None:
        user.email = f"e2e-old-{{user.pk}}@erased.invalid"
        user.save()
    user = User.objects.create_user({EMAIL!r}, None, first_name="Erin", last_name="Erasable")
    Profile.objects.create(user=user, organisation=Organisation.objects.first())
    user.groups.add(Group.objects.get(name="Practitioner"))
    entry_create(author=user, title="A hard visit", body="What I noticed.")
print("person-id:", user.pk)
"""

OVERFLOW = """() => ({
  scroll: document.documentElement.scrollWidth,
  client: document.documentElement.clientWidth,
})"""


@pytest.fixture
def person_id(hub_url, tmp_path_factory) -> int:
    output = run_in_site(tmp_path_factory, ADD_PERSON, what="Adding the person")
    line = next(line for line in output.splitlines() if line.startswith("person-id:"))
    return int(line.split(":")[1])


def test_an_administrator_erases_a_person_through_the_confirmation(page, hub_url, person_id):
    sign_in(page, hub_url, ADMINISTRATOR)
    page.set_default_timeout(ADMIN_TIMEOUT_MS)
    page.goto(f"/admin/users/?q={EMAIL}")
    erase_url = f"/admin/people/{person_id}/erase/"
    page.get_by_role("button", name="More options for 'Erin Erasable'").click()
    link = page.get_by_role("link", name="Erase records: Erin Erasable")
    expect(link).to_have_attribute("href", erase_url)
    click_and_wait(page, link)
    expect(page.get_by_role("heading", name="Erase a person's records", level=1)).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text("Erin Erasable")
    expect(main).to_contain_text("1 reflective entry: title and text removed")
    assert_no_axe_violations(page)

    # Nothing given: each problem is explained and linked to its field.
    click_and_wait(page, page.get_by_role("button", name="Erase this person's records"))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Say why this person's records are being erased")
    expect(alert).to_contain_text("Tick the box to confirm")
    assert page.title().startswith("Error:")
    assert_no_axe_violations(page)

    page.get_by_label("Reason for erasing now").fill(
        "Erasure requested by the person in writing; their organisation confirmed it."
    )
    page.get_by_label("I understand that this cannot be undone").check()
    click_and_wait(page, page.get_by_role("button", name="Erase this person's records"))
    assert page.url.endswith("/admin/users/")
    expect(page.locator("body")).to_contain_text("The records of Erin Erasable were erased")

    page.goto(erase_url)
    expect(page.locator("main")).to_contain_text("records were erased on")
    expect(page.get_by_role("button", name="Erase this person's records")).to_have_count(0)


def test_the_confirmation_fits_a_320_px_screen(page, hub_url, person_id):
    sign_in(page, hub_url, ADMINISTRATOR)
    page.set_default_timeout(ADMIN_TIMEOUT_MS)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/admin/people/{person_id}/erase/")
    sizes = page.evaluate(OVERFLOW)
    assert sizes["scroll"] <= sizes["client"], sizes
    assert_no_axe_violations(page)
