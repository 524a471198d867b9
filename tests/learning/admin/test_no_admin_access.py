"""Someone signed in whose role has no admin access is told so, never sent round the
admin's sign-in and back until the browser gives up."""

from __future__ import annotations

import pytest

from learning.roles import Role
from tests.factories import make_person

pytestmark = pytest.mark.django_db

ADMIN_ROLES = {Role.SAB_EDITOR, Role.SAB_MANAGER, Role.SITE_ADMINISTRATOR}


@pytest.mark.parametrize("role", sorted(set(Role) - ADMIN_ROLES))
def test_a_role_without_admin_access_gets_a_page_saying_so(client, totp_user, role):
    person = make_person(role=role)
    totp_user(person)  # the lead's second factor is not what keeps them out
    client.force_login(person)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1
    page = response.content.decode()
    assert "You do not have access to this page" in page
    assert 'href="/">Go to the Safeguarding Learning Hub home page</a>' in page


@pytest.mark.parametrize("role", sorted(ADMIN_ROLES))
def test_a_role_with_admin_access_opens_the_dashboard(client, sign_in_with_mfa, role):
    sign_in_with_mfa(role)
    response = client.get("/admin/")
    assert response.status_code == 200
