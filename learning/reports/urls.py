"""Reports, under /reports/ (namespace "reports"): every page here needs a privileged
person's second factor (learning.accounts.mfa.GUARDED_NAMESPACES)."""

from django.urls import path

from learning.views import board_pack, xapi
from learning.views import reports as views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("board-pack/", board_pack.board_pack, name="board_pack"),
    path("board-pack.pdf", board_pack.board_pack_download, name="board_pack_pdf"),
    path("xapi/", xapi.xapi_export, name="xapi"),
    path("<slug:slug>/", views.report, name="report"),
]
