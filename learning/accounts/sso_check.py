"""Checking a single sign-on provider's OpenID Connect discovery document: when an
administrator saves the provider, and at sign-in (learning.accounts.adapter), so a
provider that is down or misconfigured gives a clear message instead of an error page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

import requests
from allauth.socialaccount.providers.oauth2.client import OAuth2Error

WELL_KNOWN = "/.well-known/openid-configuration"
# The endpoints a sign-in needs; a document without them is not a usable discovery document.
REQUIRED_KEYS = ("issuer", "authorization_endpoint", "token_endpoint")
# Short: an administrator is waiting on the save, a person on the sign-in button.
TIMEOUT_SECONDS = 5


class DiscoveryError(Exception):
    """The discovery document could not be fetched or is not one; str() says why, in
    words for a site administrator."""


def discovery_url(server_url: str) -> str:
    """Where the document is, the way allauth's OpenID Connect provider builds it."""
    if "/.well-known/" in server_url:
        return server_url
    return server_url.rstrip("/") + WELL_KNOWN


def is_discovery_url(url: str) -> bool:
    return url.endswith(WELL_KNOWN)


def check_response(url: str, response: requests.Response) -> dict[str, Any]:
    """The document in a response, or DiscoveryError saying what is wrong with it."""
    if response.status_code != 200:
        raise DiscoveryError(f"{url} answered with HTTP status {response.status_code}")
    try:
        document = response.json()
    except ValueError as error:
        raise DiscoveryError(f"{url} did not return a discovery document (not JSON)") from error
    if not isinstance(document, dict):
        raise DiscoveryError(f"{url} did not return a discovery document")
    missing = [key for key in REQUIRED_KEYS if not document.get(key)]
    if missing:
        raise DiscoveryError(f"the discovery document at {url} has no {', '.join(missing)}")
    return document


def fetch_discovery(server_url: str, *, timeout: float = TIMEOUT_SECONDS) -> dict[str, Any]:
    """Fetch and check the discovery document for an issuer address."""
    url = discovery_url(server_url)
    try:
        response = requests.get(url, timeout=timeout, allow_redirects=True)
    except requests.Timeout as error:
        raise DiscoveryError(f"{url} did not answer within {timeout:g} seconds") from error
    except requests.RequestException as error:
        raise DiscoveryError(f"{url} could not be reached") from error
    return check_response(url, response)


def discovery_problem(server_url: str) -> str:
    """A message for the admin form when the provider's document cannot be used, or ""."""
    try:
        fetch_discovery(server_url)
    except DiscoveryError as error:
        return (
            f"The hub could not check this provider: {error}. Check the server URL, and "
            "that the provider is running. Sign-in through it will not work until it can "
            "be reached."
        )
    return ""


class ProviderUnavailable(OAuth2Error):
    """A provider that cannot be reached during sign-in. An OAuth2Error, because that is
    what allauth catches (and reports through the adapter) when it sends a person to the
    provider; it lets any other request error become a server error."""


def _raise_unavailable(reason: str) -> NoReturn:
    raise ProviderUnavailable(reason)


def sso_failures_as_provider_unavailable(
    session: requests.Session, on_failure: Callable[[str], NoReturn] = _raise_unavailable
) -> requests.Session:
    """Wrap allauth's requests session: a request that fails, and a discovery document
    that is not one, call `on_failure` with the reason (which raises; by default
    ProviderUnavailable)."""
    send = session.request

    def request(method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:
        try:
            response = send(method, url, *args, **kwargs)
        except requests.RequestException:
            on_failure(f"{url} could not be reached")
        if is_discovery_url(url):
            try:
                check_response(url, response)
            except DiscoveryError as error:
                on_failure(str(error))
        return response

    session.request = request  # type: ignore[method-assign]
    return session
