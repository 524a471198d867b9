"""The site's URLs with /_bench/bare/ in front: a view that does nothing, answered by
the same server, middleware and settings as every page measured beside it."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path

from tests.benchmarks.http.pages import BARE_PATH


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [
    path(BARE_PATH.strip("/") + "/", bare, name="bench_bare"),
    path("", include("learning.urls")),
]
