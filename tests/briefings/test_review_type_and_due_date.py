"""The SAR form offers only real review types; new learning pages start with a
review-due date from HUB_REVIEW_DUE_MONTHS (learning.review_due)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from briefings.models import SafeguardingAdultsReviewPage
from learning.review_due import add_months, default_review_due
from learning.roles import Role
from tests.briefings.test_review_admin import _add_url, _form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(sign_in_with_mfa):
    return sign_in_with_mfa(Role.SAB_EDITOR)


def test_review_type_has_no_blank_choice(client, editor, review_index):
    body = client.get(_add_url(review_index)).content.decode()
    radios = re.findall(r'<input[^>]*name="review_type"[^>]*>', body)
    values = sorted(re.search(r'value="([^"]*)"', radio).group(1) for radio in radios)
    assert values == ["discretionary", "mandatory"]
    assert "---------" not in body


def test_review_type_must_be_chosen_to_publish(editor, review_index, principles):
    # Drafts may be saved unfinished (Wagtail defers required fields); publishing may not.
    form_class = SafeguardingAdultsReviewPage.get_edit_handler().get_form_class()
    data = _form_data(principles)
    del data["review_type"]
    form = form_class(
        data, instance=SafeguardingAdultsReviewPage(), parent_page=review_index, for_user=editor
    )
    assert not form.is_valid()
    assert form.errors["review_type"] == ["Choose the type of review"]


def test_a_new_review_starts_with_a_review_due_date(client, editor, review_index, settings):
    settings.HUB_REVIEW_DUE_MONTHS = 6
    expected = add_months(timezone.localdate(), 6)
    response = client.get(_add_url(review_index))
    form = response.context["form"]
    assert form.initial["review_due"] == expected
    assert f'value="{expected.isoformat()}"' in response.content.decode()


def test_a_new_briefing_starts_with_a_review_due_date(client, editor, briefing_index):
    url = reverse("wagtailadmin_pages:add", args=["briefings", "briefingpage", briefing_index.pk])
    form = client.get(url).context["form"]
    assert form.initial["review_due"] == default_review_due()


def test_an_existing_page_keeps_its_own_review_due(client, editor, make_review):
    own = datetime.date(2027, 5, 1)
    review = make_review(review_due=own)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[review.pk]))
    assert response.context["form"].initial.get("review_due") == own


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 3, 15), 12, datetime.date(2027, 3, 15)),
        (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 2, 29 - 1), 12, datetime.date(2028, 2, 28)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_a_briefing_saved_without_a_review_due_date_gets_the_default(make_briefing, settings):
    settings.HUB_REVIEW_DUE_MONTHS = 12
    briefing = make_briefing(review_due=None)
    assert briefing.review_due == default_review_due()

    # Cleared by an editor and published again: the default comes back, never none.
    briefing.review_due = None
    briefing.save_revision().publish()
    briefing.refresh_from_db()
    assert briefing.review_due == default_review_due()


def test_a_chosen_review_due_date_is_kept_and_shown_on_the_page(client, make_briefing):
    chosen = datetime.date(2027, 3, 31)
    briefing = make_briefing(review_due=chosen)
    assert briefing.review_due == chosen
    assert "Next review due March 2027" in client.get(briefing.url).content.decode()
