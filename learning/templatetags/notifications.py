"""Template tags for notifications: the unread count for the header and home page, and
how one notification reads."""

from __future__ import annotations

from django import template

from learning.models import Notification
from learning.notifications import wording
from learning.person_facts import person_facts

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context) -> int:
    """How many notifications the signed-in person has not opened; 0 when signed out.
    Use as `{% unread_notification_count as unread %}`. Read with the reader's other
    facts, once a request (learning.person_facts)."""
    request = context.get("request")
    if request is None:
        return 0
    return person_facts(request.user).unread_notifications


@register.filter
def notification_actor(notification: Notification) -> str:
    return wording.actor_name(notification.actor)


@register.filter
def notification_did(notification: Notification) -> str:
    return wording.did(notification.kind)
