"""The briefing index: newest first, filterable, paginated, in a fixed number of
queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _titles(html: str) -> list[str]:
    """Titles of the listed items, in order."""
    return re.findall(r'<h3 [^>]*><a class="govuk-link" href="[^"]+">([^<]+)</a></h3>', html)


def _get(client, index, query: str = "") -> str:
    response = client.get(f"{index.url}{query}")
    assert response.status_code == 200
    return response.content.decode()


def _published(page, days_ago: int):
    when = timezone.now() - timedelta(days=days_ago)
    type(page).objects.filter(pk=page.pk).update(first_published_at=when)
    return page


@pytest.fixture
def three(make_briefing):
    """Three briefings with different tagging, published on different days."""
    return {
        "money": _published(
            make_briefing(
                title="Money: scams and the bank",
                principle_slugs=("empowerment", "protection"),
                abuse_type_slugs=("financial-or-material",),
                themes=("scams",),
            ),
            days_ago=30,
        ),
        "home": _published(
            make_briefing(
                title="Home: a cluttered flat",
                principle_slugs=("proportionality",),
                abuse_type_slugs=("self-neglect",),
                themes=("hoarding",),
            ),
            days_ago=1,
        ),
        "work": _published(
            make_briefing(
                title="Work: unpaid labour",
                principle_slugs=("protection", "partnership"),
                abuse_type_slugs=("modern-slavery", "financial-or-material"),
                themes=("scams", "exploitation"),
            ),
            days_ago=10,
        ),
    }


def test_lists_live_briefings_newest_first(client, briefing_index, three, make_briefing):
    make_briefing(title="Draft: not yet approved", publish=False)
    html = _get(client, briefing_index)
    assert _titles(html) == [
        "Home: a cluttered flat",
        "Work: unpaid labour",
        "Money: scams and the bank",
    ]
    assert ">3 briefings</h2>" in html
    assert "Draft: not yet approved" not in html


def test_one_briefing_is_counted_in_the_singular(client, briefing_index, make_briefing):
    make_briefing()
    assert ">1 briefing</h2>" in _get(client, briefing_index)


def test_filter_form_is_a_get_form_with_apply_and_clear(client, briefing_index, three):
    html = _get(client, briefing_index)
    assert f'<form method="get" action="{briefing_index.url}"' in html
    assert ">Apply filters</button>" in html
    assert f'<a class="govuk-link" href="{briefing_index.url}">Clear filters</a>' in html
    for name in ("principle", "abuse_type", "theme"):
        assert re.search(rf'<select name="{name}" class="govuk-select"', html)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?principle=protection", ["Work: unpaid labour", "Money: scams and the bank"]),
        ("?principle=proportionality", ["Home: a cluttered flat"]),
        ("?abuse_type=financial-or-material", ["Work: unpaid labour", "Money: scams and the bank"]),
        ("?abuse_type=self-neglect", ["Home: a cluttered flat"]),
        ("?theme=hoarding", ["Home: a cluttered flat"]),
        ("?theme=scams", ["Work: unpaid labour", "Money: scams and the bank"]),
        (
            "?principle=empowerment&abuse_type=financial-or-material&theme=scams",
            ["Money: scams and the bank"],
        ),
        ("?principle=protection&theme=exploitation", ["Work: unpaid labour"]),
        ("?principle=partnership&theme=hoarding", []),
    ],
)
def test_filters(client, briefing_index, three, query, expected):
    html = _get(client, briefing_index, query)
    assert _titles(html) == expected
    count = len(expected)
    assert f">{count} briefing{'' if count == 1 else 's'}</h2>" in html


def test_the_selected_filter_stays_selected(client, briefing_index, three):
    html = _get(client, briefing_index, "?principle=protection")
    assert '<option value="protection" selected>' in html


def test_no_match_says_so_and_offers_to_clear(client, briefing_index, three):
    html = _get(client, briefing_index, "?principle=partnership&theme=hoarding")
    assert "No briefings match these filters." in html


@pytest.mark.parametrize(
    "query",
    [
        "?principle=nonsense&page=abc",
        "?abuse_type=%00&theme=<script>",
        "?page=999",
        "?page=-1&principle=",
    ],
)
def test_bad_filter_values_give_a_normal_page(client, briefing_index, three, query):
    html = _get(client, briefing_index, query)
    assert len(_titles(html)) == 3


def test_paginates_ten_a_page_keeping_the_filters(client, briefing_index, make_briefing):
    for number in range(12):
        _published(make_briefing(title=f"Numbered {number:02d}", themes=("scams",)), number)
    first = _get(client, briefing_index, "?theme=scams")
    assert _titles(first) == [f"Numbered {n:02d}" for n in range(10)]
    assert ">12 briefings</h2>" in first
    assert 'href="?theme=scams&amp;page=2" rel="next"' in first
    second = _get(client, briefing_index, "?theme=scams&page=2")
    assert _titles(second) == ["Numbered 10", "Numbered 11"]


def _count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_number_of_briefings(client, briefing_index, make_briefing):
    def make(n):
        for _ in range(n):
            make_briefing(
                principle_slugs=("protection", "prevention"),
                abuse_type_slugs=("neglect-and-acts-of-omission",),
                themes=("scams", "falls"),
            )

    make(3)
    client.get(briefing_index.url)  # warm the caches the first request fills
    with_three = _count_queries(client, briefing_index.url)
    make(9)
    # Publishing changed the content version: the shared navigation is built again.
    client.get(briefing_index.url)
    with_twelve = _count_queries(client, briefing_index.url)
    assert with_twelve == with_three
    filtered = _count_queries(client, f"{briefing_index.url}?principle=protection&theme=scams")
    assert filtered <= with_three + 3
