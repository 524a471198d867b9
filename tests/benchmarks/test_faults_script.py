"""The fault-run script (tests/benchmarks/faults/) without clusters: how it splits a
run into before, during and after an outage, how it judges what the load was shown,
its checks for partial records, its failing mail server and the reminder verdicts.
The runs themselves need a PostgreSQL cluster and Redis of their own: see cli.py."""

import gzip
from smtplib import SMTPServerDisconnected

import pytest
from django.core.mail import EmailMessage

from learning.models import Completion, Feedback, ReflectiveEntryVersion
from learning.roles import Role
from quizzes.models import AttemptAnswer
from tests.benchmarks.faults import cli, integrity, mail, outage, reminder
from tests.benchmarks.faults.services import FaultPostgres, FaultRedis
from tests.benchmarks.http.client import Reply
from tests.benchmarks.http.stats import Sample
from tests.factories import make_person
from tests.learning.reflections.factories import make_entry
from tests.learning.reports.checks import make_check, take

pytestmark = pytest.mark.benchmark

# Stopped at 10 s, down by 11 s, started at 16 s, answering from 18 s.
OUTAGE = outage.Outage(stopping=10, stopped=11, starting=16, started=18)
PAGE = b"<h1>Sorry, the service is unavailable</h1>"


# Before, during and after ---------------------------------------------------------


@pytest.mark.parametrize(
    ("started", "seconds", "expected"),
    [
        (9.0, 0.5, "before"),
        (9.8, 0.5, "during"),  # in flight when the database went away
        (12.0, 0.01, "during"),
        (17.9, 1.0, "during"),  # sent before the service was back
        (18.0, 0.01, "after"),
    ],
)
def test_a_request_belongs_to_the_phase_it_was_sent_and_answered_in(started, seconds, expected):
    assert outage.phase(started, seconds, OUTAGE) == expected


def test_phases_count_requests_and_errors_and_their_own_throughput():
    samples = [Sample(t, "reading", 0.1, True) for t in (1, 2, 3, 4, 5)]
    samples += [Sample(t, "reading", 0.01, False) for t in (11, 12, 13, 14)]
    samples += [Sample(t, "reading", 0.1, True) for t in (19, 20)]

    phases = outage.by_phase(samples, OUTAGE, elapsed=28)

    assert [(phases[p].requests, phases[p].errors) for p in outage.PHASES] == [
        (5, 0),
        (4, 4),
        (2, 0),
    ]
    assert phases["before"].per_second == pytest.approx(5 / 10)
    assert phases["during"].per_second == pytest.approx(4 / 8)
    assert phases["after"].per_second == pytest.approx(2 / 10)


def test_windows_that_touch_the_outage_are_during_and_only_later_ones_after():
    assert outage.window_phases(5, 30, OUTAGE) == [
        "before",
        "before",
        "during",
        "during",
        "after",
        "after",
    ]


# What the load was shown ----------------------------------------------------------


def test_the_hubs_503_page_is_recognised_through_gzip():
    reply = Reply(503, 0.01, body=gzip.compress(PAGE), headers={"content-encoding": "gzip"})
    failure = outage.describe(12, "reading", reply, PAGE)
    assert failure.unavailable_page and not failure.leaks


@pytest.mark.parametrize(
    "body",
    [b"<h1>Server Error (500)</h1>", b"Traceback (most recent call last):\n  File ...", b""],
)
def test_any_other_error_page_is_not_the_503_page(body):
    failure = outage.describe(12, "reading", Reply(500, 0.01, body=body), PAGE)
    assert not failure.unavailable_page
    assert failure.leaks == body.startswith(b"Traceback")


def _failure(started, status=503, unavailable=True, leaks=False):
    return outage.Failure(started, 0.01, "reading", status, unavailable, leaks, "")


def _phases(before=(10, 0), during=(8, 3), after=(10, 0)):
    samples = []
    for start, (count, errors) in zip((0, 11, 19), (before, during, after), strict=True):
        samples += [Sample(start + n * 0.1, "reading", 0.01, n >= errors) for n in range(count)]
    return outage.by_phase(samples, OUTAGE, elapsed=30)


def test_a_clean_database_outage_holds_every_claim():
    failures = [_failure(11), _failure(11.1), _failure(11.2)]
    verdicts = outage.database_verdicts(_phases(), failures, OUTAGE)
    assert all(v.held for v in verdicts), verdicts


@pytest.mark.parametrize(
    "bad",
    [
        _failure(12, status=500, unavailable=False),  # a server error, not the 503
        _failure(12, status=0, unavailable=False),  # no answer at all
        _failure(12, leaks=True),  # the 503 with a traceback in it
    ],
)
def test_an_error_during_the_outage_that_is_not_the_503_page_fails(bad):
    failures = [_failure(11), _failure(11.1), bad]
    verdicts = {v.claim: v.held for v in outage.database_verdicts(_phases(), failures, OUTAGE)}
    assert not verdicts["every error during the outage is the hub's 503 page, with no traceback"]


def test_errors_after_the_restart_mean_it_did_not_recover():
    failures = [_failure(11), _failure(11.1), _failure(11.2), _failure(19)]
    verdicts = outage.database_verdicts(_phases(after=(10, 1)), failures, OUTAGE)
    held = {v.claim: v.held for v in verdicts}
    assert not held["recovered by itself: no errors once PostgreSQL answered again"]


def test_a_cache_outage_must_show_no_errors_at_all():
    assert all(v.held for v in outage.cache_verdicts(_phases(during=(8, 0)), []))
    assert not all(v.held for v in outage.cache_verdicts(_phases(during=(8, 1)), []))


# Partial records ------------------------------------------------------------------


def _broken() -> dict[str, int]:
    return {finding.rule: finding.broken for finding in integrity.findings()}


@pytest.mark.django_db
def test_whole_records_break_no_rule_and_each_partial_one_is_counted():
    person = make_person(role=Role.PRACTITIONER)
    check = make_check("Capacity")
    attempt = take(check, person)  # passed: a completion of the check with it
    entry = make_entry(person)
    assert sum(_broken().values()) == 0

    AttemptAnswer.objects.filter(attempt=attempt).first().delete()
    Feedback.objects.create(
        user=make_person(), page=check, usefulness=4, will_change_practice="yes"
    )
    entry.body = "Changed without a version"
    entry.save()
    broken = _broken()
    assert broken["finished quiz attempts without one answer per question"] == 1
    assert broken["feedback rows without a completion of the page by the same person"] == 1
    assert broken["reflective entries whose latest version is not their text"] == 1

    Completion.objects.filter(user=person).delete()
    ReflectiveEntryVersion.objects.filter(entry=entry).delete()
    broken = _broken()
    assert broken["passed quiz attempts without the completion they give"] == 1
    assert broken["reflective entries without a version"] == 1


# The reminder run -----------------------------------------------------------------


def test_the_mail_server_delivers_then_crashes_once_then_refuses_until_it_is_up(tmp_path, settings):
    settings.HUB_FAULTS_MAIL_DIR = str(tmp_path)
    mail.prepare(tmp_path, deliver_first=1)
    backend = mail.FlakyBackend()

    def send(to):
        return backend.send_messages([EmailMessage("Reminder", "body", to=[to])])

    assert send("a@example.org") == 1
    with pytest.raises(RuntimeError):
        send("b@example.org")
    with pytest.raises(SMTPServerDisconnected):
        send("c@example.org")
    mail.bring_up(tmp_path)
    assert send("c@example.org") == 1
    assert [d["to"] for d in mail.delivered(tmp_path)] == [["a@example.org"], ["c@example.org"]]


def _reminder_run(**fields):
    values = {
        "due": {"learner": 3, "supervisor": 1},
        "deliver_first": 1,
        "tasks": [{"attempt": 1}, {"attempt": 2}],
        "delivered": 4,
        "recorded": 4,
        "most_to_one_person": 1,
    }
    values.update(fields)
    return reminder.ReminderRun(**values)


@pytest.mark.parametrize(
    "fields",
    [
        {"most_to_one_person": 2, "delivered": 5},  # someone had the same digest twice
        {"tasks": [{"attempt": 1}]},  # never retried
        {"delivered": 3, "recorded": 3, "undelivered": 1},  # someone never had theirs
        {"mismatched_people": 1},
    ],
)
def test_the_reminder_run_fails_on_a_duplicate_a_missing_retry_or_a_lost_digest(fields):
    assert all(v.held for v in reminder.verdicts(_reminder_run()))
    assert not all(v.held for v in reminder.verdicts(_reminder_run(**fields)))


# Arguments ------------------------------------------------------------------------


def test_the_main_postgresql_and_redis_ports_are_refused():
    with pytest.raises(ValueError, match="5432"):
        FaultPostgres(port=5432, version="15")
    with pytest.raises(ValueError, match="6379"):
        FaultRedis(port=6379)


@pytest.mark.parametrize(
    "argv",
    [
        ["--runs", "postgres,disk"],
        ["--outage", "0"],
        ["--database-url", "postgres://postgres@127.0.0.1:5432/bench_full"],
    ],
)
def test_bad_arguments_are_refused_with_a_message(argv, capsys):
    with pytest.raises(SystemExit):
        cli.parse_args(argv)
    assert "error:" in capsys.readouterr().err
