"""Progress against a professional regulator's CPD requirement.

Each regulator's rule is summarised here in the hub's own terms, as far as the hub holds
the evidence; what it cannot see (practice hours, declarations) is said plainly rather
than guessed.

- Social Work England: at least two pieces of CPD in the registration year, which ends
  on 30 November, at least one of them with peer reflection. The hub counts a reflective
  entry the person's supervisor signed off, or discussed with them in supervision, in
  that year as peer reflection.
- Nursing and Midwifery Council: over the three-year revalidation period, 35 hours of
  CPD of which 20 participatory (a team session here, or external CPD marked as
  participatory), five written reflective accounts (final reflective entries) and a
  reflective discussion (an entry discussed in or signed off after supervision). The
  period is the three years ending on the revalidation date the person gave on their
  profile (counting entries up to today), or the last three years when they gave none.
- HCPC: a continuous, up-to-date record over the two-year cycle. The hub calls a record
  continuous when CPD is recorded in each of the four half-years of the cycle: the two
  years ending on the renewal date the person gave, or the last two years without one.

Each calculation is three queries at most, whatever the size of the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.utils import timezone

from learning.models import (
    RENEWAL_PERIOD_YEARS,
    EntryStatus,
    ReflectiveEntry,
    RegistrationBody,
    ReviewStatus,
)
from learning.permissions import profile_of
from learning.records.dates import months_after, years_before
from learning.records.selectors import cpd_tallies_for

SWE_PIECES = 2
SWE_PEER_REFLECTIONS = 1
NMC_HOURS = 35
NMC_PARTICIPATORY_HOURS = 20
NMC_REFLECTIVE_ACCOUNTS = 5
NMC_DISCUSSIONS = 1
HCPC_HALF_YEARS = 4


# What a figure's link lists. Each is exactly the entries the figure counts over its
# dates: the CPD record (all of it, or only participatory CPD), or one section of the
# CPD summary (final reflective entries, or entries discussed or signed off).
RECORD = "record"
PARTICIPATORY = "participatory"
REFLECTIVE_ACCOUNTS = "accounts"
DISCUSSIONS = "discussions"


@dataclass(frozen=True)
class Requirement:
    """One figure: what is done against what is needed, over a period, and where to see
    the entries that make it up (`lists`: one of RECORD, PARTICIPATORY,
    REFLECTIVE_ACCOUNTS, DISCUSSIONS)."""

    label: str
    done: float
    needed: float
    unit: str
    since: date
    until: date
    lists: str = RECORD
    done_text: str = ""

    @property
    def met(self) -> bool:
        return self.done >= self.needed

    @property
    def shows(self) -> str:
        """Which page lists the entries: "record" (My learning) or "reflections" (the
        CPD summary)."""
        return "reflections" if self.lists in (REFLECTIVE_ACCOUNTS, DISCUSSIONS) else "record"

    @property
    def query(self) -> str:
        """The link's query string: the figure's dates and the filter that picks out
        exactly its entries."""
        params = {"since": self.since.isoformat(), "until": self.until.isoformat()}
        if self.lists == PARTICIPATORY:
            params["participatory"] = "on"
        elif self.shows == "reflections":
            params["show"] = self.lists
        return urlencode(params)

    @property
    def anchor(self) -> str:
        return "record" if self.shows == "record" else f"reflective-{self.lists}"

    @property
    def summary(self) -> str:
        done = self.done_text or f"{self.done:g}"
        return f"{done} of {self.needed:g} {self.unit}"


@dataclass(frozen=True)
class RegistrationProgress:
    body: str
    body_name: str
    period_name: str
    since: date
    until: date
    requirements: list[Requirement]
    not_tracked: str = ""
    notes: list[str] = field(default_factory=list)
    # The person's name when someone else (a supervisor, a lead) reads the progress;
    # empty when the person reads their own, and the text speaks to them.
    about: str = ""

    @property
    def over(self) -> str:
        """The lead-in to the figures: "Over your …" to the person, "Over Sam Okafor's …"
        to anyone else."""
        whose = f"{self.about}'s" if self.about else "your"
        return f"Over {whose} {self.period_name}"

    @property
    def complete(self) -> bool:
        return all(requirement.met for requirement in self.requirements)

    @property
    def met_count(self) -> int:
        return sum(requirement.met for requirement in self.requirements)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def swe_registration_year(today: date) -> tuple[date, date]:
    """Social Work England's registration year: 1 December to 30 November."""
    start_year = today.year if today.month == 12 else today.year - 1
    return date(start_year, 12, 1), date(start_year + 1, 11, 30)


def _peer_reflection(since: date, until: date) -> Q:
    """A reflective entry signed off, or discussed in supervision, within the dates."""
    return Q(signed_off_at__date__gte=since, signed_off_at__date__lte=until) | Q(
        review_status=ReviewStatus.DISCUSSED, reviewed_on__gte=since, reviewed_on__lte=until
    )


def _swe(user, today: date, renewal: date | None, about: str) -> RegistrationProgress:
    since, year_end = swe_registration_year(today)
    until = min(year_end, today)
    pieces = cpd_tallies_for(user=user, periods={"year": (since, until)})["year"].pieces
    peer = (
        ReflectiveEntry.objects.filter(author=user).filter(_peer_reflection(since, until)).count()
    )
    return RegistrationProgress(
        body=RegistrationBody.SOCIAL_WORK_ENGLAND,
        body_name=RegistrationBody.SOCIAL_WORK_ENGLAND.label,
        period_name=f"registration year {long_date(since)} to {long_date(year_end)}",
        since=since,
        until=until,
        requirements=[
            Requirement("Pieces of CPD recorded", pieces, SWE_PIECES, "pieces", since, until),
            Requirement(
                "Reflections discussed with or signed off by a supervisor",
                peer,
                SWE_PEER_REFLECTIONS,
                "with peer reflection",
                since,
                until,
                lists=DISCUSSIONS,
            ),
        ],
        not_tracked=(
            f"{about} records their CPD in their Social Work England online account too: "
            "the hub does not send it for them."
            if about
            else "Record your CPD in your Social Work England online account too: the hub "
            "does not send it for you."
        ),
        about=about,
    )


def nmc_period(today: date, renewal: date | None) -> tuple[date, date]:
    """The NMC revalidation period as the hub counts it: the three years ending on the
    revalidation date, or the last three years when the hub does not know it."""
    end = renewal or today
    return years_before(end, RENEWAL_PERIOD_YEARS[RegistrationBody.NMC]), end


def _nmc(user, today: date, renewal: date | None, about: str) -> RegistrationProgress:
    since, end = nmc_period(today, renewal)
    # Entries after today cannot exist yet: the figures and their links stop there.
    until = min(end, today)
    cpd = cpd_tallies_for(user=user, periods={"period": (since, until)})["period"]
    reflections = ReflectiveEntry.objects.filter(author=user).aggregate(
        accounts=Count(
            "pk",
            filter=Q(
                status=EntryStatus.FINAL, created_at__date__gte=since, created_at__date__lte=until
            ),
        ),
        discussions=Count("pk", filter=_peer_reflection(since, until)),
    )
    return RegistrationProgress(
        body=RegistrationBody.NMC,
        body_name=RegistrationBody.NMC.label,
        period_name=(
            f"revalidation period {long_date(since)} to {long_date(end)}"
            if renewal
            else f"last three years, since {long_date(since)}"
        ),
        since=since,
        until=until,
        requirements=[
            Requirement(
                "Hours of CPD",
                cpd.minutes / 60,
                NMC_HOURS,
                "hours",
                since,
                until,
                done_text=cpd.hours,
            ),
            Requirement(
                "Hours of participatory CPD",
                cpd.participatory_minutes / 60,
                NMC_PARTICIPATORY_HOURS,
                "hours",
                since,
                until,
                lists=PARTICIPATORY,
                done_text=cpd.participatory_hours,
            ),
            Requirement(
                "Written reflective accounts",
                reflections["accounts"],
                NMC_REFLECTIVE_ACCOUNTS,
                "final reflective entries",
                since,
                until,
                lists=REFLECTIVE_ACCOUNTS,
            ),
            Requirement(
                "Reflective discussion",
                reflections["discussions"],
                NMC_DISCUSSIONS,
                "entries discussed with or signed off by a supervisor",
                since,
                until,
                lists=DISCUSSIONS,
            ),
        ],
        not_tracked=_nmc_not_tracked(renewal, about),
        about=about,
    )


def _nmc_not_tracked(renewal: date | None, about: str) -> str:
    if about:
        period = (
            f"The hub counts the three years up to {about}'s revalidation date, "
            f"{long_date(renewal)}, as they gave it with their registration. "
            if renewal
            else f"The hub does not know {about}'s revalidation date, so it counts the "
            "last three years until they add the date to their registration. "
        )
        return period + (
            "Their practice hours, practice-related feedback, health and character "
            "declaration, indemnity and confirmation are not recorded here."
        )
    period = (
        f"The hub counts the three years up to your revalidation date, "
        f"{long_date(renewal)}, as you gave it with your registration. "
        if renewal
        else "The hub does not know your revalidation date, so it counts the last "
        "three years: add the date to your registration to count your "
        "revalidation period instead. "
    )
    return period + (
        "Your practice hours, practice-related feedback, health and character "
        "declaration, indemnity and confirmation are not recorded here."
    )


def hcpc_half_years(end: date) -> list[tuple[date, date]]:
    """The two years ending on `end` (the renewal date, or today when the hub does not
    know it) as four half-years, oldest first, the last ending on `end`."""
    start = years_before(end, RENEWAL_PERIOD_YEARS[RegistrationBody.HCPC]) + timedelta(days=1)
    bounds = [months_after(start, 6 * n) for n in range(4)] + [end + timedelta(days=1)]
    return [(bounds[n], bounds[n + 1] - timedelta(days=1)) for n in range(4)]


def _hcpc(user, today: date, renewal: date | None, about: str) -> RegistrationProgress:
    # Half-years after today count nothing yet: they are still to do.
    halves = hcpc_half_years(renewal or today)
    since, until = halves[0][0], halves[-1][1]
    tallies = cpd_tallies_for(user=user, periods={f"h{n}": half for n, half in enumerate(halves)})
    return RegistrationProgress(
        body=RegistrationBody.HCPC,
        body_name=RegistrationBody.HCPC.label,
        period_name=(
            f"registration cycle {long_date(since)} to {long_date(until)}"
            if renewal
            else f"last two years, since {long_date(since)}"
        ),
        since=since,
        until=until,
        requirements=[
            Requirement(
                f"CPD recorded {long_date(start)} to {long_date(end)}",
                tallies[f"h{n}"].pieces,
                1,
                "activity",
                start,
                end,
            )
            for n, (start, end) in enumerate(halves)
        ],
        not_tracked=_hcpc_not_tracked(renewal, about),
        about=about,
    )


def _hcpc_not_tracked(renewal: date | None, about: str) -> str:
    if about:
        return (
            f"The HCPC asks for a continuous, up-to-date record of {about}'s CPD. The hub "
            "calls the record continuous when CPD is recorded in each half-year of "
            + (
                f"the two years up to their renewal date, {long_date(renewal)}, as they "
                "gave it with their registration."
                if renewal
                else "the last two years: it does not know their renewal date until they "
                "add it to their registration."
            )
        )
    return (
        "The HCPC asks for a continuous, up-to-date record of your CPD. The hub calls "
        "your record continuous when you have recorded CPD in each half-year of "
        + (
            f"the two years up to your renewal date, {long_date(renewal)}, as you gave "
            "it with your registration."
            if renewal
            else "the last two years: it does not know your renewal date. Add the date "
            "to your registration to count your registration cycle instead."
        )
    )


_CALCULATIONS = {
    RegistrationBody.SOCIAL_WORK_ENGLAND: _swe,
    RegistrationBody.NMC: _nmc,
    RegistrationBody.HCPC: _hcpc,
}


def registration_progress_for(
    user, *, today: date | None = None, viewer=None
) -> RegistrationProgress | None:
    """Progress against the requirement of the regulator the person is registered with,
    or None when the hub has no rule for it (no registration, GMC, other). Its text
    speaks to the person, unless `viewer` is someone else: then it names them."""
    profile = profile_of(user)
    if profile is None:
        return None
    calculate = _CALCULATIONS.get(profile.registration_body)
    if calculate is None:
        return None
    about = str(user) if viewer is not None and viewer.pk != user.pk else ""
    return calculate(user, today or timezone.localdate(), profile.registration_renewal_date, about)
