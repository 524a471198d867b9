"""The data the benchmarks run against, built in two steps.

`build_small_world()` makes a small partnership through the normal paths: the demo
content seeders (every page published through a revision), people made by the test
factories, and records written by the services. `grow_to_partnership_scale()` then adds
what a whole Safeguarding Adults Board partnership holds after a few years: more
published pages (built from the demo content and published the same way) and bulk
inserts of people, completions, CPD, feedback, reflective entries, team sessions,
knowledge-check attempts and anonymisation overrides.

The people the benchmarks sign in as (the learner, their supervisor, an SAB manager)
exist in both steps, so each page is measured on the same URL before and after the
data grows.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.mfa.totp.internal.auth import TOTP
from django.utils import timezone
from wagtail import hooks
from wagtail.models import Page

from briefings.demo import build_briefing, build_review, ensure_briefing_index, ensure_review_index
from briefings.demo_data import BRIEFINGS, REVIEWS
from briefings.models import BriefingPage, SafeguardingAdultsReviewPage
from case_studies.demo import build_case_study, ensure_case_study_index
from case_studies.demo_data import CASE_STUDIES
from case_studies.models import CaseStudyPage
from learning import permissions
from learning.learnable import learnable_pages
from learning.models import (
    AnonymisationOverride,
    Completion,
    CPDType,
    EntryShare,
    EntryStatus,
    EntryStructure,
    ExternalCPD,
    Feedback,
    LearningPage,
    Organisation,
    Principle,
    Profile,
    ReflectiveEntry,
    RegistrationBody,
    Team,
    TeamSession,
    User,
    WillChangePractice,
)
from learning.records import services as records
from learning.reflections import services as reflections
from learning.roles import Role
from learning.site_setup import ensure_site_pages
from learning.supervision import services as supervision
from quizzes import services as quizzes
from quizzes.models import Attempt, KnowledgeCheckPage
from tests.benchmarks import bulk
from tests.benchmarks.bulk import ENTRY_BODY, SUPERVISEES_PER_SUPERVISOR
from tests.factories import OrganisationFactory, TeamFactory, make_person

# Extra published pages built from the demo content: each demo briefing, case study and
# review again this many times (about 63 live learning pages in all).
BRIEFING_COPIES = 4
CASE_STUDY_COPIES = 4
REVIEW_COPIES = 2


# The second SAB manager, who confirms the benchmark's anonymisation overrides.
DEPUTY_EMAIL = "deputy@bench.example"


@dataclass
class Partnership:
    """Who and what the benchmarks use, and how much data there is."""

    home: Page
    learner: User
    supervisor: User
    manager: User
    briefing: BriefingPage
    check: KnowledgeCheckPage
    # The SQL each probe ran on the small world (probe name -> queries, or the reason
    # the probe could not run).
    small_queries: dict[str, list[str] | str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    def person(self, role: str | None) -> User | None:
        return getattr(self, role) if role else None


# ---------------------------------------------------------------------------
# The small world
# ---------------------------------------------------------------------------


def build_small_world() -> Partnership:
    """One team, a supervisor with two supervisees, an SAB manager, the demo content,
    and a handful of records made through the services."""
    home = ensure_site_pages()
    # The content apps' own demo seeders, as `manage.py seed_demo` runs them.
    for seeder in hooks.get_hooks("register_demo_content"):
        seeder(home=home)

    organisation = OrganisationFactory(name="Northmoor Council (benchmark)")
    team = TeamFactory(organisation=organisation, name="Adult social care east")
    supervisor = make_person(role=Role.SUPERVISOR, team=team, email="supervisor@bench.example")
    learner = make_person(role=Role.PRACTITIONER, team=team, email="learner@bench.example")
    colleague = make_person(role=Role.PRACTITIONER, team=team, email="colleague@bench.example")
    for person in (learner, colleague):
        person.profile.supervisors.add(supervisor)
    Profile.objects.filter(user=learner).update(
        registration_body=RegistrationBody.NMC, registration_number="12A3456B"
    )
    manager = make_person(
        role=Role.SAB_MANAGER, organisation=organisation, email="manager@bench.example"
    )
    TOTP.activate(manager, "JBSWY3DPEHPK3PXPJBSWY3DP")
    # The second person an anonymisation override needs.
    deputy = make_person(role=Role.SAB_MANAGER, organisation=organisation, email=DEPUTY_EMAIL)

    briefing = BriefingPage.objects.live().get(slug=BRIEFINGS[0]["slug"])
    case_study = CaseStudyPage.objects.live().first()
    check = KnowledgeCheckPage.objects.live().get(checks_page=briefing)

    # One page of every learnable type, so that costs paid once per page type (a
    # `.specific()` query for each) are already in the small world's counts.
    for page in _one_page_of_each_type():
        for person in (learner, colleague):
            records.completion_record(user=person, page=page, how=bulk.completion_how(page))
    records.feedback_save(
        user=learner, page=briefing, usefulness=4, will_change_practice=WillChangePractice.YES
    )
    records.external_cpd_create(
        user=learner,
        title="Mental Capacity Act refresher",
        date=timezone.localdate() - timedelta(days=30),
        minutes=180,
        type=CPDType.COURSE,
    )
    attempt = quizzes.start_attempt(user=learner, check=check)
    quizzes.finish_attempt(attempt=attempt, answers={})  # a fail: nothing answered
    question = briefing.reflective_question_items()[0]
    for author in (learner, colleague):
        entry = reflections.entry_create(
            author=author,
            title="Visiting Mrs K",
            body=ENTRY_BODY,
            structure=EntryStructure.WHAT_SO_WHAT,
            status=EntryStatus.FINAL,
            page=briefing,
            question_id=question["id"],
        )
        reflections.entry_share(entry=entry, author=author, supervisors=[supervisor])
    supervision.team_session_record(
        delivered_by=supervisor,
        page=case_study,
        delivered_on=timezone.localdate() - timedelta(days=7),
        attendees=[learner, colleague],
    )
    AnonymisationOverride.objects.create(
        page=case_study,
        revision_id=case_study.live_revision_id,
        kind="place",
        text="Northmoor Library",
        location="The situation",
        proposed_by=manager,
        reason="The library is a public building named in the board's published report.",
        confirmed_by=deputy,
        confirmed_at=timezone.now(),
    )
    return Partnership(
        home=home,
        learner=learner,
        supervisor=supervisor,
        manager=manager,
        briefing=briefing,
        check=check,
    )


def _one_page_of_each_type() -> list[LearningPage]:
    first: dict[int, Page] = {}
    for page in learnable_pages().live().order_by("path"):
        first.setdefault(page.content_type_id, page)
    return [page.specific for page in first.values()]


# ---------------------------------------------------------------------------
# Growing to partnership scale
# ---------------------------------------------------------------------------


def grow_to_partnership_scale(world: Partnership) -> None:
    """Add pages, people and records until the partnership is full size. Records the
    row counts in `world.rows`."""
    rng = random.Random(bulk.SEED)
    _publish_more_pages(world.home)
    pages = list(learnable_pages().live().specific())
    people = bulk.bulk_people(rng)
    # New people join the benchmark supervisor's team until it is full size.
    joining = SUPERVISEES_PER_SUPERVISOR - permissions.supervisees_of(world.supervisor).count()
    bulk.supervise(world.supervisor, people["supervisees"][:joining])

    codes = bulk.certificate_codes()
    pairs = bulk.bulk_completions(rng, people["everyone"], pages, codes)
    bulk.learner_completions(rng, world.learner, pages, codes)
    bulk.bulk_external_cpd(rng, people["everyone"], world.learner)
    bulk.bulk_feedback(rng, pairs, world.learner, pages)
    bulk.bulk_entries(rng, people["supervised"], world.learner, pages)
    bulk.bulk_team_sessions(rng, people["teams"], world.supervisor, pages)
    bulk.bulk_attempts(rng, people["everyone"])
    bulk.bulk_overrides(rng, world.manager, User.objects.get(email=DEPUTY_EMAIL))

    world.rows = {
        "organisations": Organisation.objects.count(),
        "teams": Team.objects.count(),
        "people": User.objects.count(),
        "live learning pages": learnable_pages().live().count(),
        "completions": Completion.objects.count(),
        "external CPD entries": ExternalCPD.objects.count(),
        "feedback": Feedback.objects.count(),
        "reflective entries": ReflectiveEntry.objects.count(),
        "entry shares": EntryShare.objects.count(),
        "team sessions": TeamSession.objects.count(),
        "knowledge-check attempts": Attempt.objects.count(),
        "anonymisation overrides": AnonymisationOverride.objects.count(),
    }


def _variant(data: dict, number: int) -> dict:
    """Another page from the same demo text, under its own title and slug. Briefings
    keep pointing at the demo review they draw on."""
    return {**data, "slug": f"{data['slug']}-{number}", "title": f"{data['title']} ({number + 1})"}


def _review_variant(data: dict, number: int) -> dict:
    # A demo review takes its principles from the briefings that cite its slug; the
    # copy has its own slug, so it is given them directly.
    principles = data.get("principles") or list(
        dict.fromkeys(
            slug
            for briefing in BRIEFINGS
            if briefing.get("review") == data["slug"]
            for slug in briefing["principles"]
        )
    )
    return {**_variant(data, number), "principles": principles}


def _publish_more_pages(home: Page) -> None:
    """More briefings, reviews and case studies, built from the demo content and each
    published through a revision, as an editor's page is."""
    principles = Principle.objects.in_bulk(field_name="slug")
    review_index = ensure_review_index(home)
    briefing_index = ensure_briefing_index(home)
    case_study_index = ensure_case_study_index(home)
    reviews = {page.slug: page for page in SafeguardingAdultsReviewPage.objects.all()}

    for number in range(1, REVIEW_COPIES + 1):
        for data in REVIEWS:
            page = build_review(_review_variant(data, number), principles)
            review_index.add_child(instance=page)
            page.save_revision().publish()
    for number in range(1, BRIEFING_COPIES + 1):
        for data in BRIEFINGS:
            page = build_briefing(_variant(data, number), principles, reviews)
            briefing_index.add_child(instance=page)
            page.save_revision().publish()
    for number in range(1, CASE_STUDY_COPIES + 1):
        for data in CASE_STUDIES:
            page = build_case_study(_variant(data, number))
            case_study_index.add_child(instance=page)
            page.save_revision().publish()
