"""HTTP rules every response follows: what may be cached, and what needs a sign-in."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# Set on a response by a view that has decided its own caching (see shared_cache_allowed).
CACHE_CHOSEN_BY_VIEW = "hub_cache_chosen_by_view"

# Views whose pages belong to the sign-in journey, whoever asks: an invitation shows the
# invitee's address, a reset or confirmation link carries a secret, and a half-finished
# sign-in is somebody's.
SIGN_IN_VIEW_MODULES = ("allauth.", "learning.accounts.")


def personal_data(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For any page showing someone's records, entries or reports: sign-in required.
    (Keeping the page out of shared caches is PrivateByDefaultMiddleware's job, for
    every signed-in response.)"""
    return login_required(view)


def shared_cache_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Opt a view out of PrivateByDefaultMiddleware: it sets its own Cache-Control,
    knowing the page is the same for everyone and names nobody."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        setattr(response, CACHE_CHOSEN_BY_VIEW, True)
        return response

    return wrapped


def must_not_be_stored(request: HttpRequest, response: HttpResponse) -> bool:
    """Is this response private to whoever asked for it?"""
    if getattr(response, CACHE_CHOSEN_BY_VIEW, False):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    match = getattr(request, "resolver_match", None)
    module = getattr(match.func, "__module__", "") if match is not None else ""
    return module.startswith(SIGN_IN_VIEW_MODULES)


class PrivateByDefaultMiddleware:
    """Every response to a signed-in request, and every page of the sign-in journey, is
    sent `Cache-Control: private, no-store` unless its view says otherwise, so a new
    page or a dependency's page cannot be left in a proxy or the browser's cache by
    someone forgetting a decorator."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if must_not_be_stored(request, response):
            patch_cache_control(response, private=True, no_store=True)
        return response
