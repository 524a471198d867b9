"""Values only one person sees, cached under their version, the content version and the
day."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import TypeVar

from django.utils import timezone

from learning.personal_cache.version import personal_version
from learning.shared_cache.kept import kept_value
from learning.shared_cache.version import content_version

T = TypeVar("T")

# Keys change with every write and every day, so entries never need deleting. An hour
# covers a person's visit, and bounds what a partnership's people hold in a shared cache
# (a record page's parts run to tens of kilobytes a person).
TIMEOUT_SECONDS = 60 * 60
KEY_PREFIX = "hub:personal"
_LONGEST_TAIL = 64
_PLAIN = re.compile(r"[!-~]*")


def personal_key(name: str, user, *parts: object) -> str:
    """The cache key of one person's value: theirs alone, as of now. Parts that are long
    or hold anything but plain printable ASCII (a query's filters, a page number typed
    in another script) are hashed, so a key is short and safe in any cache backend
    whatever a URL held."""
    tail = ":".join(str(part) for part in parts)
    if len(tail) > _LONGEST_TAIL or not _PLAIN.fullmatch(tail):
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
    return kept_value(personal_key(name, user, *parts), build, TIMEOUT_SECONDS)
