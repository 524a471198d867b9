"""One function neutralises formulas in every spreadsheet cell the site writes, and it
stays wired into Wagtail's exports: these tests fail if a Wagtail upgrade renames the
methods it wraps, writes cells round them, or adds an export view that overrides them."""

from __future__ import annotations

import csv
import inspect
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import Workbook, load_workbook
from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin

from learning.spreadsheets import (
    DATE_FORMAT,
    DATETIME_FORMAT,
    FORMULA_STARTS,
    GUARD_ATTRIBUTE,
    GUARDED_METHODS,
    PERCENT_FORMAT,
    spreadsheet_safe,
    xlsx_cell,
)

PAYLOADS = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+44 1234", "'+44 1234"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        # Past leading blanks and NULs, and full-width signs, which some read as ASCII.
        (" =1", "' =1"),
        ("\u00a0=1", "'\u00a0=1"),
        ("\n=1", "'\n=1"),
        ("\x00=1", "'\x00=1"),
        ("\uff1dSUM(A1)", "'\uff1dSUM(A1)"),
        ("\uff20cmd", "'\uff20cmd"),
        (" Plain title", " Plain title"),
        ("Plain title", "Plain title"),
        ("a=b", "a=b"),
        ("'=already text", "'=already text"),
        (90, "90"),
        (None, ""),
    ],
)
def test_spreadsheet_safe(value, expected):
    assert spreadsheet_safe(value) == expected


def export_view_classes() -> dict[type, dict]:
    """Every view class behind a URL that mixes in SpreadsheetExportMixin, with the
    keyword arguments its URL builds it with."""
    found: dict[type, dict] = {}

    def walk(patterns) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view_class = getattr(pattern.callback, "view_class", None)
                if view_class and issubclass(view_class, SpreadsheetExportMixin):
                    found.setdefault(view_class, dict(pattern.callback.view_initkwargs))

    walk(get_resolver().url_patterns)
    return found


def test_the_guard_wraps_the_methods_every_cell_passes_through():
    for name in GUARDED_METHODS:
        method = getattr(SpreadsheetExportMixin, name, None)
        assert method is not None, f"Wagtail no longer has SpreadsheetExportMixin.{name}"
        assert getattr(method, GUARD_ATTRIBUTE, False), f"{name} is not guarded"
    # If Wagtail starts writing cells some other way, the guard would be bypassed.
    source = {
        name: inspect.getsource(getattr(SpreadsheetExportMixin, name))
        for name in ("write_csv_row", "generate_xlsx_row", "stream_csv", "write_xlsx")
    }
    assert "self.preprocess_field_value(" in source["write_csv_row"]
    assert "self.preprocess_field_value(" in source["generate_xlsx_row"]
    assert "self.get_heading(" in source["stream_csv"]
    assert "self.get_heading(" in source["write_xlsx"]


def all_export_view_classes() -> dict[type, dict]:
    """The URL walk's classes, and every other loaded subclass of the mixin: views
    mounted through a dispatcher function (the page explorer below the root, form
    submissions) and the bases the others inherit from."""

    def subclasses(cls: type):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    found = export_view_classes()  # also imports every view the URLs use
    for cls in subclasses(SpreadsheetExportMixin):
        found.setdefault(cls, {})
    return found


def test_no_export_view_overrides_the_guarded_methods():
    for cls in all_export_view_classes():
        for name in GUARDED_METHODS:
            own = cls.__dict__.get(name)
            assert own is None or getattr(own, GUARD_ATTRIBUTE, False), (
                f"{cls.__module__}.{cls.__qualname__} overrides {name}() without the guard"
            )


def test_the_url_walk_finds_the_exports_we_know_of():
    names = {cls.__qualname__ for cls in export_view_classes()}
    assert names >= {"LogEntriesView", "CheckReportView", "ReviewDueReportView"}
    assert "SubmissionsListView" in {cls.__qualname__ for cls in all_export_view_classes()}


@pytest.mark.parametrize(
    "view_class",
    sorted(all_export_view_classes(), key=lambda cls: (cls.__module__, cls.__qualname__)),
    ids=lambda cls: f"{cls.__module__}.{cls.__qualname__}",
)
def test_every_export_view_writes_formulas_as_text(view_class):
    view = view_class(**all_export_view_classes()[view_class])
    fields = ["hub_cell"]
    view.list_export = fields
    view.export_headings = {"hub_cell": "=HEADING()"}

    for payload in PAYLOADS:
        row = {"hub_cell": payload}
        line = view.write_csv_row(csv.DictWriter(Echo(), fieldnames=fields), row)
        [[cell]] = csv.reader(io.StringIO(line.decode()))
        assert cell == "'" + payload

        sheet = Workbook(write_only=True).create_sheet()
        [xlsx_cell] = list(view.generate_xlsx_row(sheet, row))
        assert xlsx_cell.data_type != "f"
        assert xlsx_cell.value == "'" + payload

    assert view.get_heading(None, "hub_cell") == "'=HEADING()"


def test_numbers_and_dates_keep_their_type():
    view = SpreadsheetExportMixin()
    assert view.preprocess_field_value("count", -5, SpreadsheetExportMixin.FORMAT_XLSX) == -5
    assert view.preprocess_field_value("count", -5, SpreadsheetExportMixin.FORMAT_CSV) == -5
    assert not spreadsheet_safe("2026-01-01").startswith(FORMULA_STARTS)


# The hub's own workbooks: xlsx_cell --------------------------------------------------


def _written(value, **options):
    """The cell as it reads back from a saved workbook."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([xlsx_cell(sheet, value, **options)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return load_workbook(buffer).active["A1"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xlsx_cell_writes_formulas_as_text(payload):
    cell = xlsx_cell(Workbook(write_only=True).create_sheet(), payload)
    assert cell.data_type != "f"
    assert cell.value == "'" + payload


def test_xlsx_cell_drops_characters_a_workbook_cannot_hold_before_the_formula_check():
    # openpyxl refuses \x01; without it the text is a formula, so it must still be marked.
    cell = xlsx_cell(Workbook(write_only=True).create_sheet(), "\x01=HYPERLINK(1)")
    assert cell.data_type != "f"
    assert cell.value == "'=HYPERLINK(1)"


@pytest.mark.parametrize(
    ("value", "options", "expected", "number_format"),
    [
        (7, {}, 7, "General"),
        (-5, {}, -5, "General"),
        (2.5, {}, 2.5, "General"),
        (Decimal("4.2"), {}, 4.2, "General"),
        (87.5, {"percent": True}, 0.875, PERCENT_FORMAT),
        (14.3, {"percent": True}, 0.143, PERCENT_FORMAT),
        (100, {"percent": True}, 1, PERCENT_FORMAT),
        (date(2026, 3, 2), {}, datetime(2026, 3, 2), DATE_FORMAT),
        # Excel has no time zones: 12:30 UTC in June is 13:30 in London, the site's.
        (
            datetime(2026, 6, 1, 12, 30, tzinfo=UTC),
            {},
            datetime(2026, 6, 1, 13, 30),
            DATETIME_FORMAT,
        ),
        # Text and blanks, however numeric they look, stay text.
        ("fewer than 5", {}, "fewer than 5", "General"),
        ("12", {}, "12", "General"),
        (True, {}, "True", "General"),
        (None, {}, None, "General"),
    ],
)
def test_xlsx_cell_keeps_numbers_and_dates_typed(value, options, expected, number_format):
    cell = _written(value, **options)
    assert cell.value == expected
    assert type(cell.value) is type(expected)
    assert cell.number_format == number_format
