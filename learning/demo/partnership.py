"""A fictional partnership: four organisations, their teams, and a demo user for
every role. Idempotent: running it again changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.db import transaction

from learning import demo_text
from learning.models import Organisation, OrganisationDomain, Profile, RegistrationBody, Team, User
from learning.roles import ROLES_REQUIRING_MFA, Role

DEMO_PASSWORD = "demo-Safeguarding-2026"
# Base32. Privileged demo users share it so a tester can add it to an authenticator app.
DEMO_TOTP_SECRET = "NORTHMOORDEMOSABTOTPKEY2"


@dataclass(frozen=True)
class DemoPerson:
    local_part: str
    first_name: str
    last_name: str
    organisation_type: str
    role: Role
    job_title: str
    team_index: int = 0
    registration: tuple[str, str] = ("", "")
    supervised_by: str = ""

    def email(self, organisations: dict[str, Organisation]) -> str:
        domain = organisations[self.organisation_type].domains.first().domain
        return f"{self.local_part}@{domain}"


PEOPLE = (
    DemoPerson(
        "supervisor", "Rachel", "Hughes", "local_authority", Role.SUPERVISOR,
        "Team manager", registration=(RegistrationBody.SOCIAL_WORK_ENGLAND, "SW104512"),
    ),
    DemoPerson(
        "practitioner", "Jordan", "Ellis", "local_authority", Role.PRACTITIONER,
        "Social worker", registration=(RegistrationBody.SOCIAL_WORK_ENGLAND, "SW118230"),
        supervised_by="supervisor",
    ),
    DemoPerson(
        "nurse", "Sam", "Okafor", "nhs_trust", Role.PRACTITIONER, "Community nurse",
        registration=(RegistrationBody.NMC, "14A1234E"),
    ),
    DemoPerson("officer", "Taylor", "Grant", "police", Role.PRACTITIONER, "Police constable"),
    DemoPerson(
        "volunteer", "Alex", "Morgan", "voluntary_sector", Role.PRACTITIONER, "Support worker"
    ),
    DemoPerson(
        "lead", "Dev", "Kapoor", "local_authority", Role.ORGANISATION_LEAD,
        "Head of adult safeguarding", team_index=1,
    ),
    DemoPerson(
        "editor", "Chris", "Lane", "local_authority", Role.SAB_EDITOR,
        "Board learning and development officer", team_index=1,
    ),
    DemoPerson(
        "manager", "Morgan", "Price", "local_authority", Role.SAB_MANAGER,
        "Board business manager", team_index=1,
    ),
    # A second person who may override the anonymisation check, so four eyes can be tried.
    DemoPerson(
        "deputy", "Helen", "Osei", "local_authority", Role.SAB_MANAGER,
        "Board deputy business manager", team_index=1,
    ),
    DemoPerson(
        "admin", "Ade", "Bello", "local_authority", Role.SITE_ADMINISTRATOR,
        "Systems administrator", team_index=1,
    ),
)  # fmt: skip


def _seed_organisations() -> dict[str, Organisation]:
    organisations: dict[str, Organisation] = {}
    for spec in demo_text.ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            name=spec["name"], defaults={"type": spec["type"]}
        )
        for domain in spec["domains"]:
            OrganisationDomain.objects.get_or_create(
                domain=domain, defaults={"organisation": organisation}
            )
        for team_name in demo_text.TEAMS.get(spec["type"], ()):
            Team.objects.get_or_create(organisation=organisation, name=team_name)
        organisations[spec["type"]] = organisation
    return organisations


def _seed_person(person: DemoPerson, organisations: dict[str, Organisation]) -> User:
    organisation = organisations[person.organisation_type]
    email = person.email(organisations)
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, DEMO_PASSWORD, first_name=person.first_name, last_name=person.last_name
        )
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    user.groups.add(Group.objects.get(name=person.role.value))
    teams = list(organisation.teams.order_by("name"))
    body, number = person.registration
    Profile.objects.get_or_create(
        user=user,
        defaults={
            "organisation": organisation,
            "team": teams[person.team_index] if len(teams) > person.team_index else None,
            "job_title": person.job_title,
            "registration_body": body,
            "registration_number": number,
        },
    )
    if (
        person.role in ROLES_REQUIRING_MFA
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        TOTP.activate(user, DEMO_TOTP_SECRET)
        RecoveryCodes.activate(user)
    return user


@transaction.atomic
def _seed_privacy_contact() -> None:
    """Who the demo's privacy notice tells people to write to (the notice has no
    contact until an administrator sets one in Settings → Privacy settings)."""
    from learning.models import PrivacySettings

    privacy = PrivacySettings.load()
    if not privacy.contact_email:
        privacy.contact_name = "The Northmoor SAB business unit (data protection)"
        privacy.contact_email = "sab.dataprotection@northmoor.example"
        privacy.save()


def seed_partnership() -> list[tuple[DemoPerson, User]]:
    organisations = _seed_organisations()
    _seed_privacy_contact()
    seeded = [(person, _seed_person(person, organisations)) for person in PEOPLE]
    by_local_part = {person.local_part: user for person, user in seeded}
    for person, user in seeded:
        if person.supervised_by:
            user.profile.supervisors.add(by_local_part[person.supervised_by])
    return seeded
