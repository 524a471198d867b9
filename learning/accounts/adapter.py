"""How allauth fits the hub: who may sign up, and where each role lands after sign-in."""

from __future__ import annotations

import logging
from typing import NoReturn

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from learning.accounts import membership
from learning.accounts.sso_check import ProviderUnavailable, sso_failures_as_provider_unavailable
from learning.models import OrganisationDomain
from learning.roles import Role, has_role

logger = logging.getLogger(__name__)


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

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials) -> str:
        """One count of failed sign-ins per address, whatever host the request named.

        allauth prefixes the count with the current site's domain, which without
        django.contrib.sites is the Host header, port and all. ALLOWED_HOSTS ignores the
        port, so "hub.example:1", "hub.example:2" and so on would each get five fresh
        attempts, and instances reached under different names would not share a lockout.
        """
        login = credentials.get("email", credentials.get("username", ""))
        return f"sign-in:{str(login).lower()}"


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Single sign-on: a person may join through their organisation's identity provider
    only with an address on a domain that organisation registered."""

    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        email = sociallogin.user.email or ""
        return membership.organisation_for_email(email) is not None

    def get_requests_session(self):
        """allauth's session (with its timeout), but a provider that is down or sends a
        broken discovery document sends the person back to the sign-in page with a
        message. allauth fetches the discovery document before it handles errors when
        it sends a person to the provider, so a failure there would be a crash page;
        ImmediateHttpResponse is what allauth's views return as they are."""
        return sso_failures_as_provider_unavailable(
            super().get_requests_session(), on_failure=self._provider_unavailable
        )

    def _provider_unavailable(self, reason: str) -> NoReturn:
        request = allauth_context.request
        if request is None:  # not during a sign-in (a management command)
            raise ProviderUnavailable(reason)
        logger.warning("Single sign-on provider unavailable: %s", reason)
        raise ImmediateHttpResponse(self._back_to_sign_in(request, _provider_name(request)))

    def on_authentication_error(
        self, request: HttpRequest, provider, error=None, exception=None, extra_context=None
    ) -> None:
        if isinstance(exception, ProviderUnavailable):
            raise ImmediateHttpResponse(
                self._back_to_sign_in(request, getattr(provider, "name", ""))
            )
        super().on_authentication_error(
            request, provider, error=error, exception=exception, extra_context=extra_context
        )

    def _back_to_sign_in(self, request: HttpRequest, name: str) -> HttpResponse:
        messages.error(
            request,
            f"Signing in with {name or 'your organisation'} is not working at the moment. "
            "Sign in with your email and password, or try again later.",
        )
        return redirect("account_login")

    def save_user(self, request: HttpRequest, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        membership.member_join(
            user=user, organisation=membership.organisation_for_email(user.email)
        )
        return user


def _provider_name(request: HttpRequest) -> str:
    """The name of the provider a sign-in URL (/accounts/oidc/<provider_id>/...) is for."""
    match = getattr(request, "resolver_match", None)
    provider_id = match.kwargs.get("provider_id") if match else None
    if not provider_id:
        return ""
    app = SocialApp.objects.filter(provider_id=provider_id).only("name").first()
    return app.name if app else ""
