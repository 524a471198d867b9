"""SAB editors catalogue Safeguarding Adults Reviews in the Wagtail admin."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, streamfield

from briefings.models import SafeguardingAdultsReviewPage
from learning.roles import Role

pytestmark = pytest.mark.django_db

SLUG = "sar-adult-p"


@pytest.fixture
def editor(sign_in_with_mfa):
    return sign_in_with_mfa(Role.SAB_EDITOR)


def _add_url(index) -> str:
    return reverse(
        "wagtailadmin_pages:add",
        args=["briefings", "safeguardingadultsreviewpage", index.pk],
    )


def _form_data(principles, *, year="2024", review_type="mandatory") -> dict:
    data = nested_form_data(
        {
            "title": "Safeguarding Adults Review: Adult P",
            "slug": SLUG,
            "summary": "Adult P died after a fall at home.",
            "pseudonym": "Adult P",
            "board": "Northmoor Safeguarding Adults Board",
            "year_published": year,
            "review_type": review_type,
            "key_findings": streamfield([("finding", "Falls risk was not shared.")]),
            "recommendations": streamfield([("recommendation", "Share falls risk.")]),
            "report_url": "https://northmoor.example/reviews/adult-p.pdf",
            "report_document": "",
            "reflective_questions": streamfield([]),
            "themes": "falls",
            "cpd_minutes": "7",
            "completion_method": "confirm",
        }
    )
    data["principles"] = [principles["prevention"].pk]
    return data


def test_editor_sees_the_review_form(client, editor, review_index):
    body = client.get(_add_url(review_index)).content.decode()
    assert 'name="pseudonym"' in body
    assert 'name="year_published"' in body
    assert "Mandatory review (section 44(1) of the Care Act 2014)" in body
    assert "Discretionary review (section 44(4) of the Care Act 2014)" in body


def test_editor_creates_a_draft_review(client, editor, review_index, principles):
    response = client.post(_add_url(review_index), _form_data(principles))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = SafeguardingAdultsReviewPage.objects.get(slug=SLUG)
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert draft.year_published == 2024
    assert [c.value for c in draft.key_findings] == ["Falls risk was not shared."]


@pytest.mark.parametrize("year", ["1989", str(timezone.localdate().year + 2)])
def test_a_year_out_of_range_is_refused_on_the_form(client, editor, review_index, principles, year):
    response = client.post(_add_url(review_index), _form_data(principles, year=year))
    body = response.content.decode()
    assert response.status_code == 200
    assert f"Enter a year between 1990 and {timezone.localdate().year + 1}." in body
    assert not SafeguardingAdultsReviewPage.objects.filter(slug=SLUG).exists()


def test_an_unknown_review_type_is_refused(client, editor, review_index, principles):
    response = client.post(_add_url(review_index), _form_data(principles, review_type="other"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not SafeguardingAdultsReviewPage.objects.filter(slug=SLUG).exists()
