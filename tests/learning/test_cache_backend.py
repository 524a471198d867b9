"""The production cache (learning.cache_backend): Redis shared by every application
instance, and this process's memory while Redis cannot be reached."""

from __future__ import annotations

import logging
import os
import socket
import uuid

import pytest
import redis
from django.contrib.auth import SESSION_KEY
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from learning import cache_backend
from learning.cache_backend import RETRY_SECONDS, FallbackRedisCache, RedisHealth
from tests.factories import PASSWORD, make_person
from tests.learning.log_records import logged

BACKEND = "learning.cache_backend.FallbackRedisCache"
REAL_REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture(autouse=True)
def _fresh_health(monkeypatch):
    # Each test sees Redis as answering until it finds otherwise.
    monkeypatch.setattr(cache_backend, "_health", {})


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


def make_cache(location: str, **params) -> FallbackRedisCache:
    return FallbackRedisCache(location, {"KEY_PREFIX": uuid.uuid4().hex, **params})


class TestRedisUnreachable:
    def test_every_call_works_from_memory_and_the_warning_is_logged_once(self):
        cache = make_cache(closed_port_url())
        with logged("learning.cache_backend") as log:
            assert cache.get("missing") is None
            cache.set("name", "Dana", 60)
            assert cache.get("name") == "Dana"
            cache.set("attempts", 1, 60)
            assert cache.incr("attempts") == 2
            assert cache.incr("attempts", 3) == 5
            assert cache.add("name", "someone else") is False
            assert cache.has_key("name")
            assert cache.get_many(["name", "attempts", "missing"]) == {
                "name": "Dana",
                "attempts": 5,
            }
            cache.set_many({"a": 1, "b": 2})
            assert cache.delete("name") is True
            cache.delete_many(key for key in ["a", "b"])
            assert cache.get_many(["name", "a", "b"]) == {}
            with pytest.raises(ValueError):
                cache.incr("never-set")  # as Redis would say
        warnings = log.at_least(logging.WARNING)
        assert len(warnings) == 1
        assert "Redis cannot be reached" in warnings[0].getMessage()

    def test_another_cache_object_in_the_process_shares_the_fallback(self):
        # Django makes one cache object per thread; a rate limit must count across them.
        location = closed_port_url()
        first, second = make_cache(location), make_cache(location)
        second.key_prefix = first.key_prefix
        second.fallback.key_prefix = first.fallback.key_prefix
        with logged("learning.cache_backend") as log:
            first.set("login-failures", 4, 60)
            assert second.get("login-failures") == 4
        assert len(log.at_least(logging.WARNING)) == 1

    def test_redis_is_tried_again_only_every_few_seconds(self, monkeypatch):
        tries = []

        def refuse(self, key, default=None, version=None):
            tries.append(key)
            raise RedisConnectionError("refused")

        monkeypatch.setattr(RedisCache, "get", refuse)
        clock = Clock()
        cache = make_cache(closed_port_url())
        cache.health = RedisHealth(clock=clock)
        with logged("learning.cache_backend") as log:
            for _ in range(20):
                cache.get("key")
            assert len(tries) == 1
            clock.now += RETRY_SECONDS - 0.1
            cache.get("key")
            assert len(tries) == 1
            clock.now += 0.2
            for _ in range(20):
                cache.get("key")
            assert len(tries) == 2
        assert len(log.at_least(logging.WARNING)) == 1


def test_back_to_redis_when_it_answers_and_the_outage_values_are_dropped(monkeypatch):
    server: dict[str, object] = {}
    up = {"now": False}

    def fake_get(self, key, default=None, version=None):
        if not up["now"]:
            raise RedisConnectionError("refused")
        return server.get(self.make_key(key, version), default)

    def fake_set(self, key, value, timeout=None, version=None):
        if not up["now"]:
            raise RedisConnectionError("refused")
        server[self.make_key(key, version)] = value

    monkeypatch.setattr(RedisCache, "get", fake_get)
    monkeypatch.setattr(RedisCache, "set", fake_set)
    clock = Clock()
    cache = make_cache("redis://127.0.0.1:1/0")
    cache.health = RedisHealth(clock=clock)
    with logged("learning.cache_backend") as log:
        cache.set("page", "written during the outage")
        assert cache.get("page") == "written during the outage"
        up["now"] = True
        assert cache.get("page") == "written during the outage"  # not yet retried
        clock.now += RETRY_SECONDS
        assert cache.get("page") is None  # Redis's answer, not the local one
        cache.set("page", "fresh")
        assert server == {cache.make_key("page"): "fresh"}
        # A second outage starts from an empty local cache and warns again.
        up["now"] = False
        assert cache.get("page") is None
    messages = [record.getMessage() for record in log.at_least(logging.WARNING)]
    assert len(messages) == 3
    assert "answering again" in messages[1]
    assert "cannot be reached" in messages[2]


# Against the real Redis: two application instances share one.


@pytest.fixture
def real_redis():
    client = redis.Redis.from_url(REAL_REDIS, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.exceptions.RedisError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"Redis is not answering at {REAL_REDIS} ({error}); CI is not set")
    prefix = f"test-{uuid.uuid4().hex}"
    yield client, prefix
    # Only this test's keys: other tests may share the database.
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
    client.close()


def instance(prefix: str) -> FallbackRedisCache:
    """A cache as another server would have it: its own Redis connection, its own
    memory to fall back on."""
    cache = FallbackRedisCache(REAL_REDIS, {"KEY_PREFIX": prefix})
    cache.health = RedisHealth()
    cache.fallback = LocMemCache(f"instance-{uuid.uuid4().hex}", {"KEY_PREFIX": prefix})
    return cache


def test_two_instances_share_values_through_redis(real_redis):
    client, prefix = real_redis
    first, second = instance(prefix), instance(prefix)
    first.set("version", 7, 60)
    assert second.get("version") == 7
    assert second.incr("version") == 8
    assert first.get("version") == 8
    second.delete("version")
    assert first.get("version") is None
    first.set_many({"a": 1, "b": 2}, 60)
    assert second.get_many(["a", "b"]) == {"a": 1, "b": 2}
    assert not first.health.down and not second.health.down
    assert len(list(client.scan_iter(match=f"{prefix}:*"))) == 2


def test_a_sign_in_lockout_on_one_instance_holds_on_the_other(real_redis, client, db):
    redis_client, prefix = real_redis
    user = make_person()
    shared = {"default": {"BACKEND": BACKEND, "LOCATION": REAL_REDIS, "KEY_PREFIX": prefix}}
    with override_settings(CACHES=shared):
        caches["default"] = instance(prefix)  # instance A
        for _ in range(5):
            response = client.post(
                reverse("account_login"), {"login": user.email, "password": "wrong-password"}
            )
            assert "Too many failed" not in response.content.decode()
        assert list(redis_client.scan_iter(match=f"{prefix}:*"))

        caches["default"] = instance(prefix)  # instance B: nothing in common but Redis
        other_client = type(client)()
        response = other_client.post(
            reverse("account_login"), {"login": user.email, "password": PASSWORD}
        )
        assert "Too many failed" in response.content.decode()
        assert SESSION_KEY not in other_client.session
