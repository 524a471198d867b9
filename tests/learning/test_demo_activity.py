"""The demo's learning activity is dated like a real partnership's, whatever day it is
loaded: content published months before it is completed, feedback just after the
completion, impact answers six weeks on, and the board pack's default quarter (the last
complete one) full. It also holds a second refresher cycle, a team session and a person
who has left."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db.models import Count, Min
from django.utils import timezone
from wagtail import hooks

from learning.demo.learning_activity import CORE_TITLE, TEAM_SESSION_DAY, seed_learning_activity
from learning.demo.partnership import seed_partnership
from learning.demo.record_variety import TEAM_SESSION_BRIEFING_SLUG
from learning.demo.timeline import ACTIVITY_DAYS, FIRST_REVIEW_DAYS, REVIEW_GAP_DAYS
from learning.editorial import ensure_editorial_workflow
from learning.models import (
    Completion,
    CompletionHow,
    Feedback,
    PracticeImpact,
    Requirement,
    TeamSession,
    User,
)
from learning.permissions import ReportScope
from learning.reports.board_pack import Quarter, build_board_pack
from learning.reports.filters import ReportFilters
from learning.reports.reach import reach_report
from learning.reports.reviews import catalogued_reviews
from learning.reports.suppression import is_suppressed
from learning.required.impact import FOLLOW_UP_DAYS
from learning.required.status import Status, annotate_status
from learning.site_setup import ensure_site_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_content")]

PARTNERSHIP = ReportScope(organisation_id=None, names=False)


def _seed_before_the_activity() -> dict[str, User]:
    """The demo as `manage.py seed_demo` loads it up to its learning activity: the
    people and the content (a score of Wagtail publishes), which do not depend on the
    day the activity is dated from, so they are made once for the module."""
    from learning.demo.editorial import seed_editorial_demo

    home = ensure_site_pages()
    demo_users = {person.local_part: user for person, user in seed_partnership()}
    ensure_editorial_workflow()
    for seeder in hooks.get_hooks("register_demo_content"):
        seeder(home=home)
    seed_editorial_demo()
    return demo_users


def _seed_activity(demo_users: dict[str, User], now: datetime) -> dict[str, User]:
    """The rest of the demo, as `manage.py seed_demo` loads it, dated from `now`: it
    re-dates the content too, inside the test's savepoint."""
    from quizzes.demo_activity import seed_check_attempts

    staff = seed_learning_activity(demo_users=demo_users, now=now)
    seed_check_attempts(staff, now=now)
    return demo_users


@pytest.fixture(scope="module")
def _content(shared_data):
    return shared_data.build(_seed_before_the_activity)


@pytest.fixture
def content(_content, shared_data, db) -> dict[str, User]:
    return shared_data.copy(_content)


def _local(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


# The real day, the first moment of a quarter (the quarter just ended is the shortest,
# January to March, so its impact answers have the least time to come in), the last
# moment of one (the longest time since the board pack's quarter began), and a winter
# evening after 23:00 given in UTC, as timezone.now() gives it, whose dates counted back
# land in summer time.
WINTER_EVENING_UTC = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)


@pytest.fixture(
    params=[None, (2026, 4, 1, 0, 30), (2026, 9, 30, 23, 30), WINTER_EVENING_UTC],
    ids=["today", "first-day-of-a-quarter", "last-day-of-a-quarter", "winter-evening-utc"],
)
def now(request) -> datetime:
    if request.param is None:
        return timezone.now()
    if isinstance(request.param, datetime):
        return request.param
    return _local(*request.param)


def test_the_demo_is_dated_from_the_day_it_is_loaded(content, now):
    demo_users = _seed_activity(content, now)
    today = timezone.localdate(now)
    quarter = Quarter.last_complete(today)

    # The reviews were catalogued first, months before anyone completed their learning,
    # and every page was published before anyone completed it.
    reviews = sorted(catalogued_reviews(), key=lambda review: review.published_at)
    assert [(today - timezone.localdate(review.published_at)).days for review in reviews] == [
        FIRST_REVIEW_DAYS,
        FIRST_REVIEW_DAYS - REVIEW_GAP_DAYS,
    ]
    for review in reviews:
        first = Completion.objects.filter(page_id__in=review.page_ids).aggregate(
            first=Min("completed_at")
        )["first"]
        assert first - review.published_at > timedelta(days=60), review.title
    completions = Completion.objects.select_related("page", "user")
    assert completions.count() > 250
    for completion in completions:
        assert completion.page.first_published_at < completion.completed_at < now
        assert completion.completed_at > now - timedelta(days=ACTIVITY_DAYS)

    # Feedback is given within half an hour of the first completion it is about, and
    # impact answers come six weeks (and up to a week) after it, never after `now`.
    first_completion = {
        (row["user"], row["page"]): row["first"]
        for row in Completion.objects.values("user", "page").annotate(first=Min("completed_at"))
    }
    feedback = list(Feedback.objects.all())
    assert len(feedback) > 150
    for given in feedback:
        completed = first_completion[(given.user_id, given.page_id)]
        assert completed < given.created_at <= completed + timedelta(minutes=30)
        assert given.updated_at == given.created_at
    impact = list(PracticeImpact.objects.select_related("feedback"))
    assert len(impact) > 50
    for answer in impact:
        completed = first_completion[(answer.feedback.user_id, answer.feedback.page_id)]
        waited = timezone.localdate(answer.answered_at) - timezone.localdate(completed)
        assert FOLLOW_UP_DAYS <= waited.days <= FOLLOW_UP_DAYS + 7
        assert answer.answered_at < now

    # The board pack's default quarter has completions, feedback and impact answers,
    # enough for its tables to show figures rather than withhold them all.
    in_quarter = {"__date__gte": quarter.start, "__date__lte": quarter.end}
    quarter_q = {f"completed_at{key}": value for key, value in in_quarter.items()}
    assert Completion.objects.filter(**quarter_q).count() > 40
    feedback_q = {f"feedback__created_at{key}": value for key, value in in_quarter.items()}
    assert PracticeImpact.objects.filter(**feedback_q).count() > 10
    pack = build_board_pack(scope=PARTNERSHIP, quarter=quarter, today=today)
    tables = {table.slug: table for section in pack.sections for _, table in section.items}
    shown = [row for row in tables["feedback-reaction"].rows if not is_suppressed(row["responses"])]
    assert len(shown) >= 2 and all(row["responses"] >= 5 for row in shown)
    shown = [row for row in tables["feedback-behaviour"].rows if not is_suppressed(row["answered"])]
    assert shown and all(row["answered"] >= 5 for row in shown)
    assert tables["feedback-examples"].rows
    # Reach grows week by week from each review's publication, up to the quarter's end.
    for review in reviews:
        weeks = tables[f"reach-weeks-{review.pk}"].rows
        assert len(weeks) == 26, review.title
        assert weeks[-1]["start"] <= quarter.end < weeks[-1]["start"] + timedelta(days=7)
    report = reach_report(scope=PARTNERSHIP, filters=ReportFilters(), today=today)
    for review in reviews:
        assert len(report.table(f"weeks-{review.pk}").rows) == 26

    # Cycles are numbered by the records service: the demo nurse did the core learning
    # over a year ago and again ten days ago, and some staff refreshed theirs.
    core = Requirement.objects.get(title=CORE_TITLE)
    core_page = core.pages.get()
    nurse = demo_users["nurse"]
    assert list(
        Completion.objects.filter(user=nurse, page=core_page)
        .order_by("completed_at")
        .values_list("cycle", flat=True)
    ) == [1, 2]
    assert Completion.objects.filter(cycle=2).exclude(user=nurse).exists()
    for row in Completion.objects.values("user", "page").annotate(n=Count("pk")):
        cycles = Completion.objects.filter(user=row["user"], page=row["page"])
        assert list(cycles.order_by("completed_at").values_list("cycle", flat=True)) == list(
            range(1, row["n"] + 1)
        )

    # The demo supervisor delivered a briefing to their team early in the quarter; the
    # demo practitioner was there.
    session = TeamSession.objects.get()
    supervisor = demo_users["supervisor"]
    assert session.delivered_by == supervisor
    assert session.page.slug == TEAM_SESSION_BRIEFING_SLUG
    assert session.delivered_on == quarter.start + timedelta(days=TEAM_SESSION_DAY)
    attendees = set(session.attendees.values_list("pk", flat=True))
    assert demo_users["practitioner"].pk in attendees
    assert (
        set(
            Completion.objects.filter(
                how=CompletionHow.TEAM_SESSION, team_session=session
            ).values_list("user", flat=True)
        )
        == attendees
    )

    # One person has left, in the demo lead's organisation, with their record kept.
    leaver = User.objects.get(is_active=False)
    assert leaver.profile.organisation == demo_users["lead"].profile.organisation
    assert leaver.completions.exists()

    # People in every status of the core learning (exemptions count only on the day).
    statuses = set(
        annotate_status(User.objects.filter(is_active=True), core, today=today).values_list(
            "rq_status", flat=True
        )
    )
    assert statuses == set(Status.values)
