"""/favicon.ico, which browsers and other tools ask for whatever the page links to."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseRedirect
from django.templatetags.static import static

# The icon's file in static/, as linked from base.html.
FAVICON = "images/favicon.ico"


def favicon(request: HttpRequest) -> HttpResponseRedirect:
    # A temporary redirect: the static file's name carries a hash of its content in
    # production, so a cached permanent redirect would point at an old file once it changes.
    return HttpResponseRedirect(static(FAVICON))
