"""The content version (learning.models.ContentVersion), read at most once a request.

It lives in the database rather than in the cache so that it is right whatever cache an
application instance has: with Redis every instance shares the cached fragments, with
per-process memory each keeps its own, and either way a key built from the current
number cannot find anything made before a publish.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from learning.audit.context import current_request
from learning.models import ContentVersion

# The one row: there is never a second.
_ROW = 1
# Where a request keeps the number it read, so a page asks the database once.
_REQUEST_ATTRIBUTE = "_hub_content_version"


def content_version() -> int:
    """The current content version: 0 before anything was ever published."""
    request = current_request()
    if request is not None and (known := getattr(request, _REQUEST_ATTRIBUTE, None)) is not None:
        return known
    number = ContentVersion.objects.filter(pk=_ROW).values_list("number", flat=True).first() or 0
    if request is not None:
        setattr(request, _REQUEST_ATTRIBUTE, number)
    return number


def bump_content_version() -> None:
    """Make every shared fragment cached so far unreachable. Runs in the caller's
    transaction, so other instances see the new number exactly when they can see the
    change that caused it."""
    if not ContentVersion.objects.filter(pk=_ROW).update(number=F("number") + 1):
        try:
            with transaction.atomic():
                ContentVersion.objects.create(pk=_ROW, number=1)
        except IntegrityError:
            # Another process made the row first: count this change on top of theirs.
            ContentVersion.objects.filter(pk=_ROW).update(number=F("number") + 1)
    request = current_request()
    if request is not None and hasattr(request, _REQUEST_ATTRIBUTE):
        delattr(request, _REQUEST_ATTRIBUTE)
