"""URLs of the reflective log, included from learning/urls.py under the
"reflections" namespace. Entries and comments are named by UUID, never by a number
that could be counted through."""

from django.urls import path

from learning.views import reflections as views
from learning.views import supervision

app_name = "reflections"

urlpatterns = [
    path("reflections/", views.entry_list, name="entry_list"),
    path("reflections/new/", views.entry_create, name="entry_create"),
    path("reflections/<uuid:entry_id>/", views.entry_detail, name="entry_detail"),
    path("reflections/<uuid:entry_id>/edit/", views.entry_edit, name="entry_edit"),
    path("reflections/<uuid:entry_id>/delete/", views.entry_delete, name="reflection_delete"),
    path("reflections/<uuid:entry_id>/share/", views.entry_share, name="entry_share"),
    path("reflections/<uuid:entry_id>/withdraw/", views.entry_withdraw, name="entry_withdraw"),
    path("reflections/<uuid:entry_id>/comment/", views.entry_comment, name="entry_comment"),
    path("reflections/<uuid:entry_id>/review/", supervision.entry_review, name="entry_review"),
    path(
        "reflections/<uuid:entry_id>/sign-off/", supervision.entry_sign_off, name="entry_sign_off"
    ),
    path("reflections/<uuid:entry_id>/reopen/", supervision.entry_reopen, name="entry_reopen"),
    path("reflections/comments/<uuid:comment_id>/", views.comment_detail, name="comment_detail"),
]
