"""Two-factor authentication, decided per session rather than per account.

allauth runs the second-factor stage at sign-in, but it cannot force anyone to enrol, and
a session authenticated by any other route (a password view a dependency brings, a test
of a future route) would carry no second factor at all. So this module asks the one
question that matters: did *this session's* authentication include a second factor?
allauth keeps a record of each step a session authenticated with; a step of method
"mfa" (authenticator app or recovery code), or a single sign-on through an identity
provider configured as enforcing MFA, counts.

Who needs it where:
- privileged people (organisation leads, SAB editors and managers, administrators,
  superusers) for the Wagtail admin, reports, and other people's records;
- anyone with an authenticator, for the pages that manage their sign-in (email
  addresses, password, authenticator, recovery codes), so that a password alone can
  never read recovery codes or replace the authenticator.

A privileged person without an authenticator is sent to set one up; anyone with one,
to allauth's second-factor step for the session they already have.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
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
        "supervision:session_edit",
        "supervision:session_delete",
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

# Whole URL namespaces of other people's records and of reports: every page in them,
# including any added later, needs the second factor.
GUARDED_NAMESPACES = frozenset({"required", "reports", "organisation"})

# The pages that change how a person signs in. With only a password, someone could add
# an email address, change the password, or read the recovery codes, and so turn one
# stolen secret into lasting access.
SIGN_IN_SETTINGS_URL_NAMES = frozenset(
    {
        "account_email",
        "account_change_password",
        "account_set_password",
        "mfa_index",
        "mfa_deactivate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "socialaccount_connections",
    }
)

# A single sign-on provider's setting (in the admin's Single sign-on screen, or
# HUB_OIDC_ENFORCES_MFA for one configured by environment) saying that the identity
# provider itself always asks for a second factor.
PROVIDER_ENFORCES_MFA_SETTING = "hub_enforces_mfa"

# Where a person was going when they were sent to set up MFA. allauth's set-up view
# ignores `next` (it always ends on the recovery codes), so the recovery codes page
# offers a "Continue" link that comes back here for it.
RETURN_PATH_SESSION_KEY = "hub_mfa_return_path"


def is_privileged(user) -> bool:
    """Does this person reach the admin, reports or other people's records? By role, or
    by any group an administrator gave access to the Wagtail admin."""
    if not user.is_authenticated:
        return False
    return (
        user.is_superuser
        or bool(roles_of(user) & ROLES_REQUIRING_MFA)
        or user.has_perm("wagtailadmin.access_admin")
    )


def has_authenticator(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def provider_enforces_mfa(request: HttpRequest, provider_id: str) -> bool:
    """True when every app configured for this single sign-on provider says its
    identity provider always requires a second factor."""
    apps = get_social_adapter().list_apps(request, provider=provider_id)
    return bool(apps) and all(
        bool((app.settings or {}).get(PROVIDER_ENFORCES_MFA_SETTING)) for app in apps
    )


def session_has_second_factor(request: HttpRequest) -> bool:
    """Did this session's authentication include a second factor?"""
    for record in get_authentication_records(request, request.user):
        if record.get("method") == "mfa":
            return True
        if record.get("method") == "socialaccount" and provider_enforces_mfa(
            request, str(record.get("provider", ""))
        ):
            return True
    return False


def must_enrol_in_mfa(user) -> bool:
    """True for a privileged user who has not yet set up an authenticator app."""
    return is_privileged(user) and not has_authenticator(user)


def record_second_factor_at_enrolment(request: HttpRequest, authenticator: Authenticator) -> None:
    """Setting up an authenticator proves possession of it (allauth checks a code from
    it), so the session that did so has passed the second factor."""
    record_authentication(
        request, authenticator.user, "mfa", id=authenticator.pk, type=authenticator.type
    )
    # allauth announces the authenticator when its transaction commits, which under
    # ATOMIC_REQUESTS is after the session middleware has saved the session.
    request.session.save()


def needs_second_factor(request: HttpRequest) -> bool:
    """Does the resolved URL of this request need this session to have passed a
    second factor?"""
    user = request.user
    if not user.is_authenticated:
        return False
    match = request.resolver_match
    view_name = match.view_name if match is not None else ""
    # The address first, which costs nothing, so most requests never ask the database
    # about roles or authenticators. The admin is taken from the URL configuration, so
    # the guard follows it if it moves; request.path, like reverse(), includes any
    # prefix the site is mounted under.
    guarded = (
        view_name in GUARDED_URL_NAMES
        or (match is not None and match.namespace in GUARDED_NAMESPACES)
        or request.path.startswith(reverse("wagtailadmin_home"))
    )
    if guarded and is_privileged(user):
        return True
    return view_name in SIGN_IN_SETTINGS_URL_NAMES and has_authenticator(user)


def second_factor_redirect(request: HttpRequest) -> HttpResponse | None:
    """Where to send a request that needs a second factor this session has not given;
    None when the request may go on."""
    if not needs_second_factor(request):
        return None
    return second_factor_step(request)


def second_factor_step(request: HttpRequest) -> HttpResponse | None:
    """For a request that needs the second factor: None if this session has given it,
    else a redirect to give it (or, with no authenticator yet, to set one up)."""
    if session_has_second_factor(request):
        return None
    next_query = urlencode({"next": request.get_full_path()})
    if has_authenticator(request.user):
        messages.info(request, "Enter a code from your authenticator app to continue.")
        return HttpResponseRedirect(f"{reverse('mfa_reauthenticate')}?{next_query}")
    messages.warning(
        request,
        "Your role needs two-factor authentication. Set up an authenticator app to continue.",
    )
    request.session[RETURN_PATH_SESSION_KEY] = request.get_full_path()
    return HttpResponseRedirect(f"{reverse('mfa_activate_totp')}?{next_query}")


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        # After URL resolution, so the guard can go by URL name.
        return second_factor_redirect(request)
