"""Two-factor authentication is required of everyone who can reach the Wagtail admin,
a report, or another person's records. allauth offers MFA but cannot force enrolment,
so this does."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from learning.roles import ROLES_REQUIRING_MFA, roles_of

# Pages outside the Wagtail admin that show reports or other people's records, by URL
# name. The admin (where every report of the content apps lives) is guarded whole.
# A privileged person's own learning is not listed: it is theirs alone.
GUARDED_URL_NAMES = frozenset(
    {
        # Someone else's learning record and certificates (supervisors, organisation leads).
        "records:person_learning",
        "records:certificate",
        # A supervisor's team, team sessions, and reflective entries shared with them.
        "supervision:my_team",
        "supervision:session_create",
        "supervision:session_detail",
        "reflections:entry_detail",
        "reflections:entry_comment",
        "reflections:entry_review",
        "reflections:entry_sign_off",
        "reflections:entry_reopen",
        "reflections:comment_detail",
        # Who was invited to an organisation, and who has joined.
        "invitation_list_create",
    }
)

# Where a person was going when they were sent to set up MFA. allauth's set-up view
# ignores `next` (it always ends on the recovery codes), so the recovery codes page
# offers a "Continue" link that comes back here for it.
RETURN_PATH_SESSION_KEY = "hub_mfa_return_path"


def must_enrol_in_mfa(user) -> bool:
    """True for a privileged user who has not yet set up an authenticator app."""
    if not user.is_authenticated:
        return False
    privileged = user.is_superuser or bool(roles_of(user) & ROLES_REQUIRING_MFA)
    if not privileged:
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def is_guarded(request: HttpRequest) -> bool:
    """Does the resolved URL of this request need a privileged user to have MFA?"""
    match = request.resolver_match
    if match is not None and match.view_name in GUARDED_URL_NAMES:
        return True
    # Taken from the URL configuration, so the guard follows the admin if it moves.
    return request.path_info.startswith(reverse("wagtailadmin_home"))


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        # After URL resolution, so the guard can go by URL name.
        if not is_guarded(request) or not must_enrol_in_mfa(request.user):
            return None
        messages.warning(
            request,
            "Your role needs two-factor authentication. Set up an authenticator app to continue.",
        )
        request.session[RETURN_PATH_SESSION_KEY] = request.get_full_path()
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('mfa_activate_totp')}?{query}")
