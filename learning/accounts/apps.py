"""Wagtail's users app, with the hub's user screens (learning.accounts.admin_users).

Listed in INSTALLED_APPS in place of "wagtail.users": Wagtail picks its user view set
from this app config, and has no setting for it."""

from wagtail.users.apps import WagtailUsersAppConfig


class HubUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "learning.accounts.admin_users.UserViewSet"
