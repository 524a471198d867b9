"""An administrator produces a copy of a person's data for a subject access request
that arrived outside the hub (by letter): a page listing that person's copies and a
form with the request's reference (POST makes a copy), and the download of each copy.

Only people with learning.produce_accessexport (site administrators) reach it, behind
the admin's second factor like the rest of the admin; anyone else, and a non-superuser
asking about a superuser, gets a 404 as if the person did not exist. Producing and
downloading are both audited, with the person as the subject.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from learning.models import AccessExport, AccessExportStatus
from learning.permissions import can_produce_access_exports
from learning.privacy import access_export
from learning.privacy.person_admin import PersonAdminView, person_or_404

REFERENCE_MAX_LENGTH = AccessExport._meta.get_field("reason").max_length


class AccessRequestForm(forms.Form):
    reason = forms.CharField(
        label="Reference for the request",
        help_text="Kept in the audit log for good, so do not name the person: for example "
        "the letter's date and your case reference.",
        max_length=REFERENCE_MAX_LENGTH,
        required=False,  # clean_reason says what is missing, in the hub's words
    )

    def clean_reason(self) -> str:
        reason = " ".join((self.cleaned_data.get("reason") or "").split())
        if not reason:
            raise forms.ValidationError(
                "Enter a reference for the request, such as the letter's date and your "
                "case reference.",
                code="required",
            )
        return reason


class AccessExportView(PersonAdminView):
    template_name = "learning/privacy/admin_access_export.html"
    header_icon = "download"
    page_title = "Copy of a person's data"
    allowed = staticmethod(can_produce_access_exports)

    def get(self, request: HttpRequest, user_id: int) -> HttpResponse:
        return self._page(AccessRequestForm())

    def post(self, request: HttpRequest, user_id: int) -> HttpResponse:
        form = AccessRequestForm(request.POST)
        if not form.is_valid():
            return self._page(form, status=400)
        try:
            export = access_export.request_export(
                subject=self.person, requested_by=request.user, reason=form.cleaned_data["reason"]
            )
        except access_export.ExportAlreadyPending:
            messages.warning(
                request,
                "A copy you asked for is still being prepared. Open this page again in a "
                "few minutes.",
            )
            return redirect(reverse("admin_access_export", args=[self.person.pk]))
        if export.status == AccessExportStatus.FAILED:
            messages.error(request, "The copy could not be prepared. Please try again later.")
        elif export.status == AccessExportStatus.READY:
            messages.success(
                request, f"The copy of the data of {self.person} is ready to download."
            )
        else:
            messages.info(
                request, "The copy is being prepared. Open this page again in a few minutes."
            )
        return redirect(reverse("admin_access_export", args=[self.person.pk]))

    def get_context_data(self, **kwargs) -> dict:
        access_export.give_up_abandoned(AccessExport.objects.filter(subject=self.person))
        copies = list(
            AccessExport.objects.filter(subject=self.person).select_related("requested_by")[:20]
        )
        access_export.expire_stale(copies)
        return super().get_context_data(
            copies=copies, lifetime_days=access_export.EXPORT_LIFETIME.days, **kwargs
        )


def access_export_download(request: HttpRequest, user_id: int, export_id) -> HttpResponse:
    if request.method != "GET":
        raise Http404
    person = person_or_404(request, user_id, can_produce_access_exports)
    # A copy the person asked for themselves is theirs alone: an administrator downloads
    # only a copy produced for a request by letter, with its reference.
    export = get_object_or_404(
        AccessExport.objects.exclude(requested_by=person), pk=export_id, subject=person
    )
    stream = (
        access_export.open_download(export, downloaded_by=request.user)
        if access_export.is_downloadable(export)
        else None
    )
    if stream is None:
        access_export.expire_stale([export])
        messages.warning(
            request, "That copy is no longer available. Produce a new one if it is needed."
        )
        return redirect(reverse("admin_access_export", args=[person.pk]))
    return FileResponse(
        stream, as_attachment=True, filename=access_export.download_name(export, "data-copy")
    )
