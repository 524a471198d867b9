"""The data the benchmarks run against, built in two steps.

`build_small_world()` makes a small partnership through the normal paths: the demo
content seeders (every page published through a revision), people made by the test
factories, and records written by the services. `grow_to_partnership_scale()` then adds
what a whole Safeguarding Adults Board partnership holds after a few years: more
published pages (built from the demo content and published the same way) and bulk
inserts of people, completions, CPD, feedback, reflective entries, team sessions,
knowledge-check attempts and anonymisation overrides.

The people the benchmarks sign in as (the learner, their supervisor, an SAB manager
and an organisation lead) exist in both steps, so each page is measured on the same URL
before and after the data grows. The lead's organisation grows too: a whole partner
organisation of the bulk people joins it, so the lead's reports count many more people.
The required learning the compliance report counts is set in the small world, through
the services, partnership-wide and by the lead for their organisation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import timedelta

from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
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
    RefreshRule,
    RegistrationBody,
    Requirement,
    Team,
    TeamSession,
    UsedInPractice,
    User,
    WillChangePractice,
)
from learning.records import services as records
from learning.reflections import services as reflections
from learning.required import impact
from learning.required import services as required
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
# The privileged people's authenticator (reports and the admin need a second factor).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP"


@dataclass
class Partnership:
    """Who and what the benchmarks use, and how much data there is."""

    home: Page
    learner: User
    supervisor: User
    manager: User
    # The organisation lead: the reports for one organisation, with names.
    lead: User
    organisation: Organisation
    team: Team
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
    """One team, a supervisor with two supervisees, an SAB manager, an organisation
    lead, the demo content, required learning, and a handful of records made through
    the services."""
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
    lead = make_person(
        role=Role.ORGANISATION_LEAD, organisation=organisation, email="lead@bench.example"
    )
    for privileged in (manager, lead):
        TOTP.activate(privileged, TOTP_SECRET)
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
    _feedback_from(briefing, [learner, colleague, supervisor, lead, deputy])
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
    _require_learning(manager, lead, organisation, [briefing, case_study], colleague)
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
        lead=lead,
        organisation=organisation,
        team=team,
        briefing=briefing,
        check=check,
    )


def _feedback_from(page: LearningPage, people: list[User]) -> None:
    """Feedback with comments from enough people (the reports show an item's comments
    and examples from five responses or answers) that the feedback report reads them in
    the small world too, as it does at scale. Each also answers the follow-up question
    with an example: one to four answers would be withheld, and the examples not read."""
    for number, person in enumerate(people):
        records.completion_record(user=person, page=page, how=bulk.completion_how(page))
        feedback, _ = records.feedback_save(
            user=person,
            page=page,
            usefulness=4,
            will_change_practice=WillChangePractice.YES,
            comment=f"Clear and practical ({number + 1}).",
        )
        impact.impact_answer_save(
            user=person,
            feedback=feedback,
            used_in_practice=UsedInPractice.YES,
            example=f"I asked about the outcomes she wanted first ({number + 1}).",
        )


def _require_learning(
    manager: User, lead: User, organisation: Organisation, pages: list[Page], exempt: User
) -> None:
    """Required learning of each kind the compliance report counts differently: the
    board's for everyone, refreshed yearly; the organisation's own for one role, once;
    and an exemption, so that every status (complete, exempt, due, overdue, not
    started) has its path in the small world's query counts."""
    today = timezone.localdate()
    board = required.requirement_create(
        created_by=manager,
        organisation=None,
        pages=pages,
        title="Safeguarding adults essentials",
        everyone=True,
        due_days=60,
        refresh=RefreshRule.EVERY_MONTHS,
        refresh_months=12,
        starts_on=today - timedelta(days=400),
    )
    required.requirement_create(
        created_by=lead,
        organisation=organisation,
        pages=pages[:1],
        roles=[Group.objects.get(name=Role.PRACTITIONER.value)],
        title="Making Safeguarding Personal",
        due_days=30,
        refresh=RefreshRule.NEVER,
        starts_on=today - timedelta(days=10),
    )
    required.exemption_create(
        created_by=lead,
        user=exempt,
        requirement=board,
        reason="Long-term leave",
        ends_on=today + timedelta(days=90),
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
    _merge_into(world.organisation, people["everyone"][0])
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
        "people in the lead's organisation": Profile.objects.filter(
            organisation=world.organisation
        ).count(),
        "requirements": Requirement.objects.count(),
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


def _merge_into(organisation: Organisation, member: User) -> None:
    """The bulk partner organisation `member` belongs to joins `organisation`, teams and
    people, so that the lead's reports have a partner's worth of people to count. They
    joined the hub today, so their required learning counts from today."""
    partner_id = Profile.objects.get(user=member).organisation_id
    Team.objects.filter(organisation_id=partner_id).update(organisation=organisation)
    Profile.objects.filter(organisation_id=partner_id).update(organisation=organisation)
    Organisation.objects.filter(pk=partner_id).delete()


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
