"""The case study index: newest first, filterable, paginated, in a fixed number of
queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from case_studies.demo import ensure_case_study_index
from case_studies.models import CaseStudyPage
from case_studies.selectors import live_case_studies
from learning.models import Principle
from learning.site_setup import ensure_site_pages
from tests.case_studies import conftest as case_study_fixtures

pytestmark = pytest.mark.django_db


def _titles(html: str) -> list[str]:
    """Titles of the listed case studies, in order."""
    return re.findall(r'<h3 [^>]*><a class="govuk-link" href="[^"]+">([^<]+)</a></h3>', html)


def _get(client, index, query: str = "") -> str:
    response = client.get(f"{index.url}{query}")
    assert response.status_code == 200
    return response.content.decode()


def _published(page: CaseStudyPage, days_ago: int) -> CaseStudyPage:
    when = timezone.now() - timedelta(days=days_ago)
    CaseStudyPage.objects.filter(pk=page.pk).update(first_published_at=when)
    return page


@pytest.fixture(scope="class")
def _three(class_shared_data):
    return class_shared_data.build(_make_three)


@pytest.fixture
def three(_three, class_shared_data, db):
    return class_shared_data.copy(_three)


def _make_three():
    """Three case studies with different tagging, published on different days."""
    index = ensure_case_study_index(ensure_site_pages())
    principles = Principle.objects.in_bulk(field_name="slug")
    # The conftest factory's own body (functools' __wrapped__ under pytest's fixture).
    # This import of conftest numbers its slugs from 1 again, as pytest's copy does for
    # the tests' own pages, so these three are given slugs of their own.
    make_case_study = case_study_fixtures.make_case_study.__wrapped__(index, principles)
    return {
        "money": _published(
            make_case_study(
                title="Money: a bank notices",
                slug="money-a-bank-notices",
                principle_slugs=("empowerment", "protection"),
                abuse_type_slugs=("financial-or-material",),
                themes=("scams",),
            ),
            days_ago=30,
        ),
        "home": _published(
            make_case_study(
                title="Home: a cluttered flat",
                slug="home-a-cluttered-flat",
                principle_slugs=("proportionality",),
                abuse_type_slugs=("self-neglect",),
                themes=("hoarding",),
            ),
            days_ago=1,
        ),
        "work": _published(
            make_case_study(
                title="Work: unpaid labour",
                slug="work-unpaid-labour",
                principle_slugs=("protection", "partnership"),
                abuse_type_slugs=("modern-slavery", "financial-or-material"),
                themes=("scams", "exploitation"),
            ),
            days_ago=10,
        ),
    }


@pytest.mark.usefixtures("_three")
class TestThreeCaseStudies:
    """Three published case studies, made once for the class (three Wagtail publishes)."""

    def test_lists_live_case_studies_newest_first(
        self, client, case_study_index, three, make_case_study
    ):
        make_case_study(title="Draft: not yet approved", publish=False)
        html = _get(client, case_study_index)
        assert _titles(html) == [
            "Home: a cluttered flat",
            "Work: unpaid labour",
            "Money: a bank notices",
        ]
        assert "3 case studies" in html
        assert "Draft: not yet approved" not in html

    def test_filter_form_is_a_get_form_with_apply_and_clear(self, client, case_study_index, three):
        html = _get(client, case_study_index)
        assert f'<form method="get" action="{case_study_index.url}"' in html
        assert ">Apply filters</button>" in html
        assert f'<a class="govuk-link" href="{case_study_index.url}">Clear filters</a>' in html
        for name in ("principle", "abuse_type", "theme"):
            assert f'name="{name}"' in html

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("?principle=protection", ["Work: unpaid labour", "Money: a bank notices"]),
            ("?principle=proportionality", ["Home: a cluttered flat"]),
            (
                "?abuse_type=financial-or-material",
                ["Work: unpaid labour", "Money: a bank notices"],
            ),
            ("?theme=hoarding", ["Home: a cluttered flat"]),
            ("?theme=scams", ["Work: unpaid labour", "Money: a bank notices"]),
            (
                "?principle=empowerment&abuse_type=financial-or-material&theme=scams",
                ["Money: a bank notices"],
            ),
            ("?principle=partnership&theme=hoarding", []),
        ],
    )
    def test_filters(self, client, case_study_index, three, query, expected):
        html = _get(client, case_study_index, query)
        assert _titles(html) == expected
        count = len(expected)
        assert f"{count} case stud{'y' if count == 1 else 'ies'}" in html

    def test_no_match_says_so_and_offers_to_clear(self, client, case_study_index, three):
        html = _get(client, case_study_index, "?principle=partnership&theme=hoarding")
        assert "No case studies match these filters." in html

    @pytest.mark.parametrize(
        "query",
        [
            "?principle=not-a-principle",
            "?abuse_type=%00",
            "?theme=" + "x" * 500,
            "?principle=protection&principle=empowerment",
            "?page=abc",
            "?page=-3",
            "?page=999",
        ],
    )
    def test_bad_filter_values_still_give_the_list(self, client, case_study_index, three, query):
        html = _get(client, case_study_index, query)
        assert len(_titles(html)) >= 1

    def test_an_unknown_filter_value_is_ignored(self, client, case_study_index, three):
        assert len(_titles(_get(client, case_study_index, "?principle=not-a-principle"))) == 3

    def test_selector_returns_only_live_public_case_studies(
        self, case_study_index, three, make_case_study
    ):
        make_case_study(publish=False)
        assert list(live_case_studies(index=case_study_index)) == [
            three["home"],
            three["work"],
            three["money"],
        ]


def test_pagination_keeps_the_filters(client, case_study_index, make_case_study):
    for number in range(12):
        _published(make_case_study(title=f"Case study {number:02}"), days_ago=number)
    first = _get(client, case_study_index, "?principle=empowerment")
    assert _titles(first) == [f"Case study {n:02}" for n in range(10)]
    assert "12 case studies" in first
    assert 'href="?principle=empowerment&amp;page=2"' in first
    second = _get(client, case_study_index, "?principle=empowerment&page=2")
    assert _titles(second) == ["Case study 10", "Case study 11"]
    assert _titles(_get(client, case_study_index, "?page=99")) == _titles(second)


def test_empty_index_says_there_are_none_yet(client, case_study_index):
    html = _get(client, case_study_index)
    assert "There are no case studies yet." in html
    assert "0 case studies" in html


def test_index_queries_do_not_grow_with_the_number_of_case_studies(
    client, case_study_index, make_case_study
):
    def tagged(number):
        return make_case_study(
            title=f"Case study {number}",
            principle_slugs=("empowerment", "protection"),
            abuse_type_slugs=("physical", "neglect-and-acts-of-omission"),
            themes=(f"theme {number}", "shared theme"),
        )

    def count_queries() -> int:
        client.get(case_study_index.url)  # warm caches (site root paths, content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(case_study_index.url).status_code == 200
        return len(queries)

    for number in range(2):
        tagged(number)
    with_two = count_queries()
    for number in range(2, 9):
        tagged(number)
    with_nine = count_queries()
    assert with_nine == with_two
