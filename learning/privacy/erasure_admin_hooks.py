"""Wagtail admin hooks for erasure: the administrator's erasure page, its link in the
Users listing, and the retention clock kept right by Wagtail's bulk "set active state"
(a queryset update, which learning.privacy.receivers never sees). Imported from
learning/wagtail_hooks.py."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from learning.accounts.admin_users import may_manage
from learning.models import User
from learning.permissions import can_erase_people
from learning.privacy.erasure_admin_views import ErasePersonView


@hooks.register("register_admin_urls")
def register_erasure_admin_urls():
    return [
        path(
            "people/<int:user_id>/erase/",
            ErasePersonView.as_view(),
            name="admin_erase_person",
        )
    ]


def may_offer_erasure(request_user, person: User) -> bool:
    return (
        can_erase_people(request_user)
        and may_manage(request_user, person)
        and person.pk != request_user.pk
        and person.erased_at is None
    )


@hooks.register("register_user_listing_buttons")
def erase_person_listing_button(user: User, request_user) -> list:
    if not may_offer_erasure(request_user, user):
        return []
    return [
        Button(
            "Erase records",
            url=reverse("admin_erase_person", args=[user.pk]),
            icon_name="bin",
            attrs={"aria-label": f"Erase records: {user}"},
            priority=90,
        )
    ]
