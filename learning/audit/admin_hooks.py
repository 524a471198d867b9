"""The audit log in the Wagtail admin (imported by learning/wagtail_hooks.py): its two
addresses and its place in the Settings menu, beside the people it is about.

Nothing registers AuditEntry as a snippet, a model viewset or any generic view with
add, edit or delete: the log is read here and nowhere else in the admin
(tests/learning/audit/test_append_only.py walks every URL to prove it)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from learning.permissions import can_view_audit_log


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_view_audit_log(request.user)


@hooks.register("register_admin_urls")
def register_audit_log_urls():
    from learning.audit.admin_views import AuditLogExportView, AuditLogView

    return [
        path("audit-log/", AuditLogView.as_view(), name="audit_log"),
        path("audit-log/export/", AuditLogExportView.as_view(), name="audit_log_export"),
    ]


@hooks.register("register_settings_menu_item")
def register_audit_log_menu_item():
    return AuditLogMenuItem(
        "Audit log",
        reverse("audit_log"),
        name="audit-log",
        icon_name="history",
        order=650,
    )


@hooks.register("register_user_listing_buttons")
def audit_log_listing_button(user, request_user) -> list:
    """From a person in Users to the log's entries about them (found by their address,
    which is unique)."""
    if not can_view_audit_log(request_user):
        return []
    return [
        Button(
            "Audit log entries",
            url=f"{reverse('audit_log')}?{urlencode({'subject': user.email})}",
            icon_name="history",
            attrs={"aria-label": f"Audit log entries: {user}"},
            priority=85,
        )
    ]
