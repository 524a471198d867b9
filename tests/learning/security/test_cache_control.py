"""`Cache-Control: private, no-store` is the default for every signed-in response and
every page of the sign-in journey (learning.http.PrivateByDefaultMiddleware); the URL
inventory test checks it over every pattern, these check the rule itself."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import include, path, reverse

from learning.http import shared_cache_allowed
from learning.roles import Role
from tests.factories import make_person
from tests.learning.reflections.factories import make_learning_page

pytestmark = pytest.mark.django_db


def is_private_and_not_stored(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return "private" in cache_control and "no-store" in cache_control


def page_naming_nobody(request):
    response = HttpResponse("The same for everyone.")
    response["Cache-Control"] = "public, max-age=600"
    return response


# Two views of the tests' own in front of the site's.
urlpatterns = [
    path("plain/", lambda request: HttpResponse("Hello")),
    path("opted-out/", shared_cache_allowed(page_naming_nobody)),
    path("", include("learning.urls")),
]


def test_content_pages_for_a_signed_in_reader_are_not_stored(client):
    """Each of these shows "Signed in as <name>" and the reader's own progress."""
    page = make_learning_page()
    client.force_login(make_person(role=Role.PRACTITIONER))
    for url in (
        "/",
        page.url,
        reverse("search") + "?q=safeguarding",
        reverse("principle_list"),
        reverse("principle_detail", args=["empowerment"]),
        reverse("records:certificate_lookup"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert is_private_and_not_stored(response), url


def test_an_anonymous_visitor_gets_a_cacheable_public_page(client):
    make_learning_page()
    response = client.get(reverse("principle_list"))
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize(
    "name",
    [
        "invitation_list_create",
        "mfa_view_recovery_codes",
        "mfa_activate_totp",
        "account_email",
        "mfa_index",
        "account_change_password",
    ],
)
def test_account_and_second_factor_pages_are_not_stored(client, sign_in_with_mfa, name):
    sign_in_with_mfa(Role.ORGANISATION_LEAD)
    response = client.get(reverse(name))
    assert is_private_and_not_stored(response), (name, response.status_code)


def test_the_sign_in_journey_is_not_stored_for_anonymous_visitors(client):
    for name in ("account_login", "account_signup", "account_reset_password"):
        assert is_private_and_not_stored(client.get(reverse(name))), name


def test_a_redirect_to_the_second_factor_is_not_stored(client, totp_user):
    manager = make_person(role=Role.SAB_MANAGER)
    totp_user(manager)
    client.force_login_without_second_factor(manager)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert is_private_and_not_stored(response)


@override_settings(ROOT_URLCONF=__name__)
def test_a_view_with_no_cache_headers_of_its_own_is_covered(client):
    client.force_login(make_person())
    assert is_private_and_not_stored(client.get("/plain/"))
    client.logout()
    assert "no-store" not in client.get("/plain/").get("Cache-Control", "")


@override_settings(ROOT_URLCONF=__name__)
def test_a_view_that_opts_out_keeps_its_own_cache_control(client):
    client.force_login(make_person())
    assert client.get("/opted-out/")["Cache-Control"] == "public, max-age=600"


def test_a_redirect_adding_a_trailing_slash_is_not_stored(client):
    client.force_login(make_person())
    response = client.get("/my-learning")
    assert response.status_code == 301
    assert is_private_and_not_stored(response)
