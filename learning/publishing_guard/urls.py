"""Admin URLs that must sit in front of Wagtail's own, included before the admin in
learning/urls.py. (The guard's other admin screens are registered through the
register_admin_urls hook, which can only add URLs after Wagtail's.)"""

from django.urls import path

from learning.publishing_guard.admin_views import guarded_workflow_action

urlpatterns = [
    # The same path as Wagtail's "wagtailadmin_pages:workflow_action"; a test checks that
    # reversing Wagtail's name still lands here.
    path(
        "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        guarded_workflow_action,
        name="anonymisation_guarded_workflow_action",
    ),
]
