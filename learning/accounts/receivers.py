"""Signal receivers for sign-in events. Imported once from LearningConfig.ready(); the
@receiver decorators connect them on import."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver

from learning.accounts.mfa import record_second_factor_at_enrolment


@receiver(authenticator_added, dispatch_uid="hub_second_factor_at_enrolment")
def second_factor_at_enrolment(
    sender, *, request, user, authenticator: Authenticator, **kwargs
) -> None:
    # Recovery codes are generated alongside the app; the app's own code is the proof.
    if authenticator.type == Authenticator.Type.TOTP and request is not None:
        record_second_factor_at_enrolment(request, authenticator)
