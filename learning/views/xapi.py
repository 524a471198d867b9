"""The xAPI export (learning.reports.xapi): a form for the date range and how people
are identified, and the statements as a JSON file, streamed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET
from wagtail.models import Site

from learning import permissions
from learning.audit.downloads import record_download, record_people_in_download
from learning.http import personal_data
from learning.models import Organisation
from learning.reports.export_forms import XapiExportForm
from learning.reports.xapi import MAX_DAYS, json_array, people_in_statements, statements


def _root_url(request: HttpRequest) -> str:
    site = Site.find_for_request(request)
    return (site.root_url if site else request.build_absolute_uri("/")).rstrip("/")


@require_GET
@personal_data
def xapi_export(request: HttpRequest) -> HttpResponse:
    scope = permissions.xapi_scope(request.user)
    if scope is None:
        raise PermissionDenied(
            "The xAPI export is for organisation leads: each statement is one person's "
            "record, so only their own organisation's lead may take them away."
        )
    # Asked for once any of the form's fields is in the query (a date comes as three boxes).
    bound = any(
        not field.widget.value_omitted_from_data(request.GET, {}, name)
        for name, field in XapiExportForm.base_fields.items()
    )
    form = XapiExportForm(request.GET if bound else None, scope=scope)
    if bound and form.is_valid():
        since, until = form.cleaned_data["since"], form.cleaned_data["until"]
        organisation = Organisation.objects.get(pk=scope.organisation_id)
        record_download(
            request,
            what=f"{organisation}'s xAPI statements",
            report="xapi",
            file_format="json",
            filters={
                "organisation": organisation,
                "since": since,
                "until": until,
                "actor_form": form.actor_form().value,
            },
        )
        record_people_in_download(
            request,
            people_in_statements(scope=scope, since=since, until=until),
            what=f"{organisation}'s xAPI statements",
            file_format="json",
        )
        items = statements(
            scope=scope,
            since=since,
            until=until,
            actor_form=form.actor_form(),
            root_url=_root_url(request),
            request=request,
        )
        who = slugify(organisation.name)
        response = StreamingHttpResponse(
            json_array(items), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="xapi-statements-{who}-{since}-to-{until}.json"'
        )
        response["X-Experience-API-Version"] = "1.0.3"
        return response
    return render(
        request,
        "learning/reports/xapi.html",
        {"form": form, "scope": scope, "max_days": MAX_DAYS},
        status=400 if bound else 200,
    )
