"""Search finds what practitioners type: acronyms through the board's synonyms list,
the start of a word, a page type's name and the name of a tag (issue 12). Only words
and the database's own search backend are used, so these run on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import SearchSynonym
from learning.search import expand_query
from tests.learning.test_search import make_learning_page

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return [result.page.title for result in response.context["results"]]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("SAR", "Learning from the Safeguarding Adults Review of Adult K"),
        ("sar", "Learning from the Safeguarding Adults Review of Adult K"),
        ("MCA", "Assessing mental capacity at home"),
        ("DoLS", "When care becomes a deprivation of liberty"),
        ("LPS", "Getting ready for the Liberty Protection Safeguards"),
        ("MSP", "Making Safeguarding Personal in a busy team"),
    ],
)
def test_acronyms_find_what_they_stand_for(client, query, title):
    make_learning_page(title=title)
    make_learning_page(title="Something else entirely")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert _titles(response) == [title]
    assert "Also searched for:" in response.content.decode()


def test_the_results_say_which_synonym_was_used(client):
    make_learning_page(title="Safeguarding Adults Review findings")
    body = client.get("/search/?q=SAR").content.decode()
    assert "Also searched for: \u2018Safeguarding Adults Review\u2019" in body
    plain = client.get("/search/?q=findings").content.decode()
    assert "Also searched for" not in plain


def test_the_start_of_a_word_finds_the_whole_word(client):
    make_learning_page(title="Cuckooing: when a home is taken over", kind="briefing")
    make_learning_page(title="Hoarding")
    assert _titles(client.get("/search/?q=cuckoo")) == ["Cuckooing: when a home is taken over"]
    assert _titles(client.get("/search/?q=hoard")) == ["Hoarding"]


def test_the_start_of_a_word_in_the_text_is_found_through_a_synonym(client):
    # "cuckoo" is on the seeded list: the body's "cuckooing" is found too.
    make_learning_page(title="A flat taken over", body="This is known as cuckooing.")
    assert _titles(client.get("/search/?q=cuckoo")) == ["A flat taken over"]


@pytest.mark.parametrize("query", ["7 minute briefing", "seven minute briefing"])
def test_seven_minute_briefing_finds_the_briefings(client, query):
    make_learning_page(title="Fire safety at home", kind="briefing")
    make_learning_page(title="Hoarding", kind="briefing")
    make_learning_page(title="A case study")
    assert sorted(_titles(client.get("/search/", {"q": query}))) == [
        "Fire safety at home",
        "Hoarding",
    ]


def test_financial_abuse_finds_everything_tagged_with_it(client):
    make_learning_page(title="Scams on the doorstep", abuse_types=("financial-or-material",))
    make_learning_page(
        title="Lasting power of attorney", kind="review", abuse_types=("financial-or-material",)
    )
    make_learning_page(title="Money and debt advice", body="Budgeting with the person.")
    make_learning_page(title="Bruising", abuse_types=("physical",))
    for query in ("financial abuse", "Financial", "money abuse"):
        titles = _titles(client.get("/search/", {"q": query}))
        assert sorted(titles) == ["Lasting power of attorney", "Scams on the doorstep"], query


def test_abuse_alone_does_not_name_every_tag(client):
    make_learning_page(title="Bruising", abuse_types=("physical",))
    assert _titles(client.get("/search/?q=abuse")) == []


def test_principle_and_theme_names_find_tagged_pages(client):
    make_learning_page(title="Tagged page", principles=("proportionality",), themes=("hoarding",))
    make_learning_page(title="Other page", principles=("empowerment",))
    assert _titles(client.get("/search/?q=proportionality")) == ["Tagged page"]
    assert _titles(client.get("/search/?q=hoarding")) == ["Tagged page"]


def test_a_page_found_several_ways_is_listed_once(client):
    make_learning_page(
        title="Financial abuse and scams",
        summary="Financial abuse.",
        abuse_types=("financial-or-material",),
    )
    assert _titles(client.get("/search/?q=financial+abuse")) == ["Financial abuse and scams"]


def test_synonyms_edited_by_the_board_take_effect(client):
    make_learning_page(title="Working with the Community Mental Health Team")
    assert _titles(client.get("/search/?q=CMHT")) == []
    SearchSynonym.objects.create(term="CMHT", also_search_for="Community Mental Health Team")
    assert _titles(client.get("/search/?q=CMHT")) == [
        "Working with the Community Mental Health Team"
    ]
    SearchSynonym.objects.filter(term="CMHT").delete()
    assert _titles(client.get("/search/?q=CMHT")) == []


def test_the_query_is_expanded_term_by_term():
    queries, used = expand_query("SAR findings")
    assert queries == ["sar findings", "safeguarding adults review findings"]
    assert used == ["Safeguarding Adults Review"]
    assert expand_query("sarah") == (["sarah"], [])


def test_the_synonym_form_tidies_what_is_typed():
    synonym = SearchSynonym(term="  CMHT  ", also_search_for=" Community  team \n\n mental health ")
    synonym.clean()
    assert synonym.term == "CMHT"
    assert synonym.phrases == ["Community team", "mental health"]


@pytest.mark.parametrize(
    "query",
    ["", "   ", "x" * 5000, "\"'(*)^~-:", "SAR AND OR NOT", "NEAR(a b)", "😀 abuse", "%_\\"],
)
def test_odd_queries_give_a_normal_page(client, query):
    make_learning_page(title="Safeguarding Adults Review", abuse_types=("physical",))
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert b"Search the hub" in response.content


def test_queries_do_not_grow_with_results_or_synonyms(client):
    def count(query: str) -> int:
        client.get("/search/", {"q": query})
        with CaptureQueriesContext(connection) as captured:
            client.get("/search/", {"q": query})
        return len(captured)

    kinds = ("briefing", "review", "case_study")
    for kind in kinds:  # each page type costs its own prefetch queries once
        make_learning_page(
            title=f"Financial abuse {kind}", kind=kind, abuse_types=("financial-or-material",)
        )
    few = count("financial abuse")
    for number in range(8):
        make_learning_page(
            title=f"Financial abuse {number + 1}",
            kind=kinds[number % 3],
            abuse_types=("financial-or-material",),
            themes=("scams",),
        )
    assert count("financial abuse") == few
    for number in range(5):
        SearchSynonym.objects.create(term=f"FA{number}", also_search_for="financial abuse")
    assert count("financial abuse") == few
