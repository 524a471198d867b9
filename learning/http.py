"""HTTP helpers shared by views that show personal records."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


def private_for_signed_in(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Keep a signed-in person's page out of every proxy and shared cache
    (Cache-Control: private, no-store). For pages anyone may open but that show a
    signed-in reader their own progress; an anonymous visitor's copy is left cacheable."""
    if request.user.is_authenticated:
        patch_cache_control(response, private=True, no_store=True)
    return response


def personal_data(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For any page showing someone's records, entries or reports: sign-in required,
    and no proxy or shared cache may keep a copy (Cache-Control: private, no-store)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return private_for_signed_in(request, view(request, *args, **kwargs))

    return login_required(wrapped)
