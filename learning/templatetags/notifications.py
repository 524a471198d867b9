"""Template tags for notifications: the unread count for the header and home page, and
how one notification reads."""

from __future__ import annotations

from django import template

from learning.models import Notification
from learning.notifications import selectors, wording

register = template.Library()

# The count is kept on the request, so the header and the page body share one query.
_CACHE_ATTRIBUTE = "_hub_unread_notification_count"


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """How many notifications the signed-in person has not opened; 0 when signed out.
    Use as `{% unread_notification_count as unread %}`."""
    request = context.get("request")
    if request is None:
        return 0
    if not hasattr(request, _CACHE_ATTRIBUTE):
        setattr(request, _CACHE_ATTRIBUTE, selectors.unread_count(recipient=request.user))
    return getattr(request, _CACHE_ATTRIBUTE)


@register.filter
def notification_actor(notification: Notification) -> str:
    return wording.actor_name(notification.actor)


@register.filter
def notification_did(notification: Notification) -> str:
    return wording.did(notification.kind)
