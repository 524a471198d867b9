"""Wrapping a dependency's method in place, for the few site-wide rules Django, Wagtail
and modelcluster give no setting for (learning.forms_ids, learning.spreadsheets)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured


def wrap_method(
    owner: type,
    name: str,
    wrap: Callable[[Callable[..., Any]], Callable[..., Any]],
    *,
    marker: str,
    remedy: str,
) -> None:
    """Replace `owner.name` with `wrap(owner.name)`, once: a method already carrying
    `marker` (set by `wrap` on what it returns) is left alone, since tests reload apps.

    Fails closed: if an upgrade renames the method the site refuses to start, saying
    `remedy`, rather than quietly losing the rule."""
    method = getattr(owner, name, None)
    if method is None:
        raise ImproperlyConfigured(f"{owner.__qualname__} has no {name}() any more: {remedy}")
    if not getattr(method, marker, False):
        setattr(owner, name, wrap(method))
