"""The one table of every URL pattern the site answers, with its access class.

tests/learning/security/test_url_inventory.py walks the resolver (every app's patterns,
Wagtail's, allauth's and Django's) and fails on any pattern missing from this table, so a
new route or a dependency upgrade that adds one cannot go live unseen: classify it here,
and the tests then check it behaves as its class says.
"""

from __future__ import annotations

from enum import StrEnum


class Access(StrEnum):
    # Anyone, signed in or not.
    PUBLIC = "public"
    # A signed-in person's own pages.
    SIGNED_IN = "signed in"
    # How a person signs in (email addresses, password, authenticator, recovery codes):
    # signed in, and a second factor this session for anyone who has an authenticator.
    SIGN_IN_SETTINGS = "sign-in settings"
    # The admin, reports and other people's records: a privileged person needs a
    # second factor this session (learning.accounts.mfa).
    PRIVILEGED_WITH_MFA = "privileged with MFA"
    # allauth's own sign-in, sign-up, verification, reset and second-factor steps.
    ALLAUTH_FLOW = "authentication flow handled by allauth"
    # Wagtail's admin assets that name nobody (the icon sprite, the translations
    # catalogue): anyone may fetch them. A privileged session without its second
    # factor is still sent to give it, as everywhere in the admin.
    ADMIN_ASSET = "admin asset"
    # Sent elsewhere or refused whatever is posted: sign-in forms that dependencies bring
    # (replaced by redirects to allauth's), patterns shadowed by those, old addresses.
    REDIRECTED_OR_REFUSED = "redirected or refused"


PUBLIC = Access.PUBLIC
SIGNED_IN = Access.SIGNED_IN
SIGN_IN_SETTINGS = Access.SIGN_IN_SETTINGS
PRIVILEGED_WITH_MFA = Access.PRIVILEGED_WITH_MFA
ALLAUTH_FLOW = Access.ALLAUTH_FLOW
REDIRECTED_OR_REFUSED = Access.REDIRECTED_OR_REFUSED
ADMIN_ASSET = Access.ADMIN_ASSET

# Where a pattern's sample path cannot be built from its converters.
EXPLICIT_SAMPLE_PATHS: dict[tuple[str, str], str] = {
    ("^((?:[\\w\\-]+/)*)$", "wagtail_serve"): "/no-such-page/",
}

# Dependencies' patterns that the hub's own, listed before them, replace: the hub's
# pattern that answers instead.
SHADOWED_BY: dict[tuple[str, str], str] = {
    ("admin/login/", "wagtailadmin_login"): "admin_login_redirect",
    ("_util/login/", "wagtailcore_login"): "wagtail_login_redirect",
    (
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        "wagtailcore_authenticate_with_password",
    ): "wagtail_page_password_redirect",
    (
        "documents/authenticate_with_password/<int:restriction_id>/",
        "wagtaildocs_authenticate_with_password",
    ): "wagtail_document_password_redirect",
    ("admin/failwhale/", "wagtailadmin_error_test"): "wagtail_error_test_off",
    # Wagtail's fails on the root page.
    (
        "admin/pages/<int:page_to_move_id>/set_position/",
        "wagtailadmin_pages:set_page_position",
    ): "set_position_of_child_page",
    # The anonymisation guard's workflow action explains a refused approval.
    (
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        "wagtailadmin_pages:workflow_action",
    ): "anonymisation_guarded_workflow_action",
    # Wagtail's lock and unlock fail on the root page.
    ("admin/pages/<int:page_id>/lock/", "wagtailadmin_pages:lock"): "lock_child_page",
    ("admin/pages/<int:page_id>/unlock/", "wagtailadmin_pages:unlock"): "unlock_child_page",
    # Wagtail's fails on a form without its URL field.
    (
        "admin/choose-external-link/",
        "wagtailadmin_choose_page_external_link",
    ): "choose_external_link_checked",
    # Wagtail's fails on a form without its hidden fields, or sent again.
    (
        "admin/redirects/import/process/",
        "wagtailredirects:process_import",
    ): "process_redirects_import_checked",
    # Wagtail's fails on the root page and on ids that are not numbers.
    (
        "admin/choose-page/chosen-multiple/",
        "wagtailadmin_choose_page_chosen_multiple",
    ): "pages_chosen_with_parents",
    # Wagtail's fail when the snippet's chooser has no creation form.
    (
        "admin/snippets/choose/learning/principle/create/",
        "wagtailsnippetchoosers_learning_principle:create",
    ): "create_snippet_from_chooser",
    (
        "admin/snippets/choose/learning/abusetype/create/",
        "wagtailsnippetchoosers_learning_abusetype:create",
    ): "create_snippet_from_chooser",
    (
        "admin/snippets/choose/learning/themetag/create/",
        "wagtailsnippetchoosers_learning_themetag:create",
    ): "create_snippet_from_chooser",
    (
        "admin/snippets/choose/learning/searchsynonym/create/",
        "wagtailsnippetchoosers_learning_searchsynonym:create",
    ): "create_snippet_from_chooser",
}

# Patterns present only when DEBUG is on as the URL configuration is first imported
# (`make run`; the test run imports it so while collecting): images from MEDIA_ROOT.
DEVELOPMENT_ONLY: set[tuple[str, str]] = {
    ("^media/images/(?P<path>.*)$", ""),
    ("^media/original_images/(?P<path>.*)$", ""),
}

# (full pattern, namespaced name or "" when unnamed): access class. In resolution order.
URL_ACCESS: dict[tuple[str, str], Access] = {
    ("admin/login/", "admin_login_redirect"): REDIRECTED_OR_REFUSED,
    ("_util/login/", "wagtail_login_redirect"): REDIRECTED_OR_REFUSED,
    (
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        "wagtail_page_password_redirect",
    ): REDIRECTED_OR_REFUSED,
    (
        "documents/authenticate_with_password/<int:restriction_id>/",
        "wagtail_document_password_redirect",
    ): REDIRECTED_OR_REFUSED,
    (
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        "anonymisation_guarded_workflow_action",
    ): PRIVILEGED_WITH_MFA,
    ("admin/failwhale/", "wagtail_error_test_off"): REDIRECTED_OR_REFUSED,
    (
        "admin/pages/<int:page_to_move_id>/set_position/",
        "set_position_of_child_page",
    ): PRIVILEGED_WITH_MFA,
    ("admin/pages/<int:page_id>/lock/", "lock_child_page"): PRIVILEGED_WITH_MFA,
    ("admin/pages/<int:page_id>/unlock/", "unlock_child_page"): PRIVILEGED_WITH_MFA,
    ("admin/choose-external-link/", "choose_external_link_checked"): PRIVILEGED_WITH_MFA,
    ("admin/redirects/import/process/", "process_redirects_import_checked"): PRIVILEGED_WITH_MFA,
    ("admin/choose-page/chosen-multiple/", "pages_chosen_with_parents"): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/<slug:app_label>/<slug:model_name>/create/",
        "create_snippet_from_chooser",
    ): PRIVILEGED_WITH_MFA,
    ("admin/", "wagtailadmin_home"): PRIVILEGED_WITH_MFA,
    ("admin/test404/", ""): PRIVILEGED_WITH_MFA,
    ("admin/api/main/^pages/", "wagtailadmin_api:pages:listing"): PRIVILEGED_WITH_MFA,
    ("admin/api/main/^pages/<int:pk>/", "wagtailadmin_api:pages:detail"): PRIVILEGED_WITH_MFA,
    ("admin/api/main/^pages/find/", "wagtailadmin_api:pages:find"): PRIVILEGED_WITH_MFA,
    (
        "admin/api/main/^pages/<int:pk>/action/<str:action_name>/",
        "wagtailadmin_api:pages:action",
    ): PRIVILEGED_WITH_MFA,
    ("admin/api/main/^documents/", "wagtailadmin_api:documents:listing"): PRIVILEGED_WITH_MFA,
    (
        "admin/api/main/^documents/<int:pk>/",
        "wagtailadmin_api:documents:detail",
    ): PRIVILEGED_WITH_MFA,
    ("admin/api/main/^documents/find/", "wagtailadmin_api:documents:find"): PRIVILEGED_WITH_MFA,
    ("admin/api/main/^images/", "wagtailadmin_api:images:listing"): PRIVILEGED_WITH_MFA,
    ("admin/api/main/^images/<int:pk>/", "wagtailadmin_api:images:detail"): PRIVILEGED_WITH_MFA,
    ("admin/api/main/^images/find/", "wagtailadmin_api:images:find"): PRIVILEGED_WITH_MFA,
    ("admin/failwhale/", "wagtailadmin_error_test"): REDIRECTED_OR_REFUSED,
    ("admin/pages/", "wagtailadmin_explore_root"): PRIVILEGED_WITH_MFA,
    ("admin/pages/<int:parent_page_id>/", "wagtailadmin_explore"): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/<int:parent_page_id>/results/",
        "wagtailadmin_explore_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
        "wagtail_bulk_action",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/",
        "wagtailadmin_pages:add",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/preview/",
        "wagtailadmin_pages:preview_on_add",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/",
        "wagtailadmin_pages:type_use",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/create/<slug:app_label>/<slug:model_name>",
        "wagtailadmin_pages:choose_parent",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/",
        "wagtailadmin_pages:type_use_results",
    ): PRIVILEGED_WITH_MFA,
    ("admin/pages/<int:page_id>/usage/", "wagtailadmin_pages:usage"): PRIVILEGED_WITH_MFA,
    ("admin/pages/<int:page_id>/edit/", "wagtailadmin_pages:edit"): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/<int:page_id>/edit/preview/",
        "wagtailadmin_pages:preview_on_edit",
    ): PRIVILEGED_WITH_MFA,
    ("admin/pages/<int:page_id>/view_draft/", "wagtailadmin_pages:view_draft"): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/<int:parent_page_id>/add_subpage/",
        "wagtailadmin_pages:add_subpage",
    ): PRIVILEGED_WITH_MFA,
    ("admin/pages/<int:page_id>/delete/", "wagtailadmin_pages:delete"): PRIVILEGED_WITH_MFA,
    ("admin/pages/<int:page_id>/unpublish/", "wagtailadmin_pages:unpublish"): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/<int:page_id>/convert_alias/",
        "wagtailadmin_pages:convert_alias",
    ): PRIVILEGED_WITH_MFA,
    ("admin/pages/search/", "wagtailadmin_pages:search"): PRIVILEGED_WITH_MFA,
    ("admin/pages/search/results/", "wagtailadmin_pages:search_results"): PRIVILEGED_WITH_MFA,
    ("admin/pages/<int:page_to_move_id>/move/", "wagtailadmin_pages:move"): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/",
        "wagtailadmin_pages:move_confirm",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/<int:page_to_move_id>/set_position/",
        "wagtailadmin_pages:set_page_position",
    ): PRIVILEGED_WITH_MFA,
    ("admin/pages/<int:page_id>/copy/", "wagtailadmin_pages:copy"): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        "wagtailadmin_pages:workflow_action",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        "wagtailadmin_pages:collect_workflow_action_data",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/workflow/confirm_cancellation/<int:page_id>/",
        "wagtailadmin_pages:confirm_workflow_cancellation",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/workflow/preview/<int:page_id>/<int:task_id>/",
        "wagtailadmin_pages:workflow_preview",
    ): PRIVILEGED_WITH_MFA,
    ("admin/pages/<int:page_id>/privacy/", "wagtailadmin_pages:set_privacy"): PRIVILEGED_WITH_MFA,
    ("admin/pages/<int:page_id>/lock/", "wagtailadmin_pages:lock"): PRIVILEGED_WITH_MFA,
    ("admin/pages/<int:page_id>/unlock/", "wagtailadmin_pages:unlock"): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/<int:page_id>/revisions/",
        "wagtailadmin_pages:revisions_index",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/view/",
        "wagtailadmin_pages:revisions_view",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/revert/",
        "wagtailadmin_pages:revisions_revert",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/<int:page_id>/revisions/<int:revision_id>/unschedule/",
        "wagtailadmin_pages:revisions_unschedule",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/^(\\d+)/revisions/compare/(live|earliest|\\d+)\\.\\.\\.(live|latest|\\d+)/$",
        "wagtailadmin_pages:revisions_compare",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/<int:page_id>/workflow_history/",
        "wagtailadmin_pages:workflow_history",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/",
        "wagtailadmin_pages:workflow_history_detail",
    ): PRIVILEGED_WITH_MFA,
    ("admin/pages/<int:page_id>/history/", "wagtailadmin_pages:history"): PRIVILEGED_WITH_MFA,
    (
        "admin/pages/<int:page_id>/history/results/",
        "wagtailadmin_pages:history_results",
    ): PRIVILEGED_WITH_MFA,
    ("admin/choose-page/", "wagtailadmin_choose_page"): PRIVILEGED_WITH_MFA,
    (
        "admin/choose-page/<int:parent_page_id>/",
        "wagtailadmin_choose_page_child",
    ): PRIVILEGED_WITH_MFA,
    ("admin/choose-page/search/", "wagtailadmin_choose_page_search"): PRIVILEGED_WITH_MFA,
    (
        "admin/choose-page/chosen-multiple/",
        "wagtailadmin_choose_page_chosen_multiple",
    ): PRIVILEGED_WITH_MFA,
    ("admin/choose-external-link/", "wagtailadmin_choose_page_external_link"): PRIVILEGED_WITH_MFA,
    ("admin/choose-email-link/", "wagtailadmin_choose_page_email_link"): PRIVILEGED_WITH_MFA,
    ("admin/choose-phone-link/", "wagtailadmin_choose_page_phone_link"): PRIVILEGED_WITH_MFA,
    ("admin/choose-anchor-link/", "wagtailadmin_choose_page_anchor_link"): PRIVILEGED_WITH_MFA,
    ("admin/tag-autocomplete/", "wagtailadmin_tag_autocomplete"): PRIVILEGED_WITH_MFA,
    (
        "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/",
        "wagtailadmin_tag_model_autocomplete",
    ): PRIVILEGED_WITH_MFA,
    ("admin/collections/", "wagtailadmin_collections:index"): PRIVILEGED_WITH_MFA,
    ("admin/collections/add/", "wagtailadmin_collections:add"): PRIVILEGED_WITH_MFA,
    ("admin/collections/<int:pk>/", "wagtailadmin_collections:edit"): PRIVILEGED_WITH_MFA,
    ("admin/collections/<int:pk>/delete/", "wagtailadmin_collections:delete"): PRIVILEGED_WITH_MFA,
    (
        "admin/collections/<int:collection_id>/privacy/",
        "wagtailadmin_collections:set_privacy",
    ): PRIVILEGED_WITH_MFA,
    ("admin/workflows/list/", "wagtailadmin_workflows:index"): PRIVILEGED_WITH_MFA,
    ("admin/workflows/list/results/", "wagtailadmin_workflows:index_results"): PRIVILEGED_WITH_MFA,
    ("admin/workflows/add/", "wagtailadmin_workflows:add"): PRIVILEGED_WITH_MFA,
    ("admin/workflows/enable/<int:pk>/", "wagtailadmin_workflows:enable"): PRIVILEGED_WITH_MFA,
    ("admin/workflows/disable/<int:pk>/", "wagtailadmin_workflows:disable"): PRIVILEGED_WITH_MFA,
    ("admin/workflows/edit/<int:pk>/", "wagtailadmin_workflows:edit"): PRIVILEGED_WITH_MFA,
    ("admin/workflows/usage/<int:pk>/", "wagtailadmin_workflows:usage"): PRIVILEGED_WITH_MFA,
    (
        "admin/workflows/usage/<int:pk>/results/",
        "wagtailadmin_workflows:usage_results",
    ): PRIVILEGED_WITH_MFA,
    ("admin/workflows/remove/<int:page_pk>/", "wagtailadmin_workflows:remove"): PRIVILEGED_WITH_MFA,
    (
        "admin/workflows/remove/<int:page_pk>/<int:workflow_pk>/",
        "wagtailadmin_workflows:remove",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/workflows/tasks/add/<str:app_label>/<str:model_name>/",
        "wagtailadmin_workflows:add_task",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/workflows/tasks/select_type/",
        "wagtailadmin_workflows:select_task_type",
    ): PRIVILEGED_WITH_MFA,
    ("admin/workflows/tasks/index/", "wagtailadmin_workflows:task_index"): PRIVILEGED_WITH_MFA,
    (
        "admin/workflows/tasks/index/results/",
        "wagtailadmin_workflows:task_index_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/workflows/tasks/edit/<int:pk>/",
        "wagtailadmin_workflows:edit_task",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/workflows/tasks/disable/<int:pk>/",
        "wagtailadmin_workflows:disable_task",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/workflows/tasks/enable/<int:pk>/",
        "wagtailadmin_workflows:enable_task",
    ): PRIVILEGED_WITH_MFA,
    ("admin/workflows/task_chooser/", "wagtailadmin_workflows:task_chooser"): PRIVILEGED_WITH_MFA,
    (
        "admin/workflows/task_chooser/results/",
        "wagtailadmin_workflows:task_chooser_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/workflows/task_chooser/create/",
        "wagtailadmin_workflows:task_chooser_create",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/workflows/task_chooser/<int:task_id>/",
        "wagtailadmin_workflows:task_chosen",
    ): PRIVILEGED_WITH_MFA,
    ("admin/reports/locked/", "wagtailadmin_reports:locked_pages"): PRIVILEGED_WITH_MFA,
    (
        "admin/reports/locked/results/",
        "wagtailadmin_reports:locked_pages_results",
    ): PRIVILEGED_WITH_MFA,
    ("admin/reports/workflow/", "wagtailadmin_reports:workflow"): PRIVILEGED_WITH_MFA,
    (
        "admin/reports/workflow/results/",
        "wagtailadmin_reports:workflow_results",
    ): PRIVILEGED_WITH_MFA,
    ("admin/reports/workflow_tasks/", "wagtailadmin_reports:workflow_tasks"): PRIVILEGED_WITH_MFA,
    (
        "admin/reports/workflow_tasks/results/",
        "wagtailadmin_reports:workflow_tasks_results",
    ): PRIVILEGED_WITH_MFA,
    ("admin/reports/site-history/", "wagtailadmin_reports:site_history"): PRIVILEGED_WITH_MFA,
    (
        "admin/reports/site-history/results/",
        "wagtailadmin_reports:site_history_results",
    ): PRIVILEGED_WITH_MFA,
    ("admin/reports/aging-pages/", "wagtailadmin_reports:aging_pages"): PRIVILEGED_WITH_MFA,
    (
        "admin/reports/aging-pages/results/",
        "wagtailadmin_reports:aging_pages_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/reports/page-types-usage/",
        "wagtailadmin_reports:page_types_usage",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/reports/page-types-usage/results/",
        "wagtailadmin_reports:page_types_usage_results",
    ): PRIVILEGED_WITH_MFA,
    ("admin/account/", "wagtailadmin_account"): PRIVILEGED_WITH_MFA,
    ("admin/logout/", "wagtailadmin_logout"): PRIVILEGED_WITH_MFA,
    ("admin/dismissibles/", "wagtailadmin_dismissibles"): PRIVILEGED_WITH_MFA,
    (
        "admin/editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/",
        "wagtailadmin_editing_sessions:ping",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/editing-sessions/release/<int:session_id>/",
        "wagtailadmin_editing_sessions:release",
    ): PRIVILEGED_WITH_MFA,
    ("admin/block-preview/", "wagtailadmin_block_preview"): PRIVILEGED_WITH_MFA,
    ("admin/reports/knowledge-checks/", "quizzes_check_report"): PRIVILEGED_WITH_MFA,
    (
        "admin/reports/knowledge-checks/results/",
        "quizzes_check_report_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/reports/knowledge-checks/<int:pk>/",
        "quizzes_check_report_detail",
    ): PRIVILEGED_WITH_MFA,
    ("admin/forms/", "wagtailforms:index"): PRIVILEGED_WITH_MFA,
    ("admin/forms/results/", "wagtailforms:index_results"): PRIVILEGED_WITH_MFA,
    (
        "admin/forms/submissions/<int:page_id>/",
        "wagtailforms:list_submissions",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/forms/submissions/<int:page_id>/results/",
        "wagtailforms:list_submissions_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/forms/submissions/<int:page_id>/delete/",
        "wagtailforms:delete_submissions",
    ): PRIVILEGED_WITH_MFA,
    ("admin/redirects/", "wagtailredirects:index"): PRIVILEGED_WITH_MFA,
    ("admin/redirects/results/", "wagtailredirects:index_results"): PRIVILEGED_WITH_MFA,
    ("admin/redirects/add/", "wagtailredirects:add"): PRIVILEGED_WITH_MFA,
    ("admin/redirects/<int:redirect_id>/", "wagtailredirects:edit"): PRIVILEGED_WITH_MFA,
    ("admin/redirects/<int:redirect_id>/delete/", "wagtailredirects:delete"): PRIVILEGED_WITH_MFA,
    ("admin/redirects/import/", "wagtailredirects:start_import"): PRIVILEGED_WITH_MFA,
    ("admin/redirects/import/process/", "wagtailredirects:process_import"): PRIVILEGED_WITH_MFA,
    (
        "admin/settings/<slug:app_name>/<slug:model_name>/",
        "wagtailsettings:edit",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/",
        "wagtailsettings:edit",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/",
        "wagtailsettings:preview_on_edit",
    ): PRIVILEGED_WITH_MFA,
    ("admin/embeds/chooser/", "wagtailembeds:chooser"): PRIVILEGED_WITH_MFA,
    ("admin/embeds/chooser/upload/", "wagtailembeds:chooser_upload"): PRIVILEGED_WITH_MFA,
    ("admin/snippets/", "wagtailsnippets:index"): PRIVILEGED_WITH_MFA,
    ("admin/documents/", "wagtaildocs:index"): PRIVILEGED_WITH_MFA,
    ("admin/documents/results/", "wagtaildocs:index_results"): PRIVILEGED_WITH_MFA,
    ("admin/documents/add/", "wagtaildocs:add"): PRIVILEGED_WITH_MFA,
    ("admin/documents/edit/<int:document_id>/", "wagtaildocs:edit"): PRIVILEGED_WITH_MFA,
    ("admin/documents/delete/<int:document_id>/", "wagtaildocs:delete"): PRIVILEGED_WITH_MFA,
    ("admin/documents/multiple/add/", "wagtaildocs:add_multiple"): PRIVILEGED_WITH_MFA,
    ("admin/documents/multiple/<int:doc_id>/", "wagtaildocs:edit_multiple"): PRIVILEGED_WITH_MFA,
    (
        "admin/documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/",
        "wagtaildocs:create_multiple_from_uploaded_document",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/documents/multiple/<int:doc_id>/delete/",
        "wagtaildocs:delete_multiple",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/documents/multiple/delete_upload/<int:uploaded_file_id>/",
        "wagtaildocs:delete_upload_multiple",
    ): PRIVILEGED_WITH_MFA,
    ("admin/documents/usage/<int:document_id>/", "wagtaildocs:document_usage"): PRIVILEGED_WITH_MFA,
    ("admin/images/", "wagtailimages:index"): PRIVILEGED_WITH_MFA,
    ("admin/images/results/", "wagtailimages:index_results"): PRIVILEGED_WITH_MFA,
    ("admin/images/<int:image_id>/", "wagtailimages:edit"): PRIVILEGED_WITH_MFA,
    ("admin/images/<int:image_id>/delete/", "wagtailimages:delete"): PRIVILEGED_WITH_MFA,
    (
        "admin/images/<int:image_id>/generate_url/",
        "wagtailimages:url_generator",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/images/<int:image_id>/generate_url/output/",
        "wagtailimages:url_generator_output",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/images/<int:image_id>/preview/<str:filter_spec>/",
        "wagtailimages:preview",
    ): PRIVILEGED_WITH_MFA,
    ("admin/images/add/", "wagtailimages:add"): PRIVILEGED_WITH_MFA,
    ("admin/images/usage/<int:image_id>/", "wagtailimages:image_usage"): PRIVILEGED_WITH_MFA,
    ("admin/images/multiple/add/", "wagtailimages:add_multiple"): PRIVILEGED_WITH_MFA,
    ("admin/images/multiple/<int:image_id>/", "wagtailimages:edit_multiple"): PRIVILEGED_WITH_MFA,
    (
        "admin/images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/",
        "wagtailimages:create_multiple_from_uploaded_image",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/images/multiple/<int:image_id>/delete/",
        "wagtailimages:delete_multiple",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/images/multiple/delete_upload/<int:uploaded_file_id>/",
        "wagtailimages:delete_upload_multiple",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/principle/",
        "wagtailsnippets_learning_principle:list",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/principle/results/",
        "wagtailsnippets_learning_principle:list_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/principle/add/",
        "wagtailsnippets_learning_principle:add",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/principle/edit/<int:pk>/",
        "wagtailsnippets_learning_principle:edit",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/principle/delete/<int:pk>/",
        "wagtailsnippets_learning_principle:delete",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/principle/usage/<int:pk>/",
        "wagtailsnippets_learning_principle:usage",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/principle/history/<int:pk>/",
        "wagtailsnippets_learning_principle:history",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/principle/history-results/<int:pk>/",
        "wagtailsnippets_learning_principle:history_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/principle/",
        "wagtailsnippetchoosers_learning_principle:choose",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/principle/results/",
        "wagtailsnippetchoosers_learning_principle:choose_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/principle/chosen/<str:pk>/",
        "wagtailsnippetchoosers_learning_principle:chosen",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/principle/chosen-multiple/",
        "wagtailsnippetchoosers_learning_principle:chosen_multiple",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/principle/create/",
        "wagtailsnippetchoosers_learning_principle:create",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/abusetype/",
        "wagtailsnippets_learning_abusetype:list",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/abusetype/results/",
        "wagtailsnippets_learning_abusetype:list_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/abusetype/add/",
        "wagtailsnippets_learning_abusetype:add",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/abusetype/edit/<int:pk>/",
        "wagtailsnippets_learning_abusetype:edit",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/abusetype/delete/<int:pk>/",
        "wagtailsnippets_learning_abusetype:delete",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/abusetype/usage/<int:pk>/",
        "wagtailsnippets_learning_abusetype:usage",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/abusetype/history/<int:pk>/",
        "wagtailsnippets_learning_abusetype:history",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/abusetype/history-results/<int:pk>/",
        "wagtailsnippets_learning_abusetype:history_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/abusetype/",
        "wagtailsnippetchoosers_learning_abusetype:choose",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/abusetype/results/",
        "wagtailsnippetchoosers_learning_abusetype:choose_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/abusetype/chosen/<str:pk>/",
        "wagtailsnippetchoosers_learning_abusetype:chosen",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/abusetype/chosen-multiple/",
        "wagtailsnippetchoosers_learning_abusetype:chosen_multiple",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/abusetype/create/",
        "wagtailsnippetchoosers_learning_abusetype:create",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/themetag/",
        "wagtailsnippets_learning_themetag:list",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/themetag/results/",
        "wagtailsnippets_learning_themetag:list_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/themetag/add/",
        "wagtailsnippets_learning_themetag:add",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/themetag/edit/<int:pk>/",
        "wagtailsnippets_learning_themetag:edit",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/themetag/delete/<int:pk>/",
        "wagtailsnippets_learning_themetag:delete",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/themetag/usage/<int:pk>/",
        "wagtailsnippets_learning_themetag:usage",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/themetag/history/<int:pk>/",
        "wagtailsnippets_learning_themetag:history",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/themetag/history-results/<int:pk>/",
        "wagtailsnippets_learning_themetag:history_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/themetag/copy/<int:pk>/",
        "wagtailsnippets_learning_themetag:copy",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/themetag/",
        "wagtailsnippetchoosers_learning_themetag:choose",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/themetag/results/",
        "wagtailsnippetchoosers_learning_themetag:choose_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/themetag/chosen/<str:pk>/",
        "wagtailsnippetchoosers_learning_themetag:chosen",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/themetag/chosen-multiple/",
        "wagtailsnippetchoosers_learning_themetag:chosen_multiple",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/themetag/create/",
        "wagtailsnippetchoosers_learning_themetag:create",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/searchsynonym/",
        "wagtailsnippets_learning_searchsynonym:list",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/searchsynonym/results/",
        "wagtailsnippets_learning_searchsynonym:list_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/searchsynonym/add/",
        "wagtailsnippets_learning_searchsynonym:add",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/searchsynonym/edit/<int:pk>/",
        "wagtailsnippets_learning_searchsynonym:edit",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/searchsynonym/delete/<int:pk>/",
        "wagtailsnippets_learning_searchsynonym:delete",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/searchsynonym/usage/<int:pk>/",
        "wagtailsnippets_learning_searchsynonym:usage",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/searchsynonym/history/<int:pk>/",
        "wagtailsnippets_learning_searchsynonym:history",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/learning/searchsynonym/history-results/<int:pk>/",
        "wagtailsnippets_learning_searchsynonym:history_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/searchsynonym/",
        "wagtailsnippetchoosers_learning_searchsynonym:choose",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/searchsynonym/results/",
        "wagtailsnippetchoosers_learning_searchsynonym:choose_results",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/searchsynonym/chosen/<str:pk>/",
        "wagtailsnippetchoosers_learning_searchsynonym:chosen",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/searchsynonym/chosen-multiple/",
        "wagtailsnippetchoosers_learning_searchsynonym:chosen_multiple",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/snippets/choose/learning/searchsynonym/create/",
        "wagtailsnippetchoosers_learning_searchsynonym:create",
    ): PRIVILEGED_WITH_MFA,
    ("admin/organisations/", "organisations:index"): PRIVILEGED_WITH_MFA,
    ("admin/organisations/results/", "organisations:index_results"): PRIVILEGED_WITH_MFA,
    ("admin/organisations/new/", "organisations:add"): PRIVILEGED_WITH_MFA,
    ("admin/organisations/edit/<int:pk>/", "organisations:edit"): PRIVILEGED_WITH_MFA,
    ("admin/organisations/delete/<int:pk>/", "organisations:delete"): PRIVILEGED_WITH_MFA,
    ("admin/organisations/history/<int:pk>/", "organisations:history"): PRIVILEGED_WITH_MFA,
    (
        "admin/organisations/history-results/<int:pk>/",
        "organisations:history_results",
    ): PRIVILEGED_WITH_MFA,
    ("admin/organisations/usage/<int:pk>/", "organisations:usage"): PRIVILEGED_WITH_MFA,
    ("admin/teams/", "teams:index"): PRIVILEGED_WITH_MFA,
    ("admin/teams/results/", "teams:index_results"): PRIVILEGED_WITH_MFA,
    ("admin/teams/new/", "teams:add"): PRIVILEGED_WITH_MFA,
    ("admin/teams/edit/<int:pk>/", "teams:edit"): PRIVILEGED_WITH_MFA,
    ("admin/teams/delete/<int:pk>/", "teams:delete"): PRIVILEGED_WITH_MFA,
    ("admin/teams/history/<int:pk>/", "teams:history"): PRIVILEGED_WITH_MFA,
    ("admin/teams/history-results/<int:pk>/", "teams:history_results"): PRIVILEGED_WITH_MFA,
    ("admin/teams/usage/<int:pk>/", "teams:usage"): PRIVILEGED_WITH_MFA,
    ("admin/people/", "people:index"): PRIVILEGED_WITH_MFA,
    ("admin/people/results/", "people:index_results"): PRIVILEGED_WITH_MFA,
    ("admin/people/new/", "people:add"): PRIVILEGED_WITH_MFA,
    ("admin/people/edit/<int:pk>/", "people:edit"): PRIVILEGED_WITH_MFA,
    ("admin/people/delete/<int:pk>/", "people:delete"): PRIVILEGED_WITH_MFA,
    ("admin/people/history/<int:pk>/", "people:history"): PRIVILEGED_WITH_MFA,
    ("admin/people/history-results/<int:pk>/", "people:history_results"): PRIVILEGED_WITH_MFA,
    ("admin/people/usage/<int:pk>/", "people:usage"): PRIVILEGED_WITH_MFA,
    ("admin/invitations/", "invitations:index"): PRIVILEGED_WITH_MFA,
    ("admin/invitations/results/", "invitations:index_results"): PRIVILEGED_WITH_MFA,
    ("admin/invitations/new/", "invitations:add"): PRIVILEGED_WITH_MFA,
    ("admin/invitations/edit/<int:pk>/", "invitations:edit"): PRIVILEGED_WITH_MFA,
    ("admin/invitations/delete/<int:pk>/", "invitations:delete"): PRIVILEGED_WITH_MFA,
    ("admin/invitations/history/<int:pk>/", "invitations:history"): PRIVILEGED_WITH_MFA,
    (
        "admin/invitations/history-results/<int:pk>/",
        "invitations:history_results",
    ): PRIVILEGED_WITH_MFA,
    ("admin/invitations/usage/<int:pk>/", "invitations:usage"): PRIVILEGED_WITH_MFA,
    ("admin/invitations/inspect/<int:pk>/", "invitations:inspect"): PRIVILEGED_WITH_MFA,
    ("admin/invitations/review/<int:pk>/", "invitations:review"): PRIVILEGED_WITH_MFA,
    ("admin/invitations/resend/<int:pk>/", "invitations:resend"): PRIVILEGED_WITH_MFA,
    ("admin/invitations/withdraw/<int:pk>/", "invitations:withdraw"): PRIVILEGED_WITH_MFA,
    ("admin/identity-providers/", "identity-providers:index"): PRIVILEGED_WITH_MFA,
    ("admin/identity-providers/results/", "identity-providers:index_results"): PRIVILEGED_WITH_MFA,
    ("admin/identity-providers/new/", "identity-providers:add"): PRIVILEGED_WITH_MFA,
    ("admin/identity-providers/edit/<int:pk>/", "identity-providers:edit"): PRIVILEGED_WITH_MFA,
    ("admin/identity-providers/delete/<int:pk>/", "identity-providers:delete"): PRIVILEGED_WITH_MFA,
    (
        "admin/identity-providers/history/<int:pk>/",
        "identity-providers:history",
    ): PRIVILEGED_WITH_MFA,
    (
        "admin/identity-providers/history-results/<int:pk>/",
        "identity-providers:history_results",
    ): PRIVILEGED_WITH_MFA,
    ("admin/identity-providers/usage/<int:pk>/", "identity-providers:usage"): PRIVILEGED_WITH_MFA,
    ("admin/sites/", "wagtailsites:index"): PRIVILEGED_WITH_MFA,
    ("admin/sites/results/", "wagtailsites:index_results"): PRIVILEGED_WITH_MFA,
    ("admin/sites/new/", "wagtailsites:add"): PRIVILEGED_WITH_MFA,
    ("admin/sites/edit/<int:pk>/", "wagtailsites:edit"): PRIVILEGED_WITH_MFA,
    ("admin/sites/delete/<int:pk>/", "wagtailsites:delete"): PRIVILEGED_WITH_MFA,
    ("admin/sites/history/<int:pk>/", "wagtailsites:history"): PRIVILEGED_WITH_MFA,
    ("admin/sites/history-results/<int:pk>/", "wagtailsites:history_results"): PRIVILEGED_WITH_MFA,
    ("admin/sites/usage/<int:pk>/", "wagtailsites:usage"): PRIVILEGED_WITH_MFA,
    ("admin/sites/copy/<int:pk>/", "wagtailsites:copy"): PRIVILEGED_WITH_MFA,
    ("admin/users/", "wagtailusers_users:index"): PRIVILEGED_WITH_MFA,
    ("admin/users/results/", "wagtailusers_users:index_results"): PRIVILEGED_WITH_MFA,
    ("admin/users/new/", "wagtailusers_users:add"): PRIVILEGED_WITH_MFA,
    ("admin/users/edit/<int:pk>/", "wagtailusers_users:edit"): PRIVILEGED_WITH_MFA,
    ("admin/users/delete/<int:pk>/", "wagtailusers_users:delete"): PRIVILEGED_WITH_MFA,
    ("admin/users/history/<int:pk>/", "wagtailusers_users:history"): PRIVILEGED_WITH_MFA,
    (
        "admin/users/history-results/<int:pk>/",
        "wagtailusers_users:history_results",
    ): PRIVILEGED_WITH_MFA,
    ("admin/users/usage/<int:pk>/", "wagtailusers_users:usage"): PRIVILEGED_WITH_MFA,
    ("admin/groups/", "wagtailusers_groups:index"): PRIVILEGED_WITH_MFA,
    ("admin/groups/results/", "wagtailusers_groups:index_results"): PRIVILEGED_WITH_MFA,
    ("admin/groups/new/", "wagtailusers_groups:add"): PRIVILEGED_WITH_MFA,
    ("admin/groups/edit/<int:pk>/", "wagtailusers_groups:edit"): PRIVILEGED_WITH_MFA,
    ("admin/groups/delete/<int:pk>/", "wagtailusers_groups:delete"): PRIVILEGED_WITH_MFA,
    ("admin/groups/history/<int:pk>/", "wagtailusers_groups:history"): PRIVILEGED_WITH_MFA,
    (
        "admin/groups/history-results/<int:pk>/",
        "wagtailusers_groups:history_results",
    ): PRIVILEGED_WITH_MFA,
    ("admin/groups/usage/<int:pk>/", "wagtailusers_groups:usage"): PRIVILEGED_WITH_MFA,
    ("admin/documents/chooser/", "wagtaildocs_chooser:choose"): PRIVILEGED_WITH_MFA,
    ("admin/documents/chooser/results/", "wagtaildocs_chooser:choose_results"): PRIVILEGED_WITH_MFA,
    ("admin/documents/chooser/chosen/<str:pk>/", "wagtaildocs_chooser:chosen"): PRIVILEGED_WITH_MFA,
    (
        "admin/documents/chooser/chosen-multiple/",
        "wagtaildocs_chooser:chosen_multiple",
    ): PRIVILEGED_WITH_MFA,
    ("admin/documents/chooser/create/", "wagtaildocs_chooser:create"): PRIVILEGED_WITH_MFA,
    ("admin/images/chooser/", "wagtailimages_chooser:choose"): PRIVILEGED_WITH_MFA,
    ("admin/images/chooser/results/", "wagtailimages_chooser:choose_results"): PRIVILEGED_WITH_MFA,
    ("admin/images/chooser/chosen/<str:pk>/", "wagtailimages_chooser:chosen"): PRIVILEGED_WITH_MFA,
    (
        "admin/images/chooser/chosen-multiple/",
        "wagtailimages_chooser:chosen_multiple",
    ): PRIVILEGED_WITH_MFA,
    ("admin/images/chooser/create/", "wagtailimages_chooser:create"): PRIVILEGED_WITH_MFA,
    (
        "admin/images/chooser/<int:image_id>/select_format/",
        "wagtailimages_chooser:select_format",
    ): PRIVILEGED_WITH_MFA,
    ("admin/reports/content-due-for-review/", "learning_review_due_report"): PRIVILEGED_WITH_MFA,
    (
        "admin/reports/content-due-for-review/results/",
        "learning_review_due_report_results",
    ): PRIVILEGED_WITH_MFA,
    ("admin/anonymisation/pages/<int:page_id>/", "anonymisation_findings"): PRIVILEGED_WITH_MFA,
    ("admin/reports/anonymisation-overrides/", "anonymisation_overrides"): PRIVILEGED_WITH_MFA,
    (
        "admin/reports/anonymisation-overrides/results/",
        "anonymisation_overrides_results",
    ): PRIVILEGED_WITH_MFA,
    # The audit log and its CSV (learning.audit.admin_views): read only.
    ("admin/audit-log/", "audit_log"): PRIVILEGED_WITH_MFA,
    ("admin/audit-log/export/", "audit_log_export"): PRIVILEGED_WITH_MFA,
    # An administrator erases a person at once (learning.privacy.erasure_admin_views).
    ("admin/people/<int:user_id>/erase/", "admin_erase_person"): PRIVILEGED_WITH_MFA,
    # An administrator produces and downloads a copy of a person's data
    # (learning.privacy.access_admin_views).
    ("admin/people/<int:user_id>/data-copy/", "admin_access_export"): PRIVILEGED_WITH_MFA,
    (
        "admin/people/<int:user_id>/data-copy/<uuid:export_id>/download/",
        "admin_access_export_download",
    ): PRIVILEGED_WITH_MFA,
    ("admin/sprite/", "wagtailadmin_sprite"): ADMIN_ASSET,
    ("admin/login/", "wagtailadmin_login"): REDIRECTED_OR_REFUSED,
    ("admin/password_reset/", "wagtailadmin_password_reset"): REDIRECTED_OR_REFUSED,
    ("admin/password_reset/done/", "wagtailadmin_password_reset_done"): REDIRECTED_OR_REFUSED,
    (
        "admin/password_reset/confirm/<uidb64>/<token>/",
        "wagtailadmin_password_reset_confirm",
    ): REDIRECTED_OR_REFUSED,
    (
        "admin/password_reset/complete/",
        "wagtailadmin_password_reset_complete",
    ): REDIRECTED_OR_REFUSED,
    ("admin/jsi18n/", "wagtailadmin_javascript_catalog"): ADMIN_ASSET,
    ("admin/^.*/$", ""): PRIVILEGED_WITH_MFA,
    ("documents/^(\\d+)/(.*)$", "wagtaildocs_serve"): PUBLIC,
    (
        "documents/authenticate_with_password/<int:restriction_id>/",
        "wagtaildocs_authenticate_with_password",
    ): REDIRECTED_OR_REFUSED,
    ("accounts/invitations/", "invitation_list_create"): PRIVILEGED_WITH_MFA,
    ("accounts/invitation/<str:token>/", "invitation_accept"): PUBLIC,
    ("accounts/continue/", "mfa_continue"): SIGNED_IN,
    ("accounts/login/", "account_login"): ALLAUTH_FLOW,
    ("accounts/logout/", "account_logout"): ALLAUTH_FLOW,
    ("accounts/inactive/", "account_inactive"): ALLAUTH_FLOW,
    ("accounts/signup/", "account_signup"): ALLAUTH_FLOW,
    ("accounts/reauthenticate/", "account_reauthenticate"): ALLAUTH_FLOW,
    ("accounts/email/", "account_email"): SIGN_IN_SETTINGS,
    ("accounts/confirm-email/", "account_email_verification_sent"): ALLAUTH_FLOW,
    ("accounts/password/change/", "account_change_password"): SIGN_IN_SETTINGS,
    ("accounts/password/set/", "account_set_password"): SIGN_IN_SETTINGS,
    ("accounts/password/reset/", "account_reset_password"): ALLAUTH_FLOW,
    ("accounts/login/code/confirm/", "account_confirm_login_code"): ALLAUTH_FLOW,
    ("accounts/^confirm-email/(?P<key>[-:\\w]+)/$", "account_confirm_email"): ALLAUTH_FLOW,
    ("accounts/password/reset/key/done/", "account_reset_password_from_key_done"): ALLAUTH_FLOW,
    (
        "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        "account_reset_password_from_key",
    ): ALLAUTH_FLOW,
    ("accounts/password/reset/done/", "account_reset_password_done"): ALLAUTH_FLOW,
    ("accounts/2fa/", "mfa_index"): SIGN_IN_SETTINGS,
    ("accounts/2fa/authenticate/", "mfa_authenticate"): ALLAUTH_FLOW,
    ("accounts/2fa/reauthenticate/", "mfa_reauthenticate"): ALLAUTH_FLOW,
    ("accounts/2fa/totp/activate/", "mfa_activate_totp"): SIGNED_IN,
    ("accounts/2fa/totp/deactivate/", "mfa_deactivate_totp"): SIGN_IN_SETTINGS,
    ("accounts/2fa/recovery-codes/", "mfa_view_recovery_codes"): SIGN_IN_SETTINGS,
    ("accounts/2fa/recovery-codes/generate/", "mfa_generate_recovery_codes"): SIGN_IN_SETTINGS,
    ("accounts/2fa/recovery-codes/download/", "mfa_download_recovery_codes"): SIGN_IN_SETTINGS,
    ("accounts/3rdparty/login/cancelled/", "socialaccount_login_cancelled"): ALLAUTH_FLOW,
    ("accounts/3rdparty/login/error/", "socialaccount_login_error"): ALLAUTH_FLOW,
    ("accounts/3rdparty/signup/", "socialaccount_signup"): ALLAUTH_FLOW,
    ("accounts/3rdparty/", "socialaccount_connections"): SIGN_IN_SETTINGS,
    ("accounts/social/login/cancelled/", ""): REDIRECTED_OR_REFUSED,
    ("accounts/social/login/error/", ""): REDIRECTED_OR_REFUSED,
    ("accounts/social/signup/", ""): REDIRECTED_OR_REFUSED,
    ("accounts/social/connections/", ""): REDIRECTED_OR_REFUSED,
    ("accounts/oidc/^(?P<provider_id>[^/]+)/login/", "openid_connect_login"): ALLAUTH_FLOW,
    (
        "accounts/oidc/^(?P<provider_id>[^/]+)/login/callback/",
        "openid_connect_callback",
    ): ALLAUTH_FLOW,
    ("principles/", "principle_list"): PUBLIC,
    ("principles/<slug:slug>/", "principle_detail"): PUBLIC,
    ("search/", "search"): PUBLIC,
    ("favicon.ico", "favicon"): PUBLIC,
    ("my-learning/", "records:my_learning"): SIGNED_IN,
    ("my-learning/complete/<int:page_id>/", "records:complete"): SIGNED_IN,
    ("my-learning/feedback/<int:page_id>/", "records:feedback"): SIGNED_IN,
    ("my-learning/external/add/", "records:external_cpd_add"): SIGNED_IN,
    ("my-learning/external/<int:pk>/edit/", "records:external_cpd_edit"): SIGNED_IN,
    ("my-learning/external/<int:pk>/delete/", "records:external_cpd_delete"): SIGNED_IN,
    ("my-learning/registration/", "records:registration"): SIGNED_IN,
    ("my-learning/export.csv", "records:export_csv"): SIGNED_IN,
    ("my-learning/cpd-summary/", "records:cpd_summary"): SIGNED_IN,
    ("my-learning/reminders/", "records:reminder_settings"): SIGNED_IN,
    ("my-learning/impact/<int:feedback_id>/", "records:impact_answer"): SIGNED_IN,
    ("notifications/", "notifications:list"): SIGNED_IN,
    ("notifications/<int:notification_id>/", "notifications:open"): SIGNED_IN,
    ("notifications/mark-all-read/", "notifications:mark_all_read"): SIGNED_IN,
    # A person's own copy of their data (learning.privacy.views).
    ("my-data/", "my_data"): SIGNED_IN,
    ("my-data/<uuid:export_id>/download/", "my_data_download"): SIGNED_IN,
    ("certificates/<int:pk>/", "records:certificate"): PRIVILEGED_WITH_MFA,
    ("people/<int:user_id>/learning/", "records:person_learning"): PRIVILEGED_WITH_MFA,
    ("certificates/verify/", "records:certificate_lookup"): PUBLIC,
    ("certificates/verify/<str:code>/", "records:certificate_verify"): PUBLIC,
    ("reflections/", "reflections:entry_list"): SIGNED_IN,
    ("reflections/new/", "reflections:entry_create"): SIGNED_IN,
    ("reflections/<uuid:entry_id>/", "reflections:entry_detail"): PRIVILEGED_WITH_MFA,
    ("reflections/<uuid:entry_id>/edit/", "reflections:entry_edit"): SIGNED_IN,
    ("reflections/<uuid:entry_id>/delete/", "reflections:reflection_delete"): SIGNED_IN,
    ("reflections/<uuid:entry_id>/share/", "reflections:entry_share"): SIGNED_IN,
    ("reflections/<uuid:entry_id>/withdraw/", "reflections:entry_withdraw"): SIGNED_IN,
    ("reflections/<uuid:entry_id>/comment/", "reflections:entry_comment"): PRIVILEGED_WITH_MFA,
    ("reflections/<uuid:entry_id>/review/", "reflections:entry_review"): PRIVILEGED_WITH_MFA,
    ("reflections/<uuid:entry_id>/sign-off/", "reflections:entry_sign_off"): PRIVILEGED_WITH_MFA,
    ("reflections/<uuid:entry_id>/reopen/", "reflections:entry_reopen"): PRIVILEGED_WITH_MFA,
    ("reflections/comments/<uuid:comment_id>/", "reflections:comment_detail"): PRIVILEGED_WITH_MFA,
    ("my-team/", "supervision:my_team"): PRIVILEGED_WITH_MFA,
    ("my-team/sessions/new/", "supervision:session_create"): PRIVILEGED_WITH_MFA,
    ("my-team/sessions/<uuid:session_id>/", "supervision:session_detail"): PRIVILEGED_WITH_MFA,
    ("my-team/sessions/<uuid:session_id>/edit/", "supervision:session_edit"): PRIVILEGED_WITH_MFA,
    ("my-team/sessions/<uuid:session_id>/delete/", "supervision:session_delete"): (
        PRIVILEGED_WITH_MFA
    ),
    ("organisation/people/", "organisation:people"): PRIVILEGED_WITH_MFA,
    ("organisation/people/export.csv", "organisation:people_csv"): PRIVILEGED_WITH_MFA,
    ("organisation/people/export.xlsx", "organisation:people_xlsx"): PRIVILEGED_WITH_MFA,
    ("organisation/people/invite/", "organisation:invite"): PRIVILEGED_WITH_MFA,
    ("organisation/people/invite/confirm/", "organisation:invite_confirm"): PRIVILEGED_WITH_MFA,
    (
        "organisation/people/invitations/<int:pk>/resend/",
        "organisation:invitation_resend",
    ): PRIVILEGED_WITH_MFA,
    (
        "organisation/people/invitations/<int:pk>/withdraw/",
        "organisation:invitation_withdraw",
    ): PRIVILEGED_WITH_MFA,
    ("required-learning/", "required:requirement_list"): PRIVILEGED_WITH_MFA,
    ("required-learning/new/", "required:requirement_create"): PRIVILEGED_WITH_MFA,
    ("required-learning/<int:pk>/edit/", "required:requirement_edit"): PRIVILEGED_WITH_MFA,
    ("required-learning/<int:pk>/retire/", "required:requirement_retire"): PRIVILEGED_WITH_MFA,
    ("required-learning/exemptions/", "required:exemption_list"): PRIVILEGED_WITH_MFA,
    ("required-learning/exemptions/new/", "required:exemption_create"): PRIVILEGED_WITH_MFA,
    (
        "required-learning/exemptions/<int:pk>/end/",
        "required:exemption_end",
    ): PRIVILEGED_WITH_MFA,
    ("reports/", "reports:index"): PRIVILEGED_WITH_MFA,
    ("reports/<slug:slug>/", "reports:report"): PRIVILEGED_WITH_MFA,
    ("reports/board-pack/", "reports:board_pack"): PRIVILEGED_WITH_MFA,
    ("reports/board-pack.pdf", "reports:board_pack_pdf"): PRIVILEGED_WITH_MFA,
    ("reports/xapi/", "reports:xapi"): PRIVILEGED_WITH_MFA,
    ("^media/images/(?P<path>.*)$", ""): PUBLIC,
    ("^media/original_images/(?P<path>.*)$", ""): PUBLIC,
    ("", "home"): PUBLIC,
    (
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        "wagtailcore_authenticate_with_password",
    ): REDIRECTED_OR_REFUSED,
    ("_util/login/", "wagtailcore_login"): REDIRECTED_OR_REFUSED,
    ("^((?:[\\w\\-]+/)*)$", "wagtail_serve"): PUBLIC,
}
