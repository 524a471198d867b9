"""The knowledge-check report against a hand-computed partnership.

A pass rate counts attempts, and each attempt is one person's, so 1 to 4 passed attempts
read "fewer than 5" and 1 to 4 failed ones "all but fewer than 5"; beside a check's
total, more organisations' pass rates go until those withheld hold 0 or at least 5
passes, and 0 or at least 5 failures.

"Consent and capacity check" (stand-alone; pass mark 100%; Q1 single choice, Q2 true
or false), finished attempts:

    Northmoor Council  6 people, 7 attempts: five pass first time; one gets Q1 wrong,
                       then passes -> 6 of 7 pass, 1 fails: "all but fewer than 5"
                       (85.7% would tell the 1 failure, and so, with Q2's 0 wrong
                       answers, Q1's withheld 1 wrong answer)
    Northmoor NHS      3 people, 3 attempts, all pass      -> fewer than 5: withheld
    Northmoor Police   5 people, 5 attempts: two get Q1 wrong, two Q2, one both;
                       none pass                           -> 0 of 5: 0%, but withheld
                       as the next smallest, or 14 - 6 - 5 would give the NHS's 3
    All                14 people, 15 attempts, 9 pass, 6 fail -> 60%
    (The three organisations' pass rates withheld hold 9 passes and 6 failures.)
    Q1 wrong in 4 of 15 answers, Q2 in 3 of 15, 14 people each: fewer than 5 wrong,
    so both shares are withheld (and so listed in their order in the check).
    By organisation, Q1: the NHS's 3 people withheld, the police's 5 with them (as
    above), the council's 1 wrong answer withheld. Q2: the council's 0 of 7 (0%)
    shown, the NHS and the police withheld.

"Making safeguarding personal check" (stand-alone; pass mark 100%; M1 single choice,
M2 true or false), one attempt each:

    Northmoor Council   12 people: 7 get M1 wrong              -> 5 of 12 pass: 41.7%
    Northmoor NHS        6 people: 2 get M1 wrong              -> 4 of 6 pass: withheld
    Northmoor Police    10 people: 5 get both wrong, 2 M2 only -> 3 of 10 pass: withheld
    All                 28 people, 12 pass, 16 fail            -> 42.9%
    (The NHS and the police withheld hold 7 passes and 9 failures: nothing more goes.)
    M1 wrong in 14 of 28 answers (50%): council 7 of 12 (58.3%); the NHS's 2 withheld,
    and the police's 5 of 10 (50%) with them, as 14 - 7 - 5 would give the 2.
    M2 wrong in 7 of 28 (25%): council 0 of 12 (0%); the police's 7 of 10 withheld as
    all but 3 ("all but fewer than 5"), and the NHS's 0 of 6 with them, as the 21
    right answers less the council's 12 and the NHS's 6 would give the 3.

"Self-neglect check" (attached to "Self-neglect and hoarding"): 4 council people, all
pass: withheld, and its questions are not ranked.

The council's lead sees the council only: consent 6 people, 7 attempts, all but fewer
than 5 passed, Q2 0 of 7 wrong (0%) then Q1 (1 of 7: withheld); MSP 12 people, 41.7%,
M1 58.3%, M2 0%.
The police alone: consent 0 of 5 pass (0%); MSP 3 of 10 pass (fewer than 5), M1 5 of
10 wrong (50%), M2 7 of 10 (all but fewer than 5 right).
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import Organisation
from learning.permissions import ReportScope
from learning.reports.filters import ReportFilters
from learning.reports.knowledge_checks import (
    knowledge_check_figures,
    knowledge_check_report,
    pass_rates_by_item,
)
from learning.reports.suppression import NEARLY_ALL, SUPPRESSED
from learning.roles import Role
from tests.factories import make_person
from tests.learning.reflections.factories import make_learning_page
from tests.learning.reports.checks import make_check, take
from tests.learning.xlsx_helpers import assert_typed_as_the_table, xlsx_as_shown, xlsx_values
from tests.quizzes.helpers import single, true_false

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_partnership")]

S = SUPPRESSED
N = NEARLY_ALL
PARTNERSHIP = ReportScope(organisation_id=None, names=False)
TODAY = date(2026, 6, 15)
CONSENT = "Consent and capacity check"
SELF_NEGLECT = "Self-neglect check"
MSP = "Making safeguarding personal check"
Q1 = "1. Who decides what the person wants?"
Q2 = "2. Capacity is assumed unless shown otherwise."
M1 = "1. What matters most?"
M2 = "2. Outcomes are agreed with the person."
MSP_QUESTIONS = (
    single("What matters most?", right="What the person wants", wrong=("What is on offer",)),
    true_false("Outcomes are agreed with the person.", answer="true"),
)
ORGANISATIONS = ["Northmoor Council", "Northmoor NHS", "Northmoor Police"]
NEARLY = "all but fewer than 5"


@pytest.fixture(scope="module")
def _partnership(shared_data, enrol_totp):
    return shared_data.build(_build_partnership, enrol_totp)


@pytest.fixture
def partnership(_partnership, shared_data, db):
    return shared_data.copy(_partnership)


def _build_partnership(totp_user):
    council = Organisation.objects.create(name="Northmoor Council", type="local_authority")
    trust = Organisation.objects.create(name="Northmoor NHS", type="nhs_trust")
    police = Organisation.objects.create(name="Northmoor Police", type="police")
    board = Organisation.objects.create(name="Safeguarding Adults Board", type="other")
    hoarding = make_learning_page(title="Self-neglect and hoarding")
    consent = make_check(CONSENT)
    self_neglect = make_check(SELF_NEGLECT, checks_page=hoarding)

    takers = []

    def person(organisation):
        taker = make_person(organisation=organisation)
        takers.append(taker)
        return taker

    council_people = [person(council) for _ in range(6)]
    for taker in council_people[:5]:
        take(consent, taker)
    take(consent, council_people[5], wrong=(1,))
    take(consent, council_people[5])
    for _ in range(3):
        take(consent, person(trust))
    for wrong in ((1,), (1, 2), (2,), (1,), (2,)):
        take(consent, person(police), wrong=wrong)
    for _ in range(4):
        take(self_neglect, person(council))
    msp = make_check(MSP, questions=MSP_QUESTIONS)
    for wrong in [(1,)] * 7 + [()] * 5:
        take(msp, person(council), wrong=wrong)
    for wrong in [(1,)] * 2 + [()] * 4:
        take(msp, person(trust), wrong=wrong)
    for wrong in [(1, 2)] * 5 + [(2,)] * 2 + [()] * 3:
        take(msp, person(police), wrong=wrong)

    lead = make_person(role=Role.ORGANISATION_LEAD, organisation=council, last_name="Lead")
    manager = make_person(role=Role.SAB_MANAGER, organisation=board, last_name="Price")
    totp_user(lead)
    totp_user(manager)
    return {
        "council": council,
        "trust": trust,
        "police": police,
        "lead": lead,
        "manager": manager,
        "takers": takers,
        "hoarding": hoarding,
        "consent": consent,
        "msp": msp,
    }


def _report(scope=PARTNERSHIP, **filters):
    return knowledge_check_report(scope=scope, filters=ReportFilters(**filters), today=TODAY)


def _columns(table, *keys):
    return [tuple(row[key] for key in keys) for row in table.rows]


def test_pass_rates_by_check_and_organisation(partnership):
    report = _report()
    assert _columns(report.table("checks"), "check", "attempts", "people", "pass_rate") == [
        (CONSENT, 15, 14, 60.0),
        (MSP, 28, 28, 42.9),
        (SELF_NEGLECT, S, S, S),
    ]
    organisations = report.table("organisations")
    assert _columns(organisations, "check", "organisation", "attempts", "people", "pass_rate") == [
        # 1 of 7 attempts failed: a small group, so the share passed is "all but".
        (CONSENT, "Northmoor Council", 7, 6, N),
        (CONSENT, "Northmoor NHS", S, S, S),
        # 5 people, but withheld with the NHS's 3, which would follow from the total.
        (CONSENT, "Northmoor Police", S, S, S),
        (MSP, "Northmoor Council", 12, 12, 41.7),
        # 4 of 6 and 3 of 10 passed: fewer than 5 passes, though 6 and 10 people.
        (MSP, "Northmoor NHS", 6, 6, S),
        (MSP, "Northmoor Police", 10, 10, S),
        (SELF_NEGLECT, "Northmoor Council", S, S, S),
    ]
    assert report.summary == [("Knowledge checks taken", 3), ("Taken by fewer than 5 people", 1)]


def test_most_missed_questions(partnership):
    questions = _report().table("questions")
    assert _columns(questions, "check", "question", "people", "answered", "wrong_share") == [
        # 4 and 3 wrong answers: withheld, so in their order in the check.
        (CONSENT, Q1, 14, 15, S),
        (CONSENT, Q2, 14, 15, S),
        (MSP, M1, 28, 28, 50.0),
        (MSP, M2, 28, 28, 25.0),
    ]


def _by_organisation(report, check):
    return report.table(f"questions-by-organisation-{check.pk}")


def test_most_missed_questions_by_organisation(partnership):
    report = _report()
    assert [table.slug for table in report.tables] == [
        "checks",
        "organisations",
        "questions",
        f"questions-by-organisation-{partnership['consent'].pk}",
        f"questions-by-organisation-{partnership['msp'].pk}",
    ]
    consent = _by_organisation(report, partnership["consent"])
    assert consent.caption == f"Answered wrongly by organisation: {CONSENT}"
    assert consent.header() == ["Question", "All organisations", *ORGANISATIONS]
    assert consent.text_rows() == [
        # The council's 1 wrong answer is withheld; the NHS's 3 people take the
        # police's 5 with them.
        [Q1, "fewer than 5", "fewer than 5", "fewer than 5", "fewer than 5"],
        [Q2, "fewer than 5", "0%", "fewer than 5", "fewer than 5"],
    ]
    msp = _by_organisation(report, partnership["msp"])
    assert msp.header() == ["Question", "All organisations", *ORGANISATIONS]
    assert msp.text_rows() == [
        # The police's 5 of 10 (50%) goes with the NHS's 2 wrong answers: 14 - 7 - 5.
        [M1, "50%", "58.3%", "fewer than 5", "fewer than 5"],
        # The police's 3 right answers are a small group; the NHS's 0 wrong goes with
        # them, or 21 - 12 - 6 right answers would give them.
        [M2, "25%", "0%", "fewer than 5", NEARLY],
    ]


def test_by_organisation_follows_a_question_through_edits(partnership):
    msp = partnership["msp"]
    draft = msp.get_latest_revision_as_object()
    draft.questions[0].value["text"] = "What matters most to the person?"
    del draft.questions[1]
    draft.save_revision().publish()

    table = _by_organisation(_report(), msp)
    assert _columns(table, "question", "all", _council_key(partnership)) == [
        ("1. What matters most to the person?", 50.0, 58.3),
        ("Outcomes are agreed with the person. (since removed)", 25.0, 0.0),
    ]


def _council_key(partnership):
    return f"organisation-{partnership['council'].pk}"


def test_the_hook_gives_each_question_by_organisation(partnership):
    figures = knowledge_check_figures(filters=ReportFilters(organisation=partnership["police"]))
    assert [
        (row.check_id, row.number, row.organisation, row.answered, row.wrong, row.people)
        for row in figures.questions
    ] == [
        (partnership["consent"].pk, 1, "Northmoor Police", 5, 3, 5),
        (partnership["consent"].pk, 2, "Northmoor Police", 5, 3, 5),
        (partnership["msp"].pk, 1, "Northmoor Police", 10, 5, 10),
        (partnership["msp"].pk, 2, "Northmoor Police", 10, 7, 10),
    ]
    council = knowledge_check_figures(filters=ReportFilters(organisation=partnership["council"]))
    consent_q1 = next(row for row in council.questions if row.check_id == partnership["consent"].pk)
    # The council's sixth person answered Q1 twice: two answers, one person.
    assert (consent_q1.answered, consent_q1.wrong, consent_q1.people) == (7, 1, 6)
    assert consent_q1.organisation_id == partnership["council"].pk


def test_lead_sees_only_their_organisation(partnership):
    scope = ReportScope(organisation_id=partnership["council"].pk, names=True)
    report = _report(scope, organisation=partnership["police"])
    assert [table.slug for table in report.tables] == ["checks", "questions"]
    assert _columns(report.table("checks"), "check", "attempts", "people", "pass_rate") == [
        # 6 of 7 passed: shown as 85.7%, the 1 failure with Q2's 0 wrong answers below
        # would give Q1's withheld 1 wrong answer away.
        (CONSENT, 7, 6, N),
        (MSP, 12, 12, 41.7),
        (SELF_NEGLECT, S, S, S),
    ]
    questions = report.table("questions")
    assert _columns(questions, "check", "question", "people", "answered", "wrong_share") == [
        # 1 wrong answer of 7: withheld, and listed after the question shown.
        (CONSENT, Q2, 6, 7, 0.0),
        (CONSENT, Q1, 6, 7, S),
        (MSP, M1, 12, 12, 58.3),
        (MSP, M2, 12, 12, 0.0),
    ]


def test_filters_by_organisation_and_item(partnership):
    police = _report(organisation=partnership["police"])
    assert _columns(police.table("checks"), "check", "attempts", "people", "pass_rate") == [
        (CONSENT, 5, 5, 0.0),
        # 3 of 10 attempts passed: fewer than 5.
        (MSP, 10, 10, S),
    ]
    # One organisation chosen: its column and the figure for all agree.
    by_organisation = _by_organisation(police, partnership["msp"])
    assert by_organisation.header() == ["Question", "All organisations", "Northmoor Police"]
    assert by_organisation.text_rows() == [[M1, "50%", "50%"], [M2, NEARLY, NEARLY]]
    # Choosing the page a check is attached to finds the check.
    attached = _report(item=partnership["hoarding"])
    assert _columns(attached.table("checks"), "check", "people") == [(SELF_NEGLECT, S)]
    standalone = _report(item=partnership["consent"])
    assert _columns(standalone.table("checks"), "check", "people") == [(CONSENT, 14)]
    assert _report(since=date(2999, 1, 1)).table("checks").rows == []


def test_pass_rates_by_item_for_the_feedback_report(partnership):
    rates = pass_rates_by_item(filters=ReportFilters())
    assert rates == {
        partnership["consent"].pk: 60.0,
        partnership["msp"].pk: 42.9,
        partnership["hoarding"].pk: S,
    }


# Through the view -------------------------------------------------------------------


def _get(client, user, **params):
    client.force_login(user)
    response = client.get("/reports/knowledge-checks/", params)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_page_shows_the_figures_and_chart_without_names(client, partnership):
    html = _get(client, partnership["manager"])
    for taker in partnership["takers"]:
        assert taker.email.encode() not in html
        assert taker.last_name.encode() not in html
    text = html.decode()
    assert "60%" in text and "41.7%" in text and "all but fewer than 5" in text
    assert "85.7%" not in text
    assert "Who decides what the person wants?" in text
    assert f"Answered wrongly by organisation: {MSP}" in text and "58.3%" in text
    assert "<svg" in text and "Share of attempts that passed" in text


def test_lead_page_is_held_to_their_organisation(client, partnership):
    text = _get(client, partnership["lead"], organisation=partnership["police"].pk).decode()
    assert "41.7%" in text and "58.3%" in text and "all but fewer than 5" in text
    for other in ("85.7%", "60%", "42.9%", "Answered wrongly by organisation"):
        assert other not in text


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("slug", ["checks", "organisations", "questions", "by-organisation"])
def test_exports_equal_the_tables(client, partnership, export_format, slug):
    if slug == "by-organisation":
        slug = f"questions-by-organisation-{partnership['msp'].pk}"
    content = _get(client, partnership["manager"], export=export_format, table=slug)
    table = _report().table(slug)
    if export_format == "csv":
        rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    else:
        rows = xlsx_as_shown(content)
        assert_typed_as_the_table(content, table)
    assert rows == [table.header(), *table.text_rows()]
    if slug == "organisations":
        assert rows[1] == [CONSENT, "Northmoor Council", "7", "6", NEARLY]
        assert rows[3] == [
            CONSENT,
            "Northmoor Police",
            "fewer than 5",
            "fewer than 5",
            "fewer than 5",
        ]
        assert rows[4] == [MSP, "Northmoor Council", "12", "12", "41.7%"]
        if export_format == "xlsx":
            values = xlsx_values(content)
            assert values[1] == [CONSENT, "Northmoor Council", 7, 6, NEARLY]
            assert values[3] == [CONSENT, "Northmoor Police", *["fewer than 5"] * 3]
            assert values[4] == [MSP, "Northmoor Council", 12, 12, 0.417]
    if slug.startswith("questions-by-organisation"):
        assert rows[0] == ["Question", "All organisations", *ORGANISATIONS]
        assert rows[2] == [M2, "25%", "0%", "fewer than 5", NEARLY]


def test_queries_do_not_grow_with_people(client, partnership):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _get(client, partnership["manager"])
        return len(queries)

    count()  # the first request fills caches (site, content types) the rest reuse
    before = count()
    fire = Organisation.objects.create(name="Northmoor Fire", type="other")
    for organisation in (partnership["trust"], partnership["police"], fire):
        for _ in range(6):
            for check in (partnership["consent"], partnership["msp"]):
                take(check, make_person(organisation=organisation), wrong=(2,))
    report = _report()
    assert "Northmoor Fire" in _by_organisation(report, partnership["msp"]).header()
    assert count() == before


def test_small_organisations_withheld_together_take_the_next_smallest_until_five():
    from learning.reports.knowledge_checks import (
        CheckFigures,
        KnowledgeCheckFigures,
        _by_organisation_rows,
    )

    figures = KnowledgeCheckFigures(
        by_organisation=[
            CheckFigures(1, "A check", 1, number, name, people, people, people)
            for number, (name, people) in enumerate(
                [("Big", 10), ("Middle", 6), ("Small", 3), ("Tiny", 1)]
            )
        ]
    )
    rows = _by_organisation_rows(figures)
    # Small and Tiny are 4 people between them, the total less the rest: Middle goes too.
    assert [(row["organisation"], row["people"], row["pass_rate"]) for row in rows] == [
        ("Big", 10, 100.0),
        ("Middle", S, S),
        ("Small", S, S),
        ("Tiny", S, S),
    ]


def test_pass_rates_withheld_beside_the_total_take_the_next_smallest_until_five():
    from learning.reports.knowledge_checks import (
        CheckFigures,
        KnowledgeCheckFigures,
        _by_organisation_rows,
        check_totals,
    )

    def organisation(check_id, name, attempts, passed, people):
        return CheckFigures(
            check_id, f"Check {check_id}", check_id, None, name, attempts, passed, people
        )

    figures = KnowledgeCheckFigures(
        by_organisation=[
            # Check 1: 25 attempts, 19 passed, 6 failed.
            organisation(1, "Big", 10, 5, 10),
            organisation(1, "Full", 8, 8, 8),
            organisation(1, "Near", 7, 6, 6),
            # Check 2: 28 attempts, 13 passed, 15 failed.
            organisation(2, "Few", 6, 1, 6),
            organisation(2, "Half", 10, 5, 10),
            organisation(2, "Most", 12, 7, 12),
        ]
    )
    assert [(row["check"], row["pass_rate"]) for row in check_totals(figures)] == [
        ("Check 1", 76.0),
        ("Check 2", 46.4),
    ]
    rows = _by_organisation_rows(figures)
    assert [(row["organisation"], row["attempts"], row["pass_rate"]) for row in rows] == [
        # Near's 1 failure reads "all but fewer than 5"; alone it would be 6 failures
        # less Big's 5 and Full's 0, so Big's pass rate (the fewest failures) goes too.
        ("Big", 10, S),
        ("Full", 8, 100.0),
        ("Near", 7, N),
        # Few's 1 pass would be 13 - 5 - 7: Half's 5 passes (the fewest) go with it.
        ("Few", 6, S),
        ("Half", 10, S),
        ("Most", 12, 58.3),
    ]


def test_by_organisation_puts_no_organisation_last_and_leaves_blanks():
    from learning.reports.knowledge_checks import (
        KnowledgeCheckFigures,
        QuestionFigures,
        _by_organisation_table,
        _most_missed,
    )

    def answers(number, question_id, organisation_id, name, people, wrong):
        return QuestionFigures(
            1,
            question_id,
            number,
            "Old wording" if number is None else "Now",
            organisation_id,
            name,
            people,
            wrong,
            people,
        )

    figures = KnowledgeCheckFigures(
        questions=[
            answers(1, "a", None, "", 5, 1),
            answers(1, "a", 2, "Small", 6, 0),
            answers(1, "a", 1, "Big", 10, 5),
            answers(None, "b", 1, "Big", 10, 0),
        ]
    )
    [(check_id, title, questions)] = _most_missed(figures, {1: "A check"})
    table = _by_organisation_table(check_id, title, questions)
    assert table.header() == ["Question", "All organisations", "Big", "Small", "No organisation"]
    assert table.text_rows() == [
        # 6 wrong of 21: the 1 with no organisation is withheld, and Big's 5 with it (the
        # smallest shown), or 6 - 5 - 0 would give it.
        ["1. Now", "28.6%", "fewer than 5", "0%", "fewer than 5"],
        # Removed, answered only by Big: blank where nobody answered.
        ["Old wording (since removed)", "0%", "0%", "", ""],
    ]
