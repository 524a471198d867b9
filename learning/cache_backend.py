"""The cache in production: Redis, falling back to this process's memory while Redis
cannot be reached (settings.CACHES when REDIS_URL is set).

Django's RedisCache raises on a connection error, which would turn every page that
touches the cache (sign-in, and the shared page fragments) into a 500 while Redis is
stopped. This backend catches the error, logs one warning, and for the rest of the
outage serves every call from a local-memory cache kept per process (shared by that
process's threads). It tries Redis again at most every RETRY_SECONDS, not on every
call, and when Redis answers it empties the local cache and uses Redis alone again.

The local cache, rather than refusing or failing closed, was chosen so that sign-in
rate limits keep counting while Redis is down: per process, so a person can make
(limit x processes) failed attempts in that time instead of (limit), which is far
better than no limit and far better than nobody being able to sign in. What the local
cache held is dropped when Redis returns, so nothing written during an outage (or a
delete that missed Redis) can be served as stale afterwards.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# How long to use the local cache before trying Redis again.
RETRY_SECONDS = 5.0
# Within one outage, repeat the warning no more often than this.
WARN_EVERY_SECONDS = 300.0
# A Redis that stopped answering (rather than refusing) must not hold each request for
# redis-py's default of no timeout at all.
DEFAULT_REDIS_OPTIONS = {"socket_connect_timeout": 1.0, "socket_timeout": 1.0}
FALLBACK_MAX_ENTRIES = 5000

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class RedisHealth:
    """Whether one Redis location is answering, as seen by this process."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self.down = False
        self._retry_at = 0.0
        self._warned_at: float | None = None

    def should_try(self) -> bool:
        return not self.down or self._clock() >= self._retry_at

    def failed(self, error: Exception) -> None:
        with self._lock:
            now = self._clock()
            self.down = True
            self._retry_at = now + RETRY_SECONDS
            if self._warned_at is not None and now - self._warned_at < WARN_EVERY_SECONDS:
                return
            self._warned_at = now
        logger.warning(
            "Redis cannot be reached (%s: %s); using this process's memory for the cache "
            "until it answers (sign-in rate limits count per process meanwhile).",
            type(error).__name__,
            error,
        )

    def answered(self) -> bool:
        """Record that Redis answered; True if it had been down."""
        if not self.down:
            return False
        with self._lock:
            if not self.down:
                return False
            self.down = False
            self._warned_at = None
        logger.warning("Redis is answering again; the cache is shared once more.")
        return True


# One per Redis location in each process: Django makes a cache object per thread.
_health: dict[str, RedisHealth] = {}
_health_lock = threading.Lock()


def health_for(location: str) -> RedisHealth:
    with _health_lock:
        return _health.setdefault(location, RedisHealth())


class FallbackRedisCache(RedisCache):
    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._options = {**DEFAULT_REDIS_OPTIONS, **self._options}
        location = ",".join(self._servers)
        self.health = health_for(location)
        # The same key prefix, version and key function as the Redis side. The name is
        # what LocMemCache shares its store by, so every thread sees one fallback.
        local_params = {key: value for key, value in params.items() if key != "OPTIONS"}
        local_params["OPTIONS"] = {"MAX_ENTRIES": FALLBACK_MAX_ENTRIES}
        self.fallback = LocMemCache(f"redis-fallback:{location}", local_params)

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        if self.health.should_try():
            try:
                result = getattr(RedisCache, method)(self, *args, **kwargs)
            except UNREACHABLE as error:
                self.health.failed(error)
            else:
                if self.health.answered():
                    self.fallback.clear()
                return result
        return getattr(self.fallback, method)(*args, **kwargs)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", key, version)

    def get_many(self, keys, version=None):
        # A list, as a failed try at Redis would have used up an iterator.
        return self._call("get_many", list(keys), version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", list(keys), version)

    def clear(self):
        return self._call("clear")
