"""Wagtail admin hooks for subject access: the page where an administrator produces a
copy of a person's data, its download, and its link in the Users listing. Imported
from learning/wagtail_hooks.py."""

from __future__ import annotations

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from learning.accounts.admin_users import may_manage
from learning.models import User
from learning.permissions import can_produce_access_exports
from learning.privacy.access_admin_views import AccessExportView, access_export_download


@hooks.register("register_admin_urls")
def register_access_export_admin_urls():
    return [
        path(
            "people/<int:user_id>/data-copy/",
            AccessExportView.as_view(),
            name="admin_access_export",
        ),
        path(
            "people/<int:user_id>/data-copy/<uuid:export_id>/download/",
            access_export_download,
            name="admin_access_export_download",
        ),
    ]


@hooks.register("register_user_listing_buttons")
def access_export_listing_button(user: User, request_user) -> list:
    if not (can_produce_access_exports(request_user) and may_manage(request_user, user)):
        return []
    if user.erased_at is not None:
        return []  # Nothing of theirs is left to copy.
    return [
        Button(
            "Copy of their data",
            url=reverse("admin_access_export", args=[user.pk]),
            icon_name="download",
            attrs={"aria-label": f"Copy of their data: {user}"},
            priority=80,
        )
    ]
