"""The reports page and the one "Reports" item in the navigation."""

from __future__ import annotations

import pytest

from learning.roles import Role

pytestmark = pytest.mark.django_db


def _navigation_labels(response) -> list[str]:
    return [item["label"] for item in response.context["hub_navigation"]]


def test_a_lead_sees_their_organisation_links_and_every_report(client, sign_in_with_mfa):
    sign_in_with_mfa(Role.ORGANISATION_LEAD)
    response = client.get("/reports/")
    assert response.status_code == 200
    html = response.content.decode()
    for path in (
        "/organisation/people/",
        "/organisation/people/invite/",
        "/required-learning/exemptions/",
        "/required-learning/",
        "/reports/compliance/",
        "/reports/reach/",
        "/reports/engagement/",
        "/reports/feedback/",
        "/reports/knowledge-checks/",
        "/reports/board-pack/",
        "/reports/xapi/",
    ):
        assert f'href="{path}"' in html, path
    assert _navigation_labels(response).count("Reports") == 1


def test_a_sab_manager_manages_required_learning_but_has_no_people_list(client, sign_in_with_mfa):
    sign_in_with_mfa(Role.SAB_MANAGER)
    html = client.get("/reports/").content.decode()
    assert 'href="/required-learning/"' in html
    assert 'href="/organisation/people/"' not in html
    assert 'href="/required-learning/exemptions/"' not in html


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.SUPERVISOR, Role.SITE_ADMINISTRATOR])
def test_no_reports_item_for_anyone_else(client, sign_in_with_mfa, role):
    sign_in_with_mfa(role)
    response = client.get("/my-learning/")
    assert "Reports" not in _navigation_labels(response)
    assert client.get("/reports/").status_code == 403


def test_the_reports_item_is_current_on_the_pages_it_leads_to(client, sign_in_with_mfa):
    sign_in_with_mfa(Role.ORGANISATION_LEAD)
    for path in ("/reports/compliance/", "/organisation/people/", "/required-learning/"):
        items = client.get(path).context["hub_navigation"]
        assert [item["active"] for item in items if item["label"] == "Reports"] == [True], path
