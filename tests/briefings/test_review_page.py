"""A Safeguarding Adults Review catalogue entry, and the briefings that teach it."""

from __future__ import annotations

import re

import pytest

from briefings.models import ReviewType
from briefings.selectors import live_briefings_for_review

pytestmark = pytest.mark.django_db


def _get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _listed(html: str, css_class: str) -> list[str]:
    block = html.split(f'class="govuk-list govuk-list--number {css_class}">', 1)[1]
    return re.findall(r"<li>([^<]+)</li>", block.split("</ol>", 1)[0])


@pytest.fixture
def review(make_review):
    return make_review(
        title="Safeguarding Adults Review: Adult K",
        pseudonym="Adult K",
        board="Southvale Safeguarding Adults Board",
        year_published=2022,
        review_type=ReviewType.DISCRETIONARY,
        abuse_type_slugs=("financial-or-material",),
        themes=("cuckooing",),
        key_findings=[("finding", "First finding."), ("finding", "Second finding.")],
        recommendations=[("recommendation", "Do this."), ("recommendation", "Then that.")],
        report_url="https://southvale.example/reviews/adult-k.pdf",
    )


def test_the_review_page_shows_the_catalogue_entry(client, review):
    html = _get(client, review.url)
    assert "Safeguarding Adults Review: Adult K</h1>" in html
    assert "Adult K" in html
    assert "Southvale Safeguarding Adults Board" in html
    assert ">2022<" in html
    assert "Discretionary review (section 44(4) of the Care Act 2014)" in html
    assert 'hub-tag--abuse-type">Financial or material abuse<' in html
    assert 'hub-tag--topic">cuckooing<' in html
    assert _listed(html, "hub-review__findings") == ["First finding.", "Second finding."]
    assert _listed(html, "hub-review__recommendations") == ["Do this.", "Then that."]
    assert 'href="https://southvale.example/reviews/adult-k.pdf">Read the full report' in html


def test_the_review_lists_its_live_briefings_only(client, review, make_review, make_briefing):
    other_review = make_review()
    first = make_briefing(title="Cuckooing: the signs", review=review)
    second = make_briefing(title="Exploitation and housing", review=review)
    make_briefing(title="Draft on cuckooing", review=review, publish=False)
    make_briefing(title="About another review", review=other_review)
    make_briefing(title="About no review")

    assert [p.pk for p in live_briefings_for_review(review)] == [second.pk, first.pk]
    html = _get(client, review.url)
    section = html.split('id="briefings"', 1)[1]
    assert "Cuckooing: the signs" in section
    assert "Exploitation and housing" in section
    assert "Draft on cuckooing" not in html
    assert "About another review" not in html
    assert "About no review" not in html


def test_a_review_without_briefings_says_so(client, review):
    html = _get(client, review.url)
    assert "No briefings teach this review's learning yet." in html.replace("&#x27;", "'")


def test_a_review_without_a_report_has_no_report_link(client, make_review):
    html = _get(client, make_review(report_url="").url)
    assert "Read the full report" not in html
