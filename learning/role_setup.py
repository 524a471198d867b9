"""Creates each role's group and gives it exactly the permissions in learning.roles."""

from __future__ import annotations

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from learning.roles import COLLECTION_PERMISSIONS, MODEL_PERMISSIONS, PAGE_PERMISSIONS, Role


def _permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".", 1)
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def sync_role_groups() -> None:
    """Idempotent: after it runs every role has a group holding its listed permissions.
    Permissions granted by hand beyond the list are left alone."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    # Permissions are normally created by a later post_migrate receiver; make sure
    # they exist now, whatever order the receivers run in.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0)

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        group.permissions.add(*(_permission(p) for p in MODEL_PERMISSIONS.get(role, ())))
        if root_page is not None:
            for codename in PAGE_PERMISSIONS.get(role, ()):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root_page, permission=_permission(f"wagtailcore.{codename}")
                )
        if root_collection is not None:
            for dotted in COLLECTION_PERMISSIONS.get(role, ()):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=_permission(dotted)
                )
