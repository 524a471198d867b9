"""Copying a page with "publish copies" puts the copy live without publishing it, so the
guard must refuse a live copy holding possible identifiers: in the admin's copy view
(with the findings shown), in the admin API and in code. A copy is a new page, so
overrides agreed for the original cover nothing in it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from case_studies.models import CaseStudyPage
from learning.anonymisation import Kind
from learning.publishing_guard.services import (
    AnonymisationError,
    confirm_override,
    propose_override,
    unresolved_findings,
)
from tests.learning.publishing_guard.helpers import NAME, REASON, reload

pytestmark = pytest.mark.django_db

STRONG_TITLE = "Joan Smith, 14 Acacia Avenue TN39 4PQ"


def _published(make_draft, **fields) -> CaseStudyPage:
    page = make_draft(**fields)
    page.save_revision().publish()
    return reload(page)


def _published_with_overrides(make_draft, manager, deputy) -> CaseStudyPage:
    """A live case study whose one finding (a person name, which may be overridden) two
    people agreed is safe."""
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    revision = page.get_latest_revision()
    for finding in unresolved_findings(page, revision):
        override = propose_override(
            page, revision, manager, finding.kind, finding.text, REASON, location=finding.label
        )
        confirm_override(override, deputy)
    page.save_revision().publish()
    return reload(page)


def _copy_form(page, parent, *, title: str, slug: str, **extra) -> dict:
    return {"new_title": title, "new_slug": slug, "new_parent_page": parent.pk, **extra}


def _copies(slug: str):
    return CaseStudyPage.objects.filter(slug=slug)


# --- The admin's copy view -----------------------------------------------------------------


def test_a_published_copy_with_an_identifier_in_its_new_title_is_refused(
    client, make_draft, index, manager
):
    page = _published(make_draft)
    client.force_login(manager)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        _copy_form(page, index, title=STRONG_TITLE, slug="copy-joan", publish_copies="on"),
    )

    # The copy form is shown again, still filled in, with what was found.
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was copied" in body
    assert "TN39 4PQ" in body
    assert 'value="copy-joan"' in body
    assert not _copies("copy-joan").exists()


def test_a_published_copy_with_an_identifier_in_its_new_slug_is_refused(
    client, make_draft, index, manager
):
    page = _published(make_draft)
    client.force_login(manager)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        _copy_form(
            page, index, title="A clean title", slug="joan-smith-tn39-4pq", publish_copies="on"
        ),
    )

    assert response.status_code == 200
    assert not _copies("joan-smith-tn39-4pq").exists()


def test_overrides_on_the_original_do_not_let_its_copy_go_live(
    client, make_draft, index, manager, deputy
):
    page = _published_with_overrides(make_draft, manager, deputy)
    client.force_login(manager)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        _copy_form(page, index, title="A copy", slug="a-copy", publish_copies="on"),
    )

    assert response.status_code == 200
    assert NAME in response.content.decode()
    assert not _copies("a-copy").exists()


def test_the_same_copy_as_a_draft_is_made(client, make_draft, index, manager, deputy):
    page = _published_with_overrides(make_draft, manager, deputy)
    client.force_login(manager)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        _copy_form(page, index, title="A copy", slug="a-copy"),
    )

    assert response.status_code == 302
    assert not _copies("a-copy").get().live


def test_a_clean_page_is_still_copied_and_published(client, make_draft, index, manager):
    page = _published(make_draft)
    client.force_login(manager)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        _copy_form(page, index, title="A clean copy", slug="a-clean-copy", publish_copies="on"),
    )

    assert response.status_code == 302
    assert _copies("a-clean-copy").get().live


def test_copying_subpages_live_is_refused_when_one_holds_an_identifier(
    client, make_draft, index, manager, deputy
):
    top = _published(make_draft)
    # No learning page type takes children in the admin; code can still nest one.
    child = _published_with_overrides(make_draft, manager, deputy)
    child.move(top, pos="last-child")
    before = CaseStudyPage.objects.count()
    client.force_login(manager)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[top.pk]),
        _copy_form(
            top, index, title="A copy", slug="a-copy", copy_subpages="on", publish_copies="on"
        ),
    )

    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing was copied" in body
    assert NAME in body
    assert CaseStudyPage.objects.count() == before


def test_an_alias_of_a_page_with_overrides_is_refused(client, make_draft, index, manager, deputy):
    page = _published_with_overrides(make_draft, manager, deputy)
    client.force_login(manager)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        _copy_form(page, index, title=page.title, slug="an-alias", alias="on"),
    )

    assert response.status_code == 200
    assert "No alias was made" in response.content.decode()
    assert not _copies("an-alias").exists()


# --- The admin API and code ----------------------------------------------------------------


def test_the_admin_apis_copy_action_refuses_a_live_copy(client, make_draft, index, manager):
    page = _published(make_draft)
    client.force_login(manager)

    response = client.post(
        f"/admin/api/main/pages/{page.pk}/action/copy/",
        {
            "destination_page_id": index.pk,
            "keep_live": True,
            "slug": "api-copy",
            "title": STRONG_TITLE,
        },
        content_type="application/json",
    )

    assert response.status_code == 403
    assert "TN39 4PQ" in response.json()["detail"]
    assert not _copies("api-copy").exists()


def test_copying_in_code_refuses_a_live_copy_before_saving_it(make_draft, index, manager, deputy):
    page = _published_with_overrides(make_draft, manager, deputy)

    with pytest.raises(AnonymisationError) as refused:
        page.copy(to=index, update_attrs={"slug": "code-copy", "title": "A copy"})

    assert [(f.kind, f.text) for f in refused.value.findings] == [(Kind.PERSON_NAME, NAME)]
    assert not _copies("code-copy").exists()
    # Not going live, it is an ordinary draft for someone to check.
    page.copy(to=index, update_attrs={"slug": "code-copy", "title": "A copy"}, keep_live=False)
    assert not _copies("code-copy").get().live


def test_the_copy_view_refuses_a_copy_of_a_page_made_live_without_publishing(
    client, make_draft, index, manager
):
    # Code can make a page live without publishing a revision; the backstop cannot tell
    # its copy from a new page, so the copy view checks every live original itself.
    page = make_draft(situation=f"<p>{NAME} lived alone.</p>")
    CaseStudyPage.objects.filter(pk=page.pk).update(live=True)
    client.force_login(manager)

    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[page.pk]),
        _copy_form(page, index, title="A copy", slug="a-copy", publish_copies="on"),
    )

    assert response.status_code == 200
    assert not _copies("a-copy").exists()
