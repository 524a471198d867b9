"""The one way the hub wraps a dependency's method (learning.dependency_patches)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from learning.dependency_patches import wrap_method


def shouting(method):
    def wrapped(self):
        return method(self).upper()

    wrapped.hub_test_marker = True
    return wrapped


def test_wraps_once_however_often_it_is_installed():
    class Greeter:
        def greet(self):
            return "hello"

    for _ in range(2):
        wrap_method(Greeter, "greet", shouting, marker="hub_test_marker", remedy="-")
    assert Greeter().greet() == "HELLO"
    assert Greeter.greet.hub_test_marker


def test_a_renamed_method_stops_the_site_from_starting():
    class Greeter:
        def salute(self):
            return "hello"

    with pytest.raises(ImproperlyConfigured, match="has no greet\\(\\) any more: fix me"):
        wrap_method(Greeter, "greet", shouting, marker="hub_test_marker", remedy="fix me")
