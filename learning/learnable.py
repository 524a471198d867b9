"""Finds the learnable page types without importing the apps that define them."""

from __future__ import annotations

from wagtail.models import Page, get_page_models

from learning.models import LearningPage


def learnable_page_models() -> list[type[LearningPage]]:
    """Every concrete page model that inherits LearningPage."""
    return [
        model
        for model in get_page_models()
        if issubclass(model, LearningPage) and not model._meta.abstract
    ]


def learnable_pages():
    """A queryset of every learnable page (as base Page rows; call .specific() to
    get each page's own type)."""
    return Page.objects.type(*learnable_page_models())
