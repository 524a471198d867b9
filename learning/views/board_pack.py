"""The quarterly board pack (learning.reports.board_pack): a print-ready page and a
PDF, for SAB managers (the partnership) and organisation leads (their organisation)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from learning import permissions
from learning.audit.downloads import record_download
from learning.http import personal_data
from learning.reports.board_pack import BoardPack, build_board_pack
from learning.reports.board_pack_pdf import board_pack_pdf
from learning.reports.export_forms import BoardPackForm

TEMPLATE = "learning/reports/board_pack.html"


def _pack_or_form(request: HttpRequest) -> tuple[BoardPackForm, BoardPack | None]:
    """The form, and the pack for the quarter asked for (the last complete quarter when
    none was); no pack when the quarter is not one on offer."""
    scope = permissions.report_scope(request.user)
    if scope is None:
        raise PermissionDenied("The board pack is for SAB managers and organisation leads.")
    today = timezone.localdate()
    form = BoardPackForm(request.GET if "quarter" in request.GET else None, today=today)
    quarter = form.chosen_quarter()
    if quarter is None:
        return form, None
    return form, build_board_pack(scope=scope, quarter=quarter, today=today)


def _render(request: HttpRequest, form: BoardPackForm, pack: BoardPack | None) -> HttpResponse:
    context = {"form": form, "pack": pack}
    if pack is not None:
        context["pdf_query"] = urlencode({"quarter": pack.quarter.code})
    return render(request, TEMPLATE, context, status=400 if pack is None else 200)


@require_GET
@personal_data
def board_pack(request: HttpRequest) -> HttpResponse:
    form, pack = _pack_or_form(request)
    return _render(request, form, pack)


@require_GET
@personal_data
def board_pack_download(request: HttpRequest) -> HttpResponse:
    """The same pack as a PDF; a quarter not on offer gets the page with its error."""
    form, pack = _pack_or_form(request)
    if pack is None:
        return _render(request, form, pack)
    record_download(
        request,
        what=f"the board pack for {pack.quarter.label}",
        report="board-pack",
        file_format="pdf",
        filters={"quarter": pack.quarter.code, "covering": pack.covering},
    )
    response = HttpResponse(board_pack_pdf(pack), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="board-pack-{pack.quarter.code}.pdf"'
    return response
