"""Demo learning activity: staff in every partner organisation, the partnership's and
the council's required learning, and a year and a half of completions, feedback,
impact answers and exemptions, so that `make run` shows every report with data and
people in every status (not started, due, overdue, complete, exempt).

Dates count back from the day it runs, so statuses stay varied whenever the demo is
loaded. Idempotent: it does nothing once the demo requirement exists. The demo staff
cannot sign in (no usable password); the demo users of learning.demo.partnership can.

Required learning is only ever a page completed as itself (never a knowledge check
attached to a briefing: passing one completes the briefing). Knowledge-check attempts
are the content app's to make, through the `register_demo_activity` hook that
seed_demo runs with the staff made here.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from learning.learnable import learnable_page_models, pages_completed_as_themselves
from learning.models import (
    Completion,
    CompletionHow,
    DueFrom,
    Exemption,
    Feedback,
    Organisation,
    PracticeImpact,
    Profile,
    RefreshRule,
    Requirement,
    UsedInPractice,
    User,
    WillChangePractice,
)
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

# Feedback comments written for the demo: general, naming nobody.
COMMENTS = (
    "Short enough to read between visits, and the questions made me stop and think.",
    "Useful reminder to ask the person what they want before deciding what to do.",
    "I will use the seven-minute format in our next team meeting.",
    "Clear on when to share information without consent.",
    "Would like more on working with people who decline support.",
    "Good links to the Care Act duties; the case example helped.",
    "Helped me see where our referral could have gone to the right agency sooner.",
)
IMPACT_EXAMPLES = (
    "Asked the person what a good outcome looked like for them at the first visit.",
    "Raised a concern with the GP and housing together rather than one after the other.",
    "Used the professional curiosity questions in a supervision discussion.",
)

STAFF_PER_TEAM = 7
# The council's refresher is on this briefing when it exists.
WINDOW_BRIEFING_SLUG = "mental-capacity-in-safeguarding"


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


def _complete(user, page, when, how=CompletionHow.CONFIRMED) -> Completion:
    cycle = Completion.objects.filter(user=user, page=page).count() + 1
    return Completion.objects.create(
        user=user,
        page=page,
        page_title=page.title,
        revision_id=page.live_revision_id,
        cycle=cycle,
        how=how,
        minutes=page.specific.cpd_minutes,
        completed_at=when,
    )


def _give_feedback(rng: random.Random, user, page, days_ago: int, when) -> None:
    change = rng.choices(
        [WillChangePractice.YES, WillChangePractice.NOT_SURE, WillChangePractice.NO],
        weights=(6, 3, 1),
    )[0]
    feedback = Feedback.objects.create(
        user=user,
        page=page,
        usefulness=rng.choices((2, 3, 4, 5), weights=(1, 2, 5, 4))[0],
        will_change_practice=change,
        comment=rng.choice(COMMENTS) if rng.random() < 0.4 else "",
    )
    if change == WillChangePractice.YES and days_ago > 42 and rng.random() < 0.7:
        answer = rng.choices(
            [UsedInPractice.YES, UsedInPractice.NOT_YET, UsedInPractice.NO], weights=(6, 3, 1)
        )[0]
        PracticeImpact.objects.create(
            feedback=feedback,
            used_in_practice=answer,
            example=rng.choice(IMPACT_EXAMPLES) if answer == UsedInPractice.YES else "",
            answered_at=when + timedelta(days=43),
        )


def _activity(rng: random.Random, people, required_pages, other_pages, now) -> None:
    """Most people have done their required learning (some of it a year or more ago, so
    due again), and a few other items; most give feedback and, where they said it would
    change their practice, answer six weeks on whether it did."""
    for user in people:
        chosen = [
            (page, rng.choice((5, 12, 30, 60, 95, 150, 210, 240, 390)))
            for page in required_pages
            if rng.random() < 0.85
        ]
        chosen += [
            (page, rng.choice((8, 25, 50, 100, 170, 260, 350, 470)))
            for page in rng.sample(other_pages, k=min(len(other_pages), rng.randint(0, 3)))
            if page.pk not in {required.pk for required in required_pages}
        ]
        for page, days_ago in chosen:
            when = now - timedelta(days=days_ago, hours=rng.randint(0, 8))
            if when < user.date_joined:
                continue
            how = (
                CompletionHow.PASSED_CHECK
                if page.specific_class._meta.label == "quizzes.KnowledgeCheckPage"
                else CompletionHow.CONFIRMED
            )
            _complete(user, page, when, how)
            if rng.random() < 0.75:
                _give_feedback(rng, user, page, days_ago, when)


@transaction.atomic
def seed_learning_activity(*, demo_users: dict[str, User]) -> list[User]:
    """Seed the activity; return the demo staff made (none when it had been seeded
    already), for content apps' demo activity."""
    if Requirement.objects.filter(title=CORE_TITLE).exists():
        return []
    rng = random.Random(2026)  # noqa: S311 (reproducible demo data, not a secret)
    now = timezone.now()
    today = timezone.localdate()
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
    _activity(rng, people, required_pages, briefings + reviews + cases, now)
    # Exemptions are set by a lead of the person's own organisation: the demo lead for
    # their colleagues, and nobody named for anyone else's (no demo lead there).
    lead = demo_users.get("lead")
    lead_organisation_id = (
        Profile.objects.filter(user=lead).values_list("organisation_id", flat=True).first()
        if lead is not None
        else None
    )
    for user in rng.sample(people, k=min(3, len(people))):
        Exemption.objects.create(
            user=user,
            requirement=None,
            reason="Long-term leave",
            ends_on=today + timedelta(days=rng.randint(30, 150)),
            created_by=(
                lead
                if lead_organisation_id is not None
                and user.profile.organisation_id == lead_organisation_id
                else None
            ),
        )
    # The demo practitioner moved team 80 days ago: the review's learning is due soon,
    # the council's refresher is overdue, and the core learning, done almost a year
    # ago, is complete with its refresher falling due. The demo nurse has done it all.
    practitioner = demo_users.get("practitioner")
    if practitioner is not None:
        User.objects.filter(pk=practitioner.pk).update(date_joined=now - timedelta(days=700))
        for requirement in requirements:
            record_assignments(
                requirement=requirement, on=today - timedelta(days=80), user_ids=[practitioner.pk]
            )
        for page in requirements[0].pages.all():
            _complete(practitioner, page, now - timedelta(days=358))
            # They said it would change their practice, so they are asked whether it did.
            Feedback.objects.get_or_create(
                user=practitioner,
                page=page,
                defaults={"usefulness": 4, "will_change_practice": WillChangePractice.YES},
            )
    nurse = demo_users.get("nurse")
    if nurse is not None:
        for page in required_pages:
            _complete(nurse, page, now - timedelta(days=10))
    return people
