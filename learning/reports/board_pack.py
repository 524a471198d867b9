"""The quarterly board pack for the board's learning and development subgroup:
compliance, the reach of each review's learning, and feedback and impact, for one
quarter, with the same tables and charts as those reports (their registered builders
make them, with the quarter as the date range). Shown as a print-ready page and as a
PDF (learning.reports.board_pack_pdf).

Each section is included when its report is registered (learning.reports.registry),
so the pack grows as reports land.

Scope: a SAB manager's pack covers the partnership, a lead's their organisation. The
pack is a paper that circulates to a subgroup, so it names nobody, a lead's included:
it is built with names off, and every figure is suppressed below five people as in the
reports themselves.

Figures are as at the end of the quarter (today, for the quarter in progress):
compliance is each person's status on that day (its trend, the quarter's months);
feedback and impact count what was said during the quarter; reach counts everyone who
had completed each review's learning by the end of the quarter, as reach is cumulative
(its weekly table shows the growth up to then).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from learning.models import Organisation
from learning.permissions import ReportScope
from learning.records.dates import months_after
from learning.reports.filters import ReportFilters
from learning.reports.registry import report_type
from learning.reports.tables import Chart, Report, ReportTable

SECTIONS = ("compliance", "reach", "feedback")
# Sections counted from the beginning up to the quarter's end, not within the quarter.
CUMULATIVE = frozenset({"reach"})
# How far back the quarter chooser goes.
QUARTERS_OFFERED = 20
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @classmethod
    def containing(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, code: str) -> Quarter | None:
        """A quarter from its code, such as 2026-Q3; None if it is not one."""
        match = _QUARTER.match(code.strip())
        return cls(int(match[1]), int(match[2])) if match else None

    @classmethod
    def last_complete(cls, today: date) -> Quarter:
        return cls.containing(today).previous()

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.number}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * (self.number - 1) + 1, 1)

    @property
    def end(self) -> date:
        if self.number == 4:  # not the day before next year's: 9999-Q4 has none
            return date(self.year, 12, 31)
        return months_after(self.start, 3) - timedelta(days=1)

    @property
    def label(self) -> str:
        """ "July to September 2026"."""
        first = MONTHS[3 * (self.number - 1)]
        last = MONTHS[3 * (self.number - 1) + 2]
        return f"{first} to {last} {self.year}"

    def __str__(self) -> str:
        return self.code


def quarters_offered(today: date) -> list[Quarter]:
    """The quarter in progress, then the complete ones back QUARTERS_OFFERED, newest first."""
    quarters = [Quarter.containing(today)]
    while len(quarters) <= QUARTERS_OFFERED:
        quarters.append(quarters[-1].previous())
    return quarters


@dataclass
class Section:
    """One report in the pack: its tables in order, each with the chart drawn from it.
    Table slugs are prefixed with the report's, so ids stay unique on one page."""

    report: Report
    period: str
    items: list[tuple[Chart | None, ReportTable]] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.report.slug

    @property
    def title(self) -> str:
        return self.report.title

    @property
    def charts(self) -> list[Chart]:
        return [chart for chart, _ in self.items if chart is not None]


@dataclass
class BoardPack:
    quarter: Quarter
    produced_on: date
    as_at: date
    covering: str
    sections: list[Section]

    @property
    def in_progress(self) -> bool:
        return self.as_at < self.quarter.end

    @property
    def title(self) -> str:
        return f"Board pack: {self.quarter.label}"


def _section(report: Report, period: str) -> Section:
    items = []
    for table in report.tables:
        chart = report.chart_for(table.slug)
        items.append((chart, dataclasses.replace(table, slug=f"{report.slug}-{table.slug}")))
    return Section(report=report, period=period, items=items)


def _day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def build_board_pack(*, scope: ReportScope, quarter: Quarter, today: date) -> BoardPack:
    """The pack for the quarter, in the viewer's scope, with every registered section."""
    as_at = min(quarter.end, today)
    organisation = None
    if not scope.partnership_wide:
        organisation = Organisation.objects.get(pk=scope.organisation_id)
    in_quarter = ReportFilters(organisation=organisation, since=quarter.start, until=as_at)
    to_date = ReportFilters(organisation=organisation, until=as_at)
    # Names off, whoever reads it (see the module docstring).
    pack_scope = ReportScope(organisation_id=scope.organisation_id, names=False)
    sections = []
    for slug in SECTIONS:
        kind = report_type(slug)
        if kind is None:
            continue
        cumulative = slug in CUMULATIVE
        report = kind.build(
            scope=pack_scope, filters=to_date if cumulative else in_quarter, today=as_at
        )
        period = f"Up to {_day(as_at)}" if cumulative else f"{_day(quarter.start)} to {_day(as_at)}"
        sections.append(_section(report, period))
    return BoardPack(
        quarter=quarter,
        produced_on=today,
        as_at=as_at,
        covering=organisation.name if organisation else "The whole partnership",
        sections=sections,
    )
