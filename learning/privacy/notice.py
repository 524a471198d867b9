"""What the privacy notice says about the hub as it is configured now: how long each
organisation keeps a leaver's records, who to ask, and who can see what.

The privacy notice page (an InformationPage with shows_privacy_details) shows this after
its editable text, so the periods and the contact are never copied into prose that could
fall out of date. The plain-words description of each role lives here and only here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from learning.models import Organisation, PrivacySettings
from learning.privacy.access_export import EXPORT_LIFETIME
from learning.privacy.retention import CLOSED_INVITATIONS_KEPT, TASK_RESULTS_KEPT
from learning.reports.suppression import SMALL_GROUP
from learning.roles import Role
from learning.text_counts import counted

# Who can see what, in the words the notice uses; every role must have a row (a test
# walks learning.roles.Role), so a new role cannot reach people unexplained.
ROLE_DESCRIPTIONS: dict[Role, str] = {
    Role.PRACTITIONER: (
        "Everything the hub holds about themselves. Their reflective entries are private "
        "to them: nobody else reads one unless they share it, and they can withdraw a share."
    ),
    Role.SUPERVISOR: (
        "Which learning their supervisees have completed and what they still need to do, "
        "and the reflective entries a supervisee has shared with them, which they can "
        "comment on. Nothing that was not shared."
    ),
    Role.ORGANISATION_LEAD: (
        "The staff of their own organisation, person by person: name, work email address, "
        "team, role, professional registration, CPD hours, each person's learning record "
        "and required learning, which they can download (as a table, or as xAPI "
        "statements for the council's learning system). Not reflective entries, and "
        "nobody from another organisation."
    ),
    Role.SAB_EDITOR: (
        "How the learning they write is used, as totals only. No one's individual records "
        "or reflective entries."
    ),
    Role.SAB_MANAGER: (
        "Totals across the partnership, by organisation and team but never by name. "
        "Feedback comments without the name of the person who wrote them. Any figure about "
        f"fewer than {SMALL_GROUP} people is held back."
    ),
    Role.SITE_ADMINISTRATOR: (
        "People's accounts, organisations and teams, and the audit trail of who looked at "
        "whose records. They do not read reflective entries on the hub. When you ask by "
        "letter for a copy of your data, an administrator produces it for you, and it holds "
        "everything, your reflective entries included; when you ask for erasure, an "
        "administrator carries it out. Both are recorded in the audit trail."
    ),
}


@dataclass(frozen=True)
class RetentionPeriod:
    """One configured period and the organisations that keep records for it."""

    years: int
    organisations: tuple[str, ...]

    @property
    def label(self) -> str:
        return counted(self.years, "year", "years")


def retention_periods() -> list[RetentionPeriod]:
    """The organisations grouped by their retention period, longest period first."""
    by_years: dict[int, list[str]] = defaultdict(list)
    for name, years in Organisation.objects.order_by("name").values_list("name", "retention_years"):
        by_years[years].append(name)
    return [
        RetentionPeriod(years=years, organisations=tuple(names))
        for years, names in sorted(by_years.items(), reverse=True)
    ]


def role_rows() -> list[dict[str, str]]:
    """One row per role, in the order the roles are declared."""
    return [{"role": role.value, "sees": ROLE_DESCRIPTIONS[role]} for role in Role]


def privacy_details() -> dict:
    """Everything the privacy details section of the notice shows, read from the live
    configuration (organisations and the privacy settings)."""
    settings = PrivacySettings.load()
    return {
        "retention_periods": retention_periods(),
        "retention_without_organisation": counted(
            settings.retention_years_without_organisation, "year", "years"
        ),
        "contact_name": settings.contact_name,
        "contact_email": settings.contact_email,
        "role_rows": role_rows(),
        "copy_lifetime": counted(EXPORT_LIFETIME.days, "day", "days"),
        "emails_kept": counted(TASK_RESULTS_KEPT.days, "day", "days"),
        "invitations_kept": counted(CLOSED_INVITATIONS_KEPT.days // 30, "month", "months"),
    }
