"""The roles people hold, kept as Django groups with the permissions each needs.

A role's group and its permissions are created (and corrected) after every migrate, so
a new deployment and the test database both start with the same roles.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Role(StrEnum):
    PRACTITIONER = "Practitioner"
    SUPERVISOR = "Supervisor"
    ORGANISATION_LEAD = "Organisation lead"
    SAB_EDITOR = "SAB editor"
    SAB_MANAGER = "SAB manager"
    SITE_ADMINISTRATOR = "Site administrator"

    @classmethod
    def invitable_choices(cls) -> list[tuple[str, str]]:
        """Roles an organisation lead may grant by invitation: never the board's own
        roles or administration, which an administrator grants in the admin."""
        return [(role.value, role.value) for role in (cls.PRACTITIONER, cls.SUPERVISOR)]


# Anyone who can reach the Wagtail admin or a report must have a second factor.
ROLES_REQUIRING_MFA = frozenset(
    {Role.ORGANISATION_LEAD, Role.SAB_EDITOR, Role.SAB_MANAGER, Role.SITE_ADMINISTRATOR}
)

# Model permissions per role, as "app_label.codename".
MODEL_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.PRACTITIONER: (),
    Role.SUPERVISOR: (),
    Role.ORGANISATION_LEAD: ("learning.add_invitation",),
    Role.SAB_EDITOR: (
        "wagtailadmin.access_admin",
        "learning.view_principle",
        "learning.view_abusetype",
    ),
    Role.SAB_MANAGER: (
        "wagtailadmin.access_admin",
        "learning.view_principle",
        "learning.change_principle",
        "learning.view_abusetype",
        "learning.change_abusetype",
        # The synonyms site search expands queries with (SAR: Safeguarding Adults Review).
        "learning.view_searchsynonym",
        "learning.add_searchsynonym",
        "learning.change_searchsynonym",
        "learning.delete_searchsynonym",
        "learning.view_organisation",
        "learning.view_team",
        "learning.override_anonymisation_check",
        # The compliance target and amber margin of the reports.
        "learning.view_reportsettings",
        "learning.change_reportsettings",
    ),
    Role.SITE_ADMINISTRATOR: (
        "wagtailadmin.access_admin",
        # Administrators create and deactivate accounts; they never delete them.
        "learning.add_user",
        "learning.change_user",
        "learning.view_user",
        "auth.view_group",
        "learning.add_organisation",
        "learning.change_organisation",
        "learning.view_organisation",
        "learning.add_team",
        "learning.change_team",
        "learning.view_team",
        "learning.delete_team",
        "learning.change_profile",
        "learning.view_profile",
        "learning.add_invitation",
        "learning.view_invitation",
        "learning.delete_invitation",
        # Vouches for invitations to personal addresses (learning.accounts.free_mail).
        "learning.confirm_invitation",
        # Single sign-on: the identity providers people may sign in through.
        "socialaccount.add_socialapp",
        "socialaccount.change_socialapp",
        "socialaccount.view_socialapp",
        "socialaccount.delete_socialapp",
        # Data protection: the audit trail (read only), retention and the privacy notice.
        "learning.view_auditentry",
        "learning.erase_user",
        "learning.produce_accessexport",
        "learning.view_privacysettings",
        "learning.change_privacysettings",
    ),
}

# Wagtail page permissions granted on the whole site tree.
PAGE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.SAB_EDITOR: ("add_page", "change_page", "lock_page"),
    Role.SAB_MANAGER: ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
}

# Wagtail image and document permissions granted on the root collection.
COLLECTION_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.SAB_EDITOR: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
    Role.SAB_MANAGER: (
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ),
}


def roles_of(user: AbstractBaseUser | AnonymousUser) -> frozenset[Role]:
    """The roles a signed-in user holds (cached on the user object for the request)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_hub_roles", None)
    if cached is None:
        # Imported here: learning.person_facts reads the models, which import this module.
        from learning.person_facts import person_facts

        cached = person_facts(user).roles
        user._hub_roles = cached
    return cached


def has_role(user: AbstractBaseUser | AnonymousUser, *roles: Role) -> bool:
    return bool(roles_of(user).intersection(roles))
