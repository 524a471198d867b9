"""Charts drawn on the server as inline SVG: no JavaScript, nothing fetched, and a
data table beside every chart (the page shows it) for anyone who cannot see the
picture. Each SVG is an image with a title and a description saying what it shows;
suppressed values are drawn as a gap labelled "fewer than 5". Colours come from CSS
classes (static/src/_hub-reports.scss), so the strict content security policy holds
and forced-colours modes can restyle them.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from learning.reports.suppression import is_suppressed

_ids = count(1)

WIDTH = 640
# Each bar has its label on the line above it, across the whole width, so long names
# of organisations and reviews are not cut short.
LABEL_HEIGHT = 20
BAR_HEIGHT = 20
GAP = 12
ROW_HEIGHT = LABEL_HEIGHT + BAR_HEIGHT + GAP
PLOT_WIDTH = WIDTH - 90


class ChartSvg(SafeString):
    """The SVG markup, carrying the figures it was drawn from, so that the board pack's
    PDF (learning.reports.board_pack_pdf) can draw the same chart again."""

    kind: str = "bar"
    points: tuple = ()
    unit: str = ""
    maximum: float | None = None
    target: float | None = None


def _with_figures(svg: SafeString, **figures: Any) -> ChartSvg:
    chart = ChartSvg(svg)
    for name, value in figures.items():
        setattr(chart, name, value)
    return chart


def _truncate(label: str, limit: int = 34) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _frame(title: str, description: str, height: int, body: list[str]) -> SafeString:
    number = next(_ids)
    title_id, desc_id = f"hub-chart-{number}-title", f"hub-chart-{number}-desc"
    return format_html(
        '<svg class="hub-chart__svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{} {}" focusable="false" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}">{}</title><desc id="{}">{}</desc>{}</svg>',
        WIDTH,
        height,
        title_id,
        desc_id,
        title_id,
        title,
        desc_id,
        description,
        mark_safe("".join(body)),  # noqa: S308 (every piece below is escaped)
    )


def bar_chart(
    title: str,
    items: Sequence[tuple[str, Any]],
    *,
    maximum: float = 100,
    unit: str = "%",
    target: float | None = None,
) -> SafeString:
    """Horizontal bars, one per (label, value); a value may be None (nothing to show) or
    SUPPRESSED. `target` draws a dashed line (the board's compliance target)."""
    maximum = maximum or 1
    height = max(1, len(items)) * ROW_HEIGHT + GAP + (20 if target is not None else 0)
    body: list[str] = []
    for index, (label, value) in enumerate(items):
        top = GAP + index * ROW_HEIGHT
        y = top + LABEL_HEIGHT
        text_y = y + BAR_HEIGHT * 0.75
        body.append(
            f'<text class="hub-chart__label" x="0" y="{top + LABEL_HEIGHT * 0.75:.1f}">'
            f"{escape(_truncate(str(label), 80))}</text>"
        )
        if is_suppressed(value) or value is None:
            shown = str(value) if is_suppressed(value) else "no data"
            body.append(
                f'<text class="hub-chart__value hub-chart__value--missing" x="0" '
                f'y="{text_y:.1f}">{shown}</text>'
            )
            continue
        length = max(0.0, min(1.0, float(value) / maximum)) * PLOT_WIDTH
        body.append(
            f'<rect class="hub-chart__bar" x="0" y="{y}" '
            f'width="{length:.1f}" height="{BAR_HEIGHT}"></rect>'
        )
        body.append(
            f'<text class="hub-chart__value" x="{length + 6:.1f}" '
            f'y="{text_y:.1f}">{float(value):g}{escape(unit)}</text>'
        )
    if target is not None:
        x = min(1.0, target / maximum) * PLOT_WIDTH
        body.append(
            f'<line class="hub-chart__target" x1="{x:.1f}" y1="{GAP / 2}" x2="{x:.1f}" '
            f'y2="{height - 20}"></line>'
            f'<text class="hub-chart__label" x="{x:.1f}" y="{height - 5}" '
            f'text-anchor="middle">target {target:g}{escape(unit)}</text>'
        )
    described = "; ".join(
        f"{label}: {str(value) if is_suppressed(value) else ('no data' if value is None else f'{float(value):g}{unit}')}"  # noqa: E501
        for label, value in items
    )
    if target is not None:
        described += f". Target {target:g}{unit}."
    return _with_figures(
        _frame(title, described or "No data.", height, body),
        kind="bar",
        points=tuple(items),
        unit=unit,
        maximum=maximum,
        target=target,
    )


def line_chart(
    title: str,
    points: Sequence[tuple[str, Any]],
    *,
    unit: str = "",
    maximum: float | None = None,
) -> SafeString:
    """One line through (label, value) points in order, such as a month-by-month trend;
    suppressed or missing points break the line."""
    height = 260
    left, right, top, bottom = 60, 20, 20, 50
    plot_width, plot_height = WIDTH - left - right, height - top - bottom
    numbers = [
        float(value) for _, value in points if value is not None and not is_suppressed(value)
    ]
    top_value = maximum if maximum is not None else (max(numbers) if numbers else 1) or 1
    step = plot_width / max(1, len(points) - 1)
    body = [
        f'<line class="hub-chart__axis" x1="{left}" y1="{top + plot_height}" '
        f'x2="{WIDTH - right}" y2="{top + plot_height}"></line>',
        f'<line class="hub-chart__axis" x1="{left}" y1="{top}" x2="{left}" '
        f'y2="{top + plot_height}"></line>',
        f'<text class="hub-chart__label" x="{left - 6}" y="{top + 4}" text-anchor="end">'
        f"{top_value:g}{escape(unit)}</text>",
        f'<text class="hub-chart__label" x="{left - 6}" y="{top + plot_height}" '
        f'text-anchor="end">0</text>',
    ]
    segments: list[list[str]] = [[]]
    label_every = max(1, len(points) // 8)
    for index, (label, value) in enumerate(points):
        x = left + index * step
        if index % label_every == 0 or index == len(points) - 1:
            body.append(
                f'<text class="hub-chart__label" x="{x:.1f}" y="{height - bottom + 18}" '
                f'text-anchor="middle">{escape(_truncate(str(label), 12))}</text>'
            )
        if value is None or is_suppressed(value):
            segments.append([])
            continue
        y = top + plot_height - min(1.0, float(value) / top_value) * plot_height
        segments[-1].append(f"{x:.1f},{y:.1f}")
        body.append(f'<circle class="hub-chart__point" cx="{x:.1f}" cy="{y:.1f}" r="3"></circle>')
    for segment in segments:
        if len(segment) > 1:
            body.append(
                f'<polyline class="hub-chart__line" points="{" ".join(segment)}"></polyline>'
            )
    described = "; ".join(
        f"{label}: {str(value) if is_suppressed(value) else ('no data' if value is None else f'{float(value):g}{unit}')}"  # noqa: E501
        for label, value in points
    )
    return _with_figures(
        _frame(title, described or "No data.", height, body),
        kind="line",
        points=tuple(points),
        unit=unit,
        maximum=maximum,
    )
