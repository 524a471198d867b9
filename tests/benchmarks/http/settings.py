"""The site's own settings, plus one view for the HTTP benchmarks to compare against.

Only the measurement harness (tests/benchmarks/http/measure.py) runs the site with these;
the bare view never becomes a route of the real site."""

from learning.settings import *  # noqa: F403

ROOT_URLCONF = "tests.benchmarks.http.urls"
