"""gunicorn.conf.py: the settings the README recommends, and the garbage collector's
handling around the fork (disabled while the master imports the site, frozen right
before each fork, enabled in the worker, frozen once more after its warm-up)."""

import gc
import importlib.util
from pathlib import Path

import pytest

CONFIG = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


class GcCalls:
    def __init__(self, monkeypatch) -> None:
        self.calls: list[str] = []
        for name in ("disable", "enable", "freeze", "collect"):
            monkeypatch.setattr(gc, name, self._recorder(name))

    def _recorder(self, name):
        def record(*args, **kwargs):
            self.calls.append(name)
            return 0

        return record


@pytest.fixture
def gc_calls(monkeypatch) -> GcCalls:
    # The real functions are put back after the test: this process keeps collecting.
    return GcCalls(monkeypatch)


def load_config():
    """The file as gunicorn reads it: executed as a module of its own."""
    spec = importlib.util.spec_from_file_location("hub_gunicorn_conf", CONFIG)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_three_workers_and_the_app_loaded_before_forking(gc_calls, monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    config = load_config()
    assert config.workers == 3
    assert config.preload_app is True


def test_the_number_of_workers_comes_from_web_concurrency(gc_calls, monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    assert load_config().workers == 5


@pytest.mark.parametrize("value", ["0", "three", "-2"])
def test_a_number_of_workers_that_cannot_run_stops_gunicorn(gc_calls, monkeypatch, value, capsys):
    monkeypatch.setenv("WEB_CONCURRENCY", value)
    with pytest.raises(SystemExit) as stopped:
        load_config()
    # The entry points' status for a configuration error, which also stops the master.
    assert stopped.value.code == 4
    assert "WEB_CONCURRENCY" in capsys.readouterr().err


def test_the_collector_is_off_while_the_master_imports_the_site(gc_calls):
    load_config()
    assert gc_calls.calls == ["disable"]


def test_the_heap_is_frozen_right_before_each_fork_and_collected_in_the_worker(gc_calls):
    config = load_config()
    gc_calls.calls.clear()
    config.pre_fork(server=None, worker=None)
    assert gc_calls.calls == ["freeze"]
    gc_calls.calls.clear()
    config.post_fork(server=None, worker=None)
    assert gc_calls.calls == ["enable"]


class Worker:
    def __init__(self, nr: int) -> None:
        self.nr = nr


def test_a_worker_collects_then_freezes_once_after_its_warm_up_requests(gc_calls):
    config = load_config()
    warm = config.WORKER_WARM_UP_REQUESTS
    gc_calls.calls.clear()
    for nr in range(1, warm):
        config.post_request(Worker(nr), None, {}, None)
    assert gc_calls.calls == []
    config.post_request(Worker(warm), None, {}, None)
    assert gc_calls.calls == ["collect", "freeze"]
    config.post_request(Worker(warm + 1), None, {}, None)
    assert gc_calls.calls == ["collect", "freeze"]


def test_warming_up_in_the_master_never_touches_the_database(gc_calls):
    # No database access is allowed in this test: a connection opened in the master
    # would be shared by every worker forked from it.
    from django.urls import get_resolver

    load_config().when_ready(server=None)
    assert get_resolver()._populated
