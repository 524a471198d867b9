"""Small-number suppression and the server-drawn charts, on their own."""

from __future__ import annotations

import re

from learning.reports.charts import bar_chart, line_chart
from learning.reports.compliance import follow_organisations, row_rag
from learning.reports.reach import cumulative_rows, organisation_rows
from learning.reports.suppression import (
    NEARLY_ALL,
    SUPPRESSED,
    percentage,
    protect_column,
    protect_parts_and_columns,
    suppress_count,
    suppress_rows,
)


def _rows(*sizes):
    return [
        {"name": f"group {index}", "people": size, "done": size} for index, size in enumerate(sizes)
    ]


def test_counts_of_one_to_four_people_are_withheld_but_nobody_is_shown():
    assert [suppress_count(n) for n in (0, 1, 4, 5, None)] == [0, SUPPRESSED, SUPPRESSED, 5, None]
    assert str(SUPPRESSED) == "fewer than 5"


def test_a_small_group_is_withheld_whole_with_its_figures():
    rows = suppress_rows(
        _rows(3, 20, 30),
        size_key="people",
        count_keys=("done",),
        figure_keys=("name",),
        has_total=False,
    )
    assert rows[0]["people"] is SUPPRESSED and rows[0]["done"] is SUPPRESSED
    assert rows[0]["name"] is SUPPRESSED
    assert [row["people"] for row in rows[1:]] == [20, 30]


def test_with_a_total_shown_more_groups_go_until_no_one_can_be_recovered():
    # 3 alone could be recovered from the total: the next smallest (8) goes too.
    rows = suppress_rows(_rows(3, 8, 30), size_key="people")
    assert [row["suppressed"] for row in rows] == [True, True, False]
    # 2 and 2 withheld together still hold only 4: the smallest shown (6) goes too.
    rows = suppress_rows(_rows(2, 2, 6, 40), size_key="people")
    assert [row["suppressed"] for row in rows] == [True, True, True, False]
    # 3 and 4 withheld together hold 7: nothing more is needed.
    rows = suppress_rows(_rows(3, 4, 50), size_key="people")
    assert [row["suppressed"] for row in rows] == [True, True, False]


def test_protect_column_reports_when_only_the_total_can_be_withheld():
    raw = [{"n": 2}, {"n": 0}]
    shown = [{"n": SUPPRESSED}, {"n": 0}]
    assert protect_column(shown, raw, key="n", hide=("n",)) is True


def _counted(*pairs):
    return [{"people": people, "done": done} for people, done in pairs]


def test_a_count_is_withheld_when_all_but_one_to_four_of_its_group_are_in_it():
    # 20 people, 18 done says 2 are not: a group of two, as good as named.
    rows = suppress_rows(
        _counted((20, 18), (20, 15), (20, 20), (20, 0), (20, 19)),
        size_key="people",
        count_keys=("done",),
        has_total=False,
    )
    assert [row["done"] for row in rows] == [NEARLY_ALL, 15, 20, 0, NEARLY_ALL]
    assert [row["people"] for row in rows] == [20] * 5
    assert str(NEARLY_ALL) == "all but fewer than 5"
    assert percentage(NEARLY_ALL, 20) is NEARLY_ALL
    assert percentage(NEARLY_ALL, SUPPRESSED) is SUPPRESSED


def test_with_a_total_the_rests_withheld_together_must_hold_five_too():
    # The 18 of 20 is withheld for its rest of 2. Beside a total, the done column's total
    # less the others would give 18 back, so the row with the smallest rest that is not
    # nobody (25 with 10 done: 15) goes too; 30 of 30 has no rest to hide and stays.
    rows = suppress_rows(
        _counted((20, 18), (30, 30), (25, 10)), size_key="people", count_keys=("done",)
    )
    assert [row["done"] for row in rows] == [NEARLY_ALL, 30, SUPPRESSED]
    assert [row["suppressed"] for row in rows] == [False, False, False]
    # Two rests of 2 hold 4 together: the rest of 6 (14 of 20) goes too.
    rows = suppress_rows(
        _counted((10, 8), (10, 8), (20, 14), (40, 40)), size_key="people", count_keys=("done",)
    )
    assert [row["done"] for row in rows] == [NEARLY_ALL, NEARLY_ALL, SUPPRESSED, 40]


def test_all_but_fewer_than_five_of_six_could_only_be_five_so_the_row_goes_whole():
    rows = suppress_rows(
        _counted((6, 5), (7, 6), (7, 5)), size_key="people", count_keys=("done",), has_total=False
    )
    assert [(row["people"], row["done"]) for row in rows] == [
        (SUPPRESSED, SUPPRESSED),
        (7, NEARLY_ALL),  # 5 or 6
        (7, NEARLY_ALL),
    ]
    assert rows[0]["suppressed"] is True


def test_reach_total_withholds_a_count_its_rows_rests_would_give_away():
    # 8 of 10 reads "all but fewer than 5"; beside 10 of 10, a total of 18 of 20 would
    # tell the 2 again (and 18 - 10 the 8).
    rows = organisation_rows(
        [
            {"organisation": "A", "completed": 8, "headcount": 10},
            {"organisation": "B", "completed": 10, "headcount": 10},
        ],
        with_total=True,
    )
    assert [(row["completed"], row["headcount"]) for row in rows] == [
        (NEARLY_ALL, 10),
        (10, 10),
        (SUPPRESSED, 20),
    ]
    # C (2 people) goes, and B with it; the withheld rows' rests (C's 2) cannot reach
    # five, so the total's count, 18 of 20, goes too.
    rows = organisation_rows(
        [
            {"organisation": "A", "completed": 10, "headcount": 10},
            {"organisation": "B", "completed": 8, "headcount": 8},
            {"organisation": "C", "completed": 0, "headcount": 2},
        ],
        with_total=True,
    )
    assert [(row["completed"], row["headcount"]) for row in rows] == [
        (10, 10),
        (SUPPRESSED, SUPPRESSED),
        (SUPPRESSED, SUPPRESSED),
        (SUPPRESSED, 20),
    ]


def test_weeks_keep_clear_of_the_headcount_and_of_a_withheld_total():
    from datetime import date

    weeks = [date(2026, 3, 2), date(2026, 3, 9)]

    def people(new, **options):
        return [row["people"] for row in cumulative_rows(new, weeks, weeks[0], **options)]

    assert people({weeks[1]: 9}) == [0, 9]
    # Beside a headcount of 11, 9 completed says 2 have not.
    assert people({weeks[1]: 9}, headcount=11) == [0, SUPPRESSED]
    assert people({weeks[1]: 9}, headcount=14) == [0, 9]
    # The final 8 shows when the table by organisation shows it, not when it withholds it.
    assert people({weeks[0]: 5, weeks[1]: 3}) == [SUPPRESSED, 8]
    assert people({weeks[0]: 5, weeks[1]: 3}, final_withheld=True) == [SUPPRESSED, SUPPRESSED]
    # Narrowed: the people left out first completed 2 in week 2, so that week goes.
    assert people({weeks[1]: 9}, left_out_by_week={weeks[1]: 2}) == [0, SUPPRESSED]
    assert people({weeks[1]: 9}, left_out_by_week={weeks[1]: 6}) == [0, 9]


def test_teams_do_not_add_up_to_an_organisations_withheld_count():
    organisations = [
        {
            "profile__organisation__name": "Council",
            "people": 40,
            "complete": SUPPRESSED,
            "suppressed": False,
        },
        {
            "profile__organisation__name": "Trust",
            "people": 10,
            "complete": NEARLY_ALL,
            "suppressed": False,
        },
        {
            "profile__organisation__name": "Fire",
            "people": SUPPRESSED,
            "complete": SUPPRESSED,
            "suppressed": True,
        },
    ]
    teams = [
        {
            "profile__organisation__name": "Council",
            "people": 20,
            "complete": 15,
            "share": 75.0,
            "rag": "red",
            "suppressed": False,
        },
        {
            "profile__organisation__name": "Council",
            "people": 20,
            "complete": 0,
            "share": 0.0,
            "rag": "red",
            "suppressed": False,
        },
        {
            "profile__organisation__name": "Trust",
            "people": 10,
            "complete": NEARLY_ALL,
            "share": NEARLY_ALL,
            "rag": "",
            "suppressed": False,
        },
        {
            "profile__organisation__name": "Fire",
            "people": 6,
            "complete": 6,
            "share": 100.0,
            "rag": "green",
            "suppressed": False,
        },
    ]
    follow_organisations(teams, organisations)
    assert [(t["people"], t["complete"], t["share"], t["rag"]) for t in teams] == [
        (20, SUPPRESSED, SUPPRESSED, ""),
        (20, 0, 0.0, "red"),  # none complete tells nothing of the rest
        (10, NEARLY_ALL, NEARLY_ALL, ""),
        (SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED),
    ]
    assert teams[3]["suppressed"] is True


def test_parts_of_a_row_cannot_be_worked_out_from_the_others():
    # 22 people: 14 complete, 6 overdue, so 2 due or not started. Withholding the 2
    # alone leaves 22 - 14 - 6 = 2: the overdue 6 goes too. Down the column the 2 takes
    # the other row's 8 with it, and that 8, alone in its row, would follow from its 30
    # people, so its overdue 8 goes as well; then no row or column has a lone cell.
    raw = [
        {"people": 22, "complete": 14, "overdue": 6, "pending": 2},
        {"people": 30, "complete": 14, "overdue": 8, "pending": 8},
    ]
    keys = ("complete", "overdue", "pending")
    rows = suppress_rows(raw, size_key="people", count_keys=keys)
    assert rows[0]["pending"] is SUPPRESSED and rows[0]["overdue"] == 6
    protect_parts_and_columns(rows, raw, parts=keys, size_key="people")
    assert [(row["complete"], row["overdue"], row["pending"]) for row in rows] == [
        (14, SUPPRESSED, SUPPRESSED),
        (14, SUPPRESSED, SUPPRESSED),
    ]


def test_protect_column_says_so_when_no_rest_is_left_to_withhold():
    raw = _counted((10, 8), (10, 10))
    shown = suppress_rows(raw, size_key="people", count_keys=("done",), has_total=False)
    assert shown[0]["done"] is NEARLY_ALL
    assert protect_column(shown, raw, key="done", hide=("done",), size_key="people") is True
    assert protect_column(shown, raw, key="done", hide=("done",)) is False  # 8 >= 5


def test_a_withheld_share_keeps_its_rag_only_when_every_possibility_agrees():
    # 40 people, all but 1 to 4 complete: 90% to 97.5%, green against 90% either way.
    assert row_rag({"people": 40, "share": NEARLY_ALL}, 90, 10) == "green"
    # 20 people: 80% (amber) to 95% (green): the status would narrow it down.
    assert row_rag({"people": 20, "share": NEARLY_ALL}, 90, 10) == ""
    assert row_rag({"people": 20, "share": 85.0}, 90, 10) == "amber"
    assert row_rag({"people": 3, "share": SUPPRESSED}, 90, 10) == ""


def test_percentages():
    assert percentage(3, 4) == 75.0
    assert percentage(1, 3) == 33.3
    assert percentage(0, 0) is None
    assert percentage(SUPPRESSED, 10) is SUPPRESSED


def test_bar_chart_is_an_image_with_its_figures_in_words():
    svg = str(
        bar_chart("Share complete", [("Northmoor Council", 75.0), ("Trust", SUPPRESSED)], target=90)
    )
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    assert "Northmoor Council: 75%; Trust: fewer than 5. Target 90%." in svg
    # The bar is three quarters of the plot's width; the suppressed one has no bar.
    widths = [
        float(w) for w in re.findall(r'<rect class="hub-chart__bar"[^>]*width="([\d.]+)"', svg)
    ]
    assert widths == [412.5]
    assert "style=" not in svg  # the content security policy forbids inline styles


def test_labels_are_escaped():
    svg = str(bar_chart("Chart", [("<script>alert(1)</script>", 10)]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_line_chart_breaks_at_withheld_points():
    svg = str(
        line_chart(
            "Trend",
            [("Jan", 10), ("Feb", SUPPRESSED), ("Mar", 20), ("Apr", 30)],
            unit="%",
            maximum=100,
        )
    )
    assert svg.count("<polyline") == 1  # Jan stands alone; Mar to Apr is one line
    assert svg.count("<circle") == 3
    assert "Feb: fewer than 5" in svg
