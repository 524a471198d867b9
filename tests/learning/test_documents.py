"""Documents: a size limit on every upload path, a private collection as the default
home of new uploads, downloads that respect it, and no direct route into
MEDIA_ROOT/documents."""

from __future__ import annotations

import contextlib
import json
import sys
import types

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import Resolver404, resolve, reverse
from django.views.static import serve as static_serve
from wagtail.admin.forms.collections import CollectionViewRestrictionForm
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection

from learning.documents.filing import (
    PRIVATE_COLLECTION_NAME,
    PUBLIC_COLLECTION_NAME,
    document_collections,
    ensure_document_collections,
    root_collection,
)
from learning.environment import ConfigurationError, env_positive_int
from learning.roles import Role
from tests.conftest import HubClient
from tests.factories import make_person

pytestmark = pytest.mark.django_db

Document = get_document_model()
MB = 1024 * 1024
LIMIT_MESSAGE = "documents can be at most 1.0 MB"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def editor(sign_in_with_mfa):
    return sign_in_with_mfa(Role.SAB_EDITOR)


def readable(text: str) -> str:
    # File sizes are written with a no-break space ("1.0\xa0MB"), escaped in JSON.
    return text.replace("\\u00a0", " ").replace("\xa0", " ")


def pdf(size: int, name: str = "report.pdf") -> SimpleUploadedFile:
    header = b"%PDF-1.4\n"
    return SimpleUploadedFile(name, header + b"x" * (size - len(header)), "application/pdf")


def stored_document(title: str = "Internal paper") -> Document:
    document = Document(title=title)
    document.file.save("paper.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return document


# --- The collections ------------------------------------------------------------------


def test_the_collections_exist_after_migrate():
    root = Collection.get_first_root_node()
    names = set(root.get_children().values_list("name", flat=True))
    assert {PRIVATE_COLLECTION_NAME, PUBLIC_COLLECTION_NAME} <= names

    places = document_collections()
    [restriction] = places.private.get_view_restrictions()
    assert restriction.restriction_type == BaseViewRestriction.GROUPS
    assert set(restriction.groups.values_list("name", flat=True)) == {
        Role.SAB_EDITOR.value,
        Role.SAB_MANAGER.value,
    }
    assert not places.public.get_view_restrictions().exists()


def test_setting_up_the_collections_again_changes_nothing():
    before = document_collections()
    again = ensure_document_collections()
    assert (again.private.pk, again.public.pk) == (before.private.pk, before.public.pk)
    assert Collection.objects.filter(name=PRIVATE_COLLECTION_NAME).count() == 1
    assert again.private.view_restrictions.count() == 1


def test_a_removed_restriction_comes_back():
    places = document_collections()
    places.private.view_restrictions.all().delete()
    ensure_document_collections()
    assert places.private.get_view_restrictions().exists()


def test_a_document_left_in_the_root_collection_is_filed_privately():
    document = stored_document()
    assert document.collection == document_collections().private


def test_collection_privacy_offers_no_shared_password():
    form = CollectionViewRestrictionForm()
    assert "password" not in form.fields
    choices = [value for value, _ in form.fields["restriction_type"].choices]
    assert BaseViewRestriction.PASSWORD not in choices


# --- Upload size ----------------------------------------------------------------------


def upload_with_add_form(client, file):
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Report", "file": file, "collection": document_collections().private.pk},
    )
    return response.status_code == 302, response.content.decode()


def upload_with_multiple_uploader(client, file):
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": file, "collection": document_collections().private.pk},
    )
    data = response.json()
    return data["success"], data.get("error_message", "")


def upload_in_the_chooser(client, file):
    prefix = "document-chooser-upload-"
    response = client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            f"{prefix}title": "Report",
            f"{prefix}file": file,
            f"{prefix}collection": document_collections().private.pk,
        },
    )
    data = response.json()
    return data["step"] == "chosen", json.dumps(data)


def replace_in_the_edit_form(client, file):
    document = stored_document()
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {"title": "Report", "file": file, "collection": document.collection_id},
    )
    return response.status_code == 302, response.content.decode()


UPLOAD_PATHS = [
    upload_with_add_form,
    upload_with_multiple_uploader,
    upload_in_the_chooser,
    replace_in_the_edit_form,
]


@override_settings(HUB_MAX_DOCUMENT_UPLOAD_MB=1)
@pytest.mark.parametrize("upload", UPLOAD_PATHS, ids=lambda upload: upload.__name__)
def test_a_document_just_over_the_limit_is_refused(client, editor, upload):
    count = Document.objects.count()
    accepted, page = upload(client, pdf(MB + 1))
    assert not accepted
    assert LIMIT_MESSAGE in readable(page)
    assert Document.objects.count() == count + (upload is replace_in_the_edit_form)


@override_settings(HUB_MAX_DOCUMENT_UPLOAD_MB=1)
@pytest.mark.parametrize("upload", UPLOAD_PATHS, ids=lambda upload: upload.__name__)
def test_a_document_just_under_the_limit_is_accepted(client, editor, upload):
    accepted, page = upload(client, pdf(MB))
    assert accepted, page
    assert Document.objects.filter(file_size=MB).exists()


@override_settings(HUB_MAX_DOCUMENT_UPLOAD_MB=1)
def test_the_add_form_says_how_big_a_document_may_be(client, editor):
    page = client.get(reverse("wagtaildocs:add")).content.decode()
    assert "Up to 1.0 MB." in readable(page)


def test_the_limit_comes_from_the_environment():
    assert env_positive_int({}, "HUB_MAX_DOCUMENT_UPLOAD_MB", 20) == 20
    name = "HUB_MAX_DOCUMENT_UPLOAD_MB"
    assert env_positive_int({name: " 50 "}, name, 20) == 50
    assert env_positive_int({name: ""}, name, 20) == 20
    for bad in ("0", "-5", "1.5", "lots"):
        with pytest.raises(ConfigurationError, match=f"{name} must be a whole number"):
            env_positive_int({name: bad}, name, 20)


def test_upload_limits_are_set(settings):
    assert settings.HUB_MAX_DOCUMENT_UPLOAD_MB == 20
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * MB
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * MB
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


# --- Where uploads land ---------------------------------------------------------------


def selected_collection(html: str, field_name: str) -> tuple[str, list[str]]:
    """The selected option's label and all option labels of a <select>."""
    from html.parser import HTMLParser

    class Select(HTMLParser):
        def __init__(self):
            super().__init__()
            self.inside, self.options, self.selected, self.current = False, [], "", None

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "select" and attrs.get("name") == field_name:
                self.inside = True
            elif tag == "option" and self.inside:
                self.current = "selected" in attrs
                self.options.append("")

        def handle_endtag(self, tag):
            if tag == "select":
                self.inside = False

        def handle_data(self, data):
            if self.inside and self.options:
                self.options[-1] += data.strip()
                if self.current:
                    self.selected = self.options[-1]

    parser = Select()
    parser.feed(html)
    return parser.selected, parser.options


@pytest.mark.parametrize(
    ("url_name", "field_name"),
    [
        ("wagtaildocs:add", "collection"),
        ("wagtaildocs_chooser:choose", "document-chooser-upload-collection"),
    ],
)
def test_new_uploads_default_to_the_private_collection(client, editor, url_name, field_name):
    response = client.get(reverse(url_name))
    html = response.json()["html"] if url_name.endswith("choose") else response.content.decode()
    selected, options = selected_collection(html, field_name)
    assert selected == PRIVATE_COLLECTION_NAME
    # Only publishing a page makes a document public.
    assert PUBLIC_COLLECTION_NAME not in options


def test_the_multiple_uploaders_first_choice_files_privately(client, editor):
    # The multiple uploader draws its own list of collections, with the root first.
    root = Collection.get_first_root_node()
    response = client.post(
        reverse("wagtaildocs:add_multiple"), {"files[]": pdf(1000), "collection": root.pk}
    )
    assert response.json()["success"]
    assert Document.objects.get().collection == document_collections().private


# --- Downloads ------------------------------------------------------------------------


def test_a_private_document_sends_anonymous_visitors_to_sign_in(client):
    document = stored_document()
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_private_document_is_not_found_for_other_signed_in_people(client):
    document = stored_document()
    client.force_login(make_person(role=Role.PRACTITIONER))
    assert client.get(document.url).status_code == 404


@pytest.mark.parametrize("role", [Role.SAB_EDITOR, Role.SAB_MANAGER])
def test_editors_can_open_a_private_document(client, sign_in_with_mfa, role):
    document = stored_document()
    sign_in_with_mfa(role)
    assert client.get(document.url).status_code == 200


def test_a_document_in_the_public_collection_is_open_to_all(client):
    document = stored_document()
    document.collection = document_collections().public
    document.save()
    assert client.get(document.url).status_code == 200


@pytest.fixture
def development_urls(settings):
    """learning.urls as `make run` (DEBUG on) builds it. Tests run with DEBUG off, where
    Django's static() adds no routes at all, so the development routes are built under
    DEBUG and put in front of the site's for the test."""
    import learning.urls

    with override_settings(DEBUG=True):
        module = types.ModuleType("hub_development_urls")
        module.urlpatterns = [
            *learning.urls.development_media_patterns(),
            *learning.urls.urlpatterns,
        ]
    assert module.urlpatterns[0].pattern.regex.pattern.startswith("^media/images/")
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    yield module
    del sys.modules[module.__name__]


def test_development_serves_images_from_media_but_never_documents(
    client, settings, development_urls
):
    image = settings.MEDIA_ROOT / "images" / "photo.width-400.png"
    image.parent.mkdir()
    image.write_bytes(b"\x89PNG\r\n")
    assert client.get("/media/images/photo.width-400.png").status_code == 200

    document = stored_document()
    direct = f"/media/{document.file.name}"
    assert direct.startswith("/media/documents/")
    assert (settings.MEDIA_ROOT / document.file.name).exists()
    with contextlib.suppress(Resolver404):
        assert resolve(direct, development_urls).func is not static_serve
    assert client.get(direct).status_code == 404


# --- Bulk moves and the second factor ----------------------------------------------------


def bulk_move_url(document) -> str:
    url = reverse("wagtail_bulk_action", args=["wagtaildocs", "document", "add_to_collection"])
    return f"{url}?id={document.pk}"


@pytest.mark.parametrize("target", ["root", "public", "unrestricted"])
def test_a_bulk_move_out_of_privacy_is_refused(client, sign_in_with_mfa, target):
    sign_in_with_mfa(Role.SAB_MANAGER)
    document = stored_document()
    collections = document_collections()
    assert document.collection == collections.private
    destination = {
        "root": lambda: root_collection(),
        "public": lambda: collections.public,
        "unrestricted": lambda: root_collection().add_child(
            instance=Collection(name="Team resources")
        ),
    }[target]()
    response = client.post(bulk_move_url(document), {"collection": destination.pk}, follow=True)
    assert "can only be moved in bulk to a private collection" in response.content.decode()
    document.refresh_from_db()
    assert document.collection == collections.private
    assert client.get(document.url).status_code == 200  # the manager still may
    assert HubClient().get(document.url).status_code == 302  # anyone else: sign in


def test_a_bulk_move_between_private_collections_is_allowed(client, sign_in_with_mfa):
    sign_in_with_mfa(Role.SAB_MANAGER)
    document = stored_document()
    private = document_collections().private
    board_papers = private.add_child(instance=Collection(name="Board papers"))
    # A child collection inherits its parent's restriction.
    assert board_papers.get_view_restrictions().exists()
    client.post(bulk_move_url(document), {"collection": board_papers.pk})
    document.refresh_from_db()
    assert document.collection == board_papers


@pytest.mark.parametrize("enrolled", [False, True])
def test_a_private_document_needs_this_sessions_second_factor(client, totp_user, enrolled):
    """The board's drafts are privileged material, as the admin is."""
    editor = make_person(role=Role.SAB_EDITOR)
    if enrolled:
        totp_user(editor)
    client.force_login_without_second_factor(editor)
    document = stored_document()
    response = client.get(document.url)
    assert response.status_code == 302
    step = "mfa_reauthenticate" if enrolled else "mfa_activate_totp"
    assert response["Location"].startswith(reverse(step))
