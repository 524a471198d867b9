"""URLs for supervisors, included from learning/urls.py under the "supervision"
namespace. Team sessions are named by UUID."""

from django.urls import path

from learning.views import supervision as views

app_name = "supervision"

urlpatterns = [
    path("my-team/", views.my_team, name="my_team"),
    path("my-team/sessions/new/", views.session_create, name="session_create"),
    path("my-team/sessions/<uuid:session_id>/", views.session_detail, name="session_detail"),
    path("my-team/sessions/<uuid:session_id>/edit/", views.session_edit, name="session_edit"),
    path("my-team/sessions/<uuid:session_id>/delete/", views.session_delete, name="session_delete"),
]
