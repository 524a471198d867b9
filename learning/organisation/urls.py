"""URLs of the organisation lead's pages, included from learning/urls.py under the
"organisation" namespace (every page in it needs the second factor)."""

from django.urls import path

from learning.views import organisation as views

app_name = "organisation"

urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/export.csv", views.people_csv, name="people_csv"),
    path("people/export.xlsx", views.people_xlsx, name="people_xlsx"),
    path("people/invite/", views.invite, name="invite"),
    path("people/invite/confirm/", views.invite_confirm, name="invite_confirm"),
    path(
        "people/invitations/<int:pk>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "people/invitations/<int:pk>/withdraw/",
        views.invitation_withdraw,
        name="invitation_withdraw",
    ),
]
