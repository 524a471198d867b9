"""Admin addresses the hub answers itself, in front of Wagtail's own at the same path
(included before the admin in learning/urls.py): where Wagtail's view would answer a
request with a 500. Reversing Wagtail's URL names still lands here."""

from django.urls import path
from django.views.defaults import page_not_found

from learning.views import admin_overrides

urlpatterns = [
    # Wagtail's page that fails on purpose, for trying out error reports, would let any
    # admin user fill the error log; nothing here should answer with a 500.
    path("failwhale/", page_not_found, {"exception": None}, name="wagtail_error_test_off"),
    # Wagtail's "wagtailadmin_pages:set_page_position" fails on the root page.
    path(
        "pages/<int:page_to_move_id>/set_position/",
        admin_overrides.set_position_of_child_page,
        name="set_position_of_child_page",
    ),
    # Wagtail's "wagtailadmin_pages:lock" and ":unlock" fail on the root page.
    path("pages/<int:page_id>/lock/", admin_overrides.lock_child_page, name="lock_child_page"),
    path(
        "pages/<int:page_id>/unlock/",
        admin_overrides.unlock_child_page,
        name="unlock_child_page",
    ),
    # Wagtail's "wagtailadmin_choose_page_external_link" fails on a form without its URL.
    path(
        "choose-external-link/",
        admin_overrides.choose_external_link,
        name="choose_external_link_checked",
    ),
    # Wagtail's "wagtailredirects:process_import" fails on a form without its hidden
    # fields, and on one sent again after the import.
    path(
        "redirects/import/process/",
        admin_overrides.process_redirects_import,
        name="process_redirects_import_checked",
    ),
    # Wagtail's "wagtailadmin_choose_page_chosen_multiple" fails on the root page and on
    # ids that are not numbers.
    path(
        "choose-page/chosen-multiple/",
        admin_overrides.pages_chosen_with_parents,
        name="pages_chosen_with_parents",
    ),
    # Every snippet chooser's "create" step, which fails when the chooser has no
    # creation form.
    path(
        "snippets/choose/<slug:app_label>/<slug:model_name>/create/",
        admin_overrides.create_snippet_from_chooser,
        name="create_snippet_from_chooser",
    ),
]
