"""A person's own data: my-data/ (the subject access download)."""

from __future__ import annotations

from django.urls import path

from learning.privacy import views

urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("<uuid:export_id>/download/", views.my_data_download, name="my_data_download"),
]
