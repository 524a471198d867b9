"""Template helpers for reports.

{% load reports %}
{% report_cell table row column %}   one cell: a link, a percentage, a RAG tag, or
                                     "fewer than 5" (or "all but fewer than 5")
                                     for a withheld figure
{{ report|chart_for:table.slug }}    the chart drawn from a table, if any
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from learning.reports.suppression import is_suppressed
from learning.reports.tables import Column, Report, ReportTable

register = template.Library()

RAG_LABELS = {"green": "Green", "amber": "Amber", "red": "Red"}


@register.simple_tag
def report_cell(table: ReportTable, row: dict, column: Column) -> str:
    value = row.get(column.key)
    if is_suppressed(value):
        return format_html('<span class="govuk-hint govuk-!-display-inline">{}</span>', value)
    if column.kind == "link" and isinstance(value, tuple):
        text, url = value
        return format_html('<a class="govuk-link" href="{}">{}</a>', url, text) if url else text
    if column.kind == "rag" and value in RAG_LABELS:
        return format_html(
            '<strong class="govuk-tag hub-rag--{}">{}</strong>', value, RAG_LABELS[value]
        )
    return table.cell_text(row, column)


@register.filter
def chart_for(report: Report, slug: str):
    return report.chart_for(slug)
