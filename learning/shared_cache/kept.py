"""Keeping a value or a rendered fragment under a key: the one way the shared and the
personal caches (learning.shared_cache, learning.personal_cache) read and fill the
cache. Their keys hold a version, so nothing here ever needs deleting."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django import template
from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

T = TypeVar("T")


def kept_value(key: str, build: Callable[[], T], timeout: int) -> T:
    """`build()`'s result under `key`, built only when the cache has none."""
    # Stored in a one-item tuple, so that a value of None is kept too.
    found = cache.get(key)
    if found is not None:
        return found[0]
    value = build()
    cache.set(key, (value,), timeout)
    return value


def kept_render(key: str, nodelist, context, timeout: int) -> SafeString | str:
    """A template fragment rendered under `key`, rendered only when the cache has none."""
    found = cache.get(key)
    if found is not None:
        return mark_safe(found)  # noqa: S308 - rendered by the same template, as below
    rendered = nodelist.render(context)
    cache.set(key, str(rendered), timeout)
    return rendered


def parse_fragment_tag(parser, token, end: str, subject: str) -> tuple:
    """(nodelist, name, subject, variants) of `{% tag "name" subject [variant ...] %}`
    up to `{% end %}`; a tag without a name and a subject is a syntax error."""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            f"{bits[0]} needs a name and a {subject}: "
            f'{{% {bits[0]} "name" {subject} [variant ...] %}}'
        )
    nodelist = parser.parse((end,))
    parser.delete_first_token()
    name, first, *variants = (parser.compile_filter(bit) for bit in bits[1:])
    return nodelist, name, first, variants
