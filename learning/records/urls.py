"""URLs of learner records, included from learning/urls.py under the "records"
namespace. Personal pages live under my-learning/ (one's own) and people/ (someone
else's, for their supervisors and organisation lead); certificate checks are public."""

from django.urls import path

from learning.views import records as views
from learning.views import reminders

app_name = "records"

urlpatterns = [
    path("my-learning/", views.my_learning, name="my_learning"),
    path("my-learning/complete/<int:page_id>/", views.complete, name="complete"),
    path("my-learning/feedback/<int:page_id>/", views.feedback, name="feedback"),
    path("my-learning/external/add/", views.external_cpd_add, name="external_cpd_add"),
    path("my-learning/external/<int:pk>/edit/", views.external_cpd_edit, name="external_cpd_edit"),
    path(
        "my-learning/external/<int:pk>/delete/",
        views.external_cpd_delete,
        name="external_cpd_delete",
    ),
    path("my-learning/registration/", views.registration, name="registration"),
    path("my-learning/export.csv", views.export_csv, name="export_csv"),
    path("my-learning/cpd-summary/", views.cpd_summary, name="cpd_summary"),
    path("my-learning/reminders/", reminders.reminder_settings, name="reminder_settings"),
    path("my-learning/impact/<int:feedback_id>/", reminders.impact_answer, name="impact_answer"),
    path("certificates/<int:pk>/", views.certificate, name="certificate"),
    path("people/<int:user_id>/learning/", views.person_learning, name="person_learning"),
    path("certificates/verify/", views.certificate_lookup, name="certificate_lookup"),
    path(
        "certificates/verify/<str:code>/",
        views.certificate_verify,
        name="certificate_verify",
    ),
]
