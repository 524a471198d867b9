"""Values only one person sees, cached under their version, the content version and the
day."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils import timezone

from learning.personal_cache.version import personal_version
from learning.shared_cache.version import content_version

T = TypeVar("T")

# Keys change with every write and every day, so entries never need deleting; this bounds
# how long an unreachable one occupies a local-memory cache.
TIMEOUT_SECONDS = 60 * 60 * 24
KEY_PREFIX = "hub:personal"
_LONGEST_TAIL = 64


def personal_key(name: str, user, *parts: object) -> str:
    """The cache key of one person's value: theirs alone, as of now. Long parts (a
    query's filters) are hashed, keeping keys short whatever a URL held."""
    tail = ":".join(str(part) for part in parts)
    if len(tail) > _LONGEST_TAIL:
        tail = hashlib.sha256(tail.encode()).hexdigest()
    return (
        f"{KEY_PREFIX}:{name}:u{user.pk}:p{personal_version(user)}:v{content_version()}"
        f":d{timezone.localdate().isoformat()}:{tail}"
    )


def personal_value(name: str, user, build: Callable[[], T], *parts: object) -> T:
    """`build()`'s result for `user`, from the cache while nothing of theirs, no content
    and not the day has changed since it was built. `build` may read only the person's
    own records (each registered in learning.personal_cache.registry), content, and the
    day; `parts` name anything else it varies by."""
    # The version is read before build() reads anything: a write landing in between
    # leaves newer data under an older key, never older data under a newer one.
    key = personal_key(name, user, *parts)
    found = cache.get(key)
    if found is not None:
        return found[0]
    value = build()
    cache.set(key, (value,), TIMEOUT_SECONDS)
    return value
