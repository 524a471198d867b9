"""The site shell: home page, information pages, error pages, demo seed."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page

from learning.models import HomePage, InformationPage, Organisation, User
from learning.roles import Role
from learning.site_setup import ensure_site_pages
from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    return ensure_site_pages()


def test_anonymous_visitor_is_told_what_the_hub_is(client, site):
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sign in" in body
    assert "What you can do here" in body


def test_signed_in_practitioner_sees_what_to_do_next(client, site):
    client.force_login(make_person(first_name="Jo"))
    body = client.get("/").content.decode()
    assert "Hello, Jo" in body
    assert "What to do next" in body
    assert "Explore the six safeguarding principles" in body
    assert "Invite colleagues" not in body


def test_organisation_lead_is_offered_invitations_and_mfa_set_up(client, site):
    client.force_login(make_person(role=Role.ORGANISATION_LEAD))
    body = client.get("/").content.decode()
    assert "Invite colleagues" in body
    assert "Set up two-factor authentication" in body


def test_footer_links_reach_accessibility_and_privacy_pages(client, site):
    body = client.get("/").content.decode()
    for path in ("/accessibility-statement/", "/privacy-notice/"):
        assert f'href="{path}"' in body
        assert client.get(path).status_code == 200


def test_site_setup_is_idempotent(site):
    before = Page.objects.count()
    ensure_site_pages()
    assert Page.objects.count() == before
    assert HomePage.objects.count() == 1
    assert InformationPage.objects.count() == 2


@override_settings(DEBUG=False)
def test_missing_page_gets_the_custom_404(client, site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_500_template_renders_without_context():
    from django.template import loader

    html = loader.get_template("500.html").render({})
    assert "problem with the service" in html.lower()


def test_seed_demo_is_idempotent_and_covers_every_role():
    call_command("seed_demo", verbosity=0)
    counts = {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "pages": Page.objects.count(),
    }
    call_command("seed_demo", verbosity=0)
    assert counts == {
        "users": User.objects.count(),
        "organisations": Organisation.objects.count(),
        "pages": Page.objects.count(),
    }
    assert counts["organisations"] == 4
    for role in Role:
        assert User.objects.filter(groups__name=role.value).exists(), role
