"""A myth-buster, one statement at a time, without JavaScript.

The learner reads a statement and answers "myth" or "reality"; the server records the
answer in their session and the page then shows whether they were right, the
explanation and where to read more. Nothing about the answer is on the page before
they answer. Answers are kept per page in the session (so anonymous visitors can use
it too) and keyed by each statement's stream id, so editing the page keeps them.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from quizzes.blocks import MYTH_REALITY_CHOICES
from quizzes.selectors import readable_read_more_pages

ANSWER_LABELS = dict(MYTH_REALITY_CHOICES)


@dataclass(frozen=True)
class Card:
    id: str
    number: int
    statement: str
    correct_answer: str
    explanation: str
    principle: object | None
    read_more: object | None

    @property
    def answer_label(self) -> str:
        return ANSWER_LABELS[self.correct_answer]

    @property
    def principle_url(self) -> str | None:
        if self.principle is None:
            return None
        try:
            return reverse("principle_detail", args=[self.principle.slug])
        except NoReverseMatch:
            return None


def cards(page) -> list[Card]:
    """The page's statements in order, numbered from 1. A "read more" page learners
    cannot open (unpublished or private since it was chosen) is left out."""
    readable = readable_read_more_pages(page.myths)
    return [
        Card(
            id=child.id,
            number=number,
            statement=child.value["statement"],
            correct_answer=child.value["correct_answer"],
            explanation=child.value["explanation"],
            principle=child.value.get("principle"),
            read_more=_readable(child.value.get("read_more"), readable),
        )
        for number, child in enumerate(page.myths, start=1)
    ]


def _readable(page, readable: dict):
    return page if page is not None and page.pk in readable else None


def _key(page) -> str:
    return f"quizzes:myth-buster:{page.pk}"


def recorded_answers(session: MutableMapping, page) -> dict[str, str]:
    """{statement id: "myth" | "reality"} the learner has given on this page."""
    answers = session.get(_key(page))
    return dict(answers) if isinstance(answers, dict) else {}


def record_answer(session: MutableMapping, page, *, card: Card, answer: str) -> bool:
    """Keep the learner's first answer to `card`; return whether it was right. A second
    answer to the same statement (a resent form) does not replace the first."""
    if answer not in ANSWER_LABELS:
        raise ValueError(f"Not an answer: {answer!r}")
    answers = recorded_answers(session, page)
    answers.setdefault(card.id, answer)
    session[_key(page)] = answers
    return answers[card.id] == card.correct_answer


def start_again(session: MutableMapping, page) -> None:
    session.pop(_key(page), None)


def tally(page_cards: list[Card], answers: dict[str, str]) -> tuple[int, int]:
    """(answered right, answered) over the page's current statements."""
    answered = [card for card in page_cards if card.id in answers]
    return sum(answers[card.id] == card.correct_answer for card in answered), len(answered)
