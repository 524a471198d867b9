"""The myth-buster works one statement at a time with plain forms: nothing reveals the
answer before the learner gives theirs; then the page explains and points onwards."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.quizzes.helpers import myth

pytestmark = pytest.mark.django_db


def _soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def buster(make_myth_buster, case_study, principles):
    return make_myth_buster(
        [
            myth(
                "Risky choices must always be stopped.",
                answer="myth",
                explanation="EXPLAINED ONE",
                principle=principles["empowerment"],
                read_more=case_study,
            ),
            myth("Abuse can happen at home.", answer="reality", explanation="EXPLAINED TWO"),
        ]
    )


def _answer(client, page, number: int, answer: str | None):
    card = page.myths[number - 1]
    data = {"statement": card.id}
    if answer:
        data["answer"] = answer
    return client.post(f"{page.url}?statement={number}", data)


def test_first_statement_is_shown_without_its_answer(client, buster):
    response = client.get(buster.url)
    html = response.content.decode()
    soup = _soup(response)

    assert response.status_code == 200
    assert "Statement 1 of 2" in soup.get_text(" ")
    assert "Risky choices must always be stopped." in soup.find("h2").get_text()
    assert "EXPLAINED ONE" not in html
    assert "EXPLAINED TWO" not in html
    values = [i["value"] for i in soup.find_all("input", attrs={"name": "answer"})]
    assert values == ["myth", "reality"]  # always the same order
    for tag in soup.find_all(True):
        assert not any("correct" in str(v).lower() for v in tag.attrs.values())
    # No script could carry the answers: only the site's own files, none inline.
    assert all(
        script.get("src", "").startswith("/static/js/") and not script.string
        for script in soup.find_all("script")
    )


def test_answering_shows_right_or_wrong_explanation_and_read_more(client, buster, case_study):
    response = _answer(client, buster, 1, "reality")
    assert response.status_code == 302
    assert response["Location"] == f"{buster.url}?statement=1#answer"

    soup = _soup(client.get(f"{buster.url}?statement=1"))
    feedback = soup.find(id="answer")
    text = feedback.get_text(" ", strip=True)
    assert "Not quite" in text
    assert "You said reality. It is a myth." in text
    assert "EXPLAINED ONE" in text
    links = {a.get_text(strip=True): a["href"] for a in feedback.find_all("a")}
    assert links[case_study.title] == case_study.url
    assert links["The principle of empowerment"] == "/principles/empowerment/"
    assert soup.find("input", attrs={"name": "answer"}) is None  # no second answer

    # The next statement still hides its answer.
    second = client.get(f"{buster.url}?statement=2").content.decode()
    assert "EXPLAINED TWO" not in second


def test_a_right_answer_says_so(client, buster):
    _answer(client, buster, 2, "reality")
    text = _soup(client.get(f"{buster.url}?statement=2")).find(id="answer").get_text(" ")
    assert "Right" in text and "It is the reality." in text


def test_resending_an_answer_keeps_the_first(client, buster):
    _answer(client, buster, 1, "myth")
    _answer(client, buster, 1, "reality")
    text = _soup(client.get(f"{buster.url}?statement=1")).find(id="answer").get_text(" ")
    assert "You said myth" in text


def test_no_answer_is_an_error_on_the_form(client, buster):
    response = _answer(client, buster, 1, None)
    soup = _soup(response)
    assert response.status_code == 200
    summary = soup.find(class_="govuk-error-summary")
    assert summary.find("a", string="Select myth or reality.")["href"] == "#id_answer_0"
    assert soup.title.get_text().startswith("Error:")
    assert "EXPLAINED ONE" not in response.content.decode()


def test_a_changed_statement_sends_the_learner_back_to_the_start(client, buster):
    response = client.post(buster.url, {"statement": "gone", "answer": "myth"})
    assert response.status_code == 302
    assert response["Location"] == buster.url


@pytest.mark.parametrize("bad", ["0", "3", "two", "-1"])
def test_a_statement_number_out_of_range_is_not_found(client, buster, bad):
    assert client.get(f"{buster.url}?statement={bad}").status_code == 404


def test_summary_counts_answers_and_start_again_clears_them(client, buster):
    _answer(client, buster, 1, "myth")
    soup = _soup(client.get(f"{buster.url}?summary"))
    text = soup.get_text(" ", strip=True)
    assert "You got 1 of the 1 statement you answered right, out of 2" in text
    rows = soup.find("tbody").find_all("tr")
    assert "Myth" in rows[0].get_text() and "Right" in rows[0].get_text()
    # The unanswered statement's answer is not revealed in the summary.
    assert "Reality" not in rows[1].get_text()

    client.post(buster.url, {"action": "start-again"})
    assert (
        "You have not answered any statements yet."
        in client.get(f"{buster.url}?summary").content.decode()
    )


def test_last_statement_leads_to_the_summary(client, buster):
    soup = _soup(client.get(f"{buster.url}?statement=2"))
    link = (
        soup.find("a", string=lambda s: s and "See how you did" in s)
        or soup.find("span", string="See how you did").parent
    )
    assert link["href"] == f"{buster.url}?summary"


def test_preview_lists_every_answer(buster):
    html = buster.make_preview_request().content.decode()
    assert "EXPLAINED ONE" in html and "EXPLAINED TWO" in html
