"""The review catalogue: the shared filters plus year and review type, combined."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from briefings.demo import ensure_review_index
from briefings.filters import ReviewFilterForm, filter_reviews
from briefings.models import ReviewType, SafeguardingAdultsReviewPage
from briefings.selectors import live_reviews, review_years
from learning.models import Principle
from learning.site_setup import ensure_site_pages
from tests.briefings import conftest as briefing_fixtures

pytestmark = pytest.mark.django_db


def _titles(html: str) -> list[str]:
    return re.findall(r'<h3 [^>]*><a class="govuk-link" href="[^"]+">([^<]+)</a></h3>', html)


def _get(client, index, query: str = "") -> str:
    response = client.get(f"{index.url}{query}")
    assert response.status_code == 200
    return response.content.decode()


def _published(page, days_ago: int):
    when = timezone.now() - timedelta(days=days_ago)
    SafeguardingAdultsReviewPage.objects.filter(pk=page.pk).update(first_published_at=when)
    return page


@pytest.fixture(scope="class")
def _three(class_shared_data):
    return class_shared_data.build(_make_three)


@pytest.fixture
def three(_three, class_shared_data, db):
    return class_shared_data.copy(_three)


def _make_three():
    index = ensure_review_index(ensure_site_pages())
    principles = Principle.objects.in_bulk(field_name="slug")
    # The conftest factory's own body (functools' __wrapped__ under pytest's fixture).
    # This import of conftest numbers its slugs from 1 again, as pytest's copy does for
    # the tests' own pages, so these three are given slugs of their own.
    make_review = briefing_fixtures.make_review.__wrapped__(index, principles)
    return {
        "d": _published(
            make_review(
                title="SAR: Adult D",
                slug="sar-adult-d",
                year_published=2025,
                review_type=ReviewType.MANDATORY,
                principle_slugs=("prevention",),
                abuse_type_slugs=("self-neglect",),
                themes=("hoarding",),
            ),
            days_ago=5,
        ),
        "b": _published(
            make_review(
                title="SAR: Brian",
                slug="sar-brian",
                year_published=2025,
                review_type=ReviewType.DISCRETIONARY,
                principle_slugs=("protection", "partnership"),
                abuse_type_slugs=("modern-slavery",),
                themes=("cuckooing",),
            ),
            days_ago=1,
        ),
        "m": _published(
            make_review(
                title="SAR: Mrs M",
                slug="sar-mrs-m",
                year_published=2021,
                review_type=ReviewType.MANDATORY,
                principle_slugs=("protection",),
                abuse_type_slugs=("organisational",),
                themes=("care homes",),
            ),
            days_ago=40,
        ),
    }


@pytest.mark.usefixtures("_three")
class TestThreeReviews:
    """Three published reviews, made once for the class (three Wagtail publishes)."""

    def test_lists_live_reviews_newest_first_with_their_facts(
        self, client, review_index, three, make_review
    ):
        make_review(title="SAR: draft", publish=False)
        html = _get(client, review_index)
        assert _titles(html) == ["SAR: Brian", "SAR: Adult D", "SAR: Mrs M"]
        assert ">3 reviews</h2>" in html
        assert "SAR: draft" not in html
        assert (
            "Northmoor Safeguarding Adults Board · 2025 · "
            "Discretionary review (section 44(4) of the Care Act 2014)"
        ) in html

    def test_an_old_review_catalogued_late_sorts_by_its_year(
        self, client, review_index, three, make_review
    ):
        # Catalogued today, but published in 2019: it belongs after the 2025 and 2021 reviews.
        _published(make_review(title="SAR: Mr K", year_published=2019), days_ago=0)
        assert _titles(_get(client, review_index)) == [
            "SAR: Brian",
            "SAR: Adult D",
            "SAR: Mrs M",
            "SAR: Mr K",
        ]
        assert [r.title for r in live_reviews()][-1] == "SAR: Mr K"

    def test_the_form_offers_the_years_there_are_reviews_for(self, client, review_index, three):
        html = _get(client, review_index)
        select = html.split('<select name="year"', 1)[1].split("</select>", 1)[0]
        assert re.findall(r'<option value="(\d*)"', select) == ["", "2025", "2021"]
        assert '<select name="review_type"' in html
        assert ">Apply filters</button>" in html
        assert f'<a class="govuk-link" href="{review_index.url}">Clear filters</a>' in html

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("?year=2025", ["SAR: Brian", "SAR: Adult D"]),
            ("?year=2021", ["SAR: Mrs M"]),
            ("?review_type=mandatory", ["SAR: Adult D", "SAR: Mrs M"]),
            ("?review_type=discretionary", ["SAR: Brian"]),
            ("?year=2025&review_type=mandatory", ["SAR: Adult D"]),
            ("?principle=protection", ["SAR: Brian", "SAR: Mrs M"]),
            ("?principle=protection&year=2021", ["SAR: Mrs M"]),
            ("?abuse_type=self-neglect&review_type=mandatory", ["SAR: Adult D"]),
            ("?theme=cuckooing&year=2025&review_type=discretionary", ["SAR: Brian"]),
            ("?theme=cuckooing&review_type=mandatory", []),
        ],
    )
    def test_filters_combine(self, client, review_index, three, query, expected):
        html = _get(client, review_index, query)
        assert _titles(html) == expected
        count = len(expected)
        assert f">{count} review{'' if count == 1 else 's'}</h2>" in html

    @pytest.mark.parametrize(
        "query",
        [
            "?year=abc",
            "?year=1850",
            "?year=2025.5",
            "?review_type=secret",
            "?year=&review_type=&page=abc",
            "?principle=nonsense&page=abc",
        ],
    )
    def test_bad_values_are_ignored(self, client, review_index, three, query):
        html = _get(client, review_index, query)
        assert len(_titles(html)) == 3

    def test_filter_functions_directly(self, three):
        reviews = live_reviews()
        assert review_years(reviews) == [2025, 2021]
        form = ReviewFilterForm({"year": "2025", "review_type": "nope"}, years=[2025, 2021])
        assert form.selected() == {"year": 2025}
        assert {p.title for p in filter_reviews(reviews, form.selected())} == {
            "SAR: Brian",
            "SAR: Adult D",
        }
        assert ReviewFilterForm(None, years=[2025]).selected() == {}


def test_queries_do_not_grow_with_the_number_of_reviews(client, review_index, make_review):
    def make(n):
        for i in range(n):
            make_review(
                year_published=2010 + i,
                principle_slugs=("protection", "prevention"),
                abuse_type_slugs=("neglect-and-acts-of-omission",),
                themes=("falls", "hospital discharge"),
            )

    make(3)
    client.get(review_index.url)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(review_index.url).status_code == 200
        return len(queries)

    with_three = count()
    make(9)
    # Publishing changed the content version: the shared navigation is built again.
    client.get(review_index.url)
    assert count() == with_three
