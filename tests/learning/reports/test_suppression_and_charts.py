"""Small-number suppression and the server-drawn charts, on their own."""

from __future__ import annotations

import re

from learning.reports.charts import bar_chart, line_chart
from learning.reports.suppression import (
    SUPPRESSED,
    percentage,
    protect_column,
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
