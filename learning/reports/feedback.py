"""Feedback and impact: what people thought of each learning item and what it changed,
as Kirkpatrick levels 1 to 3: reaction (the usefulness rating and whether they say it
will change their practice), learning (the pass rate of the item's knowledge check,
from learning.reports.knowledge_checks) and behaviour (the answers to the follow-up
question "Have you used this in your practice?", PracticeImpact).

Comments and examples (learning.reports.feedback_texts) are shown without the
writer's name, organisation or team, to SAB managers and organisation leads alike (a
lead sees their own organisation's), with the month only.

Small numbers: an item with fewer than five responses shows no figures and none of its
comments (a comment from so small a group could identify the writer); its follow-up
answers and examples likewise need five answers. Within a shown item, a count of one
to four people is withheld, and so are the next smallest counts of the same question
until those withheld hold at least five people between them, so that no small group
follows from the item's total by subtraction.

Computed in the database: one query for every item's figures, one for the comments,
one for the examples and one for the knowledge-check pass rates.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Avg, Count, Q

from learning.models import Feedback, UsedInPractice, WillChangePractice
from learning.permissions import ReportScope
from learning.reports.charts import bar_chart
from learning.reports.feedback_texts import TEXT_LIMIT, comment_rows, example_rows, feedback_q
from learning.reports.filters import ReportFilters, held_to_scope
from learning.reports.knowledge_checks import pass_rates_by_item
from learning.reports.registry import ReportType
from learning.reports.suppression import (
    NARROWED_NOTE,
    SMALL_GROUP,
    SUPPRESSED,
    compare_wider,
    is_narrowed,
    is_small,
    percentage,
    protect_parts,
    suppress_rows,
)
from learning.reports.tables import Chart, Column, Report, ReportTable, in_pages

RATINGS = (1, 2, 3, 4, 5)
RATING_KEYS = tuple(f"rating_{n}" for n in RATINGS)
CHANGE_KEYS = tuple(f"change_{value}" for value in WillChangePractice.values)
USED_KEYS = tuple(f"used_{value}" for value in UsedInPractice.values)
# Rows a web page shows of each table at a time (exports have them all).
ITEMS_PER_PAGE = 50
TEXTS_PER_PAGE = 50


def item_figures(filters: ReportFilters) -> list[dict]:
    """Per item with feedback, A to Z: `responses`, `mean` rating, the count of each
    rating and each "will it change your practice?" answer, and of the follow-up
    answers (`answered`, and each UsedInPractice value). One query."""
    counts = {
        **{f"rating_{n}": Count("pk", filter=Q(usefulness=n)) for n in RATINGS},
        **{
            f"change_{value}": Count("pk", filter=Q(will_change_practice=value))
            for value in WillChangePractice.values
        },
        **{
            f"used_{value}": Count(
                "practice_impact", filter=Q(practice_impact__used_in_practice=value)
            )
            for value in UsedInPractice.values
        },
    }
    return list(
        Feedback.objects.filter(feedback_q(filters))
        .values("page_id", "page__title")
        .annotate(
            responses=Count("pk"),
            mean=Avg("usefulness"),
            answered=Count("practice_impact"),
            **counts,
        )
        .order_by("page__title", "page_id")
    )


def _shares(row: dict, keys: tuple[str, ...], whole_key: str) -> None:
    for key in keys:
        row[f"{key}_share"] = percentage(row[key], row[whole_key])


def reaction_rows(figures: list[dict]) -> list[dict]:
    """Level 1: the figures per item with small numbers withheld, with the shares of
    each "will it change your practice?" answer."""
    rows = suppress_rows(
        [dict(row, item=row["page__title"]) for row in figures],
        size_key="responses",
        count_keys=RATING_KEYS + CHANGE_KEYS,
        figure_keys=("mean",),
        has_total=False,
    )
    for row, raw in zip(rows, figures, strict=True):
        if not row["suppressed"]:
            row["mean"] = round(row["mean"], 1)
            protect_parts(row, raw, RATING_KEYS)
            protect_parts(row, raw, CHANGE_KEYS)
        _shares(row, CHANGE_KEYS, "responses")
    return rows


def behaviour_rows(figures: list[dict]) -> list[dict]:
    """Level 3: each item's follow-up answers, counts and shares of those who answered,
    with fewer than five answers withheld, and all of an item whose responses are."""
    rows = suppress_rows(
        [
            {"page_id": row["page_id"], "item": row["page__title"], "answered": row["answered"]}
            | {key: row[key] for key in USED_KEYS}
            | ({"gaps": row["gaps"]} if "gaps" in row else {})
            for row in figures
        ],
        size_key="answered",
        count_keys=USED_KEYS,
        has_total=False,
    )
    for row, raw in zip(rows, figures, strict=True):
        if is_small(raw["responses"]) or is_narrowed(raw):
            row.update(dict.fromkeys(("answered", *USED_KEYS), SUPPRESSED), suppressed=True)
        if not row["suppressed"]:
            protect_parts(row, raw, USED_KEYS)
        _shares(row, USED_KEYS, "answered")
    return rows


def _text_notes(what: str, rows: list[dict], withheld: int, group: str) -> list[str]:
    notes = [f"{what} are shown without the writer's name, organisation or team."]
    if withheld:
        items = "1 item" if withheld == 1 else f"{withheld} items"
        notes.append(
            f"{what} on {items} with fewer than {SMALL_GROUP} {group} are withheld: from so "
            "small a group they could identify the writer."
        )
    if len(rows) >= TEXT_LIMIT:
        notes.append(f"The newest {TEXT_LIMIT} are shown: narrow the filters to see others.")
    return notes


def feedback_report(*, scope: ReportScope, filters: ReportFilters, today: date) -> Report:
    filters = held_to_scope(scope, filters)
    figures = item_figures(filters)
    if filters.narrows_people:
        figures = compare_wider(
            figures,
            item_figures(filters.widened()),
            key=lambda row: row["page_id"],
            figures=("responses", "answered"),
        )
    reaction = reaction_rows(figures)
    behaviour = behaviour_rows(figures)
    pass_rates = pass_rates_by_item(filters=filters)
    behaviour_by_page = {row["page_id"]: row for row in behaviour}
    levels = [
        {
            "item": row["item"],
            "responses": row["responses"],
            "mean": row["mean"],
            "change_yes_share": row["change_yes_share"],
            # The item's figures are withheld whole, its check's with them.
            "pass_rate": SUPPRESSED if row["suppressed"] else pass_rates.get(row["page_id"]),
            "used_yes_share": behaviour_by_page[row["page_id"]]["used_yes_share"],
        }
        for row in reaction
    ]
    shown_items = {row["page_id"] for row in reaction if not row["suppressed"]}
    shown_answers = {row["page_id"] for row in behaviour if not row["suppressed"]}
    comments = comment_rows(filters, shown_items)
    examples = example_rows(filters, shown_answers)
    item = Column("item", "Learning item")
    tables = [
        ReportTable(
            slug="levels",
            caption="Kirkpatrick levels 1 to 3 by learning item",
            columns=[
                item,
                Column("responses", "Responses", numeric=True),
                Column("mean", "Mean rating out of 5 (level 1)", numeric=True),
                Column(
                    "change_yes_share",
                    "Say it will change their practice (level 1)",
                    numeric=True,
                    kind="percent",
                ),
                Column(
                    "pass_rate", "Knowledge check pass rate (level 2)", numeric=True, kind="percent"
                ),
                Column(
                    "used_yes_share",
                    "Have used it in practice (level 3)",
                    numeric=True,
                    kind="percent",
                ),
            ],
            rows=in_pages(levels, "levels_page", ITEMS_PER_PAGE),
            empty_text="Nobody has given feedback that matches these filters.",
            notes=[
                "Level 1, reaction: the usefulness rating and whether people say it will "
                "change their practice. Level 2, learning: the share of finished attempts at "
                "the item's knowledge check that passed (blank where it has none). Level 3, "
                "behaviour: of those who answered the follow-up question some weeks later, "
                "the share who have used it in their practice."
            ]
            + ([NARROWED_NOTE] if filters.narrows_people else []),
        ),
        ReportTable(
            slug="reaction",
            caption="Level 1, reaction: ratings and intentions",
            columns=[
                item,
                Column("responses", "Responses", numeric=True),
                *(Column(f"rating_{n}", f"Rated {n}", numeric=True) for n in RATINGS),
                Column("mean", "Mean rating", numeric=True),
                *(
                    Column(
                        f"change_{value}_share",
                        f"Will change practice: {label}",
                        numeric=True,
                        kind="percent",
                    )
                    for value, label in WillChangePractice.choices
                ),
            ],
            rows=in_pages(reaction, "reaction_page", ITEMS_PER_PAGE),
            empty_text="Nobody has given feedback that matches these filters.",
            notes=[
                f"Counts of 1 to {SMALL_GROUP - 1} people read “fewer than {SMALL_GROUP}”, "
                "and so do the next smallest counts of the same question until those "
                f"withheld hold at least {SMALL_GROUP} people, so that none can be worked "
                "out from the total."
            ],
        ),
        ReportTable(
            slug="behaviour",
            caption="Level 3, behaviour: used in practice",
            columns=[
                item,
                Column("answered", "Answered the follow-up", numeric=True),
                *(
                    column
                    for value, label in UsedInPractice.choices
                    for column in (
                        Column(f"used_{value}", label, numeric=True),
                        Column(
                            f"used_{value}_share", f"{label} (share)", numeric=True, kind="percent"
                        ),
                    )
                ),
            ],
            rows=in_pages(behaviour, "behaviour_page", ITEMS_PER_PAGE),
            empty_text="Nobody has answered the follow-up question for these filters.",
            notes=[
                "People who said an item would change their practice are asked some weeks "
                "later whether they have used it; shares are of those who answered."
            ],
        ),
        ReportTable(
            slug="comments",
            caption="Comments",
            columns=[
                item,
                Column("month", "Month"),
                Column("comment", "Comment"),
            ],
            rows=in_pages(comments, "comments_page", TEXTS_PER_PAGE),
            empty_text="No comments to show for these filters.",
            notes=_text_notes("Comments", comments, len(reaction) - len(shown_items), "responses"),
        ),
        ReportTable(
            slug="examples",
            caption="Examples of use in practice",
            columns=[item, Column("answer", "Used in practice"), Column("example", "Example")],
            rows=in_pages(examples, "examples_page", TEXTS_PER_PAGE),
            empty_text="No examples to show for these filters.",
            notes=_text_notes(
                "Examples",
                examples,
                sum(1 for row in behaviour if row["suppressed"]),
                "follow-up answers",
            ),
        ),
    ]
    shown_responses = sum(row["responses"] for row in reaction if not row["suppressed"])
    summary: list[tuple[str, object]] = [
        ("Learning items with feedback", len(reaction)),
        (f"Responses to items with {SMALL_GROUP} or more", shown_responses),
    ]
    if len(reaction) > len(shown_items):
        summary.append(
            (f"Items with fewer than {SMALL_GROUP} responses", len(reaction) - len(shown_items))
        )
    return Report(
        slug="feedback",
        title="Feedback and impact",
        description=(
            "What people thought of each learning item, whether they say it will change "
            "their practice, and whether it has: Kirkpatrick levels 1 to 3, with comments "
            "and examples shown without names."
        ),
        tables=tables,
        charts=[
            Chart(
                title="Share who say it will change their practice",
                svg=bar_chart(
                    "Share of responses saying the item will change their practice",
                    [(row["item"], row["change_yes_share"]) for row in levels],
                ),
                table_slug="levels",
            )
        ],
        summary=summary,
    )


REPORT = ReportType(
    slug="feedback",
    title="Feedback and impact",
    description=(
        "Ratings, whether learning will change practice and whether it has, with comments "
        "and examples without names."
    ),
    build=feedback_report,
)
