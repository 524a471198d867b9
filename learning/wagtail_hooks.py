"""How the platform plugs into Wagtail's admin."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from learning.admin_viewsets import PartnershipViewSetGroup, TaxonomyViewSetGroup
from learning.models import Profile


@hooks.register("register_admin_viewset")
def register_partnership_admin():
    return PartnershipViewSetGroup()


register_snippet(TaxonomyViewSetGroup)


@hooks.register("after_create_user")
def give_new_user_a_profile(request, user):
    Profile.objects.get_or_create(user=user)


@hooks.register("before_delete_user")
def refuse_user_deletion(request, user):
    """Learning records, reports and supervision history refer to people who have left:
    an account is deactivated instead, so nothing that refers to it is lost."""
    messages.error(
        request,
        f"Accounts are not deleted. To stop {user} signing in, edit the user and untick "
        "“Active”.",
    )
    return redirect("wagtailusers_users:edit", user.pk)
