"""Who may see and do what. Every view asks this module; nothing else decides.

Rules take the acting user first and answer with a bool or a queryset narrowed to what
that user may see, so a view never filters personal data by itself.
"""

from __future__ import annotations

from django.db.models import QuerySet

from learning.models import Organisation, Profile
from learning.roles import Role, has_role


def profile_of(user) -> Profile | None:
    """The user's profile, or None (an anonymous visitor, or an account made on the
    command line that has not joined an organisation)."""
    if not user.is_authenticated:
        return None
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def invitable_organisations(user) -> QuerySet[Organisation]:
    """Organisations the user may invite people into: any for an administrator, their
    own for an organisation lead, none for anybody else."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser or has_role(user, Role.SITE_ADMINISTRATOR):
        return Organisation.objects.all()
    profile = profile_of(user)
    if has_role(user, Role.ORGANISATION_LEAD) and profile and profile.organisation_id:
        return Organisation.objects.filter(pk=profile.organisation_id)
    return Organisation.objects.none()


def can_invite(user) -> bool:
    return invitable_organisations(user).exists()
