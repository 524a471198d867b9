"""Roles are groups with exactly the permissions they need."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import GroupPagePermission

from learning.role_setup import sync_role_groups
from learning.roles import Role
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def test_every_role_has_a_group():
    assert set(Group.objects.values_list("name", flat=True)) == {role.value for role in Role}


def test_only_board_roles_reach_the_admin():
    can_reach_admin = {
        role
        for role in Role
        if Group.objects.get(name=role.value).permissions.filter(codename="access_admin").exists()
    }
    assert can_reach_admin == {Role.SAB_EDITOR, Role.SAB_MANAGER, Role.SITE_ADMINISTRATOR}


def test_editors_may_not_publish_but_managers_may():
    def page_codenames(role):
        return set(
            GroupPagePermission.objects.filter(group__name=role.value).values_list(
                "permission__codename", flat=True
            )
        )

    assert "publish_page" not in page_codenames(Role.SAB_EDITOR)
    assert "publish_page" in page_codenames(Role.SAB_MANAGER)


def test_administrators_cannot_delete_people():
    admin = make_person(role=Role.SITE_ADMINISTRATOR)
    assert admin.has_perm("learning.change_user")
    assert not admin.has_perm("learning.delete_user")
    assert not admin.has_perm("learning.delete_profile")


def test_sync_is_idempotent():
    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    page_permissions = GroupPagePermission.objects.count()
    sync_role_groups()
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert before == after
    assert GroupPagePermission.objects.count() == page_permissions
