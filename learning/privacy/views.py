"""My data (my-data/): a person asks for a copy of everything the hub holds about
them and downloads it. The rules live in learning.privacy.access_export."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from learning.http import personal_data
from learning.models import AccessExport, AccessExportStatus
from learning.privacy import access_export

# How many of a person's copies the page lists, newest first.
COPIES_LISTED = 10


@require_http_methods(["GET", "HEAD", "POST"])
@personal_data
def my_data(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        try:
            export = access_export.request_export(subject=user, requested_by=user)
        except access_export.ExportAlreadyPending:
            messages.warning(request, access_export.ALREADY_PENDING)
        except access_export.ExportLimitReached:
            messages.warning(request, access_export.LIMIT_REACHED)
        else:
            if export.status == AccessExportStatus.READY:
                messages.success(request, "Your copy is ready to download.")
            elif export.status == AccessExportStatus.FAILED:
                messages.error(request, "We could not prepare your copy. Please try again later.")
            else:
                messages.info(
                    request,
                    "We are preparing your copy. Come back to this page in a few minutes "
                    "to download it.",
                )
        return redirect("my_data")
    access_export.give_up_abandoned(AccessExport.objects.filter(subject=user))
    copies = list(AccessExport.objects.filter(subject=user)[:COPIES_LISTED])
    access_export.expire_stale(copies)
    return render(
        request,
        "learning/privacy/my_data.html",
        {
            "copies": copies,
            # Their own request: one an administrator is producing does not stop them.
            "pending": any(
                c.status == AccessExportStatus.PENDING and c.requested_by_id == user.pk
                for c in copies
            ),
            "sections": access_export.section_titles(user),
            "lifetime_days": access_export.EXPORT_LIFETIME.days,
        },
    )


@require_GET
@personal_data
def my_data_download(request: HttpRequest, export_id) -> HttpResponse:
    # Only the person the copy is about: anyone else is told it does not exist.
    export = get_object_or_404(AccessExport, pk=export_id, subject=request.user)
    if export.status in (AccessExportStatus.PENDING, AccessExportStatus.FAILED):
        raise Http404("Not ready, or never made")
    stream = (
        access_export.open_download(export, downloaded_by=request.user)
        if access_export.is_downloadable(export)
        else None
    )
    if stream is None:
        access_export.expire_stale([export])
        return render(request, "learning/privacy/my_data_expired.html", status=410)
    return FileResponse(stream, as_attachment=True, filename=access_export.download_name(export))
