"""The administrator's immediate erasure: who may reach it, the confirmation naming what
will go, the reason and confirmation it needs, refusals, and its link in Users."""

from __future__ import annotations

import pytest
from django.urls import reverse

from learning.models import AuditAction, AuditEntry, ReflectiveEntry, User
from learning.privacy.erasure_admin_views import validate_erasure_reason
from learning.roles import Role
from tests.factories import make_person
from tests.learning.reflections.factories import make_entry

pytestmark = pytest.mark.django_db

REASON = "Erasure requested by letter of 3 March; the council confirmed they left."


@pytest.fixture
def person():
    person = make_person(first_name="Zephyrine", last_name="Quartermaine")
    make_entry(person, title="My private thoughts", body="About the visit")
    return person


@pytest.fixture
def administrator(totp_user):
    administrator = make_person(role=Role.SITE_ADMINISTRATOR)
    totp_user(administrator)
    return administrator


def _url(user) -> str:
    return reverse("admin_erase_person", args=[user.pk])


def test_the_confirmation_names_the_person_and_what_will_go(client, administrator, person):
    client.force_login(administrator)
    response = client.get(_url(person))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Zephyrine Quartermaine" in text
    assert "1 reflective entry: title and text removed" in text
    assert "their name, email address, password, job title and registration number: removed" in text
    assert "cannot be undone" in text
    assert "novalidate" in text
    assert "no-store" in response["Cache-Control"]


def test_erasing_with_a_reason_and_confirmation(client, administrator, person):
    client.force_login(administrator)
    response = client.post(_url(person), {"reason": REASON, "confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailusers_users:index")
    assert "The records of Zephyrine Quartermaine were erased" in response.content.decode()
    person.refresh_from_db()
    assert person.erased_at is not None and person.last_name == "person"
    assert ReflectiveEntry.objects.get(author=person).body == "[erased]"
    entry = AuditEntry.objects.get(action=AuditAction.ERASED)
    assert (entry.actor_id, entry.subject_id) == (administrator.pk, person.pk)
    assert entry.detail["reason"] == REASON


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"confirm": "on"}, "Say why this person"),
        ({"reason": "   ", "confirm": "on"}, "Say why this person"),
        ({"reason": "asked", "confirm": "on"}, "at least one full sentence"),
        ({"reason": "erase erase erase erase erase erase erase", "confirm": "on"}, "full sentence"),
        ({"reason": REASON}, "Tick the box to confirm"),
        ({"reason": "x" * 1001, "confirm": "on"}, "must be 1,000 characters or fewer"),
    ],
)
def test_bad_input_is_a_form_error_and_erases_nothing(client, administrator, person, data, message):
    client.force_login(administrator)
    response = client.post(_url(person), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text and message in text
    assert "<title>Error:" in text
    person.refresh_from_db()
    assert person.erased_at is None
    assert not AuditEntry.objects.filter(action=AuditAction.ERASED).exists()


def test_nobody_erases_their_own_account(client, administrator):
    client.force_login(administrator)
    assert client.get(_url(administrator)).status_code == 403
    response = client.post(_url(administrator), {"reason": REASON, "confirm": "on"})
    assert response.status_code == 403
    assert "cannot erase your own account" in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.erased_at is None


def test_a_superuser_is_out_of_reach_of_other_administrators(client, administrator):
    superuser = make_person(is_superuser=True, is_staff=True)
    client.force_login(administrator)
    assert client.get(_url(superuser)).status_code == 404
    assert client.post(_url(superuser), {"reason": REASON, "confirm": "on"}).status_code == 404
    superuser.refresh_from_db()
    assert superuser.erased_at is None


def test_a_superuser_may_erase_a_superuser(client, totp_user):
    actor = make_person(is_superuser=True, is_staff=True)
    totp_user(actor)
    other = make_person(is_superuser=True, is_staff=True)
    client.force_login(actor)
    assert client.post(_url(other), {"reason": REASON, "confirm": "on"}).status_code == 302
    other.refresh_from_db()
    assert other.erased_at is not None


def test_an_erased_person_is_said_to_be_so(client, administrator, person):
    client.force_login(administrator)
    client.post(_url(person), {"reason": REASON, "confirm": "on"})
    response = client.get(_url(person))
    assert response.status_code == 200
    assert "records were erased on" in response.content.decode()
    response = client.post(_url(person), {"reason": REASON, "confirm": "on"}, follow=True)
    assert "already erased. Nothing changed." in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.ERASED).count() == 1


def test_an_unknown_person_is_a_404(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("admin_erase_person", args=[987654])).status_code == 404


@pytest.mark.parametrize("role", [Role.SAB_MANAGER, Role.SAB_EDITOR])
def test_admin_users_without_the_permission_get_a_404(client, totp_user, person, role):
    user = make_person(role=role)
    totp_user(user)
    client.force_login(user)
    assert client.get(_url(person)).status_code == 404
    assert client.post(_url(person), {"reason": REASON, "confirm": "on"}).status_code == 404
    person.refresh_from_db()
    assert person.erased_at is None


def test_others_are_sent_away_and_erase_nothing(client, person):
    practitioner = make_person()
    client.force_login(practitioner)
    response = client.post(_url(person), {"reason": REASON, "confirm": "on"})
    assert response.status_code == 302
    client.logout()
    assert client.get(_url(person)).status_code == 302
    person.refresh_from_db()
    assert person.erased_at is None


def test_the_administrator_needs_their_second_factor(client, administrator, person):
    client.force_login_without_second_factor(administrator)
    response = client.get(_url(person))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_the_users_listing_links_the_erasure_page(client, administrator, person):
    client.force_login(administrator)
    text = client.get(reverse("wagtailusers_users:index")).content.decode()
    assert _url(person) in text
    assert f"Erase records: {person}" in text
    # Not for themselves.
    assert _url(administrator) not in text


def test_the_reason_check_tidies_a_good_reason():
    assert validate_erasure_reason(f"  {REASON}\n") == REASON


def test_a_bulk_change_of_active_state_keeps_the_clock_right(client, administrator):
    """Wagtail's bulk action saves each account (learning.accounts.admin_users), so the
    clock follows it as it follows any save."""
    client.force_login(administrator)
    left, back = make_person(), make_person(is_active=False)
    assert User.objects.get(pk=back.pk).deactivated_at is not None
    bulk = "/admin/bulk/learning/user/set_active_state/?id={}"

    client.post(bulk.format(left.pk), {"mark_as_active": "False"})
    client.post(bulk.format(back.pk), {"mark_as_active": "True"})

    assert User.objects.get(pk=left.pk).deactivated_at is not None
    assert User.objects.get(pk=back.pk).deactivated_at is None


def test_an_erased_account_stays_inactive_through_the_admin(client, administrator, person):
    client.force_login(administrator)
    client.post(_url(person), {"reason": REASON, "confirm": "on"})
    bulk = f"/admin/bulk/learning/user/set_active_state/?id={person.pk}"
    response = client.post(bulk, {"mark_as_active": "True"})
    assert response.status_code == 302
    assert User.objects.get(pk=person.pk).is_active is False

    edit = reverse("wagtailusers_users:edit", args=[person.pk])
    page = client.get(edit)
    assert page.status_code == 200
    form = page.context["form"]
    assert form.fields["is_active"].disabled
    assert "cannot be made active again" in page.content.decode()
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None and name != "groups"
    }
    data.update({"is_active": "on", "groups": [g.pk for g in person.groups.all()]})
    client.post(edit, data)
    assert User.objects.get(pk=person.pk).is_active is False
