"""Knowledge checks: for each check, how many attempts and people and the pass rate,
overall and by organisation, and the questions most often answered wrongly.

Attempts live in quizzes/, which learning/ does not import. quizzes answers the
`hub_knowledge_check_report` hook (quizzes/wagtail_hooks.py) with the figures below,
computed in the database by quizzes.reporting with the same definitions as the
editors' report in the admin: a pass rate is passed attempts out of finished attempts,
and a question's figures follow it through edits by its stream id. A fixed number of
queries whatever the number of people or attempts.

Small numbers: a check (or a check in one organisation) taken by fewer than five people
is suppressed whole, and so are the next smallest organisations of that check until
those withheld hold at least five people between them (else the check's total less the
rest would give a small group); a question answered by fewer than five people is not
ranked. A question's share answered wrongly is withheld when 1 to 4 answers were wrong
(or 1 to 4 right), for all organisations as for one; by organisation, the organisations
of a question are siblings whose total is the figure for all of them, so they are
withheld as such (learning.reports.suppression) on both the people who answered and
the wrong answers. Each attempt is one person's, so a pass rate is withheld where 1 to 4
attempts passed, or failed, and beside a check's total until those withheld could not
be worked out from it. With team, role or registration body filters, every figure is
also set beside the same figure without them (compare_wider).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from wagtail import hooks

from learning.permissions import ReportScope
from learning.reports.charts import bar_chart
from learning.reports.filters import ReportFilters, held_to_scope
from learning.reports.registry import ReportType
from learning.reports.suppression import (
    NARROWED_NOTE,
    SMALL_GROUP,
    SUPPRESSED,
    compare_wider,
    is_small,
    is_suppressed,
    percentage,
    protect_column,
    suppress_rows,
)
from learning.reports.tables import Chart, Column, Report, ReportTable, in_pages

HOOK = "hub_knowledge_check_report"
# How many of each check's questions the most-missed table lists.
MOST_MISSED = 5
NO_ORGANISATION = "No organisation"
# The most checks whose questions are each shown by organisation, in a table apiece.
BY_ORGANISATION_CHECKS = 10


@dataclass(frozen=True)
class CheckFigures:
    """One check's finished attempts by the people of one organisation."""

    check_id: int
    title: str
    # The learning page a pass completes: the page the check is attached to, or the
    # check itself when it stands alone. The feedback report matches items by it.
    item_id: int
    organisation_id: int | None
    organisation: str
    attempts: int
    passed: int
    people: int


@dataclass(frozen=True)
class QuestionFigures:
    """One question of a check answered by the people of one organisation: answers in
    finished attempts, wrong ones, and the different people who answered it.
    `question_id` follows the question through edits; `number` is its place in the
    check now (None once removed from it)."""

    check_id: int
    question_id: str | None
    number: int | None
    text: str
    organisation_id: int | None
    organisation: str
    answered: int
    wrong: int
    people: int


@dataclass(frozen=True)
class KnowledgeCheckFigures:
    by_organisation: list[CheckFigures] = field(default_factory=list)
    questions: list[QuestionFigures] = field(default_factory=list)


def knowledge_check_figures(
    *, filters: ReportFilters, questions: bool = True
) -> KnowledgeCheckFigures:
    """The figures for these filters from whichever app answers the hook (a function
    taking `filters` and `questions` and returning KnowledgeCheckFigures or None);
    nothing when no app keeps knowledge checks."""
    for hook in hooks.get_hooks(HOOK):
        figures = hook(filters=filters, questions=questions)
        if figures is not None:
            return figures
    return KnowledgeCheckFigures()


def check_totals(
    figures: KnowledgeCheckFigures, wider: KnowledgeCheckFigures | None = None
) -> list[dict]:
    """Each check's figures over all its organisations, in the order given (A to Z),
    small checks suppressed, and, with `wider` (the figures without narrowing filters),
    checks within 1 to 4 people, attempts or passes of their wider selves. People add
    up across organisations, as each person is in one organisation."""
    rows = _check_sums(figures)
    if wider is not None:
        rows = compare_wider(
            rows,
            _check_sums(wider),
            key=lambda row: row["check_id"],
            figures=("attempts", "passed", "people"),
        )
    return _with_pass_rates(rows, has_total=False)


def _check_sums(figures: KnowledgeCheckFigures) -> list[dict]:
    totals: dict[int, dict] = {}
    for row in figures.by_organisation:
        total = totals.setdefault(
            row.check_id,
            {
                "check_id": row.check_id,
                "check": row.title,
                "item_id": row.item_id,
                "attempts": 0,
                "passed": 0,
                "people": 0,
            },
        )
        for key in ("attempts", "passed", "people"):
            total[key] += getattr(row, key)
    return list(totals.values())


def _with_pass_rates(rows: list[dict], *, has_total: bool) -> list[dict]:
    # Attempts are not people, but a suppressed row's attempts would tell its size
    # by subtraction from the total, so they go with the row.
    hide = ("people", "attempts", "pass_rate")
    shown = suppress_rows(rows, size_key="people", figure_keys=hide[1:], has_total=has_total)
    if has_total:
        protect_column(shown, rows, key="people", hide=hide)
    # Each attempt is one person's, so 1 to 4 passed, or failed, are small groups too;
    # and beside the check's total, those withheld must not follow from it.
    visible = [index for index, row in enumerate(shown) if not is_suppressed(row["people"])]
    counted = suppress_rows(
        [rows[index] for index in visible],
        size_key="attempts",
        count_keys=("passed",),
        has_total=False,
    )
    for row in shown:
        row["passed"] = SUPPRESSED
    for index, row in zip(visible, counted, strict=True):
        shown[index]["passed"] = row["passed"]
    if has_total:
        protect_column(shown, rows, key="passed", hide=("passed",), size_key="attempts")
    for row in shown:
        row["suppressed"] = is_suppressed(row["people"])
        if not row["suppressed"]:
            row["pass_rate"] = percentage(row["passed"], row["attempts"])
        del row["passed"]
    return shown


def _by_organisation_rows(
    figures: KnowledgeCheckFigures, wider: KnowledgeCheckFigures | None = None
) -> list[dict]:
    """Per check, its organisations as sibling rows (the check's total is shown in the
    table above, so one small organisation takes the next smallest with it)."""
    per_check = _organisation_siblings(figures)
    wider_per_check = None if wider is None else _organisation_siblings(wider)
    rows: list[dict] = []
    for check_id, siblings in per_check.items():
        if wider_per_check is not None:
            siblings = compare_wider(
                siblings,
                wider_per_check.get(check_id, []),
                key=lambda row: row["organisation"],
                figures=("attempts", "passed", "people"),
            )
        rows.extend(_with_pass_rates(siblings, has_total=True))
    return rows


def _organisation_siblings(figures: KnowledgeCheckFigures) -> dict[int, list[dict]]:
    per_check: dict[int, list[dict]] = {}
    for row in figures.by_organisation:
        per_check.setdefault(row.check_id, []).append(
            {
                "check": row.title,
                "organisation": row.organisation or NO_ORGANISATION,
                "attempts": row.attempts,
                "passed": row.passed,
                "people": row.people,
            }
        )
    return per_check


@dataclass(frozen=True)
class _Question:
    """One question's figures over all organisations (people add up, as each person is
    in one organisation) with each organisation's own."""

    number: int | None
    text: str
    answered: int
    wrong: int
    people: int
    organisations: tuple[QuestionFigures, ...]
    # Set beside the figures without narrowing filters: `narrowed` when any of people,
    # answers or wrong answers is within 1 to 4 of them; the wider organisations' own.
    narrowed: bool = False
    wider_organisations: tuple[QuestionFigures, ...] | None = None

    @property
    def label(self) -> str:
        if self.number is None:
            return f"{self.text} (since removed)"
        return f"{self.number}. {self.text}"

    @property
    def wrong_share(self) -> object:
        """The share of answers that were wrong, withheld when 1 to 4 were wrong or 1 to
        4 right (each answer stands for a person, so those are small groups)."""
        if self.narrowed:
            return SUPPRESSED
        counted = suppress_rows(
            [{"answered": self.answered, "wrong": self.wrong}],
            size_key="answered",
            count_keys=("wrong",),
            has_total=False,
        )[0]
        return percentage(counted["wrong"], self.answered)


def _questions(
    figures: KnowledgeCheckFigures, wider: KnowledgeCheckFigures | None = None
) -> dict[int, list[_Question]]:
    """Each check's questions, in the order given, with their organisations' figures
    (and, with `wider`, set beside the same question without narrowing filters)."""
    questions = _question_sums(figures)
    if wider is None:
        return questions
    wider_questions = {
        (check_id, question.number, question.label): question
        for check_id, listed in _question_sums(wider).items()
        for question in listed
    }
    result: dict[int, list[_Question]] = {}
    for check_id, listed in questions.items():
        result[check_id] = []
        for question in listed:
            other = wider_questions.get((check_id, question.number, question.label))
            gaps = [
                getattr(other, name) - getattr(question, name) if other else 0
                for name in ("people", "answered", "wrong")
            ]
            result[check_id].append(
                dataclasses.replace(
                    question,
                    narrowed=any(is_small(gap) for gap in gaps),
                    wider_organisations=other.organisations if other else (),
                )
            )
    return result


def _question_sums(figures: KnowledgeCheckFigures) -> dict[int, list[_Question]]:
    grouped: dict[int, dict[tuple, list[QuestionFigures]]] = {}
    for row in figures.questions:
        per_check = grouped.setdefault(row.check_id, {})
        per_check.setdefault((row.number, row.question_id), []).append(row)
    return {
        check_id: [
            _Question(
                number=rows[0].number,
                text=rows[0].text,
                answered=sum(row.answered for row in rows),
                wrong=sum(row.wrong for row in rows),
                people=sum(row.people for row in rows),
                organisations=tuple(rows),
            )
            for rows in questions.values()
        ]
        for check_id, questions in grouped.items()
    }


def _most_missed(
    figures: KnowledgeCheckFigures,
    titles: dict[int, str],
    wider: KnowledgeCheckFigures | None = None,
) -> list[tuple[int, str, list[_Question]]]:
    """For each check in `titles` (id to title, in order), up to MOST_MISSED of its
    questions answered by five or more people, most often answered wrongly first.
    Those whose share is withheld come after the rest in their order in the check:
    placed by their share, their neighbours' shares would narrow it down."""
    questions = _questions(figures, wider)
    ranked = []
    for check_id, title in titles.items():
        shown = [
            q
            for q in questions.get(check_id, [])
            if q.answered and not is_small(q.people) and not q.narrowed
        ]
        shown.sort(
            key=lambda q: (
                is_suppressed(q.wrong_share),
                0 if is_suppressed(q.wrong_share) else -q.wrong / q.answered,
                q.number is None,
                q.number or 0,
            )
        )
        if shown:
            ranked.append((check_id, title, shown[:MOST_MISSED]))
    return ranked


def _most_missed_rows(ranked: list[tuple[int, str, list[_Question]]]) -> list[dict]:
    return [
        {
            "check": title,
            "question": question.label,
            "people": question.people,
            "answered": question.answered,
            "wrong_share": question.wrong_share,
        }
        for _, title, questions in ranked
        for question in questions
    ]


def _organisation_key(organisation_id: int | None) -> str:
    return f"organisation-{'none' if organisation_id is None else organisation_id}"


def _organisation_cells(raw: list[dict]) -> list[dict]:
    """One question's organisations (dicts of people, answered and wrong) as they may be
    shown. They add up to the figure for all organisations, shown beside them and in the
    table above, so they are siblings with a total: small groups of people go whole,
    the next smallest with them. Wrong answers are counted among answers, not people,
    so they are then withheld against each shown organisation's answers, and protected
    against the total as a column of their own."""
    cells = suppress_rows(raw, size_key="people", figure_keys=("answered", "wrong"), has_total=True)
    shown = [index for index, cell in enumerate(cells) if not cell["suppressed"]]
    counted = suppress_rows(
        [raw[index] for index in shown],
        size_key="answered",
        count_keys=("wrong",),
        has_total=False,
    )
    for index, cell in zip(shown, counted, strict=True):
        cells[index]["wrong"] = cell["wrong"]
    protect_column(cells, raw, key="wrong", hide=("wrong",), size_key="answered")
    return cells


def _by_organisation_table(check_id: int, title: str, questions: list[_Question]) -> ReportTable:
    """One check's most-missed questions with the share answered wrongly for all
    organisations and for each, side by side (an organisation's column for every one
    that answered any of them, A to Z, then those in no organisation)."""
    names: dict[int | None, str] = {}
    for question in questions:
        for row in question.organisations:
            names[row.organisation_id] = row.organisation or NO_ORGANISATION
    order = sorted(names, key=lambda pk: (pk is None, names[pk].casefold()))
    rows = []
    for question in questions:
        raw = [
            {
                "key": _organisation_key(row.organisation_id),
                "people": row.people,
                "answered": row.answered,
                "wrong": row.wrong,
            }
            for row in question.organisations
        ]
        if question.wider_organisations is not None:
            raw = compare_wider(
                raw,
                [
                    {
                        "key": _organisation_key(row.organisation_id),
                        "people": row.people,
                        "answered": row.answered,
                        "wrong": row.wrong,
                    }
                    for row in question.wider_organisations
                ],
                key=lambda cell: cell["key"],
                figures=("people", "answered", "wrong"),
            )
        shown = _organisation_cells(raw)
        row = {"question": question.label, "all": question.wrong_share}
        row.update({cell["key"]: percentage(cell["wrong"], cell["answered"]) for cell in shown})
        rows.append(row)
    return ReportTable(
        slug=f"questions-by-organisation-{check_id}",
        caption=f"Answered wrongly by organisation: {title}",
        columns=[
            Column("question", "Question"),
            Column("all", "All organisations", numeric=True, kind="percent"),
            *(
                Column(_organisation_key(pk), names[pk], numeric=True, kind="percent")
                for pk in order
            ),
        ],
        rows=rows,
        notes=[
            "The share of the organisation's answers to each question that were wrong; "
            "blank where nobody in the organisation answered it. A share is withheld "
            f"where fewer than {SMALL_GROUP} people in the organisation answered the "
            f"question or fewer than {SMALL_GROUP} of its answers were wrong (or right), "
            "and where it could be worked out from the figure for all organisations."
        ],
    )


def knowledge_check_report(*, scope: ReportScope, filters: ReportFilters, today: date) -> Report:
    filters = held_to_scope(scope, filters)
    figures = knowledge_check_figures(filters=filters)
    wider = knowledge_check_figures(filters=filters.widened()) if filters.narrows_people else None
    totals = check_totals(figures, wider)
    checks = ReportTable(
        slug="checks",
        caption="Pass rate by knowledge check",
        columns=[
            Column("check", "Knowledge check"),
            Column("attempts", "Attempts", numeric=True),
            Column("people", "People", numeric=True),
            Column("pass_rate", "Pass rate", numeric=True, kind="percent"),
        ],
        rows=[
            {key: row[key] for key in ("check", "attempts", "people", "pass_rate")}
            for row in totals
        ],
        empty_text="Nobody has finished a knowledge check that matches these filters.",
        notes=[
            "The pass rate is the share of finished attempts that passed. It reads "
            f"“fewer than {SMALL_GROUP}” where 1 to {SMALL_GROUP - 1} attempts passed, and "
            f"“all but fewer than {SMALL_GROUP}” where 1 to {SMALL_GROUP - 1} failed."
        ]
        + ([NARROWED_NOTE] if wider is not None else []),
    )
    tables = [checks]
    if scope.partnership_wide:
        tables.append(
            ReportTable(
                slug="organisations",
                caption="By organisation",
                columns=[
                    Column("check", "Knowledge check"),
                    Column("organisation", "Organisation"),
                    Column("attempts", "Attempts", numeric=True),
                    Column("people", "People", numeric=True),
                    Column("pass_rate", "Pass rate", numeric=True, kind="percent"),
                ],
                rows=in_pages(_by_organisation_rows(figures, wider), "organisations_page"),
                empty_text="Nobody has finished a knowledge check that matches these filters.",
                notes=[
                    "Where organisations' figures are withheld, the next smallest are "
                    f"withheld too until those withheld hold at least {SMALL_GROUP} people, "
                    "so that none can be worked out from the check's total."
                ],
            )
        )
    most_missed = _most_missed(figures, {row["check_id"]: row["check"] for row in totals}, wider)
    tables.append(
        ReportTable(
            slug="questions",
            caption="Most-missed questions",
            columns=[
                Column("check", "Knowledge check"),
                Column("question", "Question"),
                Column("people", "People who answered", numeric=True),
                Column("answered", "Answers", numeric=True),
                Column("wrong_share", "Answered wrongly", numeric=True, kind="percent"),
            ],
            rows=in_pages(_most_missed_rows(most_missed), "questions_page"),
            empty_text="No question has been answered by 5 or more people.",
            notes=[
                f"Up to {MOST_MISSED} questions of each check, most often answered wrongly "
                f"first. Questions answered by fewer than {SMALL_GROUP} people are left out. "
                f"Where fewer than {SMALL_GROUP} answers were wrong, or right (but not "
                "none), the share is withheld and the question comes after those whose "
                "share is shown."
            ]
            + (
                [
                    f"With more than {BY_ORGANISATION_CHECKS} knowledge checks, each "
                    "check's questions by organisation are shown once you choose the "
                    "check's learning item in the filters."
                ]
                if scope.partnership_wide and len(most_missed) > BY_ORGANISATION_CHECKS
                else []
            ),
        )
    )
    # One table per check: a partnership with a hundred checks would get a hundred, so
    # past a few they wait for the check to be chosen.
    if scope.partnership_wide and len(most_missed) <= BY_ORGANISATION_CHECKS:
        tables.extend(
            _by_organisation_table(check_id, title, questions)
            for check_id, title, questions in most_missed
        )
    suppressed_checks = sum(1 for row in totals if row["suppressed"])
    summary: list[tuple[str, object]] = [("Knowledge checks taken", len(totals))]
    if suppressed_checks:
        summary.append((f"Taken by fewer than {SMALL_GROUP} people", suppressed_checks))
    return Report(
        slug="knowledge-checks",
        title="Knowledge checks",
        description=(
            "How many people took each knowledge check and how many attempts passed, and "
            "the questions most often answered wrongly, overall and by organisation."
        ),
        tables=tables,
        charts=[
            Chart(
                title="Pass rate by knowledge check",
                svg=bar_chart(
                    "Share of attempts that passed, by knowledge check",
                    [(row["check"], row["pass_rate"]) for row in checks.rows],
                ),
                table_slug="checks",
            )
        ],
        summary=summary,
    )


def pass_rates_by_item(*, filters: ReportFilters) -> dict[int, object]:
    """For the feedback report's level 2: each learning item's knowledge-check pass
    rate, keyed by the item's page id, withheld as in the report (fewer than five
    people took it, or 1 to 4 attempts passed or failed)."""
    figures = knowledge_check_figures(filters=filters, questions=False)
    wider = (
        knowledge_check_figures(filters=filters.widened(), questions=False)
        if filters.narrows_people
        else None
    )
    return {row["item_id"]: row["pass_rate"] for row in check_totals(figures, wider)}


REPORT = ReportType(
    slug="knowledge-checks",
    title="Knowledge checks",
    description=(
        "Pass rates for each knowledge check, by organisation, and the questions people "
        "most often get wrong."
    ),
    build=knowledge_check_report,
)
