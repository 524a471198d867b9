"""Security headers the browser enforces: Content-Security-Policy and Permissions-Policy.

Two content security policies, both in learning.settings:

- CONTENT_SECURITY_POLICY, for the public and practitioner site. Scripts run only from
  our own static files or, where a template must have an inline script, with the
  per-request nonce (`nonce="{{ request.csp_nonce }}"`); a page that renders no nonce
  sends none, so it allows no inline script at all. Templates carry no inline styles
  or event handlers, so no inline style is allowed either.
- ADMIN_CONTENT_SECURITY_POLICY, for every path under the Wagtail admin. It is looser
  because Wagtail 7 still writes inline `<script>` blocks (date pickers, inline panels,
  workflow dialogs) and `style` attributes throughout its interface, its stylesheet
  uses a data: image, and image uploads preview the chosen file from a blob: URL.
  Only board staff, signed in with a second factor, get past the admin's front door,
  and the directives that matter most against injected content (no plugins, no <base>,
  forms post only here, no framing) stay as strict as the site's. Its script-src must
  never list a nonce: browsers ignore 'unsafe-inline' once a nonce is present, which
  would break the admin.

Two adjustments per response:

- Framing. Nothing may frame the hub (frame-ancestors 'none', as X_FRAME_OPTIONS =
  "DENY"), except Wagtail's previews, which the editor shows in an iframe: those may be
  framed by our own pages ('self'). Browsers that understand frame-ancestors ignore
  X-Frame-Options, so without this the preview panel would stay blank. A page or
  snippet preview is rendered by sending a made-up request for the page's public URL
  through the whole middleware stack (Wagtail sets request.is_preview), so it gets the
  site's strict policy, exactly as visitors will; the admin request around it then
  leaves that header alone. Anything else a view marks X-Frame-Options: SAMEORIGIN
  (Wagtail's StreamField block previews) may be framed too.
- Single sign-on. The page that sends someone to their organisation's identity
  provider posts a form to itself and is redirected to the provider, and Chromium
  applies form-action to that redirect. That page alone may also post to the
  provider's origin (taken from its server URL, in settings or the admin).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.models import SocialApp
from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.urls import reverse

# allauth's URL name for the page that starts an OpenID Connect sign-in.
SIGN_IN_SERVICE_LOGIN_URL_NAME = "openid_connect_login"


def is_admin_path(path: str) -> bool:
    """Whether `path` (as in request.path, with any script prefix) is in the Wagtail admin."""
    return path.startswith(reverse("wagtailadmin_home"))


def may_be_framed_by_self(request: HttpRequest, response: HttpResponseBase) -> bool:
    """Whether the response is a Wagtail preview, which the editor shows in an iframe."""
    return (
        getattr(request, "is_preview", False) is True
        or response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
    )


def sign_in_service_origin(request: HttpRequest) -> str | None:
    """The identity provider's origin, on the page that sends someone there to sign in;
    None on every other page, or when the provider is unknown."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name != SIGN_IN_SERVICE_LOGIN_URL_NAME:
        return None
    try:
        provider = get_adapter(request).get_provider(request, match.kwargs["provider_id"])
    except SocialApp.DoesNotExist:
        return None
    server = urlsplit(provider.app.settings.get("server_url", ""))
    return f"{server.scheme}://{server.netloc}" if server.scheme and server.netloc else None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin policy for admin paths, letting
    previews be framed by the admin and the single sign-on page post to its provider."""

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        # A view decorated with django-csp's @csp has already chosen its whole policy.
        if parts.config is None and is_admin_path(request.path):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        if may_be_framed_by_self(request, response):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        if origin := sign_in_service_origin(request):
            update = dict(parts.update or {})
            update["form-action"] = [*update.get("form-action", []), origin]
            parts.update = update
        return parts


def permissions_policy(disabled_features: list[str]) -> str:
    """The Permissions-Policy header value that turns each feature off for every origin."""
    return ", ".join(f"{feature}=()" for feature in disabled_features)


class PermissionsPolicyMiddleware:
    """Sends Permissions-Policy on every response, turning off the powerful browser
    features in settings.PERMISSIONS_POLICY_DISABLED_FEATURES: the hub uses none of
    them, so a script that somehow ran could not reach the camera, location and so on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        header = permissions_policy(settings.PERMISSIONS_POLICY_DISABLED_FEATURES)
        if header:
            response.headers.setdefault("Permissions-Policy", header)
        return response
