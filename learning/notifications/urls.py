"""The person's own notifications: /notifications/ (learning.views.notifications)."""

from django.urls import path

from learning.views import notifications

app_name = "notifications"

urlpatterns = [
    path("", notifications.notification_list, name="list"),
    path("<int:notification_id>/", notifications.notification_open, name="open"),
    path("mark-all-read/", notifications.mark_all_read, name="mark_all_read"),
]
