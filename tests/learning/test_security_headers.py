"""Content-Security-Policy and Permissions-Policy (learning.content_security): the strict
nonce-based policy on the site, the looser one in the Wagtail admin, framing only for
previews, and templates that need nothing inline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from allauth.socialaccount.models import SocialApp
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory, override_settings
from django.views.decorators.clickjacking import xframe_options_sameorigin
from wagtail.rich_text import RichText

from briefings.blocks import SectionHeading, section_value
from briefings.demo import ensure_briefing_index
from briefings.models import BriefingPage
from learning.content_security import ContentSecurityPolicyMiddleware
from learning.roles import Role
from learning.site_setup import ensure_site_pages
from tests.factories import PASSWORD, make_person

ROOT = Path(__file__).resolve().parents[2]
NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")


def directives(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy as {directive: [sources]}."""
    header = response.headers["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def assert_strict_site_policy(policy: dict[str, list[str]]) -> None:
    script_sources = [s for s in policy["script-src"] if not NONCE.fullmatch(s)]
    assert script_sources == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert not any("unsafe" in source for sources in policy.values() for source in sources)


@pytest.fixture
def briefing(db) -> BriefingPage:
    index = ensure_briefing_index(ensure_site_pages())
    sections = [
        ("section", {**section_value(heading.label, ""), "body": RichText("<p>Short.</p>")})
        for heading in list(SectionHeading)[:7]
    ]
    page = BriefingPage(
        title="Hoarding: what to look for",
        slug="hoarding",
        summary="Signs of hoarding and how to respond.",
        sections=sections,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    ("path", "signed_in"),
    [
        ("/", False),
        ("/", True),
        ("briefing", False),
        ("/search/?q=hoarding", False),
        ("/accounts/login/", False),
        ("/my-learning/", True),
    ],
    ids=["home", "home-signed-in", "briefing", "search", "sign-in", "my-learning"],
)
def test_site_pages_send_the_strict_policy(client, briefing, path, signed_in):
    if signed_in:
        client.force_login(make_person())
    response = client.get(briefing.url if path == "briefing" else path)

    assert response.status_code == 200
    policy = directives(response)
    assert_strict_site_policy(policy)
    assert policy["frame-ancestors"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"


@override_settings(MFA_RECOVERY_CODES_SHOW_ONCE=True)
def test_recovery_codes_script_carries_the_nonce_in_the_header(client, totp_user):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    user = make_person()
    totp_user(user)
    RecoveryCodes.activate(user)
    client.force_login(user)
    # allauth asks for the password again before showing the codes.
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})

    response = client.get("/accounts/2fa/recovery-codes/")

    assert response.status_code == 200
    [header_nonce] = NONCE.findall(" ".join(directives(response)["script-src"]))
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", response.content.decode())
    assert inline_scripts
    for attributes in inline_scripts:
        assert f'nonce="{header_nonce}"' in attributes


def test_each_request_gets_its_own_nonce(rf: RequestFactory):
    template = engines["django"].from_string('<script nonce="{{ request.csp_nonce }}"></script>')
    middleware = ContentSecurityPolicyMiddleware(
        # The request as a plain variable: context processors would need the database.
        lambda request: HttpResponse(template.render({"request": request}))
    )

    nonces = []
    for _ in range(2):
        response = middleware(rf.get("/"))
        [header_nonce] = NONCE.findall(response.headers["Content-Security-Policy"])
        assert f'nonce="{header_nonce}"' in response.content.decode()
        nonces.append(header_nonce)

    assert nonces[0] != nonces[1]


def test_page_that_renders_no_nonce_allows_no_inline_script(client, db):
    ensure_site_pages()
    policy = directives(client.get("/"))
    assert policy["script-src"] == ["'self'"]


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/"])
def test_admin_sends_its_looser_policy(client, sign_in_with_mfa, db, path):
    ensure_site_pages()
    sign_in_with_mfa(Role.SAB_EDITOR)

    response = client.get(path)

    assert response.status_code == 200
    policy = directives(response)
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in policy["script-src"]
    # A nonce would make browsers ignore 'unsafe-inline' and break the admin.
    assert not NONCE.search(response.headers["Content-Security-Policy"])
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_admin_sign_in_redirect_is_under_the_admin_policy(client, db):
    response = client.get("/admin/login/")
    assert "'unsafe-inline'" in directives(response)["script-src"]


def test_page_preview_is_judged_by_the_site_policy_and_may_be_framed(
    client, sign_in_with_mfa, briefing
):
    sign_in_with_mfa(Role.SAB_EDITOR)

    response = client.get(f"/admin/pages/{briefing.pk}/view_draft/")

    assert response.status_code == 200
    assert briefing.title in response.content.decode()
    policy = directives(response)
    assert_strict_site_policy(policy)
    assert policy["frame-ancestors"] == ["'self'"]


def test_view_allowing_same_origin_framing_may_be_framed_by_the_site(rf):
    middleware = ContentSecurityPolicyMiddleware(
        xframe_options_sameorigin(lambda request: HttpResponse("block preview"))
    )
    response = middleware(rf.get("/admin/block-preview/"))
    assert directives(response)["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/admin/login/"])
def test_every_response_turns_off_powerful_browser_features(client, db, path):
    ensure_site_pages()
    header = client.get(path).headers["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header.split(", ")


ENTRA = {
    "provider_id": "northmoor-entra",
    "name": "Northmoor Council staff",
    "client_id": "client-id",
    "secret": "client-secret",
    "settings": {"server_url": "https://login.microsoftonline.com/tenant-id/v2.0"},
}


@pytest.mark.parametrize("configured_in", ["admin", "settings"])
def test_single_sign_on_page_may_post_to_its_identity_provider(client, db, configured_in):
    # The page posts to itself and is redirected to the provider; Chromium checks
    # form-action against that redirect too.
    if configured_in == "admin":
        SocialApp.objects.create(provider="openid_connect", **ENTRA)
        providers = {}
    else:
        providers = {"openid_connect": {"APPS": [ENTRA]}}

    with override_settings(SOCIALACCOUNT_PROVIDERS=providers):
        response = client.get("/accounts/oidc/northmoor-entra/login/")

    assert response.status_code == 200
    assert directives(response)["form-action"] == ["'self'", "https://login.microsoftonline.com"]


TEMPLATE_DIRS = [ROOT / "templates"] + [
    ROOT / app / "templates" for app in ("learning", "briefings", "case_studies", "quizzes")
]
# What a strict policy blocks: style attributes and elements, event-handler attributes,
# javascript: URLs, and inline scripts without the request's nonce.
INLINE_CONTENT = {
    "style attribute": re.compile(r"\sstyle\s*="),
    "style element": re.compile(r"<style[\s>]"),
    "event handler": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"=\s*[\"']?\s*javascript:", re.IGNORECASE),
    "inline script without the nonce": re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*nonce=\"\{\{ request\.csp_nonce \}\}\")[^>]*>"
    ),
}


def test_templates_need_nothing_the_site_policy_blocks():
    templates = [path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html")]
    assert templates
    problems = [
        f"{path.relative_to(ROOT)}: {kind}"
        for path in templates
        for kind, pattern in INLINE_CONTENT.items()
        if pattern.search(path.read_text())
    ]
    assert problems == []
