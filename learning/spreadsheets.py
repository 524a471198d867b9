"""Every CSV and spreadsheet the site produces passes its cells through one function,
`spreadsheet_safe`, so that text someone typed (a page title, a CPD entry, an override
reason) opens as text and never runs as a formula (OWASP "CSV injection").

The files the hub writes itself (a learner's CPD record, the report tables, the
lead's people table) call it for each CSV cell; their Excel workbooks write every cell
through `xlsx_cell`, which keeps numbers and dates typed and sends the rest through it.
Every other export is a Wagtail admin listing, and all of those write their cells
through `SpreadsheetExportMixin.preprocess_field_value`, for CSV and XLSX alike.
`guard_wagtail_exports` wraps that one method (and the headings, which the form
builder takes from editors' field labels) when the app loads, so a report added later,
or one Wagtail adds in an upgrade, is covered without anyone remembering to opt in.
tests/learning/test_spreadsheets.py fails if an upgrade renames the method or writes
cells without it, and tests/learning/test_spreadsheet_exports.py downloads every export.
The same patch records each Wagtail export in the audit trail (as_spreadsheet, which
every one of them goes through); the hub's own files record theirs where they are made.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell, WriteOnlyCell

from learning.dependency_patches import wrap_method

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

# Excel, LibreOffice and Google Sheets start a formula at any of these; a tab or
# carriage return in front of "=" is skipped by some of them, so they count too.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# A leading apostrophe is the spreadsheets' own way to say "this cell is text"; it
# stops the formula in CSV, and in XLSX it keeps the cell a plain string that a later
# save-as-CSV cannot turn back into a formula.
TEXT_MARKER = "'"

# Set on the wrappers, so that installing twice (tests reload apps) wraps only once
# and the test can tell the guard is in place.
GUARD_ATTRIBUTE = "hub_formula_guard"


def _starts_like_formula(text: str) -> bool:
    if text.startswith(FORMULA_STARTS):
        return True
    # Some spreadsheets skip leading spaces, line feeds and NULs, and some read
    # full-width signs (U+FF1D for "=") as their ASCII forms, so look past both.
    first = text.lstrip().lstrip("\x00").lstrip()[:1]
    return unicodedata.normalize("NFKC", first).startswith(FORMULA_STARTS)


def spreadsheet_safe(value: object) -> str:
    """The value as cell text that no spreadsheet will run as a formula."""
    text = "" if value is None else str(value)
    if _starts_like_formula(text):
        return TEXT_MARKER + text
    return text


# Excel's own formats, so a figure reads as it does on the page: "87.5%", "2 March 2026".
PERCENT_FORMAT = "0.0%"
DATE_FORMAT = "d mmmm yyyy"
DATETIME_FORMAT = "d mmmm yyyy hh:mm"


def is_number(value: object) -> bool:
    """Whether a spreadsheet should hold `value` as a number."""
    # A bool is an int to Python, but a page shows it as a word, not a figure.
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def xlsx_cell(sheet: WriteOnlyWorksheet, value: object, *, percent: bool = False) -> Cell:
    """`value` as a cell of a write-only sheet, typed so that a reader can sum and chart
    it: an int, float or Decimal as a number (with `percent`, the figure a page shows as
    "87.5%" becomes the Excel percentage 87.5%), a date as a date, and anything else,
    blanks included, as text through `spreadsheet_safe`."""
    if is_number(value):
        cell = WriteOnlyCell(sheet, value=_fraction(value) if percent else value)
        if percent:
            cell.number_format = PERCENT_FORMAT
        return cell
    if isinstance(value, datetime):
        # Excel has no time zones: write the time as the site's clocks show it.
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        cell = WriteOnlyCell(sheet, value=local.replace(tzinfo=None))
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    # A workbook cannot hold most control characters (openpyxl refuses them), and they
    # go before the formula check, since "\x01=1" without its \x01 is a formula.
    text = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
    return WriteOnlyCell(sheet, value=spreadsheet_safe(text))


def _fraction(figure: int | float | Decimal) -> float:
    # Rounded so that 14.3 is 0.143 and not 0.14300000000000002; shares are shown to
    # one decimal place, far coarser than this.
    return round(float(figure) / 100, 10)


def _safe_cell(value: Any) -> Any:
    # Numbers, dates and None keep their type so the XLSX cells stay numbers and dates;
    # only text can carry a formula.
    return spreadsheet_safe(value) if isinstance(value, str) else value


def _guarded(method: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(method)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        return _safe_cell(method(*args, **kwargs))

    setattr(guarded, GUARD_ATTRIBUTE, True)
    return guarded


# The methods of SpreadsheetExportMixin that produce every cell of every Wagtail export.
GUARDED_METHODS = ("preprocess_field_value", "get_heading")

# Set on the wrapper of the method every Wagtail export goes through, once audited.
AUDIT_ATTRIBUTE = "hub_export_audited"


def _listing_name(view: Any) -> str:
    get_page_title = getattr(view, "get_page_title", None)
    title = get_page_title() if callable(get_page_title) else getattr(view, "page_title", "")
    if not title and getattr(view, "model", None) is not None:
        title = view.model._meta.verbose_name_plural
    return str(title or type(view).__name__)


# Query parameters that say how a listing is shown or exported, not what it holds.
_NOT_FILTERS = ("export", "p", "ordering")


def _audited(method: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(method)
    def audited(self: Any, queryset: Any, spreadsheet_format: str) -> Any:
        # Recorded before a row is written: a file whose export cannot be recorded is
        # not produced (AuditWriteFailed, which the admin answers with a 503).
        from learning.audit.downloads import record_download

        request = self.request
        listing = _listing_name(self)
        match = getattr(request, "resolver_match", None)
        record_download(
            request,
            what=f"the “{listing}” listing",
            report=match.view_name if match else listing,
            file_format=spreadsheet_format,
            filters={
                name: values if len(values) > 1 else values[0]
                for name, values in request.GET.lists()
                if name not in _NOT_FILTERS
            },
            extra={"listing": listing},
        )
        return method(self, queryset, spreadsheet_format)

    setattr(audited, AUDIT_ATTRIBUTE, True)
    return audited


def guard_wagtail_exports() -> None:
    """Make every Wagtail admin export pass its cells through `spreadsheet_safe`, and
    write an audit entry (EXPORTED, with the format and the listing's title).

    Patched on the mixin rather than configured per view: Wagtail has no setting for
    it, and views override `custom_field_preprocess` and `custom_value_preprocess`
    freely, so those class attributes cannot hold a site-wide rule."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    for name in GUARDED_METHODS:
        # Fails closed: better a site that will not start after an upgrade than exports
        # that quietly stop neutralising formulas.
        wrap_method(
            SpreadsheetExportMixin,
            name,
            _guarded,
            marker=GUARD_ATTRIBUTE,
            remedy="update learning.spreadsheets.guard_wagtail_exports.",
        )
    # Every export is a file of records leaving the hub: each goes into the audit trail.
    wrap_method(
        SpreadsheetExportMixin,
        "as_spreadsheet",
        _audited,
        marker=AUDIT_ATTRIBUTE,
        remedy="update learning.spreadsheets.guard_wagtail_exports.",
    )
