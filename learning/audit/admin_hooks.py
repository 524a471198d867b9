"""The audit log in the Wagtail admin (imported by learning/wagtail_hooks.py): its two
addresses and its place in the Settings menu, beside the people it is about.

Nothing registers AuditEntry as a snippet, a model viewset or any generic view with
add, edit or delete: the log is read here and nowhere else in the admin
(tests/learning/audit/test_append_only.py walks every URL to prove it)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

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
