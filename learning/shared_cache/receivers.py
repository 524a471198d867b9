"""What makes the shared fragments change: connected once, from LearningConfig.ready().

Any saved or deleted page counts, published or not: a draft save costs only a rebuild of
the fragments, while missing a path that changes what readers see (a title set in code,
a page made private) would serve stale pages. Tags readers see by name, view
restrictions and the site's own record count too. So do requirements (who they apply to
and what they ask): what each person is required to do is cached under this version as
well as their own (learning.personal_cache).
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_unpublished, post_page_move

from learning.models import AbuseType, Principle, Requirement, ThemeTag
from learning.shared_cache.version import bump_content_version

_MODELS_READERS_SEE = (
    PageViewRestriction,
    Site,
    Principle,
    AbuseType,
    ThemeTag,
    Requirement,
)
# Who a requirement applies to and what it asks for.
_RELATIONS_READERS_SEE = (
    Requirement.pages.through,
    Requirement.organisations.through,
    Requirement.teams.through,
    Requirement.roles.through,
)


def _content_changed(sender, **kwargs) -> None:
    bump_content_version()


def _relation_changed(sender, action, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
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
    for through in _RELATIONS_READERS_SEE:
        m2m_changed.connect(
            _relation_changed,
            sender=through,
            dispatch_uid=f"hub_shared_cache_{through._meta.label_lower}",
        )
