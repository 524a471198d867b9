"""Demo learning activity: staff in every partner organisation, the partnership's and
the council's required learning, and some sixteen months of completions, feedback,
impact answers and exemptions, so that `make run` shows every report with data and
people in every status (not started, due, overdue, complete, exempt).

Dates count back from the day it runs (learning.demo.timeline), so statuses stay
varied and the reports read the same whenever the demo is loaded: the content was
published months before anyone completed it, feedback is given just after the
completion it is about, and the impact question is answered some six weeks later. A
share of the required learning falls early in the last complete quarter, the board
pack's default, so that the pack has completions, feedback and impact answers
(learning.demo.feedback). Completions go through learning.records.services, which
numbers their cycles; learning.demo.record_variety adds a second cycle, a team session
and a person who has left. Idempotent: it does nothing once the demo requirement
exists. The demo staff cannot sign in (no usable password); the demo users of
learning.demo.partnership can.

Required learning is only ever a page completed as itself (never a knowledge check
attached to a briefing: passing one completes the briefing). Knowledge-check attempts
are the content app's to make, through the `register_demo_activity` hook that
seed_demo runs with the staff made here.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from learning.demo.feedback import dated_feedback, give_feedback
from learning.demo.record_variety import (
    deliver_team_session,
    mark_a_leaver,
    refresh_core_learning,
    team_session_page,
)
from learning.demo.timeline import ACTIVITY_DAYS, date_demo_content
from learning.learnable import learnable_page_models, pages_completed_as_themselves
from learning.models import (
    CompletionHow,
    DueFrom,
    Exemption,
    Organisation,
    Profile,
    RefreshRule,
    Requirement,
    User,
    WillChangePractice,
)
from learning.records.dates import start_of_day
from learning.records.services import completion_record
from learning.reports.board_pack import Quarter
from learning.required.assignments import record_assignments
from learning.roles import Role

CORE_TITLE = "Safeguarding adults: core awareness"

FIRST_NAMES = (
    "Amara", "Ben", "Carys", "Dami", "Eilidh", "Farah", "Gethin", "Hana", "Idris", "Jas",
    "Kofi", "Lowri", "Maya", "Niall", "Orla", "Priya", "Quinn", "Rhys", "Sian", "Tomasz",
    "Uma", "Vikram", "Wren", "Yusuf", "Zofia",
)  # fmt: skip
LAST_NAMES = (
    "Adeyemi", "Brennan", "Chowdhury", "Davies", "Evans", "Fraser", "Gill", "Hassan",
    "Iqbal", "Jenkins", "Kowalski", "Lloyd", "Mensah", "Nowak", "O'Neill", "Patel",
    "Quigley", "Rahman", "Singh", "Thomas", "Usman", "Vaughan", "Walsh", "Yates", "Zielinski",
)  # fmt: skip

STAFF_PER_TEAM = 7
# The council's refresher is on this briefing when it exists.
WINDOW_BRIEFING_SLUG = "mental-capacity-in-safeguarding"
# Required learning is done on any of these days ago; other learning on any of these.
REQUIRED_DAYS = (3, ACTIVITY_DAYS - 20)
OTHER_DAYS = (8, ACTIVITY_DAYS - 10)
# The share of required learning done in the first REPORTING_QUARTER_DAYS of the last
# complete quarter (the board pack's default), and the day of that quarter on which
# the demo supervisor delivers a team session.
REPORTING_QUARTER_SHARE = 0.25
REPORTING_QUARTER_DAYS = 40
TEAM_SESSION_DAY = 20


def _pages_of(label: str) -> list[Page]:
    """Live learnable pages of one content type that are completed as themselves (so
    not a check attached to another page), named by its model label so that the
    platform imports no content app."""
    for model in learnable_page_models():
        if model._meta.label == label:
            return list(
                model.objects.live()
                .filter(pk__in=pages_completed_as_themselves().values("pk"))
                .order_by("first_published_at", "pk")
            )
    return []


def _staff(rng: random.Random, now) -> list[User]:
    practitioner = Group.objects.get(name=Role.PRACTITIONER.value)
    people = []
    number = 0
    for organisation in Organisation.objects.prefetch_related("teams").order_by("name"):
        domain = organisation.domains.first()
        if domain is None:
            continue
        for team in organisation.teams.order_by("name"):
            for _ in range(STAFF_PER_TEAM):
                number += 1
                first = FIRST_NAMES[number % len(FIRST_NAMES)]
                last = LAST_NAMES[(number * 7) % len(LAST_NAMES)]
                email = f"staff{number}@{domain.domain}"
                user = User.objects.create_user(email, None, first_name=first, last_name=last)
                joined = now - timedelta(days=rng.randint(40, 900))
                User.objects.filter(pk=user.pk).update(date_joined=joined)
                user.date_joined = joined
                user.groups.add(practitioner)
                Profile.objects.create(user=user, organisation=organisation, team=team)
                people.append(user)
    return people


def _window_page(briefings, checks) -> Page | None:
    """The page of the council's refresher: the mental capacity briefing, another
    briefing than the core one, or else a stand-alone check (one that is completed as
    itself)."""
    others = briefings[1:]
    chosen = [page for page in others if page.slug == WINDOW_BRIEFING_SLUG] or others or checks
    return chosen[0] if chosen else None


def _requirements(today, briefings, reviews, checks) -> list[Requirement]:
    council = Organisation.objects.filter(type="local_authority").first()
    core_pages = briefings[:1] or reviews[:1]
    core = Requirement.objects.create(
        title=CORE_TITLE,
        everyone=True,
        due_days=60,
        refresh=RefreshRule.EVERY_MONTHS,
        refresh_months=12,
        starts_on=today - timedelta(days=540),
    )
    core.pages.set(core_pages)
    requirements = [core]
    if reviews:
        review_learning = Requirement.objects.create(
            title="Learning from the board's latest review",
            due_days=90,
            starts_on=today - timedelta(days=120),
        )
        review_learning.pages.set(reviews[-1:])
        review_learning.organisations.set(
            Organisation.objects.filter(type__in=("local_authority", "nhs_trust"))
        )
        requirements.append(review_learning)
    window_page = _window_page(briefings, checks)
    if council is not None and window_page is not None:
        window = Requirement.objects.create(
            title="Mental capacity and self-neglect refresher",
            organisation=council,
            everyone=True,
            due_days=30,
            due_from=DueFrom.ASSIGNED,
            refresh=RefreshRule.WINDOW,
            window_start_month=4,
            window_start_day=1,
            window_end_month=6,
            window_end_day=30,
            starts_on=today - timedelta(days=400),
        )
        window.pages.set([window_page])
        requirements.append(window)
    return requirements


def _how(page: Page) -> CompletionHow:
    if page.specific_class._meta.label == "quizzes.KnowledgeCheckPage":
        return CompletionHow.PASSED_CHECK
    return CompletionHow.CONFIRMED


def _required_moment(rng: random.Random, now: datetime, quarter: Quarter) -> datetime:
    """When someone did a piece of required learning: for a share of people, in the
    first weeks of the board pack's quarter, early enough that their impact answers are
    in (a quarter starts at least 90 days before the next one's first day); for the
    rest, any day of the last REQUIRED_DAYS."""
    if rng.random() < REPORTING_QUARTER_SHARE:
        return start_of_day(quarter.start) + timedelta(
            days=rng.randint(0, REPORTING_QUARTER_DAYS), hours=rng.randint(9, 17)
        )
    return now - timedelta(days=rng.randint(*REQUIRED_DAYS), hours=rng.randint(0, 8))


def _activity(
    rng: random.Random, people, required_pages, other_pages, now: datetime, quarter: Quarter
) -> None:
    """Most people have done their required learning (some of it over a year ago, so
    due again), and a few other items; most give feedback and, where they said it would
    change their practice, answer six weeks on whether it did. Nobody completes a page
    before they joined or before it was published."""
    required_ids = {page.pk for page in required_pages}
    for user in people:
        chosen = [
            (page, _required_moment(rng, now, quarter))
            for page in required_pages
            if rng.random() < 0.85
        ]
        chosen += [
            (page, now - timedelta(days=rng.randint(*OTHER_DAYS), hours=rng.randint(0, 8)))
            for page in rng.sample(other_pages, k=min(len(other_pages), rng.randint(0, 3)))
            if page.pk not in required_ids
        ]
        for page, when in sorted(chosen, key=lambda choice: choice[1]):
            if when < max(user.date_joined, page.first_published_at):
                continue
            completion, created = completion_record(
                user=user, page=page, how=_how(page), completed_at=when
            )
            if created and rng.random() < 0.75:
                give_feedback(rng, completion, now)


def _exemptions(rng: random.Random, people, lead: User | None, now: datetime) -> None:
    """Three people on long-term leave. Exemptions are set by a lead of the person's own
    organisation: the demo lead for their colleagues, and nobody named for anyone
    else's (no demo lead there)."""
    lead_organisation_id = _organisation_of(lead)
    for user in rng.sample(people, k=min(3, len(people))):
        exemption = Exemption.objects.create(
            user=user,
            requirement=None,
            reason="Long-term leave",
            ends_on=timezone.localdate(now) + timedelta(days=rng.randint(30, 150)),
            created_by=(
                lead
                if lead_organisation_id is not None
                and user.profile.organisation_id == lead_organisation_id
                else None
            ),
        )
        # Set some weeks ago (created_at is written when the row is added).
        Exemption.objects.filter(pk=exemption.pk).update(
            created_at=now - timedelta(days=rng.randint(10, 60))
        )


def _organisation_of(user: User | None) -> int | None:
    if user is None:
        return None
    return Profile.objects.filter(user=user).values_list("organisation_id", flat=True).first()


def _demo_practitioner(practitioner: User, requirements, now: datetime, today) -> None:
    """The demo practitioner moved team 80 days ago: the review's learning is due soon,
    the council's refresher is overdue, and the core learning, done almost a year ago,
    is complete with its refresher falling due. They said it would change their
    practice and have not yet said whether it did, so the question is waiting for
    them."""
    User.objects.filter(pk=practitioner.pk).update(date_joined=now - timedelta(days=700))
    for requirement in requirements:
        record_assignments(
            requirement=requirement, on=today - timedelta(days=80), user_ids=[practitioner.pk]
        )
    for page in requirements[0].pages.all():
        completion, created = completion_record(
            user=practitioner,
            page=page.specific,
            how=CompletionHow.CONFIRMED,
            completed_at=now - timedelta(days=358),
        )
        if created:
            dated_feedback(
                completion,
                usefulness=4,
                change=WillChangePractice.YES,
                comment="",
                after=timedelta(minutes=5),
            )


def _demo_nurse(nurse: User, requirements, required_pages, now: datetime) -> None:
    """The demo nurse has done it all: the core learning first over a year ago and
    again ten days ago (their second cycle), the rest ten days ago."""
    User.objects.filter(pk=nurse.pk).update(date_joined=now - timedelta(days=800))
    for page in requirements[0].pages.all():
        completion_record(
            user=nurse,
            page=page.specific,
            how=CompletionHow.CONFIRMED,
            completed_at=now - timedelta(days=400),
        )
    for page in required_pages:
        completion_record(
            user=nurse, page=page, how=_how(page), completed_at=now - timedelta(days=10)
        )


@transaction.atomic
def seed_learning_activity(
    *, demo_users: dict[str, User], now: datetime | None = None
) -> list[User]:
    """Seed the activity as on the day of `now` (by default the moment it runs); return
    the demo staff made who are still active (none when it had been seeded already),
    for content apps' demo activity."""
    if Requirement.objects.filter(title=CORE_TITLE).exists():
        return []
    rng = random.Random(2026)  # noqa: S311 (reproducible demo data, not a secret)
    now = now or timezone.now()
    today = timezone.localdate(now)
    quarter = Quarter.last_complete(today)
    date_demo_content(now)
    briefings = _pages_of("briefings.BriefingPage")
    reviews = _pages_of("briefings.SafeguardingAdultsReviewPage")
    checks = _pages_of("quizzes.KnowledgeCheckPage")
    cases = _pages_of("case_studies.CaseStudyPage")
    if not (briefings or reviews):
        return []
    requirements = _requirements(today, briefings, reviews, checks)
    people = _staff(rng, now)
    required_pages = list(
        dict.fromkeys(page for requirement in requirements for page in requirement.pages.all())
    )
    _activity(rng, people, required_pages, briefings + reviews + cases, now, quarter)
    refresh_core_learning(rng, people, requirements[0], now)
    lead = demo_users.get("lead")
    _exemptions(rng, people, lead, now)
    # The leaver is in the demo lead's organisation (or the council's), so that the
    # lead's people view shows someone no longer active.
    leaver_organisation = _organisation_of(lead) or (
        Organisation.objects.filter(type="local_authority").values_list("pk", flat=True).first()
    )
    if leaver_organisation is not None:
        mark_a_leaver(rng, people, leaver_organisation)
    practitioner = demo_users.get("practitioner")
    if practitioner is not None:
        _demo_practitioner(practitioner, requirements, now, today)
    nurse = demo_users.get("nurse")
    if nurse is not None:
        _demo_nurse(nurse, requirements, required_pages, now)
    # The demo supervisor delivered a briefing to their team early in the board pack's
    # quarter.
    supervisor = demo_users.get("supervisor")
    page = team_session_page(briefings, {page.pk for page in required_pages})
    if supervisor is not None and page is not None:
        delivered_on = quarter.start + timedelta(days=TEAM_SESSION_DAY)
        deliver_team_session(supervisor, page, delivered_on, people)
    return [person for person in people if person.is_active]
