"""A 404 for an address whose object id no row could have, before the view looks it up.

Wagtail routes most admin objects through a `<str:pk>` converter, so that models with
text keys work too, and its views then hand the id straight to the database
(`Model.objects.get(pk=...)`, `filter(pk__in=...)`). For a model with an integer key,
"abc" raises ValueError and 25 digits OverflowError (SQLite) or DataError (PostgreSQL):
a 500 for what is only a mistyped or tampered address. Rather than replace each view,
this middleware reads which model the resolved view works on and refuses an id that
cannot be one of its keys, with the same strict reading forms get (learning.forms_ids).

It checks:
- the view's own id in the path (the `pk` keyword, or whatever `pk_url_kwarg` the view
  class names), for any class-based view that declares a `model`;
- the `id` query values of the views that take a list of ids from the query string:
  Wagtail's choosers' "chosen multiple" views and its bulk actions. (The page
  chooser's is the hub's own, learning.views.admin_overrides, which checks them.)

Only models whose key is an integer or a UUID are checked: a text key may need Wagtail's
URL quoting undone first, and the database takes any text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.admin.views.bulk_action import dispatcher as bulk_action_dispatcher
from wagtail.admin.views.generic.chooser import ChosenMultipleViewMixin
from wagtail.models import Page

from learning.forms_ids import key_for_field

# In a bulk action's query, "all" stands for every object in the listing.
_ALL_IN_LISTING = "all"


def _resolve_model(model: object) -> type[models.Model] | None:
    """A model class from what a view declares: a class, an "app_label.Model" string,
    or something else (None, a property) that names no model."""
    if isinstance(model, str):
        try:
            return apps.get_model(model)
        except (LookupError, ValueError):
            return None
    if isinstance(model, type) and issubclass(model, models.Model):
        return model
    return None


def view_model(view_func: Callable) -> type[models.Model] | None:
    """The model a class-based view works on: the `model` its URL pattern passed to
    as_view(), else its class's. Wagtail wraps its admin views in require_admin_access
    with functools.update_wrapper, which carries both over, so they are covered too."""
    view_class = getattr(view_func, "view_class", None)
    if view_class is None:
        return None
    initkwargs = getattr(view_func, "view_initkwargs", None) or {}
    return _resolve_model(initkwargs.get("model") or getattr(view_class, "model", None))


def _checked_key_field(model: type[models.Model]) -> models.Field | None:
    """The model's primary key when it is one this module checks: an integer or a UUID
    (a multi-table child's key is its parent link, followed to the parent's key)."""
    field = model._meta.pk
    while field.is_relation:
        field = field.target_field
    if isinstance(field, (models.IntegerField, models.UUIDField)):
        return model._meta.pk
    return None


def impossible_key(model: type[models.Model], values: list[Any]) -> bool:
    """Could one of `values` not be a key of `model`? False for a model whose keys are
    not checked (see the module's docstring)."""
    field = _checked_key_field(model)
    if field is None:
        return False
    return any(key_for_field(field, value) is None for value in values)


def _path_ids(view_func: Callable, view_kwargs: dict[str, Any]) -> list[Any]:
    view_class = getattr(view_func, "view_class", None)
    names = {"pk", getattr(view_class, "pk_url_kwarg", None) or "pk"}
    return [view_kwargs[name] for name in names if name in view_kwargs]


def _query_ids(
    request: HttpRequest, view_func: Callable, view_kwargs: dict[str, Any]
) -> tuple[type[models.Model] | None, list[str]]:
    """The model whose keys the view reads from the query string, and the values it
    reads, for the views that take ids there; (None, []) for any other view."""
    ids = request.GET.getlist("id")
    view_class = getattr(view_func, "view_class", None)
    if view_class is not None and issubclass(view_class, ChosenMultipleViewMixin):
        return view_model(view_func), ids
    if _innermost(view_func) is bulk_action_dispatcher.index:
        try:
            model = apps.get_model(view_kwargs["app_label"], view_kwargs["model_name"])
        except (KeyError, LookupError, ValueError):
            return None, []  # the dispatcher answers 404 itself
        if _ALL_IN_LISTING in ids:
            # Every object in a listing: for pages, the listing of the page named by
            # "childOf", which is then looked up as a page.
            child_of = request.GET.get("childOf")
            is_pages = issubclass(model, Page)
            return model, ([child_of] if is_pages and child_of is not None else [])
        return model, ids
    return None, []


def _innermost(view_func: Callable) -> Callable:
    while hasattr(view_func, "__wrapped__"):
        view_func = view_func.__wrapped__
    return view_func


class RefuseImpossibleIdsMiddleware:
    """Answers 404 when a resolved view's object id (in the path, or in the query for
    the views that take a list) could not be a key of the model it works on.

    Placed after the sign-in and second-factor guards, and it checks signed-in requests
    only: a signed-out person is sent to sign in at any admin address, well-formed or
    not, exactly as before (the views themselves ask for sign-in before any lookup)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable,
        view_args: tuple,
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if not request.user.is_authenticated:
            return None
        model = view_model(view_func)
        if model is not None and impossible_key(model, _path_ids(view_func, view_kwargs)):
            raise Http404("No object has that id.")
        query_model, ids = _query_ids(request, view_func, view_kwargs)
        if query_model is not None and impossible_key(query_model, ids):
            raise Http404("No object has that id.")
        return None
