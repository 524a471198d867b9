"""The xAPI export against a hand-built record, checked statement by statement against
the shape the xAPI 1.0.3 specification requires.

Northmoor Council (its lead exports it) has Alice Archer:
- completed "Making safeguarding personal" on 10 March 2026 at 09:00 UTC (7 minutes,
  confirmed), and "Retired briefing" (page since deleted) on 11 March;
- passed "Check your understanding" (started 12 March 10:00, finished 10:04:30, 3 of 4
  right), failed it (14 March 10:00 to 10:02, 2 of 4), and started it on 13 March
  without finishing;
- completed the page on 31 December 2025 at 23:30 UTC, outside the range.
Northmoor NHS has Bob Baker, who completed the page on 11 March 2026.

For 1 January to 31 March 2026 the lead's export holds Alice's two completions, three
"attempted" and one "passed" and one "failed": 7 statements. The SAB manager may not
export records at all (the board sees aggregates only), unless they also lead an
organisation, when they export that organisation's.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import Completion, Organisation
from learning.reports import xapi
from learning.roles import Role
from learning.site_setup import ensure_site_pages
from quizzes.demo import ensure_check_index
from quizzes.models import Attempt, KnowledgeCheckPage
from tests.factories import make_person
from tests.learning.reflections.factories import make_learning_page
from tests.quizzes.helpers import multiple, myth, single, true_false

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_record")]

ROOT = "http://localhost"
RANGE = {"since": "2026-01-01", "until": "2026-03-31"}
STATEMENT_KEYS = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
DURATION = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)


def _at(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


# A validator for the statement shape (xAPI 1.0.3, Part Two, section 2.4) ----------------


def _is_absolute_iri(value) -> bool:
    parts = urlsplit(value) if isinstance(value, str) else None
    return bool(parts and parts.scheme in {"http", "https"} and parts.netloc)


def _check_language_map(value, where: str) -> None:
    assert isinstance(value, dict) and value, f"{where}: a language map"
    for tag, text in value.items():
        assert LANGUAGE_TAG.match(tag), f"{where}: {tag!r} is not a language tag"
        assert isinstance(text, str) and text, f"{where}: empty text"


def _check_actor(actor: dict) -> None:
    assert actor.get("objectType", "Agent") == "Agent"
    identifiers = [key for key in IFIS if key in actor]
    assert len(identifiers) == 1, f"an Agent has exactly one identifier, not {identifiers}"
    if "mbox" in actor:
        assert re.match(r"^mailto:[^@\s]+@[^@\s]+$", actor["mbox"])
    if "account" in actor:
        assert set(actor["account"]) == {"homePage", "name"}
        assert _is_absolute_iri(actor["account"]["homePage"])
        assert isinstance(actor["account"]["name"], str) and actor["account"]["name"]
    if "name" in actor:
        assert isinstance(actor["name"], str)


def _check_activity(activity: dict, where: str) -> None:
    assert activity.get("objectType", "Activity") == "Activity"
    assert _is_absolute_iri(activity["id"]), f"{where}: id {activity['id']!r}"
    definition = activity.get("definition")
    if definition is not None:
        _check_language_map(definition["name"], f"{where} name")
        assert _is_absolute_iri(definition["type"])


def _check_result(result: dict) -> None:
    assert set(result) <= {"score", "success", "completion", "response", "duration", "extensions"}
    for flag in ("success", "completion"):
        if flag in result:
            assert isinstance(result[flag], bool)
    if "duration" in result:
        assert DURATION.match(result["duration"]), result["duration"]
    score = result.get("score")
    if score is not None:
        assert set(score) <= {"scaled", "raw", "min", "max"}
        assert -1 <= score["scaled"] <= 1
        assert score["min"] < score["max"]
        assert score["min"] <= score["raw"] <= score["max"]


def _check_context(context: dict) -> None:
    assert isinstance(context.get("platform", ""), str)
    if "language" in context:
        assert LANGUAGE_TAG.match(context["language"])
    for key in context.get("extensions", {}):
        assert _is_absolute_iri(key), f"extension key {key!r} is not an IRI"
    for kind, activities in context.get("contextActivities", {}).items():
        assert kind in {"parent", "grouping", "category", "other"}
        for activity in activities:
            _check_activity(activity, f"context {kind}")


def assert_valid_statements(statements: list[dict]) -> None:
    ids = []
    for statement in statements:
        assert {"id", "actor", "verb", "object", "timestamp"} <= set(statement)
        assert set(statement) <= STATEMENT_KEYS, set(statement) - STATEMENT_KEYS
        ids.append(str(uuid.UUID(statement["id"])))
        _check_actor(statement["actor"])
        assert _is_absolute_iri(statement["verb"]["id"])
        _check_language_map(statement["verb"]["display"], "verb display")
        _check_activity(statement["object"], "object")
        if "result" in statement:
            _check_result(statement["result"])
        if "context" in statement:
            _check_context(statement["context"])
        moment = datetime.fromisoformat(statement["timestamp"])
        assert moment.tzinfo is not None, "a timestamp carries its offset"
        assert statement.get("version", "1.0.0").startswith("1.0.")
    assert len(ids) == len(set(ids)), "statement ids are unique"


# The record ------------------------------------------------------------------------------


def _complete(person, page, moment, *, how="confirmed", minutes=7, cycle=1):
    return Completion.objects.create(
        user=person,
        page=page,
        page_title=page.title,
        how=how,
        minutes=minutes,
        completed_at=moment,
        cycle=cycle,
    )


def _attempt(person, check, page, started, finished=None, right=None, passed=None):
    return Attempt.objects.create(
        user=person,
        page=check,
        page_title=check.title,
        completes_page=page,
        snapshot={},
        question_count=4,
        started_at=started,
        finished_at=finished,
        correct_count=right,
        score=None if right is None else right * 25,
        passed=passed,
    )


@pytest.fixture(scope="module")
def _record(shared_data, enrol_totp):
    return shared_data.build(_build_record, enrol_totp)


@pytest.fixture
def record(_record, shared_data, db):
    return shared_data.copy(_record)


def _build_record(totp_user):
    page = make_learning_page(title="Making safeguarding personal")
    check = KnowledgeCheckPage(
        title="Check your understanding",
        slug="check-your-understanding",
        summary="Four questions.",
        questions=[single(), multiple(), true_false(), myth()],
    )
    ensure_check_index(ensure_site_pages()).add_child(instance=check)
    check.save_revision().publish()
    retired = make_learning_page(title="Retired briefing")

    council = Organisation.objects.create(name="Northmoor Council", type="local_authority")
    trust = Organisation.objects.create(name="Northmoor NHS", type="nhs_trust")
    lead = make_person(role=Role.ORGANISATION_LEAD, organisation=council)
    totp_user(lead)
    manager = make_person(role=Role.SAB_MANAGER, organisation=council)
    totp_user(manager)
    alice = make_person(
        organisation=council,
        email="alice@northmoor.example",
        first_name="Alice",
        last_name="Archer",
    )
    bob = make_person(
        organisation=trust, email="bob@nhs.example", first_name="Bob", last_name="Baker"
    )
    done = _complete(alice, page, _at(2026, 3, 10, 9))
    gone = _complete(alice, retired, _at(2026, 3, 11, 9), minutes=10)
    retired.delete()
    _complete(alice, page, _at(2025, 12, 31, 23, 30), how="team_session", cycle=2)  # outside
    _complete(bob, page, _at(2026, 3, 11, 9))
    passed = _attempt(
        alice, check, page, _at(2026, 3, 12, 10), _at(2026, 3, 12, 10, 4, 30), 3, True
    )
    _attempt(alice, check, page, _at(2026, 3, 13, 10))
    failed = _attempt(alice, check, page, _at(2026, 3, 14, 10), _at(2026, 3, 14, 10, 2), 2, False)
    return {
        "page": page,
        "check": check,
        "lead": lead,
        "manager": manager,
        "alice": alice,
        "bob": bob,
        "done": done,
        "gone": gone,
        "passed": passed,
        "failed": failed,
    }


def _export(client, user, **params):
    client.force_login(user)
    return client.get("/reports/xapi/", params)


def _statements(response) -> list[dict]:
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    return json.loads(b"".join(response.streaming_content))


def _id(*parts) -> str:
    return str(uuid.uuid5(xapi.NAMESPACE, ":".join(str(part) for part in parts)))


# Tests -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_lead_exports_their_organisation_as_exact_valid_statements(client, record):
    statements = _statements(_export(client, record["lead"], actor="mbox", **RANGE))
    assert_valid_statements(statements)
    assert [s["verb"]["display"]["en-GB"] for s in statements] == [
        "completed",
        "completed",
        "attempted",
        "passed",
        "attempted",
        "attempted",
        "failed",
    ]
    alice = {
        "objectType": "Agent",
        "name": "Alice Archer",
        "mbox": "mailto:alice@northmoor.example",
    }
    page_url = record["page"].get_full_url()
    assert page_url.startswith(f"{ROOT}/")
    assert statements[0] == {
        "id": _id("completion", record["done"].pk, "completed", "mbox"),
        "actor": alice,
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/completed",
            "display": {"en-GB": "completed"},
        },
        "object": {
            "objectType": "Activity",
            "id": page_url,
            "definition": {
                "name": {"en-GB": "Making safeguarding personal"},
                "type": "http://adlnet.gov/expapi/activities/lesson",
            },
        },
        "result": {"completion": True, "duration": "PT7M"},
        "context": {
            "platform": "Safeguarding Learning Hub",
            "language": "en-GB",
            "extensions": {f"{ROOT}/xapi/extensions/how-completed/": "confirmed"},
        },
        "timestamp": "2026-03-10T09:00:00+00:00",
        "version": "1.0.0",
    }
    # The deleted page: a stable IRI from its title, under the site's root.
    retired = statements[1]["object"]
    assert retired["definition"]["name"] == {"en-GB": "Retired briefing"}
    retired_id = uuid.uuid5(xapi.NAMESPACE, "retired-page:Retired briefing")
    assert retired["id"] == f"{ROOT}/xapi/activities/retired/{retired_id}/"
    assert statements[1]["result"]["duration"] == "PT10M"

    check_url = record["check"].get_full_url()
    assessment = {
        "objectType": "Activity",
        "id": check_url,
        "definition": {
            "name": {"en-GB": "Check your understanding"},
            "type": "http://adlnet.gov/expapi/activities/assessment",
        },
    }
    context = {
        "platform": "Safeguarding Learning Hub",
        "language": "en-GB",
        "contextActivities": {"parent": [{"objectType": "Activity", "id": page_url}]},
    }
    assert statements[2] == {
        "id": _id("attempt", record["passed"].pk, "attempted", "mbox"),
        "actor": alice,
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/attempted",
            "display": {"en-GB": "attempted"},
        },
        "object": assessment,
        "context": context,
        "timestamp": "2026-03-12T10:00:00+00:00",
        "version": "1.0.0",
    }
    assert statements[3] == {
        "id": _id("attempt", record["passed"].pk, "result", "mbox"),
        "actor": alice,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-GB": "passed"}},
        "object": assessment,
        "result": {
            "success": True,
            "completion": True,
            "duration": "PT4M30S",
            "score": {"scaled": 0.75, "raw": 3, "min": 0, "max": 4},
        },
        "context": context,
        "timestamp": "2026-03-12T10:04:30+00:00",
        "version": "1.0.0",
    }
    failed = statements[6]
    assert failed["verb"]["id"] == "http://adlnet.gov/expapi/verbs/failed"
    assert failed["result"] == {
        "success": False,
        "completion": True,
        "duration": "PT2M",
        "score": {"scaled": 0.5, "raw": 2, "min": 0, "max": 4},
    }
    # Bob is in another organisation.
    assert "bob@nhs.example" not in json.dumps(statements)


@pytest.mark.django_db
def test_the_board_may_not_export_records(client, record):
    for params in ({}, {**RANGE, "actor": "account"}, {**RANGE, "actor": "mbox"}):
        assert _export(client, record["manager"], **params).status_code == 403
    html = client.get("/reports/").content.decode()
    assert 'href="/reports/xapi/"' not in html
    assert 'href="/reports/board-pack/"' in html


@pytest.mark.django_db
def test_a_sab_manager_who_leads_an_organisation_exports_only_it(client, record):
    manager = record["manager"]
    manager.groups.add(Group.objects.get(name=Role.ORGANISATION_LEAD.value))
    response = _export(client, manager, actor="account", **RANGE)
    statements = _statements(response)
    assert len(statements) == 7  # Alice's; Bob is in another organisation
    assert (
        'filename="xapi-statements-northmoor-council-2026-01-01-to-2026-03-31.json"'
        in (response["Content-Disposition"])
    )
    actors = {json.dumps(s["actor"], sort_keys=True) for s in statements}
    assert len(actors) == 1
    assert set(statements[0]["actor"]) == {"objectType", "account"}
    assert statements[0]["actor"]["account"]["homePage"] == f"{ROOT}/"
    assert statements[0]["actor"]["account"]["name"] != str(record["alice"].pk)


@pytest.mark.django_db
def test_a_lead_may_choose_accounts_too(client, record):
    statements = _statements(_export(client, record["lead"], actor="account", **RANGE))
    assert len(statements) == 7
    assert all("account" in s["actor"] and "name" not in s["actor"] for s in statements)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.PRACTITIONER, Role.SUPERVISOR, Role.SAB_EDITOR, Role.SAB_MANAGER]
)
def test_others_may_not_export(client, sign_in_with_mfa, role):
    sign_in_with_mfa(role)
    assert client.get("/reports/xapi/").status_code == 403
    assert client.get("/reports/xapi/", {**RANGE, "actor": "account"}).status_code == 403


@pytest.mark.django_db
def test_ids_are_the_same_on_every_export_and_differ_by_actor_form(client, record):
    first = _statements(_export(client, record["lead"], actor="mbox", **RANGE))
    again = _statements(_export(client, record["lead"], actor="mbox", **RANGE))
    assert first == again
    overlap = _statements(
        _export(client, record["lead"], actor="mbox", since="2026-03-11", until="2026-06-30")
    )
    assert {s["id"] for s in overlap} < {s["id"] for s in first}
    assert len(overlap) == 6  # all but the completion on 10 March
    accounts = _statements(_export(client, record["lead"], actor="account", **RANGE))
    assert not {s["id"] for s in accounts} & {s["id"] for s in first}
    assert all(uuid.UUID(s["id"]).version == 5 for s in first)


@pytest.mark.django_db
def test_the_form_page_and_empty_ranges(client, record):
    response = _export(client, record["lead"])
    assert response.status_code == 200
    html = response.content.decode()
    assert "Export learning records as xAPI" in html and 'name="actor"' in html
    empty = _statements(
        _export(client, record["lead"], actor="mbox", since="2020-01-01", until="2020-12-31")
    )
    assert empty == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "2026-03-31", "until": "2026-01-01"}, "must be the same as or after"),
        ({"since": "2025-01-01", "until": "2026-01-02"}, "at most 366 days"),
        ({"since": "2026-02-31", "until": "2026-03-31"}, "The start date must be a real date"),
        ({"since": "2026-01-01"}, "Enter the last date"),
        ({"until": "tomorrow"}, "Enter the first date"),
        ({**RANGE, "actor": "carrier-pigeon"}, "Choose how each person should be identified"),
    ],
)
def test_bad_ranges_are_form_errors(client, record, params, message):
    response = _export(client, record["lead"], **{"actor": "mbox", **params})
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html


@pytest.mark.django_db
def test_a_whole_leap_year_is_allowed(client, record):
    response = _export(client, record["lead"], actor="mbox", since="2024-01-01", until="2024-12-31")
    assert _statements(response) == []


@pytest.mark.django_db
def test_queries_do_not_grow_with_records(client, record):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _statements(_export(client, record["lead"], actor="mbox", **RANGE))
        return len(queries)

    count()
    before = count()
    for day in range(1, 11):
        _complete(record["alice"], record["page"], _at(2026, 2, day, 9), cycle=10 + day)
    assert count() == before


def test_durations_are_iso_8601():
    assert [xapi.iso_duration(s) for s in (0, 59, 420, 3723, 7200)] == [
        "PT0S",
        "PT59S",
        "PT7M",
        "PT1H2M3S",
        "PT2H",
    ]
