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
ranked.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from wagtail import hooks

from learning.models import Organisation
from learning.permissions import ReportScope
from learning.reports.charts import bar_chart
from learning.reports.filters import ReportFilters
from learning.reports.registry import ReportType
from learning.reports.suppression import (
    SMALL_GROUP,
    is_small,
    is_suppressed,
    percentage,
    protect_column,
    suppress_rows,
)
from learning.reports.tables import Chart, Column, Report, ReportTable

HOOK = "hub_knowledge_check_report"
# How many of each check's questions the most-missed table lists.
MOST_MISSED = 5
NO_ORGANISATION = "No organisation"


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
    """One question of a check: answers in finished attempts, wrong ones, and the
    different people who answered it. `number` is its place in the check now (None
    once removed from it)."""

    check_id: int
    number: int | None
    text: str
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


def held_to_scope(scope: ReportScope, filters: ReportFilters) -> ReportFilters:
    """The filters with a lead's own organisation in force, whatever was asked for
    (the filter form already does this; a builder called another way must not widen)."""
    if scope.partnership_wide:
        return filters
    if filters.organisation is not None and filters.organisation.pk == scope.organisation_id:
        return filters
    return dataclasses.replace(
        filters, organisation=Organisation.objects.get(pk=scope.organisation_id)
    )


def check_totals(figures: KnowledgeCheckFigures) -> list[dict]:
    """Each check's figures over all its organisations, in the order given (A to Z),
    small checks suppressed. People add up across organisations, as each person is in
    one organisation."""
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
    return _with_pass_rates(list(totals.values()), has_total=False)


def _with_pass_rates(rows: list[dict], *, has_total: bool) -> list[dict]:
    # Attempts are not people, but a suppressed row's attempts would tell its size
    # by subtraction from the total, so they go with the row.
    hide = ("people", "attempts", "pass_rate")
    shown = suppress_rows(rows, size_key="people", figure_keys=hide[1:], has_total=has_total)
    if has_total:
        protect_column(shown, rows, key="people", hide=hide)
    for row in shown:
        row["suppressed"] = is_suppressed(row["people"])
        if not row["suppressed"]:
            row["pass_rate"] = percentage(row["passed"], row["attempts"])
        del row["passed"]
    return shown


def _by_organisation_rows(figures: KnowledgeCheckFigures) -> list[dict]:
    """Per check, its organisations as sibling rows (the check's total is shown in the
    table above, so one small organisation takes the next smallest with it)."""
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
    rows: list[dict] = []
    for siblings in per_check.values():
        rows.extend(_with_pass_rates(siblings, has_total=True))
    return rows


def _most_missed_rows(figures: KnowledgeCheckFigures, titles: dict[int, str]) -> list[dict]:
    per_check: dict[int, list[QuestionFigures]] = {}
    for question in figures.questions:
        if question.answered and not is_small(question.people):
            per_check.setdefault(question.check_id, []).append(question)
    rows = []
    for check_id, title in titles.items():
        ranked = sorted(
            per_check.get(check_id, []),
            key=lambda q: (-q.wrong / q.answered, q.number is None, q.number or 0),
        )
        for question in ranked[:MOST_MISSED]:
            rows.append(
                {
                    "check": title,
                    "question": (
                        f"{question.number}. {question.text}"
                        if question.number is not None
                        else f"{question.text} (since removed)"
                    ),
                    "people": question.people,
                    "answered": question.answered,
                    "wrong_share": percentage(question.wrong, question.answered),
                }
            )
    return rows


def knowledge_check_report(*, scope: ReportScope, filters: ReportFilters, today: date) -> Report:
    filters = held_to_scope(scope, filters)
    figures = knowledge_check_figures(filters=filters)
    totals = check_totals(figures)
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
        notes=["The pass rate is the share of finished attempts that passed."],
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
                rows=_by_organisation_rows(figures),
                empty_text="Nobody has finished a knowledge check that matches these filters.",
                notes=[
                    "Where organisations' figures are withheld, the next smallest are "
                    f"withheld too until those withheld hold at least {SMALL_GROUP} people, "
                    "so that none can be worked out from the check's total."
                ],
            )
        )
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
            rows=_most_missed_rows(figures, {row["check_id"]: row["check"] for row in totals}),
            empty_text="No question has been answered by 5 or more people.",
            notes=[
                f"Up to {MOST_MISSED} questions of each check, most often answered wrongly "
                f"first. Questions answered by fewer than {SMALL_GROUP} people are left out."
            ],
        )
    )
    suppressed_checks = sum(1 for row in totals if row["suppressed"])
    summary: list[tuple[str, object]] = [("Knowledge checks taken", len(totals))]
    if suppressed_checks:
        summary.append((f"Taken by fewer than {SMALL_GROUP} people", suppressed_checks))
    return Report(
        slug="knowledge-checks",
        title="Knowledge checks",
        description=(
            "How many people took each knowledge check and how many attempts passed, by "
            "organisation, and the questions most often answered wrongly."
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
    rate (SUPPRESSED when fewer than five people took it), keyed by the item's page id."""
    figures = knowledge_check_figures(filters=filters, questions=False)
    return {row["item_id"]: row["pass_rate"] for row in check_totals(figures)}


REPORT = ReportType(
    slug="knowledge-checks",
    title="Knowledge checks",
    description=(
        "Pass rates for each knowledge check, by organisation, and the questions people "
        "most often get wrong."
    ),
    build=knowledge_check_report,
)
