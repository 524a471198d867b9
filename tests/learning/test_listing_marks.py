"""Listings mark what the signed-in person has completed or passed, from one query
per request, and cards show a few tags then how many more (issue 12)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import CompletionHow
from learning.records import services
from learning.records.selectors import completion_marks
from tests.factories import make_person
from tests.learning.test_search import make_learning_page

pytestmark = pytest.mark.django_db


def complete(user, page, how=CompletionHow.CONFIRMED):
    return services.completion_record(user=user, page=page, how=how)[0]


def _card(body: str, title: str) -> str:
    """The card of the page with this title."""
    start = body.index(f">{title}</a>")
    return body[start : body.index("</ul>", body.index("hub-tag-list", start))]


def test_selector_says_completed_or_passed_for_the_person_only():
    person, other = make_person(), make_person()
    read = make_learning_page(title="Read")
    checked = make_learning_page(title="Checked")
    untouched = make_learning_page(title="Untouched")
    complete(person, read)
    complete(person, checked, how=CompletionHow.PASSED_CHECK)
    complete(other, untouched)
    assert completion_marks(user=person) == {read.pk: "completed", checked.pk: "passed"}
    assert completion_marks(user=person, page_ids=[read.pk]) == {read.pk: "completed"}
    assert completion_marks(user=other) == {untouched.pk: "completed"}


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("briefing", "/briefings/"),
        ("case_study", "/case-studies/"),
        ("review", "/search/?q=review"),
        ("review", "/reviews/"),
    ],
)
def test_listings_mark_completed_items(client, kind, url):
    person, other = make_person(), make_person()
    done = make_learning_page(title="Done review", kind=kind)
    make_learning_page(title="Not done review", kind=kind)
    theirs = make_learning_page(title="Their review", kind=kind)
    complete(person, done)
    complete(other, theirs)
    client.force_login(person)
    body = client.get(url).content.decode()
    assert "Completed" in _card(body, "Done review")
    assert "you have completed Done review" in _card(body, "Done review")
    assert "Completed" not in _card(body, "Not done review")
    assert "Completed" not in _card(body, "Their review")


def test_principle_hub_marks_completed_items(client):
    person = make_person()
    done = make_learning_page(title="Done", principles=("prevention",))
    make_learning_page(title="Not done", principles=("prevention",))
    complete(person, done)
    client.force_login(person)
    body = client.get("/principles/prevention/").content.decode()
    assert "Completed" in _card(body, "Done")
    assert "Completed" not in _card(body, "Not done")


def test_passed_checks_read_passed_in_search_results(client):
    person = make_person()
    checked = make_learning_page(title="Checked page")
    complete(person, checked, how=CompletionHow.PASSED_CHECK)
    client.force_login(person)
    body = client.get("/search/?q=checked").content.decode()
    assert "Passed<span" in _card(body, "Checked page")


def test_visitors_see_no_marks(client):
    done = make_learning_page(title="Done", kind="briefing")
    complete(make_person(), done)
    assert "Completed" not in client.get("/briefings/").content.decode()


def test_marks_cost_one_query_however_many_cards(client):
    person = make_person()
    client.force_login(person)

    def count() -> int:
        client.get("/briefings/")
        with CaptureQueriesContext(connection) as captured:
            client.get("/briefings/")
        return len(captured)

    complete(person, make_learning_page(title="First", kind="briefing"))
    few = count()
    for number in range(6):
        complete(person, make_learning_page(title=f"More {number}", kind="briefing"))
    assert count() == few


def test_cards_show_three_tags_then_how_many_more(client):
    make_learning_page(
        title="Many tags",
        kind="briefing",
        principles=("empowerment", "prevention"),
        abuse_types=("physical", "domestic"),
        themes=("scams", "hoarding", "fire"),
    )
    card = _card(client.get("/briefings/").content.decode(), "Many tags")
    assert card.count("govuk-tag hub-tag") == 3
    assert "and 4 more" in card


# --- The Safeguarding Adults Review index (templates/briefings/review_card.html) ---


def test_review_index_marks_a_required_review_once_completed(client):
    """A completed review reads "Completed" beside its title, with the title for screen
    readers; one the person has not done carries no mark."""
    person = make_person()
    done = make_learning_page(title="Adult K review", kind="review")
    make_learning_page(title="Adult L review", kind="review")
    complete(person, done)
    client.force_login(person)
    body = client.get("/reviews/").content.decode()
    card = _card(body, "Adult K review")
    assert 'govuk-tag govuk-tag--green">Completed<span class="govuk-visually-hidden">' in card
    assert "you have completed Adult K review" in card
    assert "Completed" not in _card(body, "Adult L review")


def test_review_index_cards_show_three_tags_then_how_many_more(client):
    make_learning_page(
        title="Heavily tagged review",
        kind="review",
        principles=("empowerment", "prevention", "protection"),
        abuse_types=("physical",),
        themes=("scams", "fire"),
    )
    card = _card(client.get("/reviews/").content.decode(), "Heavily tagged review")
    assert card.count("govuk-tag hub-tag") == 3
    assert "and 3 more" in card


def test_review_index_marks_cost_the_same_queries_however_many_done(client):
    person = make_person()
    client.force_login(person)

    def count() -> int:
        client.get("/reviews/")
        with CaptureQueriesContext(connection) as captured:
            client.get("/reviews/")
        return len(captured)

    complete(person, make_learning_page(title="First review", kind="review"))
    few = count()
    for number in range(5):
        complete(person, make_learning_page(title=f"Review {number}", kind="review"))
    assert count() == few
