"""Taking a knowledge check through the site: nothing gives the answers away before
submitting, unanswered questions keep the other answers, a resubmitted form is
recorded once, and the result explains every answer."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from quizzes.forms import question_field_name
from quizzes.models import Attempt
from tests.factories import make_person
from tests.quizzes.helpers import answers_for, multiple, myth, single, true_false

pytestmark = pytest.mark.django_db


def _start(client, check) -> Attempt:
    response = client.post(check.url, {"action": "start"})
    assert response.status_code == 302
    attempt_id = re.search(r"attempt=([0-9a-f-]+)", response["Location"]).group(1)
    return Attempt.objects.get(pk=attempt_id)


def _post_answers(client, check, attempt, answers: dict) -> object:
    data = {"action": "submit", "attempt": str(attempt.pk)}
    for question_id, keys in answers.items():
        data[question_field_name(question_id)] = keys
    return client.post(check.url, data)


def _main(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


# Before starting ----------------------------------------------------------------------


def test_anonymous_visitor_reads_the_introduction_and_is_asked_to_sign_in(client, make_check):
    check = make_check()
    response = client.get(check.url)
    soup = _main(response)

    assert response.status_code == 200
    link = soup.find("a", string="Sign in to take the check")
    assert link["href"].startswith("/accounts/login/?next=")
    assert soup.find("button", string=re.compile("Start the check")) is None
    assert "4 questions" in soup.get_text(" ")


def test_anonymous_post_goes_to_sign_in(client, make_check):
    check = make_check()
    response = client.post(check.url, {"action": "start"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not Attempt.objects.exists()


def test_introduction_states_all_or_nothing_for_multiple_answers(client, learner, make_check):
    client.force_login(learner)
    body = _main(client.get(make_check().url)).get_text(" ")
    assert "only if you select every right answer and none of the others" in body


def test_viewing_the_introduction_creates_no_attempt(client, learner, make_check):
    client.force_login(learner)
    client.get(make_check().url)
    assert not Attempt.objects.exists()


# The questions ------------------------------------------------------------------------


def test_the_questions_page_gives_nothing_away(client, learner, make_check):
    check = make_check(
        [
            single("Pick one", right="Right one", wrong=("Wrong one", "Wrong two")),
            multiple("Pick several", right=("Right A", "Right B"), wrong=("Wrong C",)),
            true_false("True?", answer="false"),
            myth("A belief", answer="myth", explanation="SECRET EXPLANATION"),
        ],
        shuffle_options=True,
    )
    client.force_login(learner)
    attempt = _start(client, check)
    response = client.get(f"{check.url}?attempt={attempt.pk}")
    html = response.content.decode()
    soup = BeautifulSoup(html, "html.parser")

    assert response.status_code == 200
    assert "SECRET EXPLANATION" not in html
    assert "Because Right one" not in html
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            assert "correct" not in name.lower()
            assert "right" not in name.lower()
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert "correct" not in text.lower(), (tag.name, name, text)
    # No script could carry the answers: only the site's own files, none inline.
    assert all(
        script.get("src", "").startswith("/static/js/") and not script.string
        for script in soup.find_all("script")
    )

    # Each choice question's values are its options' positions as shown, 1..n.
    for question in attempt.snapshot["questions"]:
        inputs = soup.find_all("input", attrs={"name": question_field_name(question["id"])})
        values = [i["value"] for i in inputs]
        labels = [soup.find("label", attrs={"for": i["id"]}).get_text(strip=True) for i in inputs]
        assert labels == [o["text"] for o in question["options"]]
        if question["type"] in ("single", "multiple"):
            assert values == [str(n) for n in range(1, len(values) + 1)]
        else:  # fixed options, always in the same order
            assert values in (["true", "false"], ["myth", "reality"])


def test_someone_elses_attempt_is_not_found(client, learner, make_check):
    check = make_check()
    client.force_login(learner)
    attempt = _start(client, check)

    client.force_login(make_person())
    assert client.get(f"{check.url}?attempt={attempt.pk}").status_code == 404
    response = _post_answers(client, check, attempt, answers_for(attempt))
    assert response.status_code == 404
    attempt.refresh_from_db()
    assert attempt.finished_at is None


@pytest.mark.parametrize("bad", ["not-a-uuid", "", "00000000-0000-0000-0000-000000000000"])
def test_a_bad_attempt_id_is_not_found(client, learner, make_check, bad):
    check = make_check()
    client.force_login(learner)
    assert client.get(f"{check.url}?attempt={bad}").status_code == 404


def test_anonymous_attempt_link_goes_to_sign_in(client, learner, make_check):
    check = make_check()
    response = client.get(f"{check.url}?attempt=00000000-0000-0000-0000-000000000000")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# Submitting ---------------------------------------------------------------------------


def test_unanswered_question_is_an_error_and_other_answers_are_kept(client, learner, make_check):
    check = make_check()
    client.force_login(learner)
    attempt = _start(client, check)
    answers = answers_for(attempt)
    skipped = attempt.snapshot["questions"][2]  # question 3
    del answers[skipped["id"]]

    response = _post_answers(client, check, attempt, answers)
    soup = _main(response)

    assert response.status_code == 200
    summary = soup.find(class_="govuk-error-summary")
    assert summary is not None
    link = summary.find("a", string="Select an answer for question 3.")
    assert link["href"] == f"#id_{question_field_name(skipped['id'])}_0"
    assert (
        soup.find(class_="govuk-error-message")
        .get_text(" ", strip=True)
        .endswith("Select an answer for question 3.")
    )
    assert soup.title.get_text().startswith("Error:")
    # Every other answer is still ticked.
    for question_id, keys in answers.items():
        for key in keys:
            box = soup.find("input", attrs={"name": question_field_name(question_id), "value": key})
            assert box.has_attr("checked"), (question_id, key)
    attempt.refresh_from_db()
    assert attempt.finished_at is None


def test_an_option_not_shown_is_refused(client, learner, make_check):
    check = make_check()
    client.force_login(learner)
    attempt = _start(client, check)
    first = attempt.snapshot["questions"][0]
    response = _post_answers(
        client, check, attempt, answers_for(attempt, overrides={first["id"]: ["99"]})
    )
    assert response.status_code == 200
    assert "Select one of the answers shown for question 1." in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.finished_at is None


def test_submitting_twice_records_once_and_shows_the_first_result(client, learner, make_check):
    check = make_check()
    client.force_login(learner)
    attempt = _start(client, check)

    first = _post_answers(client, check, attempt, answers_for(attempt))
    second = _post_answers(client, check, attempt, answers_for(attempt, right=False))

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"{check.url}?attempt={attempt.pk}"
    attempt.refresh_from_db()
    assert attempt.passed is True and attempt.correct_count == 4
    assert Attempt.objects.count() == 1
    assert attempt.answers.count() == 4


def test_result_shows_score_right_and_wrong_and_every_explanation(client, learner, make_check):
    check = make_check(
        [
            single("Pick one", right="Right one", wrong=("Wrong one",), explanation="EXPL 1"),
            true_false("True?", answer="false", explanation="EXPL 2"),
        ],
        pass_mark=100,
    )
    client.force_login(learner)
    attempt = _start(client, check)
    questions = attempt.snapshot["questions"]
    wrong_key = next(o["key"] for o in questions[0]["options"] if not o["correct"])
    _post_answers(
        client, check, attempt, {questions[0]["id"]: [wrong_key], questions[1]["id"]: ["false"]}
    )

    response = client.get(f"{check.url}?attempt={attempt.pk}")
    soup = _main(response)
    text = soup.get_text(" ", strip=True)

    assert soup.h1.get_text(strip=True) == "You did not pass this time"
    assert "You got 1 out of 2 right (50%)" in text
    assert "You need 100% to pass" in text
    assert "EXPL 1" in text and "EXPL 2" in text
    tags = [t.get_text(strip=True) for t in soup.select(".hub-quiz-results .govuk-tag")]
    assert tags == ["Wrong", "Right"]
    first = soup.select(".hub-quiz-results > li")[0].get_text(" ", strip=True)
    assert "Your answer Wrong one" in first
    assert "Right answer Right one" in first
    assert soup.find("button", string=re.compile("Try again")) is not None
    # The attempt history lists it.
    history = soup.find("table")
    assert "1 out of 2 (50%)" in history.get_text(" ")
    assert "Not passed" in history.get_text(" ")


def test_try_again_starts_a_new_attempt_with_history(client, learner, make_check):
    check = make_check()
    client.force_login(learner)
    first = _start(client, check)
    _post_answers(client, check, first, answers_for(first, right=False))
    second = _start(client, check)
    assert second.pk != first.pk
    _post_answers(client, check, second, answers_for(second))

    soup = _main(client.get(f"{check.url}?attempt={second.pk}"))
    assert soup.h1.get_text(strip=True) == "You passed"
    rows = soup.find("table").find("tbody").find_all("tr")
    assert len(rows) == 2
    assert "Passed" in rows[0].get_text() and "Not passed" in rows[1].get_text()
    # Another learner's attempts are not listed.
    client.force_login(make_person())
    assert _main(client.get(check.url)).find("table") is None


def test_preview_shows_editors_the_answers(make_check):
    # The admin's preview (only editors reach it) lists each question with its answers.
    check = make_check([single("Pick one", right="The right one", wrong=("Not this",))])
    response = check.make_preview_request()
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    right = soup.find("strong", string="Right answer")
    assert right is not None
    assert "The right one" in right.parent.get_text()
    assert "Not this" not in right.parent.get_text()
