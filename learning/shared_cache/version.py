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
CONTENT_VERSION_ROW = 1
# Where a request keeps the number it read, so a page asks the database once.
_REQUEST_ATTRIBUTE = "_hub_content_version"


def content_version() -> int:
    """The current content version: 0 before anything was ever published."""
    request = current_request()
    if request is None:
        return _read()
    known = getattr(request, _REQUEST_ATTRIBUTE, None)
    if known is not None:
        return known
    # Imported here: learning.person_facts imports this module.
    from learning.person_facts import person_facts, person_facts_read

    user = getattr(request, "user", None)
    if getattr(user, "is_authenticated", False) and not person_facts_read(user):
        # A signed-in reader's facts come with the content version, in the one statement
        # every signed-in page runs anyway (it remembers the number here).
        person_facts(user)
        known = getattr(request, _REQUEST_ATTRIBUTE, None)
        if known is not None:
            return known
    number = _read()
    setattr(request, _REQUEST_ATTRIBUTE, number)
    return number


def remember_content_version(number: int) -> None:
    """Keep a number read elsewhere (learning.person_facts) for this request, unless one
    was read already: the first reading is the one the request's keys are built on."""
    request = current_request()
    if request is not None and getattr(request, _REQUEST_ATTRIBUTE, None) is None:
        setattr(request, _REQUEST_ATTRIBUTE, number)


def _read() -> int:
    return (
        ContentVersion.objects.filter(pk=CONTENT_VERSION_ROW)
        .values_list("number", flat=True)
        .first()
        or 0
    )


def bump_content_version() -> None:
    """Make every shared fragment cached so far unreachable. Runs in the caller's
    transaction, so other instances see the new number exactly when they can see the
    change that caused it."""
    if not ContentVersion.objects.filter(pk=CONTENT_VERSION_ROW).update(number=F("number") + 1):
        try:
            with transaction.atomic():
                ContentVersion.objects.create(pk=CONTENT_VERSION_ROW, number=1)
        except IntegrityError:
            # Another process made the row first: count this change on top of theirs.
            ContentVersion.objects.filter(pk=CONTENT_VERSION_ROW).update(number=F("number") + 1)
    request = current_request()
    if request is not None and hasattr(request, _REQUEST_ATTRIBUTE):
        delattr(request, _REQUEST_ATTRIBUTE)
