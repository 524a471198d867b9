"""Learning records as xAPI statements (Experience API 1.0.3), so that a council can
load its people's learning from the hub into its own learning record store or LMS.

What is exported, for a date range (at most MAX_DAYS days, local dates, inclusive):
- each completion: verb `completed`, the learning page as a `lesson`, with the CPD
  minutes as the duration and how it was completed (confirmed, passed the knowledge
  check, team session) as a context extension;
- each knowledge-check attempt started in the range: `attempted`, the check as an
  `assessment` (and the page a pass completes as its parent);
- each attempt finished in the range: `passed` or `failed`, with the score (scaled,
  raw, min, max), success, completion and how long it took.
Attempts live in quizzes/, which answers the `hub_xapi_attempts` hook
(quizzes/xapi.py); without it only completions are exported.

Who exports whom (learning.permissions.xapi_scope decides): an organisation lead, their
own organisation's people, because the records go to the organisation's own learning
record store. Each person is named by email address (`mbox`) and name, or, if the
store wants pseudonymous records, by an opaque account: `homePage` the hub's root URL
and `name` a keyed hash of the person's id (not reversible without the site's secret
key; it changes if the key does). Nobody else exports statements: each one is a single
person's record, and the board sees only aggregates (a partnership-wide file of
pseudonymous records would let any group under five be picked out of it).

Re-exports are idempotent: each statement's id is a UUID (version 5) derived from the
record, the kind of statement and the actor form, so loading the same range twice adds
nothing, and an overlapping range repeats the same ids (a learning record store keeps
one statement per id). The object id is the page's canonical URL; a page since deleted
gets a stable URL under the hub's root built from its title (its id is gone with it),
and a page with no URL (not routable) one built from its id.

The statement `version` is "1.0.0": the 1.0.3 specification requires that value of any
Learning Record Provider that sets it, and this file, unlike a request to an LRS, has no
header to carry the version. Timestamps are in UTC with an offset.

Memory stays flat whatever the range: rows are read with .iterator() and the JSON array
is written one chunk of statements at a time (`json_array`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.crypto import salted_hmac
from wagtail import hooks
from wagtail.models import Page

from learning.models import Completion
from learning.permissions import ReportScope
from learning.records.dates import start_of_day

MAX_DAYS = 366
PLATFORM = "Safeguarding Learning Hub"
LANGUAGE = "en-GB"
STATEMENT_VERSION = "1.0.0"
ATTEMPTS_HOOK = "hub_xapi_attempts"
# Fixed for ever: statement ids are derived from it.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://safeguarding-learning-hub/xapi/statements")
CHUNK = 200

VERBS = {
    "completed": ("http://adlnet.gov/expapi/verbs/completed", "completed"),
    "attempted": ("http://adlnet.gov/expapi/verbs/attempted", "attempted"),
    "passed": ("http://adlnet.gov/expapi/verbs/passed", "passed"),
    "failed": ("http://adlnet.gov/expapi/verbs/failed", "failed"),
}
LESSON = "http://adlnet.gov/expapi/activities/lesson"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"
COMPLETION_FIELDS = (
    "pk",
    "user_id",
    "user__email",
    "user__first_name",
    "user__last_name",
    "page_id",
    "page_title",
    "how",
    "minutes",
    "completed_at",
)


class ActorForm(StrEnum):
    MBOX = "mbox"
    ACCOUNT = "account"


def actor_forms(scope: ReportScope) -> tuple[ActorForm, ...]:
    """How a scope may identify people: by email and name only where it may see names."""
    return (ActorForm.MBOX, ActorForm.ACCOUNT) if scope.names else (ActorForm.ACCOUNT,)


def people_in_scope(scope: ReportScope) -> QuerySet:
    """Whose records a scope exports: the lead's organisation."""
    if scope.partnership_wide:
        raise PermissionError("Statements are exported one organisation at a time.")
    return get_user_model().objects.filter(profile__organisation_id=scope.organisation_id)


def date_bounds(since: date, until: date) -> tuple[datetime, datetime]:
    """[start, end) in aware datetimes for local dates since..until inclusive."""
    start = start_of_day(since)
    end = start_of_day(until + timedelta(days=1))
    return start, end


def account_name(user_id: int) -> str:
    """A stable, opaque id for a person: not their id, and not reversible without the
    site's secret key."""
    return salted_hmac("learning.reports.xapi.account", str(user_id)).hexdigest()[:32]


def iso_duration(seconds: float) -> str:
    """An ISO 8601 duration such as PT7M or PT1H2M3S."""
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = "".join(
        f"{amount}{unit}" for amount, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if amount
    )
    return f"PT{parts or '0S'}"


def iso_timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def statement_id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


class ActivityIds:
    """Each page's activity IRI, looked up once per page (a query per distinct page,
    never per record)."""

    def __init__(self, *, root_url: str, request=None) -> None:
        self.root_url = root_url.rstrip("/")
        self.request = request
        self._urls: dict[int, str] = {}

    def for_page(self, page_id: int | None, title: str) -> str:
        if page_id is None:
            retired = uuid.uuid5(NAMESPACE, f"retired-page:{title}")
            return f"{self.root_url}/xapi/activities/retired/{retired}/"
        if page_id not in self._urls:
            page = Page.objects.filter(pk=page_id).first()
            url = page.get_full_url(self.request) if page is not None else None
            self._urls[page_id] = url or f"{self.root_url}/xapi/activities/pages/{page_id}/"
        return self._urls[page_id]

    def extension(self, name: str) -> str:
        return f"{self.root_url}/xapi/extensions/{name}/"


class StatementWriter:
    """Builds the statements of one export: one actor form, one site."""

    def __init__(self, *, actor_form: ActorForm, activities: ActivityIds) -> None:
        self.actor_form = actor_form
        self.activities = activities

    def actor(self, row: dict) -> dict:
        email = row["user__email"]
        if self.actor_form == ActorForm.MBOX and email:
            name = f"{row['user__first_name']} {row['user__last_name']}".strip() or email
            return {"objectType": "Agent", "name": name, "mbox": f"mailto:{email}"}
        return {
            "objectType": "Agent",
            "account": {
                "homePage": f"{self.activities.root_url}/",
                "name": account_name(row["user_id"]),
            },
        }

    @staticmethod
    def verb(key: str) -> dict:
        iri, display = VERBS[key]
        return {"id": iri, "display": {LANGUAGE: display}}

    def activity(self, page_id: int | None, title: str, kind: str) -> dict:
        return {
            "objectType": "Activity",
            "id": self.activities.for_page(page_id, title),
            "definition": {"name": {LANGUAGE: title}, "type": kind},
        }

    def context(self, **extra) -> dict:
        return {"platform": PLATFORM, "language": LANGUAGE, **extra}

    def completion(self, row: dict) -> dict:
        return {
            "id": statement_id("completion", row["pk"], "completed", self.actor_form),
            "actor": self.actor(row),
            "verb": self.verb("completed"),
            "object": self.activity(row["page_id"], row["page_title"], LESSON),
            "result": {"completion": True, "duration": iso_duration(row["minutes"] * 60)},
            "context": self.context(
                extensions={self.activities.extension("how-completed"): row["how"]}
            ),
            "timestamp": iso_timestamp(row["completed_at"]),
            "version": STATEMENT_VERSION,
        }

    def _attempt_context(self, row: dict) -> dict:
        parent = row["completes_page_id"]
        if parent is None or parent == row["page_id"]:
            return self.context()
        # The title of the page a pass completes is not kept on the attempt.
        return self.context(
            contextActivities={
                "parent": [{"objectType": "Activity", "id": self.activities.for_page(parent, "")}]
            }
        )

    def attempt_started(self, row: dict) -> dict:
        return {
            "id": statement_id("attempt", row["id"], "attempted", self.actor_form),
            "actor": self.actor(row),
            "verb": self.verb("attempted"),
            "object": self.activity(row["page_id"], row["page_title"], ASSESSMENT),
            "context": self._attempt_context(row),
            "timestamp": iso_timestamp(row["started_at"]),
            "version": STATEMENT_VERSION,
        }

    def attempt_finished(self, row: dict) -> dict:
        result: dict = {
            "success": bool(row["passed"]),
            "completion": True,
            "duration": iso_duration((row["finished_at"] - row["started_at"]).total_seconds()),
        }
        if row["question_count"]:
            result["score"] = {
                "scaled": round(row["correct_count"] / row["question_count"], 4),
                "raw": row["correct_count"],
                "min": 0,
                "max": row["question_count"],
            }
        verb = "passed" if row["passed"] else "failed"
        return {
            "id": statement_id("attempt", row["id"], "result", self.actor_form),
            "actor": self.actor(row),
            "verb": self.verb(verb),
            "object": self.activity(row["page_id"], row["page_title"], ASSESSMENT),
            "result": result,
            "context": self._attempt_context(row),
            "timestamp": iso_timestamp(row["finished_at"]),
            "version": STATEMENT_VERSION,
        }


def _attempt_rows(people: QuerySet, start: datetime, end: datetime) -> Iterable[dict]:
    for hook in hooks.get_hooks(ATTEMPTS_HOOK):
        rows = hook(people=people, start=start, end=end)
        if rows is not None:
            return rows
    return ()


def statements(
    *,
    scope: ReportScope,
    since: date,
    until: date,
    actor_form: ActorForm,
    root_url: str,
    request=None,
) -> Iterator[dict]:
    """Every statement for the scope's people in the range: completions, then attempts,
    each oldest first. Read lazily: nothing is queried until iterated."""
    if actor_form not in actor_forms(scope):
        raise PermissionError("This scope may not export people by email address or name.")
    writer = StatementWriter(
        actor_form=actor_form, activities=ActivityIds(root_url=root_url, request=request)
    )
    start, end = date_bounds(since, until)
    people = people_in_scope(scope)
    completions = (
        Completion.objects.filter(
            user__in=people.values("pk"), completed_at__gte=start, completed_at__lt=end
        )
        .order_by("completed_at", "pk")
        .values(*COMPLETION_FIELDS)
        .iterator(chunk_size=1000)
    )
    for row in completions:
        yield writer.completion(row)
    for row in _attempt_rows(people, start, end):
        if start <= row["started_at"] < end:
            yield writer.attempt_started(row)
        finished = row["finished_at"]
        if finished is not None and start <= finished < end:
            yield writer.attempt_finished(row)


def people_in_statements(*, scope: ReportScope, since: date, until: date) -> set[int]:
    """The ids of the people `statements` gives statements about for the range: those
    with a completion or a knowledge-check attempt in it (for the audit trail, which
    records whose records left the hub)."""
    start, end = date_bounds(since, until)
    people = people_in_scope(scope)
    found = set(
        Completion.objects.filter(
            user__in=people.values("pk"), completed_at__gte=start, completed_at__lt=end
        )
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )
    for row in _attempt_rows(people, start, end):
        finished = row["finished_at"]
        if start <= row["started_at"] < end or (finished is not None and start <= finished < end):
            found.add(row["user_id"])
    return found


def json_array(items: Iterable[dict]) -> Iterator[str]:
    """A JSON array written a chunk of items at a time, for a streaming response."""
    yield "["
    chunk: list[str] = []
    written = False
    for item in items:
        chunk.append(json.dumps(item, ensure_ascii=False, separators=(",", ":")))
        if len(chunk) == CHUNK:
            yield ("," if written else "") + "\n" + ",\n".join(chunk)
            written, chunk = True, []
    if chunk:
        yield ("," if written else "") + "\n" + ",\n".join(chunk)
    yield "\n]\n"
