"""A number that changes whenever anything readers see across pages changes.

Shared page fragments (navigation, the home page's lists, the common part of a
briefing) are cached under keys that include it, so a publish anywhere makes every
cached fragment unreachable at once, on every application instance, whatever cache
each instance has (learning.page_cache).
"""

from __future__ import annotations

from django.db import models


class ContentVersion(models.Model):
    """One row: bumped (never reset) when a page is published, unpublished, moved or
    deleted, or a tag readers see is renamed."""

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = "content version"

    def __str__(self) -> str:
        return f"content version {self.number}"
