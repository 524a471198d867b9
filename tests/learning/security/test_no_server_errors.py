"""No address answers a 500, whatever is sent to it: bad input (a form, an id in the
address) gets a 4xx or the form again with its errors.

Every URL pattern's sample path is requested by a superuser site administrator with
their second factor (who can reach every admin screen) and by someone signed out: a GET,
an empty POST, and POSTs that fill every field the GET's page has with junk. Then one
test for each fix that made these pass."""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Callable

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, ReferenceIndex

from learning.admin_viewsets import PEOPLE_ARE_NOT_ADDED_HERE
from learning.models import Organisation, Principle, Profile, Team
from learning.roles import Role
from learning.views.admin_overrides import IMPORT_UPLOAD_GONE
from tests.conftest import HubClient
from tests.factories import OrganisationFactory, TeamFactory, make_person
from tests.learning.security.url_access import EXPLICIT_SAMPLE_PATHS
from tests.learning.security.urls import all_routes, sample_path

pytestmark = pytest.mark.django_db

# The id no row can have: past the BigAutoField range, and past what SQLite binds.
TOO_BIG_ID = "9" * 25
# What every field of a page's forms is set to, one POST each: a word where a number,
# date or choice is expected, and a number past any database integer where an id is.
JUNK_VALUES = ("junk", TOO_BIG_ID)
MANAGEMENT_FORM_FIELDS = ("-TOTAL_FORMS", "-INITIAL_FORMS", "-MIN_NUM_FORMS", "-MAX_NUM_FORMS")
FIELD_NAME = re.compile(r"<(?:input|select|textarea)\b[^>]*?\bname=\"([^\"]+)\"", re.IGNORECASE)


def field_names(response) -> list[str]:
    """The names of the fields in the page's forms, as a browser would send them."""
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    names = {html.unescape(name) for name in FIELD_NAME.findall(response.content.decode())}
    names.discard("csrfmiddlewaretoken")
    # A formset's counts are left out: Django caps a junk count at 1,000 extra forms,
    # and rendering those takes minutes, not a 500. Tampered row ids are tried in
    # tests/learning/test_id_fuzz.py.
    return sorted(name for name in names if not name.endswith(MANAGEMENT_FORM_FIELDS))


# The routes are tried in this many shards, so parallel workers share the slow admin.
SHARDS = 8


def server_errors(
    new_client: Callable[[], HubClient], shard: int = 0, shards: int = 1
) -> list[str]:
    """Every request to the sample path of every route in this shard that got a 500,
    with its exception. Each route gets a fresh client, so a POST that signs out does
    not spoil the rest."""
    failures = []
    for route in all_routes()[shard::shards]:
        path = sample_path(route, EXPLICIT_SAMPLE_PATHS)
        route_name = route.name or route.pattern
        client = new_client()
        page = client.get(path)
        answers = [("GET", page), ("POST {}", client.post(path, {}))]
        names = field_names(page)
        for junk in JUNK_VALUES if names else ():
            answers.append(
                (f"POST every field = {junk!r}", client.post(path, dict.fromkeys(names, junk)))
            )
        for label, response in answers:
            if response.status_code >= 500:
                error = repr(response.exc_info[1]) if response.exc_info else ""
                failures.append(f"{label} {path} ({route_name}): {error}")
    return failures


# --- every route --------------------------------------------------------------------------


@pytest.fixture
def superuser(totp_user):
    user = make_person(role=Role.SITE_ADMINISTRATOR, is_superuser=True, is_staff=True)
    totp_user(user)
    return user


@pytest.mark.parametrize("shard", range(SHARDS))
def test_no_route_answers_an_administrator_with_a_server_error(superuser, totp_user, shard):
    def new_client() -> HubClient:
        # A POST to the authenticator's own pages may have switched it off; without it
        # the rest of the admin would only redirect to setting one up.
        if not Authenticator.objects.filter(user=superuser).exists():
            totp_user(superuser)
        client = HubClient(raise_request_exception=False)
        client.force_login(superuser)
        return client

    failures = server_errors(new_client, shard, SHARDS)
    assert not failures, "Answered with a 500:\n" + "\n".join(failures)


def test_no_route_answers_someone_signed_out_with_a_server_error():
    failures = server_errors(lambda: HubClient(raise_request_exception=False))
    assert not failures, "Answered with a 500:\n" + "\n".join(failures)


# --- ids that no row could have (learning.impossible_ids) ---------------------------------


@pytest.fixture
def admin_client(superuser) -> HubClient:
    client = HubClient()
    client.force_login(superuser)
    return client


def chooser_chosen_urls(pk: str) -> list[str]:
    return [
        f"/admin/snippets/choose/learning/principle/chosen/{pk}/",
        f"/admin/snippets/choose/learning/abusetype/chosen/{pk}/",
        f"/admin/snippets/choose/learning/themetag/chosen/{pk}/",
        f"/admin/documents/chooser/chosen/{pk}/",
        f"/admin/images/chooser/chosen/{pk}/",
    ]


@pytest.mark.parametrize(
    "pk",
    ["sample", TOO_BIG_ID, "0", "-1", "1.5", "١٢", str(uuid.UUID(int=1))],
    ids=["word", "too big", "zero", "negative", "fraction", "Arabic-Indic digits", "uuid"],
)
def test_a_chooser_asked_for_an_impossible_id_answers_404(admin_client, pk):
    statuses = {url: admin_client.get(url).status_code for url in chooser_chosen_urls(pk)}
    assert set(statuses.values()) == {404}, statuses


def test_a_chooser_still_answers_for_a_real_object(admin_client):
    principle = Principle.objects.first()  # the six are made by a migration
    response = admin_client.get(f"/admin/snippets/choose/learning/principle/chosen/{principle.pk}/")
    assert response.status_code == 200
    assert response.json()["result"]["id"] == str(principle.pk)


@pytest.mark.parametrize("ids", ["id=sample", f"id={TOO_BIG_ID}", "id=3&id=x"])
def test_views_taking_ids_in_the_query_answer_404_for_impossible_ones(admin_client, ids):
    urls = [
        f"/admin/snippets/choose/learning/principle/chosen-multiple/?{ids}",
        f"/admin/documents/chooser/chosen-multiple/?{ids}",
        f"/admin/images/chooser/chosen-multiple/?{ids}",
        f"/admin/choose-page/chosen-multiple/?{ids}",
        f"/admin/bulk/learning/principle/delete/?{ids}",
        f"/admin/bulk/wagtailcore/page/delete/?{ids}",
        f"/admin/bulk/learning/user/set_active_state/?{ids}",
    ]
    statuses = {url: admin_client.get(url).status_code for url in urls}
    assert set(statuses.values()) == {404}, statuses


def test_views_taking_ids_in_the_query_still_take_real_ones(admin_client):
    principle = Principle.objects.first()
    chosen = admin_client.get(
        f"/admin/snippets/choose/learning/principle/chosen-multiple/?id={principle.pk}"
    )
    assert chosen.status_code == 200
    assert [item["id"] for item in chosen.json()["result"]] == [str(principle.pk)]
    bulk = admin_client.get(f"/admin/bulk/learning/principle/delete/?id={principle.pk}")
    assert bulk.status_code == 200
    every_page = admin_client.get("/admin/bulk/wagtailcore/page/delete/?id=all&childOf=1")
    assert every_page.status_code == 200


def test_a_bulk_action_on_every_page_under_an_impossible_parent_answers_404(admin_client):
    response = admin_client.get("/admin/bulk/wagtailcore/page/delete/?id=all&childOf=sample")
    assert response.status_code == 404


def test_someone_signed_out_is_still_sent_to_sign_in_from_an_impossible_id():
    response = HubClient().get(
        "/admin/snippets/choose/learning/principle/chosen/sample/", follow=True
    )
    assert response.redirect_chain
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert response.status_code == 200


# --- the page tree's root -----------------------------------------------------------------


@pytest.fixture
def child_page() -> Page:
    return Page.get_first_root_node().add_child(
        instance=Page(title="Lockable", slug="lockable-for-test")
    )


@pytest.mark.parametrize("action", ["lock", "unlock"])
def test_the_root_page_cannot_be_locked_or_unlocked(admin_client, action):
    root = Page.get_first_root_node()
    response = admin_client.post(f"/admin/pages/{root.pk}/{action}/")
    assert response.status_code == 404
    root.refresh_from_db()
    assert not root.locked


def test_other_pages_are_still_locked_and_unlocked(admin_client, child_page):
    response = admin_client.post(f"/admin/pages/{child_page.pk}/lock/")
    assert response.status_code == 302
    child_page.refresh_from_db()
    assert child_page.locked
    response = admin_client.post(reverse("wagtailadmin_pages:unlock", args=[child_page.pk]))
    assert response.status_code == 302
    child_page.refresh_from_db()
    assert not child_page.locked


def test_choosing_the_root_among_several_pages_answers_404(admin_client, child_page):
    root = Page.get_first_root_node()
    url = f"/admin/choose-page/chosen-multiple/?id={child_page.pk}&id={root.pk}"
    assert admin_client.get(url).status_code == 404


def test_choosing_several_pages_still_works(admin_client, child_page):
    response = admin_client.get(f"/admin/choose-page/chosen-multiple/?id={child_page.pk}")
    assert response.status_code == 200
    assert response.json()["result"][0]["id"] == child_page.pk


# --- the external link chooser ------------------------------------------------------------


def test_an_external_link_posted_without_its_url_is_asked_for_again(admin_client):
    response = admin_client.post(reverse("wagtailadmin_choose_page_external_link"), {})
    assert response.status_code == 200
    assert response.json()["step"] == "external_link"
    assert "This field is required." in response.json()["html"]


def test_an_external_link_is_still_chosen(admin_client):
    response = admin_client.post(
        reverse("wagtailadmin_choose_page_external_link"),
        {"external-link-chooser-url": "https://example.org/guidance"},
    )
    assert response.status_code == 200
    assert response.json()["result"]["url"] == "https://example.org/guidance"


# --- importing redirects ------------------------------------------------------------------

HIDDEN_FIELD = re.compile(r"<input[^>]*type=\"hidden\"[^>]*>")
NAME_AND_VALUE = re.compile(r"name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"")


def start_redirects_import(client: HubClient) -> dict[str, str]:
    """Upload a file of redirects; return the confirmation form's hidden fields."""
    upload = SimpleUploadedFile(
        "redirects.csv", b"from,to\n/old-page/,https://example.org/new-page/\n"
    )
    response = client.post(reverse("wagtailredirects:start_import"), {"import_file": upload})
    assert response.status_code == 200
    fields = {}
    for tag in HIDDEN_FIELD.findall(response.content.decode()):
        if match := NAME_AND_VALUE.search(tag):
            fields[match.group(1)] = html.unescape(match.group(2))
    assert {"import_file_name", "input_format"} <= fields.keys()
    return fields


def test_an_import_form_without_its_hidden_fields_is_refused_with_400(admin_client):
    response = admin_client.post(reverse("wagtailredirects:process_import"), {})
    assert response.status_code == 400
    response = admin_client.post(
        reverse("wagtailredirects:process_import"), {"from_index": "0", "to_index": "1"}
    )
    assert response.status_code == 400


def test_an_import_sent_twice_is_told_the_upload_has_gone(admin_client):
    confirm = start_redirects_import(admin_client)
    confirm.pop("csrfmiddlewaretoken", None)
    form = {**confirm, "from_index": "0", "to_index": "1", "permanent": "on"}
    first = admin_client.post(reverse("wagtailredirects:process_import"), form)
    assert first.status_code == 302, first.content.decode()
    again = admin_client.post(reverse("wagtailredirects:process_import"), form)
    assert again.status_code == 302
    assert again["Location"] == reverse("wagtailredirects:start_import")
    assert IMPORT_UPLOAD_GONE in [str(m) for m in get_messages(again.wsgi_request)]


# --- creating a snippet from its chooser --------------------------------------------------


@pytest.mark.parametrize("model_name", ["principle", "abusetype", "themetag"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_snippet_chooser_without_a_creation_form_has_no_create_step(
    admin_client, model_name, method
):
    url = reverse(f"wagtailsnippetchoosers_learning_{model_name}:create")
    assert getattr(admin_client, method)(url).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/admin/snippets/choose/learning/nosuchmodel/create/",
        "/admin/snippets/choose/learning/team/create/",
    ],
)
def test_the_chooser_create_step_of_something_not_a_snippet_is_404(admin_client, path):
    assert admin_client.post(path).status_code == 404


# --- the partnership screens --------------------------------------------------------------


@pytest.mark.parametrize("reference_index", ["up to date", "stale"])
def test_deleting_an_organisation_people_still_belong_to_is_refused_clearly(
    admin_client, reference_index
):
    organisation = OrganisationFactory(name="Kellmouth Housing")
    make_person(organisation=organisation)
    make_person(organisation=organisation)
    TeamFactory(organisation=organisation)
    if reference_index == "stale":
        # As after a queryset update or a data migration, which send no save signals.
        ReferenceIndex.objects.all().delete()

    response = admin_client.post(reverse("organisations:delete", args=[organisation.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("organisations:edit", args=[organisation.pk])
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("“Kellmouth Housing” was not deleted")
    assert "2 people" in message and "1 team" in message
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_an_organisation_nothing_refers_to_is_still_deleted(admin_client):
    organisation = OrganisationFactory(name="Kellmouth Housing")
    response = admin_client.post(reverse("organisations:delete", args=[organisation.pk]))
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=organisation.pk).exists()


def test_deleting_a_team_is_not_held_up_by_its_members(admin_client):
    team = TeamFactory()
    person = make_person(team=team)
    response = admin_client.post(reverse("teams:delete", args=[team.pk]))
    assert response.status_code == 302
    assert not Team.objects.filter(pk=team.pk).exists()
    assert Profile.objects.get(user=person).team is None


@pytest.mark.parametrize("data", [{}, {"job_title": "Social worker"}], ids=["empty", "filled"])
def test_people_are_not_added_from_the_people_screen(admin_client, data):
    profiles = Profile.objects.count()
    response = admin_client.post(reverse("people:add"), data)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:index")
    assert PEOPLE_ARE_NOT_ADDED_HERE in [str(m) for m in get_messages(response.wsgi_request)]
    assert Profile.objects.count() == profiles


def test_the_people_screen_offers_no_add_button(admin_client):
    response = admin_client.get(reverse("people:index"))
    assert response.status_code == 200
    assert reverse("people:add") not in response.content.decode()


def test_users_cannot_be_copied(admin_client, superuser):
    with pytest.raises(NoReverseMatch):
        reverse("wagtailusers_users:copy", args=[superuser.pk])
    assert admin_client.get(f"/admin/users/copy/{superuser.pk}/").status_code == 404
    assert admin_client.post(f"/admin/users/copy/{superuser.pk}/").status_code == 404
