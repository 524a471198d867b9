"""How allauth fits the hub: who may sign up, and where each role lands after sign-in."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest
from django.urls import reverse

from learning.accounts import membership
from learning.models import OrganisationDomain
from learning.roles import Role, has_role


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        """Sign-up is closed unless the visitor holds an invitation or at least one
        organisation has registered an email domain (the form then checks the domain)."""
        if membership.usable_invitation(request.session.get(membership.INVITATION_SESSION_KEY)):
            return True
        return OrganisationDomain.objects.exists()

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        if has_role(request.user, Role.SAB_MANAGER, Role.SAB_EDITOR, Role.SITE_ADMINISTRATOR):
            return reverse("wagtailadmin_home")
        return super().get_login_redirect_url(request)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on: a person may join through their organisation's identity provider
    only with an address on a domain that organisation registered."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        email = sociallogin.user.email or ""
        return membership.organisation_for_email(email) is not None

    def save_user(self, request: HttpRequest, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        membership.member_join(
            user=user, organisation=membership.organisation_for_email(user.email)
        )
        return user
