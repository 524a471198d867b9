"""A page that could not record its audit entry is refused with a 503, never a 500."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from learning.audit.services import AuditWriteFailed
from learning.outage import service_unavailable


class AuditFailureMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, AuditWriteFailed):
            return None
        page = render_to_string("learning/audit/not_recorded.html", request=request)
        return service_unavailable(page)
