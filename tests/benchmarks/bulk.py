"""Bulk inserts that grow the benchmark data to partnership scale: the sizes, and one
builder per kind of record. Rows are made the way the services would make them (page
titles, revisions and minutes copied from the page, one version per reflective entry,
one answer row per question) but inserted with bulk_create, thousands at a time.

The rules for one row live in the `*_fields` functions, which return the row's field
values by attribute name: the bulk inserts here make model instances of them, and the
partnership-scale generator (tests.benchmarks.generator) streams them through COPY.
"""

from __future__ import annotations

import random
import uuid
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
from quizzes.scoring import Score, right_keys, score_attempt
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


def certificate_codes(start: int = 0):
    """Unique certificate codes, the `start`-th onwards."""
    number = 32**11 + start  # 12 characters from the first
    while True:
        code, value = [], number
        while value:
            value, digit = divmod(value, 32)
            code.append(CODE_ALPHABET[digit])
        yield "".join(reversed(code))
        number += 1


def moment(rng: random.Random, *, max_days: int, min_days: int = 0, now=None):
    """A moment between `min_days` and `max_days` days before `now` (default: now)."""
    return (now or timezone.now()) - timedelta(
        days=rng.randint(min_days, max_days), seconds=rng.randint(0, 86_399)
    )


def completion_how(page: LearningPage) -> str:
    if isinstance(page, KnowledgeCheckPage):
        return CompletionHow.PASSED_CHECK
    return CompletionHow.CONFIRMED


RETIRED_TITLE = "Retired briefing: hate crime awareness"


def completion_fields(page, user_id: int, code: str, *, at, cycle: int = 1) -> dict:
    """A completion as records.services.completion_record writes it: the page's title,
    live revision and CPD minutes copied onto the record. No page: one since retired."""
    return {
        "user_id": user_id,
        "page_id": page.pk if page else None,
        "page_title": page.title if page else RETIRED_TITLE,
        "revision_id": page.live_revision_id if page else None,
        "cycle": cycle,
        "how": completion_how(page) if page else CompletionHow.CONFIRMED,
        "minutes": page.cpd_minutes if page else 7,
        "completed_at": at,
        "team_session_id": None,
        "certificate_code": code,
    }


def _completion(page, user, code, *, at, cycle: int = 1) -> Completion:
    return Completion(**completion_fields(page, user.pk, code, at=at, cycle=cycle))


def bulk_completions(rng, people, pages, codes) -> list[tuple[int, int]]:
    """About 60,000 completions: each person has done 8 to 32 different pages over
    three years. Returns the (user id, page id) pairs."""
    rows, pairs = [], []
    for person in people:
        for page in rng.sample(pages, rng.randint(*COMPLETIONS_PER_PERSON)):
            rows.append(_completion(page, person, next(codes), at=moment(rng, max_days=1_095)))
            pairs.append((person.pk, page.pk))
    Completion.objects.bulk_create(rows, batch_size=BATCH)
    return pairs


def learner_completion_fields(
    rng, learner_id: int, pages, codes, *, total: int, done=frozenset(), now=None
) -> list[dict]:
    """A learner's record grown to `total` completions (`done`: ids of pages they have
    already completed): every live page, every live page again in an earlier cycle, and
    the rest pages since retired (title kept, page gone)."""
    rows = [
        completion_fields(page, learner_id, next(codes), at=moment(rng, max_days=360, now=now))
        for page in pages
        if page.pk not in done
    ]
    rows += [
        completion_fields(
            page,
            learner_id,
            next(codes),
            at=moment(rng, min_days=400, max_days=760, now=now),
            cycle=2,
        )
        for page in pages
    ]
    # The cycle only keeps the repeated rows distinct; the record treats them alike.
    rows = rows[: total - len(done)]
    rows += [
        completion_fields(
            None, learner_id, next(codes), at=moment(rng, min_days=800, max_days=1_090, now=now)
        )
        for _ in range(total - len(done) - len(rows))
    ]
    return rows


def learner_completions(rng, learner, pages, codes) -> None:
    """The learner's record grows to LEARNER_COMPLETIONS completions."""
    done = set(Completion.objects.filter(user=learner).values_list("page_id", flat=True))
    rows = learner_completion_fields(
        rng, learner.pk, pages, codes, total=LEARNER_COMPLETIONS, done=done
    )
    Completion.objects.bulk_create((Completion(**fields) for fields in rows), batch_size=BATCH)


def external_cpd_fields(rng, user_id: int, *, today=None) -> dict:
    """CPD done elsewhere, as the person would add it, some day in the last 3 years."""
    return {
        "user_id": user_id,
        "title": rng.choice(
            ("Domestic abuse conference", "Coercive control e-learning", "Reading: MSP toolkit")
        ),
        "provider": "Partnership training team",
        "date": (today or timezone.localdate()) - timedelta(days=rng.randint(0, 1_095)),
        "minutes": rng.choice((30, 60, 90, 180, 360)),
        "type": rng.choice(CPDType.values),
        "participatory": rng.random() < 0.5,
        "what_learned": "How to ask about coercion without leading the person.",
    }


def _external(rng, user) -> ExternalCPD:
    return ExternalCPD(**external_cpd_fields(rng, user.pk))


def bulk_external_cpd(rng, people, learner) -> None:
    rows = [_external(rng, rng.choice(people)) for _ in range(EXTERNAL_CPD)]
    rows += [_external(rng, learner) for _ in range(LEARNER_EXTERNAL_CPD - 1)]
    ExternalCPD.objects.bulk_create(rows, batch_size=BATCH)


def feedback_fields(rng, user_id: int, page_id: int) -> dict:
    """One person's feedback on a page they completed."""
    return {
        "user_id": user_id,
        "page_id": page_id,
        "usefulness": rng.randint(1, 5),
        "will_change_practice": rng.choice(WillChangePractice.values),
        "comment": rng.choice(("", "Clear and practical.", "I would like more on capacity.")),
    }


def bulk_feedback(rng, pairs, learner, pages) -> None:
    def feedback(user_id, page_id) -> Feedback:
        return Feedback(**feedback_fields(rng, user_id, page_id))

    rows = [feedback(user_id, page_id) for user_id, page_id in rng.sample(pairs, FEEDBACK)]
    given = set(Feedback.objects.filter(user=learner).values_list("page_id", flat=True))
    rows += [
        feedback(learner.pk, page.pk) for page in pages[:LEARNER_FEEDBACK] if page.pk not in given
    ]
    Feedback.objects.bulk_create(rows, batch_size=BATCH)


def entry_fields(rng, author_id: int, page) -> dict:
    """A reflective entry on a page, final (and perhaps reviewed) seven times in ten.
    Its one version (reflections.services.entry_create writes version 1 with the entry)
    repeats its title and body."""
    final = rng.random() < 0.7
    return {
        "author_id": author_id,
        "title": f"Reflection on {page.title}"[:200],
        "body": ENTRY_BODY,
        "structure": rng.choice(EntryStructure.values),
        "status": EntryStatus.FINAL if final else EntryStatus.DRAFT,
        "page_id": page.pk,
        "review_status": rng.choice(ReviewStatus.values) if final else ReviewStatus.NOT_REVIEWED,
    }


def _entry(rng, author, page) -> ReflectiveEntry:
    return ReflectiveEntry(**entry_fields(rng, author.pk, page))


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


def team_session_fields(page, *, delivered_by_id: int, team_id: int | None, delivered_on) -> dict:
    """A session as supervision.services.team_session_record writes it: the page's
    title, and its CPD minutes as the session's length."""
    return {
        "page_id": page.pk,
        "page_title": page.title,
        "delivered_by_id": delivered_by_id,
        "team_id": team_id,
        "delivered_on": delivered_on,
        "minutes": page.cpd_minutes,
    }


def bulk_team_sessions(rng, teams, supervisor, pages) -> None:
    """Team sessions delivered by team members (with attendees), and a dozen more by
    the benchmark supervisor to their own team."""
    sessions, attendance = [], []
    team_ids = list(teams)
    today = timezone.localdate()
    for _ in range(TEAM_SESSIONS):
        team_id = rng.choice(team_ids)
        members = teams[team_id]
        fields = team_session_fields(
            rng.choice(pages),
            delivered_by_id=members[0].pk,
            team_id=team_id,
            delivered_on=today - timedelta(days=rng.randint(0, 700)),
        )
        sessions.append(TeamSession(**fields))
        attendance.append(rng.sample(members[1:], 8))
    own_team = [profile.user for profile in supervisor.supervisees.select_related("user")]
    for _ in range(SUPERVISOR_SESSIONS - 1):
        fields = team_session_fields(
            rng.choice(pages),
            delivered_by_id=supervisor.pk,
            team_id=supervisor.profile.team_id,
            delivered_on=today - timedelta(days=rng.randint(0, 365)),
        )
        sessions.append(TeamSession(**fields))
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


def scored_answers(snapshot: dict) -> list[Score]:
    """Every way a learner can answer a snapshot's questions, each right or wrong, as
    quizzes.scoring scores it: entry `mask` has question i right where bit i is set.
    A wrong answer picks the first wrong option (or leaves the question unanswered)."""
    questions = snapshot["questions"]
    scores = []
    for mask in range(2 ** len(questions)):
        answers = {}
        for bit, question in enumerate(questions):
            right = sorted(right_keys(question))
            wrong = [option["key"] for option in question["options"] if option["key"] not in right]
            answers[question["id"]] = right if mask >> bit & 1 else wrong[:1]
        scores.append(score_attempt(snapshot, answers))
    return scores


def random_mask(rng: random.Random, question_count: int, right: float = 0.8) -> int:
    """Which questions a learner gets right: each with probability `right`."""
    return sum(1 << bit for bit in range(question_count) if rng.random() < right)


def attempt_fields(check, completes, snapshot, score: Score, *, user_id: int, started) -> dict:
    """A finished attempt, as quizzes.services.start_attempt and finish_attempt write it."""
    return {
        "user_id": user_id,
        "page_id": check.pk,
        "page_title": check.title,
        "revision_id": check.live_revision_id,
        "completes_page_id": completes.pk,
        "completes_revision_id": completes.live_revision_id,
        "snapshot": snapshot,
        "question_count": score.question_count,
        "started_at": started,
        "finished_at": started + timedelta(minutes=4),
        "correct_count": score.correct_count,
        "score": score.percent,
        "passed": score.passed,
    }


def answer_fields(attempt_id, score: Score) -> list[dict]:
    """One answer row per question of a finished attempt."""
    return [
        {
            "attempt_id": attempt_id,
            "question_id": result.question_id,
            "position": result.position,
            "given": result.given,
            "correct": result.correct,
        }
        for result in score.results
    ]


def bulk_attempts(rng, people) -> None:
    """Finished attempts at every knowledge check, with one answer row per question,
    as quizzes.services.finish_attempt writes them."""
    attempts, answers = [], []
    for check in KnowledgeCheckPage.objects.live():
        snapshot = build_snapshot(check, rng=rng)
        scores = scored_answers(snapshot)
        completes = check.completes_page()
        for _ in range(ATTEMPTS_PER_CHECK):
            score = scores[random_mask(rng, len(snapshot["questions"]))]
            attempt = Attempt(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                **attempt_fields(
                    check,
                    completes,
                    snapshot,
                    score,
                    user_id=rng.choice(people).pk,
                    started=moment(rng, max_days=700),
                ),
            )
            attempts.append(attempt)
            answers += [AttemptAnswer(**fields) for fields in answer_fields(attempt.pk, score)]
    Attempt.objects.bulk_create(attempts, batch_size=BATCH)
    AttemptAnswer.objects.bulk_create(answers, batch_size=BATCH)


def bulk_overrides(rng, manager, confirmer) -> None:
    pages = list(CaseStudyPage.objects.live().only("pk", "live_revision_id"))
    overrides = []
    for page in rng.choices(pages, k=OVERRIDES):
        proposed = moment(rng, max_days=700)
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
