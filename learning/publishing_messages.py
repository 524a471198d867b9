"""What the admin says after an editor publishes a page with a future go-live date.

Wagtail's own confirmation ("…has been scheduled for publishing.") does not say when,
so an editor cannot tell a scheduled page from one that failed to go live. Wagtail offers
no hook before it writes that message, so after_edit_page and after_create_page (which
run once it is queued) swap it for one that names the date and time, in the site's words.
Registered in learning/wagtail_hooks.py.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.messages import SUCCESS
from django.contrib.messages.storage.base import Message
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin import messages
from wagtail.models import Page

from learning.templatetags.wording import time_of_day


def scheduled_go_live(page: Page) -> datetime | None:
    """When the version just published goes live, if that is still to come. Wagtail
    records the approved date on the revision, not on a page that is already live."""
    revision = page.get_latest_revision()
    when = revision.approved_go_live_at if revision else None
    return when if when and when > timezone.now() else None


def go_live_wording(when: datetime) -> str:
    """E.g. "6 January 2027 at 9am", in the site's time zone."""
    local = timezone.localtime(when)
    return f"{date_format(local, 'j F Y')} at {time_of_day(local)}"


def scheduled_message(page: Page, when: datetime) -> str:
    title = page.get_admin_display_title()
    if page.live:
        return (
            f"This version of “{title}” is scheduled to go live on {go_live_wording(when)}. "
            "Until then, the version already published stays live."
        )
    return f"“{title}” is scheduled to go live on {go_live_wording(when)}."


def confirm_scheduled_publish(request: HttpRequest, page: Page) -> None:
    """after_edit_page / after_create_page: replace Wagtail's scheduled-publishing
    confirmation with one that says when. A refused publish (the anonymisation guard)
    returns before these hooks run, so its message is never touched."""
    if request.method != "POST" or "action-publish" not in request.POST:
        return None
    when = scheduled_go_live(page)
    if when is None:
        return None  # published now: Wagtail's "has been published" already says so
    # Django's messages API can add but not replace; the queue is where Wagtail's
    # confirmation waits until the response is sent.
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", None)
    if not queued:
        return None
    for position in range(len(queued) - 1, -1, -1):
        if queued[position].level == SUCCESS:
            edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
            queued[position] = Message(
                SUCCESS,
                messages.render(scheduled_message(page, when), [messages.button(edit_url, "Edit")]),
                extra_tags=queued[position].extra_tags,
            )
            break
    return None
