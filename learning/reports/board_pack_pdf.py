"""The board pack as a PDF, drawn with reportlab (pure Python, nothing fetched): a
title page, then each section's summary, charts and tables, with page numbers.

Charts are drawn again from the figures the page's SVG charts were drawn from
(learning.reports.charts.ChartSvg), so paper and screen agree; a suppressed figure
reads "fewer than 5" in charts and tables alike. Tables repeat their header row on
every page they run onto. A4 landscape, so the widest tables fit.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from learning.reports.board_pack import BoardPack, Section
from learning.reports.suppression import is_suppressed
from learning.reports.tables import Chart, ReportTable

AUTHOR = "Safeguarding Learning Hub"
PAGE = landscape(A4)
MARGIN = 15 * mm
WIDTH = PAGE[0] - 2 * MARGIN
BRAND = colors.HexColor("#1d70b8")
GREY = colors.HexColor("#505a5f")
BORDER = colors.HexColor("#b1b4b6")
HEADER_FILL = colors.HexColor("#f3f2f1")
# Columns of free text get more room than figures.
WIDE_COLUMNS = {"comment": 4, "example": 4, "question": 4}
BARS_PER_DRAWING = 18

_base = getSampleStyleSheet()
STYLES = {
    "title": ParagraphStyle("title", parent=_base["Title"], fontSize=26, leading=32, alignment=0),
    "subtitle": ParagraphStyle("subtitle", parent=_base["Heading2"], fontSize=16, leading=20),
    "h1": ParagraphStyle("h1", parent=_base["Heading1"], fontSize=18, leading=22),
    "h2": ParagraphStyle("h2", parent=_base["Heading3"], fontSize=12, leading=15),
    "body": ParagraphStyle("body", parent=_base["BodyText"], fontSize=10, leading=13),
    "small": ParagraphStyle("small", parent=_base["BodyText"], fontSize=8, leading=10),
    "cell": ParagraphStyle("cell", parent=_base["BodyText"], fontSize=8, leading=10),
    "number": ParagraphStyle(
        "number", parent=_base["BodyText"], fontSize=8, leading=10, alignment=TA_RIGHT
    ),
    "head": ParagraphStyle(
        "head", parent=_base["BodyText"], fontName="Helvetica-Bold", fontSize=8, leading=10
    ),
}


def _p(text: Any, style: str = "body") -> Paragraph:
    return Paragraph(escape(str(text)), STYLES[style])


def _value_text(value: Any, unit: str = "") -> str:
    if is_suppressed(value):
        return str(value)
    if value is None:
        return "no data"
    return f"{float(value):g}{unit}"


def _truncate(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


# Charts ------------------------------------------------------------------------------


def _bar_drawing(points, *, unit: str, maximum: float | None, target: float | None) -> Drawing:
    label_width, value_room = 75 * mm, 28 * mm
    plot_width = min(WIDTH, 200 * mm) - label_width - value_room
    bar, gap = 5 * mm, 2.5 * mm
    target_room = 8 * mm if target is not None else 0
    height = max(1, len(points)) * (bar + gap) + gap + target_room
    drawing = Drawing(label_width + plot_width + value_room, height)
    top = maximum or 1
    for index, (label, value) in enumerate(points):
        y = height - (index + 1) * (bar + gap)
        drawing.add(
            String(
                label_width - 2 * mm,
                y + 1.5 * mm,
                _truncate(str(label), 48),
                textAnchor="end",
                fontName="Helvetica",
                fontSize=8,
            )
        )
        if is_suppressed(value) or value is None:
            drawing.add(
                String(
                    label_width,
                    y + 1.5 * mm,
                    _value_text(value),
                    fontName="Helvetica-Oblique",
                    fontSize=8,
                    fillColor=GREY,
                )
            )
            continue
        length = max(0.0, min(1.0, float(value) / top)) * plot_width
        drawing.add(Rect(label_width, y, length, bar, fillColor=BRAND, strokeColor=None))
        drawing.add(
            String(
                label_width + length + 1.5 * mm,
                y + 1.5 * mm,
                _value_text(value, unit),
                fontName="Helvetica",
                fontSize=8,
            )
        )
    if target is not None:
        x = label_width + min(1.0, target / top) * plot_width
        drawing.add(
            Line(x, target_room, x, height, strokeColor=colors.black, strokeDashArray=[3, 2])
        )
        drawing.add(String(x, 2 * mm, f"target {target:g}{unit}", textAnchor="middle", fontSize=8))
    return drawing


def _line_drawing(points, *, unit: str, maximum: float | None) -> Drawing:
    left, right, bottom, top_room = 18 * mm, 8 * mm, 14 * mm, 6 * mm
    width, height = min(WIDTH, 200 * mm), 70 * mm
    plot_width, plot_height = width - left - right, height - bottom - top_room
    drawing = Drawing(width, height)
    numbers = [float(v) for _, v in points if v is not None and not is_suppressed(v)]
    top = maximum if maximum is not None else (max(numbers) if numbers else 1) or 1
    drawing.add(Line(left, bottom, left + plot_width, bottom, strokeColor=BORDER))
    drawing.add(Line(left, bottom, left, bottom + plot_height, strokeColor=BORDER))
    drawing.add(
        String(
            left - 2 * mm, bottom + plot_height - 2, f"{top:g}{unit}", textAnchor="end", fontSize=8
        )
    )
    drawing.add(String(left - 2 * mm, bottom - 2, "0", textAnchor="end", fontSize=8))
    step = plot_width / max(1, len(points) - 1)
    label_every = max(1, len(points) // 8)
    segment: list[float] = []
    for index, (label, value) in enumerate(points):
        x = left + index * step
        if index % label_every == 0 or index == len(points) - 1:
            drawing.add(
                String(
                    x, bottom - 5 * mm, _truncate(str(label), 14), textAnchor="middle", fontSize=7
                )
            )
        if value is None or is_suppressed(value):
            if is_suppressed(value):
                drawing.add(
                    String(
                        x,
                        bottom + 2 * mm,
                        str(value),
                        textAnchor="middle",
                        fontName="Helvetica-Oblique",
                        fontSize=6,
                        fillColor=GREY,
                    )
                )
            if len(segment) > 2:
                drawing.add(PolyLine(segment, strokeColor=BRAND, strokeWidth=1.5))
            segment = []
            continue
        y = bottom + min(1.0, float(value) / top) * plot_height
        segment.extend((x, y))
        drawing.add(Circle(x, y, 1.2 * mm, fillColor=BRAND, strokeColor=None))
    if len(segment) > 2:
        drawing.add(PolyLine(segment, strokeColor=BRAND, strokeWidth=1.5))
    return drawing


def _chart(chart: Chart) -> list:
    svg = chart.svg
    points = getattr(svg, "points", None)
    if points is None:  # a chart not drawn by learning.reports.charts
        return []
    if getattr(svg, "kind", "bar") == "line":
        drawings = [_line_drawing(points, unit=svg.unit, maximum=svg.maximum)]
    else:
        # A drawing cannot split across pages: long charts go in page-sized parts.
        drawings = [
            _bar_drawing(
                points[start : start + BARS_PER_DRAWING],
                unit=svg.unit,
                maximum=svg.maximum,
                target=svg.target,
            )
            for start in range(0, max(1, len(points)), BARS_PER_DRAWING)
        ]
    return [
        KeepTogether([_p(chart.title, "h2"), drawings[0]]),
        *drawings[1:],
        _p("The same figures are in the table below.", "small"),
        Spacer(1, 3 * mm),
    ]


# Tables ------------------------------------------------------------------------------


def _column_widths(table: ReportTable) -> list[float]:
    weights = [1 if column.numeric else WIDE_COLUMNS.get(column.key, 2) for column in table.columns]
    return [WIDTH * weight / sum(weights) for weight in weights]


def _table(table: ReportTable) -> list:
    flowables: list = [_p(table.caption, "h2")]
    if not table.rows:
        flowables.append(_p(table.empty_text))
    else:
        header = [_p(label, "head") for label in table.header()]
        body = [
            [
                _p(text, "number" if column.numeric else "cell")
                for column, text in zip(table.columns, row, strict=True)
            ]
            for row in table.text_rows()
        ]
        grid = Table([header, *body], colWidths=_column_widths(table), repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.5, BORDER),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ]
            )
        )
        flowables.append(grid)
    flowables.extend(_p(note, "small") for note in table.notes)
    flowables.append(Spacer(1, 6 * mm))
    return flowables


# The document ------------------------------------------------------------------------


def _cover(pack: BoardPack) -> list:
    facts = [
        ("Quarter", f"{pack.quarter.label} ({pack.quarter.code})"),
        ("Covering", pack.covering),
        (
            "Figures as at",
            f"{pack.as_at:%-d %B %Y}" + (" (quarter in progress)" if pack.in_progress else ""),
        ),
        ("Produced", f"{pack.produced_on:%-d %B %Y}"),
    ]
    story: list = [
        Spacer(1, 20 * mm),
        _p("Board pack", "title"),
        _p(f"Learning and development: {pack.quarter.label}", "subtitle"),
        _p("For the Safeguarding Adults Board's learning and development subgroup."),
        Spacer(1, 8 * mm),
    ]
    facts_table = Table(
        [[_p(label, "head"), _p(value)] for label, value in facts],
        colWidths=[45 * mm, 150 * mm],
        hAlign="LEFT",
    )
    facts_table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, BORDER)]))
    story += [facts_table, Spacer(1, 8 * mm), _p("Contents", "h2")]
    story += [_p(f"{number}. {section.title}") for number, section in enumerate(pack.sections, 1)]
    if not pack.sections:
        story.append(_p("No reports are available yet."))
    story += [
        Spacer(1, 8 * mm),
        _p(
            "No one is named. Figures for fewer than 5 people read “fewer than 5”, and so does "
            "the next smallest where a total would reveal them."
        ),
    ]
    return story


def _section(number: int, section: Section) -> list:
    report = section.report
    story: list = [
        PageBreak(),
        _p(f"{number}. {report.title}", "h1"),
        Paragraph(f"<b>Period:</b> {escape(section.period)}", STYLES["body"]),
        _p(report.description),
    ]
    if report.summary:
        summary = Table(
            [[_p(label, "head"), _p(value)] for label, value in report.summary],
            colWidths=[90 * mm, 60 * mm],
            hAlign="LEFT",
        )
        summary.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, BORDER)]))
        story += [Spacer(1, 3 * mm), summary, Spacer(1, 6 * mm)]
    for chart, table in section.items:
        if chart is not None:
            story += _chart(chart)
        story += _table(table)
    return story


def _numbered_canvas(title: str) -> type[Canvas]:
    """A canvas that writes "Page n of m" and the pack's title at the foot of each page
    once the number of pages is known."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                self.setFont("Helvetica", 8)
                self.setFillColor(GREY)
                self.drawString(MARGIN, 8 * mm, title)
                self.drawRightString(PAGE[0] - MARGIN, 8 * mm, f"Page {number} of {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def board_pack_pdf(pack: BoardPack, *, compress: bool = True) -> bytes:
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=pack.title,
        author=AUTHOR,
        creator=AUTHOR,
        subject=f"Learning and development board pack, {pack.quarter.label}: {pack.covering}",
        lang="en-GB",
        pageCompression=1 if compress else 0,
    )
    story = _cover(pack)
    for number, section in enumerate(pack.sections, 1):
        story += _section(number, section)
    document.build(story, canvasmaker=_numbered_canvas(pack.title))
    return buffer.getvalue()
