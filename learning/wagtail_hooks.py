"""How the platform plugs into Wagtail's admin."""

from __future__ import annotations

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from learning.accounts import admin_users
from learning.admin_viewsets import (
    IdentityProviderViewSet,
    PartnershipViewSetGroup,
    TaxonomyViewSetGroup,
)
from learning.models import Profile


@hooks.register("register_admin_viewset")
def register_partnership_admin():
    return PartnershipViewSetGroup()


@hooks.register("register_admin_viewset")
def register_identity_provider_admin():
    return IdentityProviderViewSet()


register_snippet(TaxonomyViewSetGroup)


# --- The board's search synonyms (SAR for Safeguarding Adults Review), used by
# learning.search; SAB managers edit them (learning.roles).


def _search_synonym_viewset():
    from wagtail.snippets.views.snippets import SnippetViewSet

    from learning.models import SearchSynonym

    class SearchSynonymViewSet(SnippetViewSet):
        model = SearchSynonym
        icon = "search"
        menu_label = "Search synonyms"
        menu_order = 270
        add_to_admin_menu = True
        list_display = ["term", "also_search_for"]
        search_fields = ["term", "also_search_for"]
        search_backend_name = None  # a plain "contains", as the taxonomy screens search
        copy_view_enabled = False

    return SearchSynonymViewSet


register_snippet(_search_synonym_viewset())


@hooks.register("after_create_user")
def give_new_user_a_profile(request, user):
    Profile.objects.get_or_create(user=user)


hooks.register("before_delete_user", admin_users.refuse_user_deletion)
hooks.register("before_bulk_action", admin_users.refuse_bulk_user_action)
# After Wagtail's own (order 0), so it replaces Wagtail's "Set active state".
hooks.register("register_bulk_action", admin_users.SetActiveStateBulkAction, order=1)


@hooks.register("register_admin_urls")
def remove_bulk_user_deletion():
    # Run once, as the admin's URLs load (after every app's hooks are registered):
    # accounts are deactivated, never deleted, so the bulk menu offers no "Delete".
    admin_users.remove_bulk_user_deletion()
    return []


# --- Site search, and the editors' dashboard and report (learning.search, learning.editorial).
# Imports are local so this block stays self-contained at the end of the file.


@hooks.register("hub_navigation_items", order=100)
def search_navigation_item(request):
    from django.urls import reverse

    return [{"label": "Search", "url": reverse("search")}]


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    from learning.editorial import ReviewDuePanel, can_see_review_due

    if can_see_review_due(request.user):
        panels.append(ReviewDuePanel(request))


@hooks.register("register_admin_urls")
def register_review_due_report_urls():
    from django.urls import path

    from learning.editorial import ReviewDueReportView

    return [
        path(
            "reports/content-due-for-review/",
            ReviewDueReportView.as_view(),
            name="learning_review_due_report",
        ),
        path(
            "reports/content-due-for-review/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="learning_review_due_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_due_report_menu_item():
    from django.urls import reverse

    from learning.editorial import ReviewDueMenuItem

    return ReviewDueMenuItem(
        "Content due for review",
        reverse("learning_review_due_report"),
        name="content-due-for-review",
        icon_name="time",
        order=750,
    )


# --- Publishing confirmations (learning.publishing_messages): a scheduled publish says when
# the page goes live. Both hooks run after Wagtail has queued its own confirmation.


def confirm_scheduled_publishing(request, page):
    from learning.publishing_messages import confirm_scheduled_publish

    return confirm_scheduled_publish(request, page)


hooks.register("after_edit_page", confirm_scheduled_publishing)
hooks.register("after_create_page", confirm_scheduled_publishing)


# --- The anonymisation guard around publishing (learning.publishing_guard). The model
# refuses to publish; these hooks show what was found and turn refusals into messages.


@hooks.register("before_edit_page")
def warn_about_possible_identifiers(request, page):
    from learning.publishing_guard.admin_hooks import warn_on_edit

    return warn_on_edit(request, page)


@hooks.register("before_publish_page")
def refuse_publishing_with_possible_identifiers(request, page):
    from learning.publishing_guard.admin_hooks import refuse_publish

    return refuse_publish(request, page)


@hooks.register("before_copy_page")
def refuse_live_copies_with_possible_identifiers(request, page):
    from learning.publishing_guard.admin_hooks import refuse_live_copy

    return refuse_live_copy(request, page)


@hooks.register("construct_page_action_menu")
def hide_approval_while_identifiers_remain(menu_items, request, context):
    from learning.publishing_guard.admin_hooks import hide_approval

    hide_approval(menu_items, request, context)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_with_possible_identifiers(request, action_type, objects, action):
    from learning.publishing_guard.admin_hooks import refuse_bulk_publish

    return refuse_bulk_publish(request, action_type, objects, action)


@hooks.register("insert_editor_js")
def anonymisation_finding_highlight_js():
    # Takes the editor from a finding's link to its text (publishing_guard.editor_links).
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<script src="{}" defer></script>', static("js/admin-finding-highlight.js"))


@hooks.register("insert_global_admin_css")  # Wagtail 7 has no editor-only CSS hook
def anonymisation_finding_highlight_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html(
        '<link rel="stylesheet" href="{}">', static("css/admin-finding-highlight.css")
    )


@hooks.register("register_page_header_buttons")
def anonymisation_check_header_button(page, user, view_name, next_url=None):
    from learning.publishing_guard.admin_hooks import header_buttons

    return header_buttons(page, user, view_name, next_url)


@hooks.register("register_admin_urls")
def register_anonymisation_urls():
    from django.urls import path

    from learning.publishing_guard.admin_views import FindingsView
    from learning.publishing_guard.report_view import OverridesReportView

    return [
        path(
            "anonymisation/pages/<int:page_id>/",
            FindingsView.as_view(),
            name="anonymisation_findings",
        ),
        path(
            "reports/anonymisation-overrides/",
            OverridesReportView.as_view(),
            name="anonymisation_overrides",
        ),
        path(
            "reports/anonymisation-overrides/results/",
            OverridesReportView.as_view(results_only=True),
            name="anonymisation_overrides_results",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_overrides_awaiting_panel(request, panels):
    from learning.publishing_guard.dashboard import awaiting_panel_for

    if (panel := awaiting_panel_for(request.user)) is not None:
        panels.append(panel)


@hooks.register("register_reports_menu_item")
def register_anonymisation_overrides_menu_item():
    from django.urls import reverse

    from learning.publishing_guard.admin_hooks import OverridesMenuItem

    return OverridesMenuItem(
        "Anonymisation overrides",
        reverse("anonymisation_overrides"),
        name="anonymisation-overrides",
        icon_name="warning",
        order=760,
    )


@hooks.register("register_log_actions")
def register_invitation_log_actions(actions):
    from learning.accounts.membership import LOG_RESENT, LOG_WITHDRAWN

    actions.register_action(LOG_RESENT, "Invitation sent again", "Invitation sent again")
    actions.register_action(LOG_WITHDRAWN, "Invitation withdrawn", "Invitation withdrawn")


@hooks.register("register_log_actions")
def register_anonymisation_log_actions(actions):
    from learning.publishing_guard.services import (
        LOG_OVERRIDE,
        LOG_OVERRIDE_CONFIRMED,
        LOG_OVERRIDE_DECLINED,
        LOG_OVERRIDE_PROPOSED,
        LOG_SCHEDULE_REFUSED,
    )

    actions.register_action(
        LOG_OVERRIDE, "Anonymisation check overridden", "Anonymisation check overridden"
    )
    actions.register_action(
        LOG_OVERRIDE_PROPOSED,
        "Anonymisation override proposed",
        "Anonymisation override proposed",
    )
    actions.register_action(
        LOG_OVERRIDE_CONFIRMED,
        "Anonymisation override confirmed by a second person",
        "Anonymisation override confirmed by a second person",
    )
    actions.register_action(
        LOG_OVERRIDE_DECLINED,
        "Anonymisation override declined or withdrawn",
        "Anonymisation override declined or withdrawn",
    )
    actions.register_action(
        LOG_SCHEDULE_REFUSED,
        "Scheduled publishing refused: possible identifiers",
        "Scheduled publishing refused: possible identifiers",
    )


# --- Learner records (learning.records): the "My learning" navigation item and the
# home page's progress against a person's professional registration.


@hooks.register("hub_navigation_items", order=90)
def my_learning_navigation_item(request):
    from django.urls import reverse

    if not request.user.is_authenticated:
        return []
    return [{"label": "My learning", "url": reverse("records:my_learning")}]


@hooks.register("hub_next_steps")
def learning_record_next_steps(user):
    from learning.records.dashboard import record_next_steps

    return record_next_steps(user)


# --- Reflective log and supervision (learning.reflections, learning.supervision): the
# "Reflective log" and "My team" navigation items, and the home page's count of
# entries waiting for a supervisor's review.


@hooks.register("hub_navigation_items", order=91)
def reflective_log_navigation_items(request):
    from django.urls import reverse

    from learning.permissions import can_supervise

    if not request.user.is_authenticated:
        return []
    items = [{"label": "Reflective log", "url": reverse("reflections:entry_list")}]
    if can_supervise(request.user):
        items.append({"label": "My team", "url": reverse("supervision:my_team")})
    return items


@hooks.register("hub_next_steps")
def reflection_next_steps(user):
    from learning.reflections.dashboard import reflection_next_steps as steps_for

    return steps_for(user)


# --- Invitations to personal addresses waiting for an administrator
# (learning.accounts.invitation_admin).


@hooks.register("construct_homepage_panels")
def add_invitations_awaiting_panel(request, panels):
    from learning.accounts.invitation_admin import awaiting_panel_for

    if (panel := awaiting_panel_for(request.user)) is not None:
        panels.append(panel)


# --- Private documents (learning.documents.access): the second factor for editorial
# staff, and "not found" for anyone else signed in, ahead of Wagtail's own check, which
# would send a signed-in person without access round a sign-in redirect loop.


@hooks.register("before_serve_document", order=-1)
def guard_private_documents(document, request):
    from learning.documents.access import guard_private_document

    return guard_private_document(document, request)


@hooks.register("before_bulk_action")
def refuse_bulk_document_moves_out_of_privacy(request, action_type, objects, action):
    from learning.documents.access import refuse_bulk_move_out_of_privacy

    return refuse_bulk_move_out_of_privacy(request, action_type, objects, action)


# --- The impact follow-up (learning.required.impact): "Have you used this in your
# practice?" on the home page, six weeks after someone said an item would change it.


@hooks.register("hub_next_steps")
def impact_follow_up_next_steps(user):
    from learning.required.impact import impact_next_steps

    return impact_next_steps(user)


# --- Required learning (learning.required): each person's outstanding required
# learning first in "What to do next".


@hooks.register("hub_next_steps")
def required_learning_next_steps(user):
    from learning.required.dashboard import required_next_steps

    return required_next_steps(user)


# --- Reports (learning.reports): one "Reports" navigation item for SAB managers and
# organisation leads. Its page leads on to a lead's people, invitations and exemptions,
# and to required learning, so the menu does not grow with each of them.


@hooks.register("hub_navigation_items", order=92)
def reports_navigation_item(request):
    from django.urls import reverse

    from learning.permissions import can_view_reports

    if not can_view_reports(request.user):
        return []
    item = {"label": "Reports", "url": reverse("reports:index")}
    managed = ("/organisation/", "/required-learning/")
    item["active"] = request.path.startswith((item["url"], *managed))
    return [item]


# Data protection (issue 14): the audit log, subject access and erasure screens in the
# admin. Imported for their @hooks.register side effects.
import learning.audit.admin_hooks  # noqa: E402
import learning.privacy.access_admin_hooks  # noqa: E402
import learning.privacy.erasure_admin_hooks  # noqa: E402, F401
