"""The person's notifications: the list, opening one, and marking all as read.

A notification is marked read when the person opens it (following its link to the
entry), not when the list is shown: the list is where they see what is new, and
showing it should not wipe that before they have acted on each one. "Mark all as
read" clears the lot. Every view reaches only the signed-in person's own
notifications; anyone else's id is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from learning.http import personal_data
from learning.listing import paginate
from learning.notifications import selectors, services
from learning.person_facts import person_facts

NOTIFICATIONS_PER_PAGE = 20


@require_GET
@personal_data
def notification_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "learning/notifications/notification_list.html",
        {
            "page_obj": paginate(
                request,
                selectors.notifications_for(recipient=request.user),
                per_page=NOTIFICATIONS_PER_PAGE,
            ),
            # Read with the reader's other facts, as the header's count is.
            "unread": person_facts(request.user).unread_notifications,
        },
    )


@require_GET
@personal_data
def notification_open(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark the notification read and go to its entry. The recipient of a supervisor's
    response is the entry's author, so the entry is there for them even after a share
    is withdrawn. A deleted entry has nowhere to go: back to the list, saying so."""
    notification = selectors.notification_for(
        recipient=request.user, notification_id=notification_id
    )
    if notification is None:
        raise Http404("No such notification")
    if notification.entry_id is None:
        services.notification_mark_read(notification=notification)
        messages.info(request, "That entry has been deleted, so there is nothing to open.")
        return redirect("notifications:list")
    services.notifications_mark_read_for_entry(recipient=request.user, entry=notification.entry)
    return redirect(reverse("reflections:entry_detail", args=[notification.entry_id]))


@require_POST
@personal_data
def mark_all_read(request: HttpRequest) -> HttpResponse:
    changed = services.notifications_mark_all_read(recipient=request.user)
    if changed:
        messages.success(request, "All your notifications are marked as read.")
    return redirect("notifications:list")
