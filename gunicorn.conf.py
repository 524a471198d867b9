"""gunicorn's configuration for the hub: `gunicorn learning.wsgi -c gunicorn.conf.py`.

Worker processes: WEB_CONCURRENCY (gunicorn's own name for it), 3 unless set. The
address stays on the command line (`--bind`), as it differs per host.

The application is imported once, in the master (preload_app), and the workers are
forked from it, so they share its memory and start answering at once. What makes that
sharing last is the garbage collector, handled in three steps (see the Python
documentation of gc.freeze):

1. The collector is off in the master while it imports Django, Wagtail and the hub:
   a collection there would free scattered objects and leave holes in pages that the
   workers inherit, and refilling a hole in a worker copies the whole page.
2. Right before each fork the master's heap is frozen: every object it holds moves to
   the permanent generation, which no collection in a worker ever walks. A worker's
   full collection then no longer visits the hundreds of thousands of objects of the
   imported code (without this, each one took 76-102 ms every 30-50 requests: the
   p99 tail of every page), nor writes to their headers, which would copy their pages.
3. A worker switches the collector back on as soon as it is forked, and freezes once
   more after its first WORKER_WARM_UP_REQUESTS requests: by then it has filled its own
   long-lived caches (compiled templates, content types, Wagtail's site roots, the
   database connection), which later collections need not walk either. It collects
   first, so no garbage of those requests is frozen for ever.

The master keeps its collector off: after start-up it allocates almost nothing, and
a worker it forks later (after one dies) inherits the same undisturbed heap.
"""

from __future__ import annotations

import gc
import os

from learning.environment import ConfigurationError, env_positive_int

try:
    workers = env_positive_int(os.environ, "WEB_CONCURRENCY", 3)
except ConfigurationError as error:
    error.exit()

preload_app = True

# Requests a worker answers before it freezes its own heap (step 3 above): enough to
# render each kind of page once or twice.
WORKER_WARM_UP_REQUESTS = 200

# Step 1: before gunicorn imports the application (it reads this file first).
gc.disable()


def when_ready(server) -> None:
    """In the master, with the application imported and before any worker is forked:
    finish the work every worker would otherwise repeat on its first requests, so
    that it is done once and shared. Nothing here opens a database connection, which
    the workers must not share."""
    warm_up()


def warm_up() -> None:
    from django.template import engines
    from django.urls import get_resolver

    # Compiles every URL pattern into the resolver's lookup tables.
    get_resolver().reverse_dict  # noqa: B018
    for backend in engines.all():
        # Builds the template loaders; the templates themselves compile on first use.
        if hasattr(backend, "engine"):
            backend.engine.template_loaders  # noqa: B018


def pre_fork(server, worker) -> None:
    # Step 2.
    gc.freeze()


def post_fork(server, worker) -> None:
    # Step 3, first half: the worker collects its own garbage from here on.
    gc.enable()


def post_request(worker, req, environ, resp) -> None:
    # Step 3, second half, once per worker.
    if worker.nr == WORKER_WARM_UP_REQUESTS:
        gc.collect()
        gc.freeze()
