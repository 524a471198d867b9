"""A review's full report document is private to the board's editors until the review
is published, public while it is live, and private again once no live review links it."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from learning.documents.filing import document_collections, settle_documents
from learning.roles import Role
from tests.factories import make_person

pytestmark = pytest.mark.django_db

Document = get_document_model()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make_report(title: str = "Adult D: full report") -> Document:
    document = Document(title=title)
    document.file.save("adult-d.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    document.save()
    return document


def is_public(document: Document) -> bool:
    document.refresh_from_db()
    return document.collection_id == document_collections().public.pk


def anonymous_status(client, document: Document) -> int:
    client.logout()
    return client.get(document.url).status_code


def test_a_draft_reviews_report_is_private(client, make_review):
    report = make_report()
    review = make_review(publish=False, report_document=report)
    assert review.report_link() == report.url

    response = client.get(report.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(make_person(role=Role.PRACTITIONER))
    assert client.get(report.url).status_code == 404


def test_the_editor_of_a_draft_review_can_open_its_report(client, make_review, sign_in_with_mfa):
    report = make_report()
    make_review(publish=False, report_document=report)
    sign_in_with_mfa(Role.SAB_EDITOR)
    assert client.get(report.url).status_code == 200


def test_publishing_makes_the_report_public_and_unpublishing_private_again(client, make_review):
    report = make_report()
    review = make_review(publish=False, report_document=report)

    review.save_revision().publish()
    assert is_public(report)
    assert anonymous_status(client, report) == 200

    review.refresh_from_db()
    review.unpublish()
    assert not is_public(report)
    assert anonymous_status(client, report) == 302


def test_a_report_stays_public_while_another_live_review_links_it(make_review):
    report = make_report()
    first = make_review(report_document=report)
    second = make_review(report_document=report)
    assert is_public(report)

    first.unpublish()
    assert is_public(report)
    second.unpublish()
    assert not is_public(report)


def test_replacing_the_report_withdraws_the_old_one(make_review):
    old, new = make_report("Old report"), make_report("New report")
    review = make_review(report_document=old)

    review.report_document = new
    draft = review.save_revision()
    # Saved as a draft, the new report is not public yet and the old one still is.
    assert is_public(old) and not is_public(new)

    draft.publish()
    assert is_public(new) and not is_public(old)


def test_deleting_a_live_review_withdraws_its_report(make_review):
    report = make_report()
    review = make_review(report_document=report)
    review.delete()
    assert not is_public(report)


def test_a_report_uploaded_in_the_reviews_chooser_stays_private_even_filed_at_the_root(
    client, sign_in_with_mfa
):
    # The chooser offers the private collection first (tests/learning/test_documents.py);
    # an editor who picks the root instead still gets a private document.
    sign_in_with_mfa(Role.SAB_EDITOR)
    prefix = "document-chooser-upload-"
    response = client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            f"{prefix}title": "Adult E: full report",
            f"{prefix}file": SimpleUploadedFile("adult-e.pdf", b"%PDF-1.4\n", "application/pdf"),
            f"{prefix}collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.json()["step"] == "chosen"
    report = Document.objects.get(title="Adult E: full report")
    assert report.collection == document_collections().private
    assert anonymous_status(client, report) == 302


def test_documents_from_before_these_rules_are_filed_after_migrate(make_review):
    linked, unlinked = make_report("On a live review"), make_report("Internal")
    make_review(report_document=linked)
    root = Collection.get_first_root_node()
    # As they were before: in the root collection, which anyone can read.
    Document.objects.filter(pk__in=[linked.pk, unlinked.pk]).update(collection=root)

    settle_documents()
    assert is_public(linked)
    unlinked.refresh_from_db()
    assert unlinked.collection == document_collections().private
