"""HTTP helpers shared by views that show personal records."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


def personal_data(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For any page showing someone's records, entries or reports: sign-in required,
    and no proxy or shared cache may keep a copy (Cache-Control: private, no-store)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        return response

    return login_required(wrapped)
