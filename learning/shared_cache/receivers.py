"""What makes the shared fragments change: connected once, from LearningConfig.ready().

Any saved or deleted page counts, published or not: a draft save costs only a rebuild of
the fragments, while missing a path that changes what readers see (a title set in code,
a page made private) would serve stale pages. Tags readers see by name, view
restrictions and the site's own record count too.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_unpublished, post_page_move

from learning.models import AbuseType, Principle, ThemeTag
from learning.shared_cache.version import bump_content_version

_MODELS_READERS_SEE = (PageViewRestriction, Site, Principle, AbuseType, ThemeTag)


def _content_changed(sender, **kwargs) -> None:
    bump_content_version()


def _page_changed(sender, instance=None, **kwargs) -> None:
    # Page signals are sent with each page type as sender, so this listens to all.
    if isinstance(instance, Page):
        bump_content_version()


def connect() -> None:
    post_save.connect(_page_changed, dispatch_uid="hub_shared_cache_page_saved")
    post_delete.connect(_page_changed, dispatch_uid="hub_shared_cache_page_deleted")
    page_unpublished.connect(_content_changed, dispatch_uid="hub_shared_cache_unpublished")
    post_page_move.connect(_content_changed, dispatch_uid="hub_shared_cache_moved")
    for model in _MODELS_READERS_SEE:
        uid = f"hub_shared_cache_{model._meta.label_lower}"
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"{uid}_deleted")
