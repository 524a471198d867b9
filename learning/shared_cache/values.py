"""Values every reader shares, cached under the content version."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from learning.shared_cache.kept import kept_value
from learning.shared_cache.version import content_version

T = TypeVar("T")

# Keys change with every publish, so entries never need deleting; a day bounds how long
# an unreachable one occupies a local-memory cache.
TIMEOUT_SECONDS = 60 * 60 * 24
KEY_PREFIX = "hub:shared"


def shared_key(name: str, *parts: object) -> str:
    """The cache key of a shared value or fragment at the current content version."""
    tail = ":".join(str(part) for part in parts)
    return f"{KEY_PREFIX}:{name}:v{content_version()}:{tail}"


def shared_value(name: str, build: Callable[[], T], *parts: object) -> T:
    """`build()`'s result, from the cache while no content has changed since it was
    built. It must not depend on who is asking: `parts` name everything it varies by."""
    return kept_value(shared_key(name, *parts), build, TIMEOUT_SECONDS)


def shared_page_url(name: str, find_page: Callable[[], object | None], request) -> str | None:
    """The URL of the page `find_page()` returns (an index page, say), or None when there
    is none or it has no URL: looked up once per content version and host."""

    def build() -> str | None:
        page = find_page()
        return page.get_url(request) if page is not None else None

    return shared_value(name, build, request.get_host())
