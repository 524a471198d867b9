"""Three years of records: required learning, team sessions, completions with their
feedback, CPD done elsewhere, reflective entries with their versions and shares, and
knowledge-check attempts with their answers.

Each row comes from the same rules as the benchmark's bulk inserts (tests.benchmarks.
bulk, `*_fields`), and the services' own rules where they are plain functions (a team
session's facilitation credit and attendance time). The big tables are streamed in
chunks, so memory stays flat at any size.
"""

from __future__ import annotations

import json
import random
import uuid
from collections import defaultdict
from datetime import datetime, timedelta
from itertools import islice

from django.contrib.auth.models import Group

from learning.models import (
    Completion,
    CompletionHow,
    EntryShare,
    EntryStatus,
    ExternalCPD,
    Feedback,
    ReflectiveEntry,
    ReflectiveEntryVersion,
    RefreshRule,
    Requirement,
    RequirementAssignment,
    ReviewStatus,
    Team,
    TeamSession,
)
from learning.roles import Role
from learning.supervision.services import _completed_at, _facilitation_fields
from quizzes.models import Attempt, AttemptAnswer, KnowledgeCheckPage
from quizzes.snapshot import build_snapshot
from tests.benchmarks import bulk
from tests.benchmarks.generator.loader import Loader
from tests.benchmarks.generator.people import People
from tests.benchmarks.generator.sizes import Size

CHUNK = 20_000
SNAPSHOTS_PER_CHECK = 4  # question orders each check is shown in
LEARNER_FEEDBACK = 40
# The share of people who have done each partnership-wide required page.
CORE_DONE = 0.85
# Refresher cycles a page can have been completed in over three years. When a size has
# more completions a person than pages, people complete pages again in later cycles.
MAX_CYCLES = 4


def random_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _chunks(rows, size: int = CHUNK):
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


# Required learning -------------------------------------------------------------------


def build_requirements(rng, size: Size, loader: Loader, people: People, pages, *, today):
    """Requirements in turn for everyone, one organisation, one role, a registration
    body and some teams; returns the pages of the partnership-wide ones."""
    supervisor_group = Group.objects.get(name=Role.SUPERVISOR.value)
    core_pages: list = []
    with loader.timed("learning_requirement"):
        for n in range(size.requirements):
            kind = n % 5
            chosen = rng.sample(pages, rng.randint(1, 3))
            requirement = Requirement.objects.create(
                title=f"Required learning {n + 1}",
                everyone=kind in (0, 1),
                organisation_id=people.organisation_ids[n % len(people.organisation_ids)]
                if kind == 1
                else None,
                registration_bodies=["nmc"] if kind == 3 else [],
                due_days=rng.choice((30, 60, 90)),
                refresh=RefreshRule.EVERY_MONTHS if n % 2 == 0 else RefreshRule.NEVER,
                refresh_months=12 if n % 2 == 0 else None,
                starts_on=today - timedelta(days=rng.randint(60, size.history_days)),
                created_by_id=people.named["manager"],
            )
            requirement.pages.set(chosen)
            if kind == 0:
                core_pages += chosen
            elif kind == 2:
                requirement.roles.set([supervisor_group])
            elif kind == 4:
                requirement.teams.set(
                    Team.objects.filter(pk__in=rng.sample(people.team_ids, min(5, size.teams)))
                )
    loader.count("learning_requirement", size.requirements)
    # People who moved into a requirement's audience after it began (for an
    # organisation's own requirement, its staff).
    by_organisation = defaultdict(list)
    for user_id, organisation_id in people.organisation_of.items():
        by_organisation[organisation_id].append(user_id)
    targets = list(
        Requirement.objects.order_by("pk").values_list("pk", "organisation_id", "starts_on")
    )
    possible = sum(len(by_organisation.get(org) or people.staff) for _, org, _ in targets)
    if size.assignments > possible:
        raise ValueError(f"{size.assignments} assignments asked for, {possible} possible")
    seen: set[tuple[int, int]] = set()
    rows = []
    while len(rows) < size.assignments:
        requirement_id, organisation_id, starts_on = rng.choice(targets)
        user_id = rng.choice(by_organisation.get(organisation_id) or people.staff)
        if (requirement_id, user_id) in seen:
            continue
        seen.add((requirement_id, user_id))
        days = max(1, (today - starts_on).days)
        rows.append((requirement_id, user_id, starts_on + timedelta(days=rng.randint(0, days))))
    loader.write(RequirementAssignment, ("requirement_id", "user_id", "assigned_on"), rows)
    return list({page.pk: page for page in core_pages}.values())


# Team sessions -----------------------------------------------------------------------


def build_team_sessions(rng, size: Size, loader: Loader, people: People, pages, *, today):
    """Supervisors deliver a page to some of their supervisees. Returns, for each
    attendee, {page id: (session id, completed at, minutes)}: the completion each
    attendee is credited (supervision.services.team_session_record)."""
    teams = Team.objects.in_bulk(people.team_ids)
    supervisors = [head for head, team in people.supervisees.items() if len(team) >= 4]
    sessions, attendance, credits = [], [], []
    attended: dict[int, dict] = defaultdict(dict)
    for n in range(size.team_sessions):
        # The named supervisor's team meets too: a dozen sessions at every size.
        head = people.named["supervisor"] if n < 12 else rng.choice(supervisors)
        page = rng.choice(pages)
        fields = bulk.team_session_fields(
            page,
            delivered_by_id=head,
            team_id=people.team_of[head],
            delivered_on=today - timedelta(days=rng.randint(1, size.history_days)),
        )
        session_id = random_uuid(rng)
        session = TeamSession(id=session_id, team=teams[fields["team_id"]], **fields)
        sessions.append((session_id, *fields.values()))
        completed_at = _completed_at(session.delivered_on)
        team = people.supervisees[head]
        for user_id in rng.sample(team, rng.randint(min(4, len(team)), min(8, len(team)))):
            attendance.append((session_id, user_id))
            # Someone who already had the page keeps their earlier completion.
            attended[user_id].setdefault(page.pk, (session_id, completed_at, session.minutes))
        credits.append((head, session_id, *_facilitation_fields(session).values()))
    columns = tuple(
        bulk.team_session_fields(pages[0], delivered_by_id=0, team_id=0, delivered_on=today)
    )
    loader.write(TeamSession, ("id", *columns), sessions)
    loader.write(TeamSession.attendees.through, ("teamsession_id", "user_id"), attendance)
    facilitation = tuple(
        _facilitation_fields(TeamSession(page_title="", minutes=1, delivered_on=today))
    )
    loader.write(ExternalCPD, ("user_id", "team_session_id", *facilitation), credits)
    return attended


# Completions and feedback ------------------------------------------------------------


def _counts(rng, size: Size, people: People, attended, page_count: int) -> dict[int, int]:
    """How many completions each person has (the named learner apart), adding up to
    the size's total exactly."""
    others = [user_id for user_id in people.staff if user_id != people.named["learner"]]
    total = size.completions - size.learner_completions
    mean = total / len(others)
    most = page_count * MAX_CYCLES
    low, high = max(1, round(mean * 0.5)), min(most, round(mean * 1.5))
    counts = {
        user_id: max(len(attended.get(user_id, ())), rng.randint(low, max(low, high)))
        for user_id in others
    }
    gap = total - sum(counts.values())
    while gap:
        user_id = rng.choice(others)
        step = 1 if gap > 0 else -1
        if len(attended.get(user_id, ())) <= counts[user_id] + step <= most:
            counts[user_id] += step
            gap -= step
    return counts


def build_completions(
    rng, size: Size, loader: Loader, people: People, pages, core, attended, *, now
):
    """Every person's completions, and feedback on an exact share of them (Knuth's
    selection sampling, so the count is exact without holding the pairs)."""
    by_id = {page.pk: page for page in pages}
    codes = bulk.certificate_codes(start=Completion.objects.count())
    counts = _counts(rng, size, people, attended, len(pages))
    learner = people.named["learner"]
    learner_rows = bulk.learner_completion_fields(
        rng, learner, pages, codes, total=size.learner_completions, now=now
    )
    learner_feedback = min(LEARNER_FEEDBACK, size.feedback // 5, len(pages))
    wanted = size.feedback - learner_feedback
    # Feedback is on a page, not a cycle: only first completions are candidates.
    remaining = sum(min(count, len(pages)) for count in counts.values())
    feedback: list[tuple] = []
    columns = tuple(bulk.completion_fields(None, 0, "", at=now))

    def rows():
        nonlocal wanted, remaining
        yield from (tuple(fields.values()) for fields in learner_rows)
        for fields in learner_rows[:learner_feedback]:
            feedback.append(_feedback(rng, fields))
        for user_id, count in counts.items():
            joined_days = max(1, min(size.history_days, (now - people.joined[user_id]).days))
            chosen = dict(attended.get(user_id, {}))
            for page in core:
                if len(chosen) < count and page.pk not in chosen and rng.random() < CORE_DONE:
                    chosen[page.pk] = None
            for page in rng.sample(pages, min(len(pages), count + len(chosen))):
                if len(chosen) >= count:
                    break
                chosen.setdefault(page.pk, None)
            firsts = []
            for page_id, session in chosen.items():
                if session is None:
                    at = bulk.moment(rng, max_days=joined_days, now=now)
                    fields = bulk.completion_fields(by_id[page_id], user_id, next(codes), at=at)
                else:
                    session_id, at, minutes = session
                    fields = bulk.completion_fields(by_id[page_id], user_id, next(codes), at=at)
                    fields.update(
                        how=CompletionHow.TEAM_SESSION, minutes=minutes, team_session_id=session_id
                    )
                if rng.random() * remaining < wanted:
                    feedback.append(_feedback(rng, fields))
                    wanted -= 1
                remaining -= 1
                firsts.append(fields)
                yield tuple(fields.values())
            # Later cycles, each some time after the one before.
            latest = {fields["page_id"]: fields for fields in firsts}
            for n in range(count - len(firsts)):
                before = latest[firsts[n % len(firsts)]["page_id"]]
                page = by_id[before["page_id"]]
                gap = max(1, int((now - before["completed_at"]).total_seconds()))
                at = before["completed_at"] + timedelta(seconds=rng.randint(1, gap))
                fields = bulk.completion_fields(
                    page, user_id, next(codes), at=at, cycle=before["cycle"] + 1
                )
                latest[page.pk] = fields
                yield tuple(fields.values())

    loader.write(Completion, columns, rows())
    loader.write(
        Feedback,
        (
            "user_id",
            "page_id",
            "usefulness",
            "will_change_practice",
            "comment",
            "created_at",
            "updated_at",
        ),
        feedback,
    )


def _feedback(rng, completion: dict) -> tuple:
    given = completion["completed_at"] + timedelta(minutes=rng.randint(1, 600))
    fields = bulk.feedback_fields(rng, completion["user_id"], completion["page_id"])
    return (*fields.values(), given, given)


# CPD done elsewhere --------------------------------------------------------------------


def build_external_cpd(rng, size: Size, loader: Loader, people: People, *, today):
    learner = people.named["learner"]
    owners = [learner] * size.learner_external_cpd
    owners += [rng.choice(people.staff) for _ in range(size.external_cpd - len(owners))]
    columns = tuple(bulk.external_cpd_fields(rng, 0, today=today))
    loader.write(
        ExternalCPD,
        columns,
        (tuple(bulk.external_cpd_fields(rng, user_id, today=today).values()) for user_id in owners),
    )


# Reflective entries --------------------------------------------------------------------


def build_entries(rng, size: Size, loader: Loader, people: People, pages, *, now):
    """Entries by supervised people (and a few by anyone), each with its version;
    most final ones shared with the author's supervisor, who reviewed some."""
    supervised = list(people.supervisor_of)
    learner = people.named["learner"]
    authors = [learner] * min(30, size.reflective_entries // 5)
    while len(authors) < size.reflective_entries:
        authors.append(rng.choice(supervised) if rng.random() < 0.9 else rng.choice(people.staff))
    entry_columns = (
        *bulk.entry_fields(random.Random(0), 0, pages[0]),
        "id",
        "reviewed_by_id",
        "reviewed_on",
        "created_at",
        "updated_at",
    )
    for chunk in _chunks(authors):
        entries, versions, shares = [], [], []
        for author in chunk:
            fields = bulk.entry_fields(rng, author, rng.choice(pages))
            entry_id = random_uuid(rng)
            written = bulk.moment(rng, max_days=size.history_days, now=now)
            supervisor = people.supervisor_of.get(author)
            reviewed_by = reviewed_on = None
            if fields["review_status"] != ReviewStatus.NOT_REVIEWED:
                if supervisor is None:
                    fields["review_status"] = ReviewStatus.NOT_REVIEWED
                else:
                    reviewed_by, reviewed_on = supervisor, (written + timedelta(days=7)).date()
            entries.append((*fields.values(), entry_id, reviewed_by, reviewed_on, written, written))
            versions.append((entry_id, 1, fields["title"], fields["body"], written))
            shared = reviewed_by is not None or rng.random() < 0.8
            if fields["status"] == EntryStatus.FINAL and supervisor is not None and shared:
                shares.append((entry_id, supervisor, written + timedelta(hours=1)))
        loader.write(ReflectiveEntry, entry_columns, entries)
        loader.write(
            ReflectiveEntryVersion, ("entry_id", "number", "title", "body", "saved_at"), versions
        )
        loader.write(EntryShare, ("entry_id", "supervisor_id", "shared_at"), shares)


# Knowledge-check attempts --------------------------------------------------------------


def build_attempts(rng, size: Size, loader: Loader, people: People, *, now):
    """Finished attempts spread over the live checks, each shown in one of a few
    question orders, with one answer row per question scored by quizzes.scoring."""
    checks = []
    for check in KnowledgeCheckPage.objects.live().order_by("path"):
        completes = check.completes_page()
        variants = []
        for _ in range(SNAPSHOTS_PER_CHECK):
            snapshot = build_snapshot(check, rng=rng)
            variants.append((snapshot, json.dumps(snapshot), bulk.scored_answers(snapshot)))
        checks.append((check, completes, variants))
    if not checks:
        return
    attempt_columns = None
    answer_columns = ("attempt_id", "question_id", "position", "given", "correct")
    for chunk in _chunks(range(size.attempts)):
        attempts, answers = [], []
        for _ in chunk:
            check, completes, variants = rng.choice(checks)
            snapshot, text, scores = rng.choice(variants)
            score = scores[bulk.random_mask(rng, len(snapshot["questions"]))]
            attempt_id = random_uuid(rng)
            fields = bulk.attempt_fields(
                check,
                completes,
                text,
                score,
                user_id=rng.choice(people.staff),
                started=bulk.moment(rng, max_days=size.history_days, now=now),
            )
            attempt_columns = attempt_columns or ("id", *fields)
            attempts.append((attempt_id, *fields.values()))
            answers += [
                (
                    attempt_id,
                    row["question_id"],
                    row["position"],
                    json.dumps(row["given"]),
                    row["correct"],
                )
                for row in bulk.answer_fields(attempt_id, score)
            ]
        loader.write(Attempt, attempt_columns, attempts)
        loader.write(AttemptAnswer, answer_columns, answers)


def backdate_pages(pages, *, now: datetime, days: int) -> None:
    """The learnable pages were published before the history begins."""
    from wagtail.models import Page

    published = now - timedelta(days=days + 30)
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(
        first_published_at=published, last_published_at=published
    )
