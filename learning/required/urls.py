"""URLs for setting required learning and exempting people, included from
learning/urls.py under the "required" namespace (which the second-factor guard covers
whole: learning.accounts.mfa.GUARDED_NAMESPACES)."""

from django.urls import path

from learning.views import required as views

app_name = "required"

urlpatterns = [
    path("", views.requirement_list, name="requirement_list"),
    path("new/", views.requirement_create, name="requirement_create"),
    path("<int:pk>/edit/", views.requirement_edit, name="requirement_edit"),
    path("<int:pk>/retire/", views.requirement_retire, name="requirement_retire"),
    path("exemptions/", views.exemption_list, name="exemption_list"),
    path("exemptions/new/", views.exemption_create, name="exemption_create"),
    path("exemptions/<int:pk>/end/", views.exemption_end, name="exemption_end"),
]
