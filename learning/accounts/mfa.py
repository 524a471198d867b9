"""Two-factor authentication is required of everyone who can reach the Wagtail admin
or a report. allauth offers MFA but cannot force enrolment, so this does."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from learning.roles import ROLES_REQUIRING_MFA, roles_of

DEFAULT_PROTECTED_PREFIXES = ("/admin/", "/reports/")


def must_enrol_in_mfa(user) -> bool:
    """True for a privileged user who has not yet set up an authenticator app."""
    if not user.is_authenticated:
        return False
    privileged = user.is_superuser or bool(roles_of(user) & ROLES_REQUIRING_MFA)
    if not privileged:
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.prefixes = tuple(
            getattr(settings, "HUB_MFA_PROTECTED_PREFIXES", DEFAULT_PROTECTED_PREFIXES)
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(self.prefixes) and must_enrol_in_mfa(request.user):
            messages.warning(
                request,
                "Your role needs two-factor authentication. Set up an authenticator app "
                "to continue.",
            )
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)
