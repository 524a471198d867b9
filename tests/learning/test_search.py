"""Site search over every published, public learning page, with the shared filters."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from briefings.blocks import section_value
from briefings.demo import ensure_briefing_index, ensure_review_index
from briefings.models import BriefingPage, SafeguardingAdultsReviewPage
from case_studies.demo import ensure_case_study_index
from case_studies.models import CaseStudyPage
from learning.models import AbuseType, LearningPage, Principle
from learning.search import make_excerpt, normalise_query, search_learning
from learning.site_setup import ensure_site_pages
from tests.factories import make_person

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


def _case_study(home, *, body: str, **fields) -> tuple[Page, LearningPage]:
    page = CaseStudyPage(
        situation=f"<p>{body}</p>",
        desired_outcomes=[],
        what_was_done="<p>The team met the next day.</p>",
        principles_in_practice=[],
        **fields,
    )
    return ensure_case_study_index(home), page


def _briefing(home, *, body: str, **fields) -> tuple[Page, LearningPage]:
    bodies = [f"<p>{body}</p>"] + [f"<p>Section {n} of the briefing.</p>" for n in range(2, 8)]
    page = BriefingPage(
        sections=[("section", section_value(f"Part {n}", text)) for n, text in enumerate(bodies)],
        **fields,
    )
    return ensure_briefing_index(home), page


def _review(home, *, body: str, **fields) -> tuple[Page, LearningPage]:
    page = SafeguardingAdultsReviewPage(
        pseudonym="Adult K",
        board="Northmoor Safeguarding Adults Board",
        year_published=2024,
        review_type="mandatory",
        key_findings=[("finding", body)],
        recommendations=[("recommendation", "Agencies should share information sooner.")],
        **fields,
    )
    return ensure_review_index(home), page


BUILDERS = {"case_study": _case_study, "briefing": _briefing, "review": _review}


def make_learning_page(
    *,
    title: str,
    kind: str = "case_study",
    summary: str = "A short account of what happened and what was learned.",
    body: str = "Practitioners worked together with the person.",
    principles: tuple[str, ...] = ("empowerment",),
    abuse_types: tuple[str, ...] = (),
    themes: tuple[str, ...] = (),
    questions: tuple[tuple[str, str], ...] = (),
    publish: bool = True,
    **fields,
) -> LearningPage:
    """A learning page of the given kind (case_study, briefing or review) under its
    index, tagged as asked, with `body` in its own searchable text and `questions` as
    (text, principle slug) pairs. Shared by the search, principle hub, home page and
    editorial tests."""
    by_slug = Principle.objects.in_bulk(field_name="slug")
    index, page = BUILDERS[kind](
        ensure_site_pages(),
        body=body,
        title=title,
        slug=f"learning-{next(_numbers)}",
        summary=summary,
        reflective_questions=[
            ("question", {"text": text, "principle": by_slug[slug]}) for text, slug in questions
        ],
        live=publish,
        **fields,
    )
    page.principles = [by_slug[slug] for slug in principles]
    page.abuse_types = list(AbuseType.objects.filter(slug__in=abuse_types))
    if themes:
        page.themes.add(*themes)
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.save_revision()
    return page


def quoted(word: str) -> str:
    """The word in the curly single quotes the results heading uses."""
    return f"\u2018{word}\u2019"


def _titles(response) -> list[str]:
    return [result.page.title for result in response.context["results"]]


# --- Finding pages -----------------------------------------------------------


def test_finds_published_pages_by_title_summary_and_body(client):
    make_learning_page(title="Cuckooing and exploitation", kind="briefing")
    make_learning_page(title="Money worries", summary="Scams that target older people.")
    make_learning_page(title="A home visit", body="The hallway was blocked by newspapers.")
    make_learning_page(title="Unrelated")

    assert _titles(client.get("/search/?q=cuckooing")) == ["Cuckooing and exploitation"]
    assert _titles(client.get("/search/?q=scams")) == ["Money worries"]
    response = client.get("/search/?q=newspapers")
    assert _titles(response) == ["A home visit"]
    body = response.content.decode()
    assert f"1 result for {quoted('newspapers')}" in body
    # The excerpt shows where the word appears in the page's own text.
    assert "blocked by <mark>newspapers</mark>" in body
    assert "Case study" in body


def test_every_word_must_match(client):
    make_learning_page(title="Hoarding and fire risk")
    make_learning_page(title="Hoarding and housing")
    assert _titles(client.get("/search/?q=hoarding+fire")) == ["Hoarding and fire risk"]


def test_never_finds_unpublished_or_private_pages(client):
    make_learning_page(title="Draft about cuckooing", publish=False)
    private = make_learning_page(title="Private note about cuckooing")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    make_learning_page(title="Public guide to cuckooing")

    assert _titles(client.get("/search/?q=cuckooing")) == ["Public guide to cuckooing"]
    assert "Draft about" not in client.get("/search/?principle=empowerment").content.decode()


def test_pages_under_a_private_section_are_not_found(client):
    page = make_learning_page(title="Cuckooing in the private section")
    PageViewRestriction.objects.create(
        page=page.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert list(search_learning(query="cuckooing")) == []


def test_only_learning_pages_are_searched(client):
    ensure_site_pages()  # the privacy notice mentions personal data
    assert list(search_learning(query="privacy")) == []


def test_finds_each_page_type_by_its_own_text(client):
    make_learning_page(title="Briefing", kind="briefing", body="Carers felt unheard.")
    make_learning_page(title="Review", kind="review", body="Carers were not assessed.")
    make_learning_page(title="Case study", kind="case_study", body="Carers asked for respite.")
    response = client.get("/search/?q=carers")
    assert sorted(_titles(response)) == ["Briefing", "Case study", "Review"]
    types = {result.page.title: result.page_type for result in response.context["results"]}
    assert types == {
        "Briefing": "seven-minute briefing",
        "Review": "Safeguarding Adults Review",
        "Case study": "case study",
    }
    body = response.content.decode()
    assert "Seven-minute briefing ·" in body
    assert "<mark>Carers</mark> were not assessed" in body


# --- Filters -----------------------------------------------------------------


def test_filters_combine_with_each_other_and_with_words(client):
    make_learning_page(
        title="Scam calls",
        principles=("prevention",),
        abuse_types=("financial-or-material",),
        themes=("scams",),
    )
    make_learning_page(
        title="Scam letters",
        kind="briefing",
        principles=("prevention",),
        abuse_types=("financial-or-material",),
    )
    make_learning_page(
        title="Scam visits",
        kind="review",
        principles=("protection",),
        abuse_types=("financial-or-material",),
    )
    make_learning_page(title="Neglect at home", principles=("prevention",))

    url = "/search/?principle=prevention&abuse_type=financial-or-material"
    assert sorted(_titles(client.get(url))) == ["Scam calls", "Scam letters"]
    assert _titles(client.get(url + "&theme=scams")) == ["Scam calls"]
    assert _titles(client.get(url + "&q=letters")) == ["Scam letters"]
    assert _titles(client.get("/search/?q=scam&principle=protection")) == ["Scam visits"]


def test_filters_without_words_list_newest_first(client):
    make_learning_page(title="Older", abuse_types=("self-neglect",))
    make_learning_page(title="Newer", abuse_types=("self-neglect",))
    assert _titles(client.get("/search/?abuse_type=self-neglect")) == ["Newer", "Older"]


@pytest.mark.parametrize(
    "query_string",
    [
        "?q=%22",
        "?q=*",
        "?q=NEAR(",
        "?q=a+OR",
        "?q=x%00y",
        "?q=" + "long" * 200,
        "?principle=no-such-principle",
        "?abuse_type=%27%3B--",
        "?theme=&principle=",
        "?q=cuckooing&page=abc",
        "?q=cuckooing&page=999",
        "?q=cuckooing&page=-1",
    ],
)
def test_bad_input_gives_a_normal_page(client, query_string):
    make_learning_page(title="Cuckooing")
    response = client.get("/search/" + query_string)
    assert response.status_code == 200
    assert "Search the hub" in response.content.decode()


def test_unknown_filter_is_ignored(client):
    make_learning_page(title="Cuckooing")
    assert _titles(client.get("/search/?q=cuckooing&principle=no-such")) == ["Cuckooing"]


def test_empty_search_shows_the_form_and_guidance(client):
    make_learning_page(title="Cuckooing")
    response = client.get("/search/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "How to search" in body
    assert 'name="q"' in body
    assert 'name="principle"' in body
    assert "results" not in response.context


def test_no_results_gives_advice(client):
    make_learning_page(title="Cuckooing")
    body = client.get("/search/?q=zebra").content.decode()
    assert f"0 results for {quoted('zebra')}" in body
    assert "There are no matching results" in body


def test_results_are_paginated_keeping_the_query(client):
    for number in range(12):
        make_learning_page(title=f"Financial abuse example {number}")
    first = client.get("/search/?q=financial")
    assert len(first.context["results"]) == 10
    assert f"12 results for {quoted('financial')}" in first.content.decode()
    assert "?q=financial&amp;page=2" in first.content.decode()
    second = client.get("/search/?q=financial&page=2")
    assert len(second.context["results"]) == 2


def test_a_page_of_results_costs_the_same_queries_however_many_match(client):
    def queries_for_results_page() -> int:
        client.get("/search/?q=financial")  # fills the site cache
        with CaptureQueriesContext(connection) as captured:
            client.get("/search/?q=financial")
        return len(captured)

    kinds = ["briefing", "review", "case_study"]
    for number in range(3):
        make_learning_page(title=f"Financial abuse {number}", kind=kinds[number % 3])
    few = queries_for_results_page()
    for number in range(9):
        make_learning_page(
            title=f"More financial abuse {number}", kind=kinds[number % 3], themes=("scams",)
        )
    assert queries_for_results_page() == few


# --- Helpers -----------------------------------------------------------------


def test_query_is_cleaned_before_searching():
    assert normalise_query("  fire\x00 \t safety\n ") == "fire safety"
    assert normalise_query("fire\tsafety") == "fire safety"
    assert normalise_query(None) == ""
    assert len(normalise_query("x" * 500)) == 200


def test_excerpt_is_trimmed_around_the_first_match():
    text = " ".join(["word"] * 100) + " the newspapers were stacked " + " ".join(["end"] * 100)
    excerpt = make_excerpt(text, ["newspapers"], width=80)
    assert excerpt.match == "newspapers"
    assert excerpt.before.startswith("…") and excerpt.after.endswith("…")
    assert len(excerpt.before + excerpt.match + excerpt.after) <= 84
    assert make_excerpt("nothing here", ["zebra"]) is None
    # Matches at the start of a word only.
    assert make_excerpt("unscammed", ["scam"]) is None


def test_search_is_in_the_site_navigation(client):
    ensure_site_pages()
    body = client.get("/").content.decode()
    assert f'href="{reverse("search")}"' in body
    assert ">Search<" in body


# --- Home page lists (learning.search selectors, shown by HomePage) ----------------


@pytest.fixture
def home_content():
    review = make_learning_page(title="Review of Adult K", kind="review")
    for number in range(4):
        make_learning_page(title=f"Briefing {number}", kind="briefing")
    make_learning_page(title="Briefing on Adult K", kind="briefing", review=review)
    make_learning_page(title="Draft briefing", kind="briefing", publish=False)
    make_learning_page(title="Older case study")
    make_learning_page(title="Newer case study")


def _home(client):
    response = client.get("/")
    assert response.status_code == 200
    return response


def _listed(response, name: str) -> list[str]:
    return [page.title for page in response.context[name]]


@pytest.mark.parametrize("signed_in", [False, True])
def test_home_page_lists_the_latest_learning(client, home_content, signed_in):
    if signed_in:
        client.force_login(make_person(first_name="Jo"))
    response = _home(client)
    assert _listed(response, "latest_briefings") == [
        "Briefing on Adult K",
        "Briefing 3",
        "Briefing 2",
    ]
    # Reviews and the briefings that carry one, newest first.
    assert _listed(response, "latest_sar_learning") == ["Briefing on Adult K", "Review of Adult K"]
    assert response.context["featured_case_study"].title == "Newer case study"
    body = response.content.decode()
    for heading in (
        "Latest seven-minute briefings",
        "Learning from Safeguarding Adults Reviews",
        "Case study",
    ):
        assert heading in body
    assert "Draft briefing" not in body
    assert ("What to do next" in body) is signed_in


def test_home_page_links_to_principle_hubs_and_abuse_type_searches(client):
    ensure_site_pages()
    body = _home(client).content.decode()
    for principle in Principle.objects.all():
        assert f'href="/principles/{principle.slug}/"' in body
    for abuse_type in AbuseType.objects.all():
        assert f'href="/search/?abuse_type={abuse_type.slug}">{abuse_type.name}<' in body
    assert client.get("/search/?abuse_type=self-neglect").status_code == 200


def test_home_page_without_learning_leaves_the_lists_out(client):
    ensure_site_pages()
    body = _home(client).content.decode()
    assert "Latest seven-minute briefings" not in body
    assert "Learning from Safeguarding Adults Reviews" not in body


def test_home_page_queries_do_not_grow_with_content(client):
    review = make_learning_page(title="First review", kind="review", themes=("scams",))
    make_learning_page(title="First briefing", kind="briefing", review=review)
    make_learning_page(title="First case study", themes=("scams",))
    _home(client)  # fills the site cache
    with CaptureQueriesContext(connection) as before:
        _home(client)
    for number in range(6):
        kind = ["briefing", "review", "case_study"][number % 3]
        extra = {"review": review} if kind == "briefing" else {}
        make_learning_page(
            title=f"Page {number}", kind=kind, themes=("scams", f"t{number}"), **extra
        )
    _home(client)
    with CaptureQueriesContext(connection) as after:
        _home(client)
    assert len(after) == len(before)
