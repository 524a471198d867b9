"""A published case study reads in the Making Safeguarding Personal shape."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.rich_text import RichText

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_study(make_case_study, principles):
    return make_case_study(
        title="Mrs D: pressure from a neighbour",
        principle_slugs=("empowerment", "partnership"),
        abuse_type_slugs=("financial-or-material",),
        themes=("scams",),
        desired_outcomes=[
            ("outcome", {"outcome": "I want to keep my savings.", "achieved": "fully"}),
            ("outcome", {"outcome": "I want to feel safe at my door.", "achieved": "partly"}),
            ("outcome", {"outcome": "I want my money back.", "achieved": "not"}),
        ],
        principles_in_practice=[
            (
                "principle",
                {
                    "principle": principles["empowerment"],
                    "text": RichText("<p>Mrs D chose who to tell.</p>"),
                },
            ),
            (
                "principle",
                {
                    "principle": principles["partnership"],
                    "text": RichText("<p>The bank and police shared what they knew.</p>"),
                },
            ),
        ],
        supported_success="<p>Bank staff knew the signs.</p>",
        barriers="",
        conditions_for_success="<p>Time to build trust.</p>",
        partner_types=["voluntary_sector", "police"],
        reflective_questions=[
            (
                "question",
                {"text": "Who else might be at risk?", "principle": principles["partnership"]},
            )
        ],
    )


@pytest.fixture
def body(client, case_study) -> str:
    response = client.get(case_study.url)
    assert response.status_code == 200
    return response.content.decode()


def _squash(html: str) -> str:
    return re.sub(r"\s+", " ", html)


def test_sections_appear_in_the_msp_order(body):
    headings = re.findall(r'<h2 class="govuk-heading-l" id="[^"]+">([^<]+)</h2>', body)
    assert headings == [
        "The situation",
        "What the person wanted",
        "What was done",
        "How the principles showed",
        "What supported success",
        "Conditions for success",
        "Partners involved",
        "Questions to reflect on",
    ]


def test_an_empty_optional_section_is_left_out(body):
    assert 'id="barriers"' not in body
    assert 'href="#barriers"' not in body


def test_each_outcome_shows_its_achievement_in_words_and_colour(body):
    rows = re.findall(r'<tr class="govuk-table__row">(.*?)</tr>', _squash(body))
    cells = [re.sub(r"<[^>]+>", "|", row) for row in rows]
    assert "I want to keep my savings." in cells[1] and "Fully achieved" in cells[1]
    assert "I want to feel safe at my door." in cells[2] and "Partly achieved" in cells[2]
    assert "I want my money back." in cells[3] and "Not achieved" in cells[3]
    assert '<strong class="govuk-tag govuk-tag--green">Fully achieved</strong>' in body
    assert '<strong class="govuk-tag govuk-tag--yellow">Partly achieved</strong>' in body
    assert '<strong class="govuk-tag govuk-tag--red">Not achieved</strong>' in body


def test_each_principle_has_a_section_linking_to_its_page(body):
    squashed = _squash(body)
    for slug, name, text in (
        ("empowerment", "Empowerment", "Mrs D chose who to tell."),
        ("partnership", "Partnership", "The bank and police shared what they knew."),
    ):
        section = re.search(
            rf'<section class="hub-principle-in-practice" aria-labelledby="principle-{slug}">'
            r"(.*?)</section>",
            squashed,
        )
        assert section, slug
        assert f'<a class="govuk-link" href="/principles/{slug}/">{name}</a></h3>' in section[1]
        assert text in section[1]


def test_partners_are_listed_by_name_in_choice_order(body):
    partners = re.search(r'<ul class="[^"]*hub-partners">(.*?)</ul>', _squash(body))
    assert re.findall(r"<li>([^<]+)</li>", partners[1]) == ["Police", "Voluntary sector"]


def test_reflective_questions_keep_their_ids(body, case_study):
    question = case_study.reflective_questions[0]
    assert f'id="question-{question.id}"' in body
    assert "Who else might be at risk?" in body


def test_tags_and_rich_text_are_shown(body):
    assert "Financial or material" in body or "financial" in body.lower()
    assert "scams" in body
    assert "Bank staff knew the signs." in body
    assert "<p>Mrs A" not in body  # the factory's default situation was not used
    assert "Time to build trust." in body


def test_breadcrumbs_lead_back_to_the_index(body, case_study_index):
    link = f'<a class="govuk-breadcrumbs__link" href="{case_study_index.url}">'
    assert f"{link}Case studies</a>" in body


def test_a_later_feature_can_add_learning_actions_after_the_content(case_study):
    request = RequestFactory().get(case_study.url)
    request.user = AnonymousUser()
    html = Template(
        '{% extends "case_studies/case_study_page.html" %}'
        '{% block learning_actions %}<p id="actions">Mark as complete</p>{% endblock %}'
    ).render(Context({"page": case_study, "request": request, "self": case_study}))
    assert '<p id="actions">Mark as complete</p>' in html
    assert html.index("</article>") < html.index('id="actions"')


def test_a_draft_case_study_is_not_served(client, make_case_study):
    draft = make_case_study(publish=False)
    assert client.get(f"/case-studies/{draft.slug}/").status_code == 404
