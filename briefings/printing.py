"""The print view of a briefing: the same page at `?print=1`, laid out for paper with
the site's header, navigation and footer left out. It needs no JavaScript: readers
print it with their browser's own Print command, which can also save a PDF."""

from __future__ import annotations

from django.http import HttpRequest

PRINT_PARAMETER = "print"
SCREEN_LAYOUT = "base.html"
PRINT_LAYOUT = "briefings/print_layout.html"


def wants_print_view(request: HttpRequest | None) -> bool:
    """Only `?print=1` asks for the print view; any other value gives the normal page."""
    return request is not None and request.GET.get(PRINT_PARAMETER) == "1"


def layout_template(print_view: bool) -> str:
    """The base template the briefing page extends."""
    return PRINT_LAYOUT if print_view else SCREEN_LAYOUT
