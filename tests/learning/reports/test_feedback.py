"""The feedback and impact report against a hand-computed partnership.

Three items (A to Z), feedback from Northmoor Council (C) and Northmoor NHS (N):

"Making safeguarding personal" (6 responses: 4 C, 2 N; March 2026)
    ratings 5, 5, 4, 4, 4, 3 -> counts 2, 3, 1 (each under 5: withheld); mean 25/6 = 4.2
    all six say it will change their practice -> 100%
    3 follow-up answers (yes, yes, no): under 5, withheld with their example
"Self-neglect and hoarding" (4 responses, all C): withheld whole, comment too
"Understanding modern slavery" (12 responses: 7 C, 5 N; April and May 2026)
    ratings: six 5s, five 4s, one 3 -> the 1 is withheld, and the 5 fours with it
    (or the 1 would follow from the total 12 - 6); mean 53/12 = 4.4
    will change: yes 7 (58.3%), not sure 5 (41.7%), no 0 (0%)
    follow-up: 10 answered, yes 5 (50%), not yet 5 (50%), no 0
    knowledge check attached, one attempt each (a pass rate counts attempts, each one
    person's, so 1 to 4 passes, or failures, are withheld as a small group):
        council: the 7 above and 3 more, 5 pass, 5 fail -> 50%
        NHS: the 5 above and 3 more, 6 pass, 2 fail     -> all but fewer than 5
        all: 18 attempts, 11 pass, 7 fail               -> 61.1%

The council's lead sees the council's people only: "Understanding modern slavery" has
7 responses (ratings 5, 5, 5, 4, 4, 4, 3: mean 30/7 = 4.3; yes 4 and not sure 3, both
withheld), 6 follow-up answers (yes 3, not yet 3: withheld) and a pass rate of 50%; the
other items have under 5 responses.
The NHS alone: "Understanding modern slavery" has 5 responses; its pass rate reads "all
but fewer than 5" (2 failures of 8).
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.models import Feedback, Organisation, PracticeImpact
from learning.permissions import ReportScope
from learning.reports.feedback import feedback_report
from learning.reports.feedback_texts import NAME_REMOVED
from learning.reports.filters import ReportFilters
from learning.reports.suppression import NEARLY_ALL, SUPPRESSED
from learning.roles import Role
from tests.factories import make_person
from tests.learning.reflections.factories import make_learning_page
from tests.learning.reports.checks import make_check, take
from tests.learning.xlsx_helpers import assert_typed_as_the_table, xlsx_as_shown

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_partnership")]

S = SUPPRESSED
PARTNERSHIP = ReportScope(organisation_id=None, names=False)
TODAY = date(2026, 6, 15)


def _at(month: int, day: int) -> datetime:
    return datetime(2026, month, day, 10, tzinfo=UTC)


def _give(person, page, rating, change, *, at, comment="", used="", example="", answered=None):
    feedback = Feedback.objects.create(
        user=person, page=page, usefulness=rating, will_change_practice=change, comment=comment
    )
    Feedback.objects.filter(pk=feedback.pk).update(created_at=at)
    if used:
        PracticeImpact.objects.create(
            feedback=feedback, used_in_practice=used, example=example, answered_at=answered or at
        )
    return feedback


@pytest.fixture(scope="module")
def _partnership(shared_data, enrol_totp):
    return shared_data.build(_build_partnership, enrol_totp)


@pytest.fixture
def partnership(_partnership, shared_data, db):
    return shared_data.copy(_partnership)


def _build_partnership(totp_user):
    council = Organisation.objects.create(name="Northmoor Council", type="local_authority")
    trust = Organisation.objects.create(name="Northmoor NHS", type="nhs_trust")
    board = Organisation.objects.create(name="Safeguarding Adults Board", type="other")
    personal = make_learning_page(title="Making safeguarding personal")
    hoarding = make_learning_page(title="Self-neglect and hoarding")
    slavery = make_learning_page(title="Understanding modern slavery")
    writers = []

    def person(organisation, **names):
        writer = make_person(organisation=organisation, **names)
        writers.append(writer)
        return writer

    # Making safeguarding personal: 4 council, 2 trust.
    a = [person(council), person(council, first_name="Aisha", last_name="Okafor")]
    a += [person(council), person(council), person(trust), person(trust)]
    _give(a[0], personal, 5, "yes", at=_at(3, 2), used="yes", example="A example, withheld")
    _give(
        a[1], personal, 5, "yes", at=_at(3, 5), comment="Really helpful. Aisha Okafor", used="yes"
    )
    _give(a[2], personal, 4, "yes", at=_at(3, 6), used="no")
    _give(a[3], personal, 4, "yes", at=_at(3, 7))
    _give(a[4], personal, 4, "yes", at=_at(3, 20), comment="Useful refresher")
    _give(a[5], personal, 3, "yes", at=_at(3, 21))

    # Self-neglect and hoarding: 4 council people.
    for number, rating in enumerate((5, 4, 4, 2)):
        _give(
            person(council),
            hoarding,
            rating,
            "not_sure",
            at=_at(3, 10 + number),
            comment="Hoarding comment that must stay hidden" if number == 0 else "",
        )

    # Understanding modern slavery: 7 council (c), 5 trust (t).
    c = [person(council) for _ in range(7)]
    t = [person(trust) for _ in range(5)]
    _give(
        c[0],
        slavery,
        5,
        "yes",
        at=_at(4, 10),
        comment="Clear and practical",
        used="yes",
        example="Used the six principles in a strategy meeting",
        answered=_at(6, 1),
    )
    _give(c[1], slavery, 5, "yes", at=_at(4, 11), used="yes")
    _give(c[2], slavery, 5, "yes", at=_at(4, 12), used="yes")
    _give(c[3], slavery, 4, "yes", at=_at(4, 13), used="not_yet")
    _give(c[4], slavery, 4, "not_sure", at=_at(4, 14), used="not_yet")
    _give(c[5], slavery, 4, "not_sure", at=_at(4, 15), used="not_yet")
    _give(c[6], slavery, 3, "not_sure", at=_at(4, 16))
    _give(t[0], slavery, 5, "yes", at=_at(4, 20), used="yes")
    _give(t[1], slavery, 5, "yes", at=_at(4, 21), used="yes")
    _give(
        t[2],
        slavery,
        5,
        "yes",
        at=_at(4, 22),
        used="not_yet",
        example="Planning to use it at the <b>next</b> review",
        answered=_at(6, 3),
    )
    _give(
        t[3],
        slavery,
        4,
        "not_sure",
        at=_at(5, 2),
        comment="More on <b>consent</b> please",
        used="not_yet",
    )
    _give(t[4], slavery, 4, "not_sure", at=_at(5, 3))

    check = make_check("Modern slavery check", checks_page=slavery)
    for number, taker in enumerate(c + [person(council) for _ in range(3)]):
        take(check, taker, wrong=(1,) if number >= 5 else ())
    for number, taker in enumerate(t + [person(trust) for _ in range(3)]):
        take(check, taker, wrong=(2,) if number >= 6 else ())

    lead = make_person(
        role=Role.ORGANISATION_LEAD, organisation=council, first_name="Lena", last_name="Lead"
    )
    manager = make_person(
        role=Role.SAB_MANAGER, organisation=board, first_name="Morgan", last_name="Price"
    )
    totp_user(lead)
    totp_user(manager)
    return {
        "council": council,
        "trust": trust,
        "lead": lead,
        "manager": manager,
        "writers": writers,
        "pages": (personal, hoarding, slavery),
        "slavery_people": c + t,
    }


def _report(scope=PARTNERSHIP, **filters):
    return feedback_report(scope=scope, filters=ReportFilters(**filters), today=TODAY)


def _columns(table, *keys):
    return [tuple(row[key] for key in keys) for row in table.rows]


def test_kirkpatrick_levels_for_the_partnership(partnership):
    levels = _report().table("levels")
    assert _columns(
        levels, "item", "responses", "mean", "change_yes_share", "pass_rate", "used_yes_share"
    ) == [
        ("Making safeguarding personal", 6, 4.2, 100.0, None, S),
        ("Self-neglect and hoarding", S, S, S, S, S),
        ("Understanding modern slavery", 12, 4.4, 58.3, 61.1, 50.0),
    ]


def test_rating_distribution_withholds_small_counts_and_what_follows_from_them(partnership):
    reaction = _report().table("reaction")
    ratings = ("rating_1", "rating_2", "rating_3", "rating_4", "rating_5")
    shares = ("change_yes_share", "change_not_sure_share", "change_no_share")
    assert _columns(reaction, "item", "responses", *ratings, "mean", *shares) == [
        ("Making safeguarding personal", 6, 0, 0, S, S, S, 4.2, 100.0, 0.0, 0.0),
        ("Self-neglect and hoarding", S, S, S, S, S, S, S, S, S, S),
        # The one 3 is withheld, and the five 4s with it: else 12 - 6 - 0 - 0 gives it.
        ("Understanding modern slavery", 12, 0, 0, S, S, 6, 4.4, 58.3, 41.7, 0.0),
    ]


def test_follow_up_answers_as_counts_and_shares_of_those_who_answered(partnership):
    behaviour = _report().table("behaviour")
    keys = (
        "item",
        "answered",
        "used_yes",
        "used_yes_share",
        "used_not_yet",
        "used_not_yet_share",
        "used_no",
        "used_no_share",
    )
    assert _columns(behaviour, *keys) == [
        ("Making safeguarding personal", S, S, S, S, S, S, S),
        ("Self-neglect and hoarding", S, S, S, S, S, S, S),
        ("Understanding modern slavery", 10, 5, 50.0, 5, 50.0, 0, 0.0),
    ]


def test_comments_and_examples_without_names_and_withheld_for_small_items(partnership):
    report = _report()
    comments = report.table("comments")
    # No rating beside a comment: with the month it could tell whose comment it is, and
    # it would count ratings the rating table withholds.
    assert [list(row) for row in comments.rows] == [["item", "month", "comment"]] * 4
    assert _columns(comments, "item", "month", "comment") == [
        ("Making safeguarding personal", "March 2026", "Useful refresher"),
        ("Making safeguarding personal", "March 2026", f"Really helpful. {NAME_REMOVED}"),
        ("Understanding modern slavery", "May 2026", "More on <b>consent</b> please"),
        ("Understanding modern slavery", "April 2026", "Clear and practical"),
    ]
    assert any("1 item with fewer than 5 responses" in note for note in comments.notes)

    examples = report.table("examples")
    assert _columns(examples, "item", "answer", "example") == [
        ("Understanding modern slavery", "Not yet", "Planning to use it at the <b>next</b> review"),
        ("Understanding modern slavery", "Yes", "Used the six principles in a strategy meeting"),
    ]
    assert any("2 items with fewer than 5 follow-up answers" in n for n in examples.notes)
    assert report.summary == [
        ("Learning items with feedback", 3),
        ("Responses to items with 5 or more", 18),
        ("Items with fewer than 5 responses", 1),
    ]


def test_lead_sees_only_their_organisation(partnership):
    council = partnership["council"]
    scope = ReportScope(organisation_id=council.pk, names=True)
    # Even asked for the trust, the lead's report is the council's.
    report = _report(scope, organisation=partnership["trust"])
    assert _columns(
        report.table("levels"),
        "item",
        "responses",
        "mean",
        "change_yes_share",
        "pass_rate",
        "used_yes_share",
    ) == [
        ("Making safeguarding personal", S, S, S, S, S),
        ("Self-neglect and hoarding", S, S, S, S, S),
        ("Understanding modern slavery", 7, 4.3, S, 50.0, S),
    ]
    assert _columns(report.table("reaction"), "rating_1", "rating_3", "rating_5")[2] == (0, S, S)
    assert _columns(report.table("behaviour"), "answered", "used_yes", "used_no")[2] == (6, S, 0)
    assert _columns(report.table("comments"), "item", "comment") == [
        ("Understanding modern slavery", "Clear and practical")
    ]
    assert _columns(report.table("examples"), "example") == [
        ("Used the six principles in a strategy meeting",)
    ]


def test_a_pass_rate_with_fewer_than_five_failures_is_withheld(partnership):
    report = _report(organisation=partnership["trust"])
    # The NHS's 8 attempts, 2 failed: a small group, though 5 responded and 8 took it.
    assert _columns(report.table("levels"), "item", "responses", "pass_rate") == [
        ("Making safeguarding personal", S, S),
        ("Understanding modern slavery", 5, NEARLY_ALL),
    ]


def test_item_and_date_filters(partnership):
    slavery = partnership["pages"][2]
    assert _columns(_report(item=slavery).table("levels"), "item", "responses") == [
        ("Understanding modern slavery", 12)
    ]
    # From April: only modern slavery's feedback; to 30 April: 10 of its 12 responses.
    april = _report(since=date(2026, 4, 1), until=date(2026, 4, 30))
    assert _columns(april.table("levels"), "item", "responses", "mean") == [
        ("Understanding modern slavery", 10, 4.5)
    ]


# Through the view -------------------------------------------------------------------


def _get(client, user, **params):
    client.force_login(user)
    response = client.get("/reports/feedback/", params)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def _assert_no_writer(partnership, content: bytes) -> None:
    for writer in partnership["writers"]:
        for text in (writer.email, writer.last_name, f"{writer.first_name} {writer.last_name}"):
            assert text.encode() not in content, text


def test_page_shows_figures_comments_and_chart_without_names(client, partnership):
    html = _get(client, partnership["manager"])
    _assert_no_writer(partnership, html)
    text = html.decode()
    assert "Kirkpatrick levels 1 to 3 by learning item" in text
    assert "58.3%" in text and "61.1%" in text and "fewer than 5" in text
    assert "Clear and practical" in text
    assert "More on &lt;b&gt;consent&lt;/b&gt; please" in text
    assert "Hoarding comment that must stay hidden" not in text
    assert "A example, withheld" not in text
    assert "<svg" in text and "Share of responses saying the item will change" in text


def test_lead_page_is_held_to_their_organisation(client, partnership):
    html = _get(client, partnership["lead"], organisation=partnership["trust"].pk)
    _assert_no_writer(partnership, html)
    text = html.decode()
    assert "Clear and practical" in text
    assert "More on &lt;b&gt;consent&lt;/b&gt; please" not in text
    assert "Planning to use it" not in text


def _export_rows(content: bytes, export_format: str) -> list[list[str]]:
    if export_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return xlsx_as_shown(content)


def _unpacked(content: bytes, export_format: str) -> bytes:
    """The bytes a name could hide in: the CSV itself, or every part of the workbook."""
    if export_format == "csv":
        return content
    with zipfile.ZipFile(io.BytesIO(content)) as workbook:
        return b"".join(workbook.read(name) for name in workbook.namelist())


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
@pytest.mark.parametrize("slug", ["levels", "reaction", "behaviour", "comments", "examples"])
def test_exports_equal_the_tables_and_hold_no_names(client, partnership, export_format, slug):
    content = _get(client, partnership["manager"], export=export_format, table=slug)
    _assert_no_writer(partnership, _unpacked(content, export_format))
    table = _report().table(slug)
    assert _export_rows(content, export_format) == [table.header(), *table.text_rows()]
    if export_format == "xlsx":
        assert_typed_as_the_table(content, table)


def test_comment_export_rows(client, partnership):
    rows = _export_rows(_get(client, partnership["manager"], export="csv", table="comments"), "csv")
    assert rows[0] == ["Learning item", "Month", "Comment"]
    assert rows[1:] == [
        ["Making safeguarding personal", "March 2026", "Useful refresher"],
        ["Making safeguarding personal", "March 2026", f"Really helpful. {NAME_REMOVED}"],
        ["Understanding modern slavery", "May 2026", "More on <b>consent</b> please"],
        ["Understanding modern slavery", "April 2026", "Clear and practical"],
    ]


def test_queries_do_not_grow_with_people(client, partnership):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            _get(client, partnership["manager"])
        return len(queries)

    count()  # the first request fills caches (site, content types) the rest reuse
    before = count()
    slavery = partnership["pages"][2]
    for number in range(8):
        writer = make_person(organisation=partnership["trust"])
        _give(
            writer,
            slavery,
            4,
            "yes",
            at=_at(5, 10),
            comment=f"More {number}",
            used="yes",
            example=f"Example {number}",
        )
    assert count() == before


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.SUPERVISOR])
def test_others_may_not_see_it(client, sign_in_with_mfa, role):
    sign_in_with_mfa(role)
    assert client.get("/reports/feedback/").status_code == 403


def test_a_signed_comment_loses_the_writers_name_but_not_ordinary_words():
    from learning.reports.feedback_texts import _without_writer

    writer = {"first_name": "Will", "last_name": "Hope", "email": "will.hope@council.example"}
    signed = "I will use it and hope to again. will.hope@council.example, WILL HOPE, Hope"
    assert _without_writer(signed, **writer) == (
        f"I will use it and hope to again. {NAME_REMOVED}, {NAME_REMOVED}, {NAME_REMOVED}"
    )


def test_small_counts_withheld_together_take_the_next_smallest_until_they_hold_five():
    from learning.reports.feedback import reaction_rows

    counts = dict.fromkeys(("answered", "used_yes", "used_not_yet", "used_no", "change_no"), 0)
    figures = [
        counts
        | {
            "page_id": 1,
            "page__title": "An item",
            "responses": 16,
            "mean": 4.0,
            "rating_1": 0,
            "rating_2": 1,
            "rating_3": 2,
            "rating_4": 6,
            "rating_5": 7,
            "change_yes": 15,
            "change_not_sure": 1,
        }
    ]
    row = reaction_rows(figures)[0]
    # 1 and 2 withheld are 3 people between them, 16 - 6 - 7 - 0 away: the 6 goes too.
    assert [row[f"rating_{n}"] for n in (1, 2, 3, 4, 5)] == [0, S, S, S, 7]
    # 15 of 16 leaves 1 person, so the 15 reads "all but fewer than 5", and so does its
    # share; withheld with the 1 "not sure", the two hold 16 between them, enough.
    assert (row["change_yes"], row["change_not_sure"], row["change_no"]) == (NEARLY_ALL, S, 0)
    assert (row["change_yes_share"], row["change_not_sure_share"], row["change_no_share"]) == (
        NEARLY_ALL,
        S,
        0.0,
    )
