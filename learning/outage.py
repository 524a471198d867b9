"""While the database cannot be reached, every page is a plain 503 ("try again in a few
minutes"), never a 500 or a traceback, and the site recovers by itself when it returns.

A connection error can surface in a view, or before it in a middleware or its
process_view (the first to read request.user loads the session). Django turns an
exception from a middleware into a 500 at that middleware's boundary, so nothing above
sees the exception itself: a receiver of got_request_exception notes the error on the
request, and DatabaseOutageMiddleware, high in settings.MIDDLEWARE, swaps that 500 for
the 503. Errors in a view reach its process_exception directly. Either way the request
is logged once, by this module (SkipDatabaseOutage keeps django.request's own
traceback out of the log), and the broken connection is closed, so the next request
opens a new one instead of failing on the dead one.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# Seconds a browser or client is told to wait before trying again.
RETRY_AFTER_SECONDS = 30
DATABASE_OUTAGE = (OperationalError, InterfaceError)
# Set on a request when a connection error became a 500 somewhere below the middleware.
FAILED_ATTRIBUTE = "hub_database_error"


def service_unavailable(content: str, *, retry_after: int = RETRY_AFTER_SECONDS) -> HttpResponse:
    """A 503 response with the page given, which a browser, proxy or load balancer
    is told to try again after `retry_after` seconds and to keep out of caches."""
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def database_unavailable(request: HttpRequest, error: BaseException) -> HttpResponse:
    """The 503 for a request whose database connection failed, logged once."""
    # The path only: a query string may hold a search or a token. The error's first
    # line names the failure (refused, closed, timed out) without any SQL.
    summary = (str(error).strip().splitlines() or [""])[0][:200]
    logger.error(
        "The database cannot be reached: %s %s gets a 503 (%s: %s)",
        request.method,
        request.path,
        type(error).__name__,
        summary,
    )
    discard_broken_connections()
    # templates/503.html needs no request, user or database, like 500.html.
    response = service_unavailable(render_to_string("503.html"))
    # Already logged above: Django's request logger would add a second line.
    response._has_been_logged = True
    return response


def discard_broken_connections() -> None:
    """Close any connection that no longer works (Django's own check, run now), so the
    next request reconnects. Django does this when a request finishes, too; doing it
    here also covers servers and clients that skip that signal."""
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            continue  # its owner decides; a test's transaction, for one
        connection.errors_occurred = True
        try:
            connection.close_if_unusable_or_obsolete()
        except DatabaseError:
            logger.debug("Closing a broken database connection failed", exc_info=True)


@receiver(got_request_exception, dispatch_uid="learning.outage.note_database_error")
def note_database_error(sender, request: HttpRequest | None = None, **kwargs) -> None:
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_OUTAGE):
        setattr(request, FAILED_ATTRIBUTE, error)


class SkipDatabaseOutage(logging.Filter):
    """For django.request: leave out the traceback of a database connection error,
    which database_unavailable has logged in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(error, DATABASE_OUTAGE)


class DatabaseOutageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        error = getattr(request, FAILED_ATTRIBUTE, None)
        if error is not None and response.status_code == 500:
            # Not closed: closing a response announces the request finished, which
            # the 503 will do.
            return database_unavailable(request, error)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_OUTAGE):
            return None
        return database_unavailable(request, exception)
