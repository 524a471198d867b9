"""Every searchable listing in the admin answers a search with the rows that match.

The listings are found by walking the URL resolver for Wagtail's listing views, so a
new viewset, snippet or dependency upgrade that adds one is searched here too; a
listing without a recipe below fails the inventory test until one is written."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from allauth.socialaccount.models import SocialApp
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import GroupApprovalTask, Workflow

from learning.models import (
    AbuseType,
    Invitation,
    Principle,
    Profile,
    SearchSynonym,
    ThemeTag,
    User,
)
from learning.roles import Role
from tests.factories import OrganisationFactory, TeamFactory, make_person
from tests.learning.reflections.factories import make_learning_page

# A word nothing else in the test database contains, and the start of it that the
# searches type: administrators search with part of a name or address.
WORD = "Quillfeather"
TYPED = "quillfeat"
NO_MATCH = "Zyxwvutsrq"


def _searchable_listings() -> Iterator[tuple[str, str]]:
    """(URL name, path) of every admin listing view that offers a search box and takes
    no URL arguments (listings of one object's usage or history take an id)."""

    def walk(patterns, route: str = "", namespace: str = ""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                yield from walk(pattern.url_patterns, route + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                yield route + str(pattern.pattern), namespace + (pattern.name or ""), pattern

    for route, name, pattern in walk(get_resolver().url_patterns):
        view_class = getattr(pattern.callback, "view_class", None)
        if not (view_class and issubclass(view_class, BaseListingView)):
            continue
        initkwargs = pattern.callback.view_initkwargs
        if initkwargs.get("results_only") or pattern.pattern.converters:
            continue
        if view_class(**initkwargs).is_searchable:
            yield name, "/" + route


SEARCHABLE_LISTINGS = dict(_searchable_listings())


# What each listing lists, made with WORD in a searchable field: the one row a search for
# TYPED must find. None where the hub can list nothing (it has no form pages).
RowMaker = Callable[[], object]
ROWS: dict[str, RowMaker | None] = {
    "wagtailadmin_explore_root": lambda: make_learning_page(title=f"{WORD} and self-neglect"),
    "wagtailadmin_pages:search": lambda: make_learning_page(title=f"{WORD} and self-neglect"),
    "wagtailforms:index": None,
    "wagtailadmin_workflows:index": lambda: Workflow.objects.create(name=f"{WORD} sign-off"),
    "wagtailadmin_workflows:task_index": lambda: GroupApprovalTask.objects.create(
        name=f"{WORD} approval"
    ),
    "wagtailredirects:index": lambda: Redirect.objects.create(
        old_path=f"/{WORD.lower()}", redirect_link="https://example.org/"
    ),
    "wagtaildocs:index": lambda: get_document_model().objects.create(
        title=f"{WORD} minutes", file=ContentFile(b"Minutes", name="minutes.txt")
    ),
    "wagtailimages:index": lambda: get_image_model().objects.create(
        title=f"{WORD} poster", file=get_test_image_file()
    ),
    "wagtailsnippets_learning_principle:list": lambda: Principle.objects.create(
        name=WORD, slug=WORD.lower(), i_statement="I am heard.", meaning="Listening."
    ),
    "wagtailsnippets_learning_abusetype:list": lambda: AbuseType.objects.create(
        name=WORD, slug=WORD.lower()
    ),
    "wagtailsnippets_learning_themetag:list": lambda: ThemeTag.objects.create(
        name=WORD, slug=WORD.lower()
    ),
    "wagtailsnippets_learning_searchsynonym:list": lambda: SearchSynonym.objects.create(
        term=WORD, also_search_for=f"{WORD} in full"
    ),
    "organisations:index": lambda: OrganisationFactory(name=f"{WORD} Housing Trust"),
    "teams:index": lambda: TeamFactory(name=f"{WORD} adult social care"),
    # Found by the middle of their address, as administrators look people up.
    "people:index": lambda: Profile.objects.get(
        user=make_person(email=f"r.{WORD.lower()}@northmoor.example")
    ),
    "invitations:index": lambda: Invitation.objects.create(
        email=f"{WORD.lower()}@northmoor.example",
        organisation=OrganisationFactory(),
        role=Role.PRACTITIONER.value,
    ),
    "identity-providers:index": lambda: SocialApp.objects.create(
        provider="openid_connect", name=f"{WORD} staff", provider_id="northmoor", client_id="id"
    ),
    "wagtailusers_users:index": lambda: User.objects.get(
        pk=make_person(last_name=WORD, email="robin@northmoor.example").pk
    ),
    "wagtailusers_groups:index": lambda: Group.objects.create(name=f"{WORD} readers"),
}


def test_every_searchable_listing_has_a_row_recipe():
    # A new listing fails here until ROWS says what to find in it.
    assert set(SEARCHABLE_LISTINGS) == set(ROWS)


@pytest.fixture
def superuser_client(client, totp_user):
    # A superuser reaches every listing; the hub's own roles see a subset of them.
    root = User.objects.create_superuser("root@example.org", "root-password-123")
    totp_user(root)
    client.force_login(root)
    return client


def _listed(response) -> list:
    return list(response.context["object_list"])


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(SEARCHABLE_LISTINGS))
def test_search_finds_the_matching_row_and_nothing_else(superuser_client, name):
    make_row = ROWS[name]
    path = SEARCHABLE_LISTINGS[name]
    if make_row is not None:
        row = make_row()
        response = superuser_client.get(path, {"q": TYPED})
        assert response.status_code == 200
        assert [item.pk for item in _listed(response)] == [row.pk]

    response = superuser_client.get(path, {"q": NO_MATCH})
    assert response.status_code == 200
    assert _listed(response) == []
