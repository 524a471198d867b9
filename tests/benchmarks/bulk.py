"""Bulk inserts that grow the benchmark data to partnership scale: the sizes, and one
builder per kind of record. Rows are made the way the services would make them (page
titles, revisions and minutes copied from the page, one version per reflective entry,
one answer row per question) but inserted with bulk_create, thousands at a time.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone

from case_studies.models import CaseStudyPage
from learning.models import (
    AnonymisationOverride,
    Completion,
    CompletionHow,
    CPDType,
    EntryShare,
    EntryStatus,
    EntryStructure,
    ExternalCPD,
    Feedback,
    LearningPage,
    Organisation,
    Profile,
    ReflectiveEntry,
    ReflectiveEntryVersion,
    RegistrationBody,
    ReviewStatus,
    Team,
    TeamSession,
    User,
    WillChangePractice,
)
from learning.roles import Role
from quizzes.models import Attempt, AttemptAnswer, KnowledgeCheckPage
from quizzes.snapshot import build_snapshot
from tests.factories import PASSWORD

# Partnership scale -----------------------------------------------------------------

ORGANISATIONS = 10
TEAMS_PER_ORGANISATION = 10
SUPERVISORS_PER_TEAM = 3
SUPERVISEES_PER_SUPERVISOR = 8
UNSUPERVISED_PER_TEAM = 3  # new starters, leads, volunteers nobody supervises yet
PEOPLE_PER_TEAM = (
    SUPERVISORS_PER_TEAM * (1 + SUPERVISEES_PER_SUPERVISOR) + UNSUPERVISED_PER_TEAM
)  # 30, so 3,000 people in 100 teams
COMPLETIONS_PER_PERSON = (8, 32)  # uniformly: about 60,000 in all
EXTERNAL_CPD = 5_000
FEEDBACK = 10_000
REFLECTIVE_ENTRIES = 6_000
ATTEMPTS_PER_CHECK = 500
OVERRIDES = 200
TEAM_SESSIONS = 300

# The people the benchmarks sign in as.
LEARNER_COMPLETIONS = 200
LEARNER_EXTERNAL_CPD = 25
LEARNER_FEEDBACK = 40
LEARNER_ENTRIES = 30
SUPERVISOR_SESSIONS = 12

BATCH = 2_000
SEED = 20_260_101
# The alphabet of certificate codes (learning.models.records): 32 characters, so a
# counter written in base 32 gives unique, well-formed codes without a random draw each.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

ENTRY_BODY = (
    "## What happened\n\nI visited Mrs K with the district nurse. She told us she did not "
    "want the carers to come any more, and we talked about what she wanted instead.\n\n"
    "## So what\n\nI noticed I had been about to *decide for her*. Making safeguarding "
    "personal means starting from the outcomes she wants, and checking capacity only "
    "where there is a reason to doubt it.\n\n"
    "## Now what\n\n- Ask about outcomes first\n- Record her words, not my summary\n"
    "- Talk it through in supervision\n"
)


def bulk_people(rng: random.Random) -> dict[str, list]:
    """Organisations, teams and people with profiles, roles and supervisors."""
    password = make_password(PASSWORD)  # once: every bulk account shares the hash
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Benchmark partner {n}", type="local_authority")
        for n in range(ORGANISATIONS)
    )
    teams = Team.objects.bulk_create(
        Team(organisation=organisation, name=f"Team {n}")
        for organisation in organisations
        for n in range(TEAMS_PER_ORGANISATION)
    )
    users, placements = [], []
    for team in teams:
        for n in range(PEOPLE_PER_TEAM):
            users.append(
                User(
                    email=f"person{len(users)}@partner{team.organisation_id}.example",
                    first_name=rng.choice(("Sam", "Alex", "Jo", "Priya", "Tom", "Aisha", "Lee")),
                    last_name=f"Worker{len(users):04d}",
                    password=password,
                )
            )
            placements.append((team, n))
    users = User.objects.bulk_create(users, batch_size=BATCH)
    profiles = Profile.objects.bulk_create(
        (
            Profile(
                user=user,
                organisation_id=team.organisation_id,
                team=team,
                job_title="Social worker",
                registration_body=rng.choice(("", RegistrationBody.SOCIAL_WORK_ENGLAND)),
            )
            for user, (team, _) in zip(users, placements, strict=True)
        ),
        batch_size=BATCH,
    )

    groups = {role: Group.objects.get(name=role.value).pk for role in Role}
    memberships, supervision_links = [], []
    supervised, supervisees, by_team = [], [], {}
    for user, profile, (team, n) in zip(users, profiles, placements, strict=True):
        by_team.setdefault(team.pk, []).append(user)
        if n < SUPERVISORS_PER_TEAM:
            role = Role.SUPERVISOR
        elif n < PEOPLE_PER_TEAM - UNSUPERVISED_PER_TEAM:
            role = Role.PRACTITIONER
            # People 3-10 report to supervisor 0, 11-18 to supervisor 1, and so on.
            supervisor = by_team[team.pk][(n - SUPERVISORS_PER_TEAM) // SUPERVISEES_PER_SUPERVISOR]
            supervision_links.append((profile.pk, supervisor.pk))
            supervised.append(user)
            supervisees.append(profile)
        else:
            role = Role.ORGANISATION_LEAD if n == PEOPLE_PER_TEAM - 1 else Role.PRACTITIONER
        memberships.append(User.groups.through(user_id=user.pk, group_id=groups[role]))
    User.groups.through.objects.bulk_create(memberships, batch_size=BATCH)
    Profile.supervisors.through.objects.bulk_create(
        (
            Profile.supervisors.through(profile_id=profile_id, user_id=user_id)
            for profile_id, user_id in supervision_links
        ),
        batch_size=BATCH,
    )
    return {
        "everyone": users,
        "supervised": supervised,
        "supervisees": supervisees,
        "teams": by_team,
    }


def supervise(supervisor: User, profiles: list[Profile]) -> None:
    """The supervisor becomes these people's one supervisor."""
    Profile.supervisors.through.objects.filter(profile__in=profiles).delete()
    Profile.supervisors.through.objects.bulk_create(
        Profile.supervisors.through(profile_id=profile.pk, user_id=supervisor.pk)
        for profile in profiles
    )


def certificate_codes():
    number = 32**11  # 12 characters from the first
    while True:
        code, value = [], number
        while value:
            value, digit = divmod(value, 32)
            code.append(CODE_ALPHABET[digit])
        yield "".join(reversed(code))
        number += 1


def _moment(rng: random.Random, *, max_days: int, min_days: int = 0):
    return timezone.now() - timedelta(
        days=rng.randint(min_days, max_days), seconds=rng.randint(0, 86_399)
    )


def completion_how(page: LearningPage) -> str:
    if isinstance(page, KnowledgeCheckPage):
        return CompletionHow.PASSED_CHECK
    return CompletionHow.CONFIRMED


def _completion(page, user, code, *, at, cycle: int = 1) -> Completion:
    return Completion(
        user=user,
        page=page,
        page_title=page.title if page else "Retired briefing: hate crime awareness",
        revision_id=page.live_revision_id if page else None,
        cycle=cycle,
        how=completion_how(page) if page else CompletionHow.CONFIRMED,
        minutes=page.cpd_minutes if page else 7,
        completed_at=at,
        certificate_code=code,
    )


def bulk_completions(rng, people, pages, codes) -> list[tuple[int, int]]:
    """About 60,000 completions: each person has done 8 to 32 different pages over
    three years. Returns the (user id, page id) pairs."""
    rows, pairs = [], []
    for person in people:
        for page in rng.sample(pages, rng.randint(*COMPLETIONS_PER_PERSON)):
            rows.append(_completion(page, person, next(codes), at=_moment(rng, max_days=1_095)))
            pairs.append((person.pk, page.pk))
    Completion.objects.bulk_create(rows, batch_size=BATCH)
    return pairs


def learner_completions(rng, learner, pages, codes) -> None:
    """The learner's record grows to 200 completions: every live page, every live page
    again in an earlier cycle, and the rest pages since retired (title kept, page gone)."""
    done = set(Completion.objects.filter(user=learner).values_list("page_id", flat=True))
    rows = [
        _completion(page, learner, next(codes), at=_moment(rng, max_days=360))
        for page in pages
        if page.pk not in done
    ]
    rows += [
        _completion(
            page, learner, next(codes), at=_moment(rng, min_days=400, max_days=760), cycle=2
        )
        for page in pages
    ]
    # The cycle only keeps the repeated rows distinct; the record treats them alike.
    have = len(done) + len(rows)
    rows += [
        _completion(None, learner, next(codes), at=_moment(rng, min_days=800, max_days=1_090))
        for _ in range(LEARNER_COMPLETIONS - have)
    ]
    Completion.objects.bulk_create(rows, batch_size=BATCH)


def _external(rng, user) -> ExternalCPD:
    return ExternalCPD(
        user=user,
        title=rng.choice(
            ("Domestic abuse conference", "Coercive control e-learning", "Reading: MSP toolkit")
        ),
        provider="Partnership training team",
        date=timezone.localdate() - timedelta(days=rng.randint(0, 1_095)),
        minutes=rng.choice((30, 60, 90, 180, 360)),
        type=rng.choice(CPDType.values),
        participatory=rng.random() < 0.5,
        what_learned="How to ask about coercion without leading the person.",
    )


def bulk_external_cpd(rng, people, learner) -> None:
    rows = [_external(rng, rng.choice(people)) for _ in range(EXTERNAL_CPD)]
    rows += [_external(rng, learner) for _ in range(LEARNER_EXTERNAL_CPD - 1)]
    ExternalCPD.objects.bulk_create(rows, batch_size=BATCH)


def bulk_feedback(rng, pairs, learner, pages) -> None:
    def feedback(user_id, page_id) -> Feedback:
        return Feedback(
            user_id=user_id,
            page_id=page_id,
            usefulness=rng.randint(1, 5),
            will_change_practice=rng.choice(WillChangePractice.values),
            comment=rng.choice(("", "Clear and practical.", "I would like more on capacity.")),
        )

    rows = [feedback(user_id, page_id) for user_id, page_id in rng.sample(pairs, FEEDBACK)]
    given = set(Feedback.objects.filter(user=learner).values_list("page_id", flat=True))
    rows += [
        feedback(learner.pk, page.pk) for page in pages[:LEARNER_FEEDBACK] if page.pk not in given
    ]
    Feedback.objects.bulk_create(rows, batch_size=BATCH)


def _entry(rng, author, page) -> ReflectiveEntry:
    final = rng.random() < 0.7
    return ReflectiveEntry(
        author=author,
        title=f"Reflection on {page.title}"[:200],
        body=ENTRY_BODY,
        structure=rng.choice(EntryStructure.values),
        status=EntryStatus.FINAL if final else EntryStatus.DRAFT,
        page=page,
        review_status=rng.choice(ReviewStatus.values) if final else ReviewStatus.NOT_REVIEWED,
    )


def bulk_entries(rng, supervised, learner, pages) -> None:
    """Reflective entries with one version each; most final ones are shared with the
    author's supervisor."""
    authors = rng.choices(supervised, k=REFLECTIVE_ENTRIES) + [learner] * (LEARNER_ENTRIES - 1)
    entries = ReflectiveEntry.objects.bulk_create(
        (_entry(rng, author, rng.choice(pages)) for author in authors), batch_size=BATCH
    )
    ReflectiveEntryVersion.objects.bulk_create(
        (
            ReflectiveEntryVersion(entry=entry, number=1, title=entry.title, body=entry.body)
            for entry in entries
        ),
        batch_size=BATCH,
    )
    supervisor_of = dict(
        Profile.supervisors.through.objects.filter(
            profile__user__in={author.pk for author in authors}
        ).values_list("profile__user_id", "user_id")
    )
    EntryShare.objects.bulk_create(
        (
            EntryShare(entry=entry, supervisor_id=supervisor_of[entry.author_id])
            for entry in entries
            if entry.status == EntryStatus.FINAL
            and entry.author_id in supervisor_of
            and rng.random() < 0.8
        ),
        batch_size=BATCH,
    )


def bulk_team_sessions(rng, teams, supervisor, pages) -> None:
    """Team sessions delivered by team members (with attendees), and a dozen more by
    the benchmark supervisor to their own team."""
    sessions, attendance = [], []
    team_ids = list(teams)
    for _ in range(TEAM_SESSIONS):
        members = teams[rng.choice(team_ids)]
        page = rng.choice(pages)
        sessions.append(
            TeamSession(
                page=page,
                page_title=page.title,
                delivered_by=members[0],
                delivered_on=timezone.localdate() - timedelta(days=rng.randint(0, 700)),
            )
        )
        attendance.append(rng.sample(members[1:], 8))
    own_team = [profile.user for profile in supervisor.supervisees.select_related("user")]
    for _ in range(SUPERVISOR_SESSIONS - 1):
        page = rng.choice(pages)
        sessions.append(
            TeamSession(
                page=page,
                page_title=page.title,
                delivered_by=supervisor,
                delivered_on=timezone.localdate() - timedelta(days=rng.randint(0, 365)),
            )
        )
        attendance.append(own_team)
    sessions = TeamSession.objects.bulk_create(sessions, batch_size=BATCH)
    TeamSession.attendees.through.objects.bulk_create(
        (
            TeamSession.attendees.through(teamsession_id=session.pk, user_id=person.pk)
            for session, people in zip(sessions, attendance, strict=True)
            for person in people
        ),
        batch_size=BATCH,
    )


def bulk_attempts(rng, people) -> None:
    """Finished attempts at every knowledge check, with one answer row per question,
    as quizzes.services.finish_attempt writes them."""
    attempts, answers = [], []
    for check in KnowledgeCheckPage.objects.live():
        snapshot = build_snapshot(check, rng=rng)
        completes = check.completes_page()
        for _ in range(ATTEMPTS_PER_CHECK):
            right = [rng.random() < 0.8 for _ in snapshot["questions"]]
            score = round(100 * sum(right) / len(right))
            started = _moment(rng, max_days=700)
            attempt = Attempt(
                user=rng.choice(people),
                page=check,
                page_title=check.title,
                revision_id=check.live_revision_id,
                completes_page_id=completes.pk,
                completes_revision_id=completes.live_revision_id,
                snapshot=snapshot,
                question_count=len(right),
                started_at=started,
                finished_at=started + timedelta(minutes=4),
                correct_count=sum(right),
                score=score,
                passed=score >= check.pass_mark,
            )
            attempts.append(attempt)
            answers += [
                AttemptAnswer(
                    attempt=attempt,
                    question_id=question["id"],
                    position=position,
                    given=[],
                    correct=correct,
                )
                for position, (question, correct) in enumerate(
                    zip(snapshot["questions"], right, strict=True), start=1
                )
            ]
    Attempt.objects.bulk_create(attempts, batch_size=BATCH)
    AttemptAnswer.objects.bulk_create(answers, batch_size=BATCH)


def bulk_overrides(rng, manager, confirmer) -> None:
    pages = list(CaseStudyPage.objects.live().only("pk", "live_revision_id"))
    overrides = []
    for page in rng.choices(pages, k=OVERRIDES):
        proposed = _moment(rng, max_days=700)
        # Most are decided by the second person; some still await them.
        decided = rng.random() < 0.8
        overrides.append(
            AnonymisationOverride(
                page=page,
                revision_id=page.live_revision_id,
                kind="place",
                text="Northmoor Library",
                location="The situation",
                proposed_by=manager,
                reason="The library is a public building named in the board's published report.",
                created_at=proposed,
                confirmed_by=confirmer if decided else None,
                confirmed_at=proposed + timedelta(days=1) if decided else None,
            )
        )
    AnonymisationOverride.objects.bulk_create(overrides, batch_size=BATCH)
