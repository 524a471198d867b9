"""Figures for the knowledge-check reports: the editors' report in the admin, and the
board's and leads' report in the hub (learning.reports.knowledge_checks asks for it
through the `hub_knowledge_check_report` hook). Aggregates only, never names.

Both reports count with the same expressions (`attempt_figures`, `answer_figures`),
in the database (a fixed number of queries whatever the number of attempts).
Following the partnership's privacy rule, a share is shown only when at least
MIN_LEARNERS different people are behind it; below that only the number of attempts
is given (the hub's reports suppress with learning.reports.suppression).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connections
from django.db.models import Count, Q, QuerySet

from learning.models import Organisation
from learning.reports import knowledge_checks as hub
from learning.reports.filters import ReportFilters
from quizzes.models import Attempt, AttemptAnswer, KnowledgeCheckPage

MIN_LEARNERS = 5
SUPPRESSED = f"Hidden: fewer than {MIN_LEARNERS} people"


def share(part: int, whole: int) -> int:
    """`part` of `whole` as a whole percentage, rounded to nearest."""
    return round(100 * part / whole) if whole else 0


def attempt_figures(prefix: str = "") -> dict:
    """Aggregates over the attempts reached through `prefix` ("" on Attempt itself):
    `attempt_count` (finished attempts), `pass_count` and `learner_count` (different
    people who finished one)."""
    finished = Q(**{f"{prefix}finished_at__isnull": False})
    return {
        "attempt_count": Count(f"{prefix}pk", filter=finished),
        "pass_count": Count(f"{prefix}pk", filter=finished & Q(**{f"{prefix}passed": True})),
        "learner_count": Count(f"{prefix}user", filter=finished, distinct=True),
    }


def answer_figures() -> dict:
    """Aggregates over AttemptAnswer rows: `answered`, `right`, and `learners`
    (different people who answered)."""
    return {
        "answered": Count("pk"),
        "right": Count("pk", filter=Q(correct=True)),
        "learners": Count("attempt__user", distinct=True),
    }


def checks_with_figures() -> QuerySet[KnowledgeCheckPage]:
    """Every knowledge check (published or not), A to Z, annotated with
    `attempt_figures`. One query."""
    return (
        KnowledgeCheckPage.objects.annotate(**attempt_figures("attempts__"))
        .select_related("checks_page")
        .order_by("title", "pk")
    )


def pass_rate(check) -> int | None:
    """The annotated check's pass rate over finished attempts, or None when fewer than
    MIN_LEARNERS people are behind it."""
    if check.learner_count < MIN_LEARNERS:
        return None
    return share(check.pass_count, check.attempt_count)


@dataclass(frozen=True)
class QuestionFigures:
    number: int | None  # its place in the check now; None once removed from it
    text: str
    answered: int
    right: int
    learners: int

    @property
    def right_share(self) -> int | None:
        return share(self.right, self.answered) if self.learners >= MIN_LEARNERS else None


def question_figures(check: KnowledgeCheckPage) -> list[QuestionFigures]:
    """For each question ever answered on `check`, how many answered it and how many
    got it right. Questions are matched across edits by their stream id; they are
    listed as they are now, then any since removed (with the wording last shown).
    One query, two when questions have been removed."""
    return questions_by_check([check])[check.pk]


def questions_by_check(
    checks: Iterable[KnowledgeCheckPage], answers: QuerySet[AttemptAnswer] | None = None
) -> dict[int, list[QuestionFigures]]:
    """question_figures for several checks at once, counting only `answers` (all by
    default): one query, two when questions have been removed."""
    figures: dict[int, list[QuestionFigures]] = {}
    for check_id, questions in _answered_questions(checks, answers).items():
        figures[check_id] = []
        for question in questions:
            # Not grouped further, so one row at most (none when nobody answered it).
            row = question.rows[0] if question.rows else {"answered": 0, "right": 0, "learners": 0}
            figures[check_id].append(
                QuestionFigures(
                    number=question.number,
                    text=question.text,
                    answered=row["answered"],
                    right=row["right"],
                    learners=row["learners"],
                )
            )
    return figures


@dataclass(frozen=True)
class _AnsweredQuestion:
    question_id: str | None  # its stream id, the same across edits
    number: int | None
    text: str
    rows: list[dict]  # answer_figures, one per value of the extra grouping


def _answered_questions(
    checks: Iterable[KnowledgeCheckPage],
    answers: QuerySet[AttemptAnswer] | None,
    group_by: tuple[str, ...] = (),
) -> dict[int, list[_AnsweredQuestion]]:
    """Each check's questions as they are now, then any since removed (with the wording
    last shown), each with `answer_figures` of `answers` per value of the fields in
    `group_by`. Questions are matched across edits by their stream id. One query, two
    when questions have been removed."""
    checks = list(checks)
    answers = AttemptAnswer.objects.all() if answers is None else answers
    rows = (
        answers.filter(attempt__page__in=[check.pk for check in checks])
        .values("attempt__page_id", "question_id", *group_by)
        .annotate(**answer_figures())
        .order_by()
    )
    by_id: dict[int, dict[str, list[dict]]] = {check.pk: {} for check in checks}
    for row in rows:
        by_id[row["attempt__page_id"]].setdefault(row["question_id"], []).append(row)
    questions: dict[int, list[_AnsweredQuestion]] = {}
    for check in checks:
        remaining = by_id[check.pk]
        questions[check.pk] = [
            _AnsweredQuestion(question_id, number, text, remaining.pop(question_id, []))
            for number, (question_id, text) in enumerate(_current_questions(check), start=1)
        ]
    removed_texts = _last_shown_texts(
        {(check_id, question_id) for check_id, rows in by_id.items() for question_id in rows}
    )
    for check_id, remaining in by_id.items():
        for question_id, question_rows in remaining.items():
            questions[check_id].append(
                _AnsweredQuestion(
                    question_id,
                    None,
                    removed_texts.get((check_id, question_id), "(a question since removed)"),
                    question_rows,
                )
            )
    return questions


def _current_questions(check: KnowledgeCheckPage) -> list[tuple[str | None, str]]:
    """Each question of the check now, as (stream id, wording), read from the stored
    stream as it is: no query for the principles or pages the questions choose."""
    questions = []
    for child in check.questions.raw_data:
        wording = "statement" if child["type"] == "myth_reality" else "text"
        questions.append((child.get("id"), child["value"].get(wording, "")))
    return questions


def _last_shown_texts(wanted: set[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """The wording of each removed (check id, question id) in the latest attempt that
    showed it. One query, read newest first until every question is found."""
    texts: dict[tuple[int, str], str] = {}
    if not wanted:
        return texts
    answers = (
        AttemptAnswer.objects.filter(
            attempt__page_id__in={check_id for check_id, _ in wanted},
            question_id__in={question_id for _, question_id in wanted},
        )
        .select_related("attempt")
        .only("question_id", "attempt__page_id", "attempt__snapshot")
        .order_by("-attempt__started_at")
    )
    for answer in answers.iterator(chunk_size=100):
        key = (answer.attempt.page_id, answer.question_id)
        if key not in wanted or key in texts:
            continue
        for question in answer.attempt.snapshot["questions"]:
            if question["id"] == answer.question_id:
                texts[key] = question["text"]
        if len(texts) == len(wanted):
            break
    return texts


# The hub's report (learning.reports.knowledge_checks) --------------------------------

_ORGANISATION_ID = "user__profile__organisation_id"


def _pages_q(filters: ReportFilters, page: str) -> Q:
    """Attempts at a check matching the item, principle and abuse-type filters, either
    itself or through the learning page it is attached to."""
    return filters.pages_q(f"{page}_id") | filters.pages_q(f"{page}__checks_page_id")


def hub_report_figures(
    *, filters: ReportFilters, questions: bool = True
) -> hub.KnowledgeCheckFigures:
    """Finished attempts at checks that still exist, by check and the organisation the
    person is in now, for people, pages and finishing dates matching `filters`; and,
    when `questions`, the answers to each of those checks' questions, by question and
    the organisation the person is in now (questions nobody answered are left out).
    Three queries; two more with questions (three when some have been removed).

    Attempts and answers are grouped by ids only, and titles and names looked up for
    the few groups after: grouped by them too, every one of 500,000 attempts (2,500,000
    answers) carried its check's title and organisation's name through the sort that
    counting different people needs, which spilled to disk and took seconds."""
    attempts = Attempt.objects.filter(finished_at__isnull=False, page__isnull=False).filter(
        filters.people_q("user__"), _pages_q(filters, "page"), filters.dates_q("finished_at")
    )
    rows = list(
        attempts.values("page_id", _ORGANISATION_ID).annotate(**_finished_figures()).order_by()
    )
    if not rows:
        return hub.KnowledgeCheckFigures()
    check_order = list(
        KnowledgeCheckPage.objects.filter(pk__in={row["page_id"] for row in rows})
        .order_by("title", "pk")
        .values_list("pk", "title", "checks_page_id")
    )
    answered: dict[int, list[_AnsweredQuestion]] = {}
    organisation_id = f"attempt__{_ORGANISATION_ID}"
    if questions:
        answers = AttemptAnswer.objects.filter(attempt__finished_at__isnull=False).filter(
            filters.people_q("attempt__user__"),
            _pages_q(filters, "attempt__page"),
            filters.dates_q("attempt__finished_at"),
        )
        checks = KnowledgeCheckPage.objects.filter(pk__in={pk for pk, _, _ in check_order})
        answered = _answered_questions(checks, answers, group_by=(organisation_id,))
    organisations = _organisation_order(
        {row[_ORGANISATION_ID] for row in rows}
        | {
            row[organisation_id]
            for check_questions in answered.values()
            for question in check_questions
            for row in question.rows
        },
        using=attempts.db,
    )
    checks_by_id = {pk: (rank, title, item) for rank, (pk, title, item) in enumerate(check_order)}
    # Checks A to Z, then organisations A to Z, as the report lists them.
    rows.sort(
        key=lambda row: (checks_by_id[row["page_id"]][0], organisations[row[_ORGANISATION_ID]][0])
    )
    return hub.KnowledgeCheckFigures(
        by_organisation=[
            hub.CheckFigures(
                check_id=row["page_id"],
                title=checks_by_id[row["page_id"]][1],
                item_id=checks_by_id[row["page_id"]][2] or row["page_id"],
                organisation_id=row[_ORGANISATION_ID],
                organisation=organisations[row[_ORGANISATION_ID]][1],
                attempts=row["attempt_count"],
                passed=row["pass_count"],
                people=row["learner_count"],
            )
            for row in rows
        ],
        questions=[
            hub.QuestionFigures(
                check_id=check_id,
                question_id=question.question_id,
                number=question.number,
                text=question.text,
                organisation_id=row[organisation_id],
                organisation=organisations[row[organisation_id]][1],
                answered=row["answered"],
                wrong=row["answered"] - row["right"],
                people=row["learners"],
            )
            for check_id, check_questions in answered.items()
            for question in check_questions
            for row in question.rows
        ],
    )


def _finished_figures() -> dict:
    """attempt_figures for attempts already filtered to finished ones (whose `passed`
    is never null): counting rows rather than filtered ids keeps the ids and finishing
    times out of the sort that counting different people needs, halving its rows."""
    return {
        "attempt_count": Count("*"),
        "pass_count": Count("passed", filter=Q(passed=True)),
        "learner_count": Count("user", distinct=True),
    }


def _organisation_order(ids: set[int | None], *, using: str) -> dict[int | None, tuple[int, str]]:
    """Each organisation id's place in the organisations A to Z (the database's order
    of names, ties by id) and its name; None (people in no organisation) has no name,
    and sorts where the database puts a missing name: last on PostgreSQL, first on
    SQLite. One query."""
    names = list(
        Organisation.objects.using(using)
        .filter(pk__in=ids - {None})
        .order_by("name", "pk")
        .values_list("pk", "name")
    )
    order = {pk: (rank, name) for rank, (pk, name) in enumerate(names)}
    order[None] = (len(names) if connections[using].features.nulls_order_largest else -1, "")
    return order
