"""How long a detector takes, measured the same way by every detector's speed test."""

from __future__ import annotations

import time
from collections.abc import Callable


def second_scan_seconds(find: Callable[[str], object], text: str) -> float:
    """Seconds `find` takes over `text` once its word lists are loaded.

    The first call loads and caches the lists, so only the second is timed."""
    find(text)
    started = time.perf_counter()
    find(text)
    return time.perf_counter() - started
