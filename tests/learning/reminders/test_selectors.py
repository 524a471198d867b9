"""Who is reminded of what: exact items and dates against hand-computed fixtures
(TODAY is 16 June 2025; the requirement is due 30 days after joining)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from learning.models import (
    DigestKind,
    DigestSent,
    Exemption,
    Feedback,
    RefreshRule,
    WillChangePractice,
)
from learning.reminders.selectors import (
    REFRESHER,
    DueItem,
    PageLink,
    learner_digests,
    supervisor_digests,
)
from learning.required.status import Status
from tests.learning.reminders.conftest import BASE_URL, TODAY, at, complete

pytestmark = pytest.mark.django_db


def page_link(page) -> PageLink:
    return PageLink(page.title, f"{BASE_URL}{page.url}")


def by_person(digests) -> dict[str, list[DueItem]]:
    return {str(digest.person): digest.items for digest in digests}


class TestLearnerDigests:
    def test_lists_due_and_overdue_people_with_their_due_dates_and_links(
        self, person, requirement, page
    ):
        person(20, "Dana", "Due")  # joined 27 May: due 26 June, within 14 days
        person(40, "Owen", "Over")  # joined 7 May: due 6 June, overdue
        person(16, "Nina", "Notyet")  # joined 31 May: due 30 June, 14 days away
        person(15, "Nico", "Later")  # joined 1 June: due 1 July, 15 days away
        done = person(60, "Carl", "Complete")
        complete(done, page, TODAY - timedelta(days=3))

        found = by_person(learner_digests(today=TODAY))

        expected = {
            "Dana Due": date(2025, 6, 26),
            "Owen Over": date(2025, 6, 6),
            "Nina Notyet": date(2025, 6, 30),
        }
        assert found == {
            name: [
                DueItem(
                    requirement_id=requirement.pk,
                    title="Core safeguarding adults learning",
                    status=Status.OVERDUE if due_on < TODAY else Status.DUE,
                    due_on=due_on,
                    pages=(page_link(page),),
                )
            ]
            for name, due_on in expected.items()
        }

    def test_page_links_are_absolute(self, person, requirement, page):
        person(20, "Dana", "Due")

        [digest] = learner_digests(today=TODAY)

        assert digest.items[0].pages[0].url == (
            "https://learning.example.org/case-studies/" + page.slug + "/"
        )

    def test_leaves_out_people_who_opted_out_left_or_are_exempt(self, person, requirement):
        person(20, "Dana", "Due")
        quiet = person(20, "Quinn", "Quiet")
        quiet.profile.receives_digests = False
        quiet.profile.save()
        gone = person(20, "Lee", "Left")
        gone.is_active = False
        gone.save()
        exempt = person(20, "Elsa", "Exempt")
        exemption = Exemption.objects.create(
            user=exempt, requirement=requirement, reason="Long-term leave", ends_on=TODAY
        )
        # Statuses are computed as of TODAY: the exemption must exist by then.
        Exemption.objects.filter(pk=exemption.pk).update(created_at=at(TODAY - timedelta(1)))

        assert list(by_person(learner_digests(today=TODAY))) == ["Dana Due"]

    def test_an_item_completed_is_no_longer_listed(self, person, requirement, page):
        dana = person(20, "Dana", "Due")
        assert len(learner_digests(today=TODAY)) == 1

        complete(dana, page, TODAY)

        assert learner_digests(today=TODAY) == []

    def test_lists_only_the_pages_still_to_do(self, person, make_requirement, page, second_page):
        both = make_requirement(
            page, second_page, title="Two parts", due_days=30, due_from="joined"
        )
        dana = person(20, "Dana", "Due")
        complete(dana, page, TODAY - timedelta(days=2))

        [digest] = learner_digests(today=TODAY)

        assert digest.items == [
            DueItem(
                requirement_id=both.pk,
                title="Two parts",
                status=Status.DUE,
                due_on=date(2025, 6, 26),
                pages=(page_link(second_page),),
            )
        ]

    def test_a_refresher_falling_due_is_listed_with_both_dates(
        self, person, make_requirement, page
    ):
        yearly = make_requirement(
            page,
            title="Annual refresher",
            due_days=30,
            due_from="joined",
            refresh=RefreshRule.EVERY_MONTHS,
            refresh_months=12,
        )
        rita = person(500, "Rita", "Refresher")
        # Completed 20 June 2024: counts until 19 June 2025, four days away; the next
        # one is due 30 days after that runs out.
        complete(rita, page, date(2024, 6, 20))
        steady = person(500, "Sam", "Steady")
        complete(steady, page, date(2024, 7, 20))  # counts until 19 July: not yet

        found = by_person(learner_digests(today=TODAY))

        assert found == {
            "Rita Refresher": [
                DueItem(
                    requirement_id=yearly.pk,
                    title="Annual refresher",
                    status=REFRESHER,
                    due_on=date(2025, 7, 20),
                    complete_until=date(2025, 6, 19),
                    pages=(page_link(page),),
                )
            ]
        }

    def test_most_urgent_first(self, person, make_requirement, page, second_page):
        soon = make_requirement(page, title="A soon", due_days=30, due_from="joined")
        late = make_requirement(second_page, title="B late", due_days=10, due_from="joined")
        person(20, "Dana", "Due")  # A due 26 June; B was due 6 June

        [digest] = learner_digests(today=TODAY)

        assert [(item.requirement_id, item.status) for item in digest.items] == [
            (late.pk, Status.OVERDUE),
            (soon.pk, Status.DUE),
        ]

    def test_nobody_reminded_twice_in_seven_days(self, person, requirement):
        dana = person(20, "Dana", "Due")
        DigestSent.objects.create(user=dana, kind=DigestKind.LEARNER, sent_on=TODAY - timedelta(6))
        assert learner_digests(today=TODAY) == []

        assert len(learner_digests(today=TODAY + timedelta(days=1))) == 1

    def test_a_team_digest_does_not_hold_back_the_learner_digest(self, person, requirement):
        dana = person(20, "Dana", "Due")
        DigestSent.objects.create(user=dana, kind=DigestKind.SUPERVISOR, sent_on=TODAY)

        assert [digest.person for digest in learner_digests(today=TODAY)] == [dana]


class TestFollowUpsInTheDigest:
    def test_carried_with_learning_that_is_due(
        self, person, requirement, make_requirement, page, second_page
    ):
        dana = person(60, "Dana", "Due")
        complete(dana, second_page, TODAY - timedelta(days=42))
        feedback = Feedback.objects.create(
            user=dana, page=second_page, usefulness=5, will_change_practice=WillChangePractice.YES
        )

        [digest] = learner_digests(today=TODAY)

        assert [item.status for item in digest.items] == [Status.OVERDUE]
        assert [(f.feedback_id, f.page_title, f.url) for f in digest.follow_ups] == [
            (
                feedback.pk,
                "Self-neglect and hoarding",
                BASE_URL + reverse("records:impact_answer", args=[feedback.pk]),
            )
        ]

    def test_a_question_alone_brings_one_digest_only(self, person, second_page):
        fay = person(400, "Fay", "Followup")
        complete(fay, second_page, TODAY - timedelta(days=50))
        feedback = Feedback.objects.create(
            user=fay, page=second_page, usefulness=4, will_change_practice=WillChangePractice.YES
        )

        [digest] = learner_digests(today=TODAY)
        assert digest.items == [] and [f.feedback_id for f in digest.follow_ups] == [feedback.pk]

        DigestSent.objects.create(
            user=fay, kind=DigestKind.LEARNER, sent_on=TODAY, items=digest.as_records()
        )
        assert learner_digests(today=TODAY + timedelta(days=7)) == []


class TestSupervisorDigests:
    def test_each_supervisor_gets_only_their_own_supervisees(self, person, requirement):
        ana = person(400, "Ana", "Supervisor")
        ben = person(400, "Ben", "Supervisor")
        dana = person(20, "Dana", "Due")
        owen = person(40, "Owen", "Over")
        nina = person(5, "Nina", "New")  # not started: not listed
        for supervisee in (dana, nina):
            supervisee.profile.supervisors.add(ana)
        owen.profile.supervisors.add(ben)

        found = {
            str(digest.supervisor): [
                (str(member.person), [(i.status, i.due_on) for i in member.items])
                for member in digest.members
            ]
            for digest in supervisor_digests(today=TODAY)
        }

        # Ana and Ben are themselves overdue (joined long ago): that goes in their own
        # learner digest, not in anyone's team digest, as nobody supervises them.
        assert found == {
            "Ana Supervisor": [("Dana Due", [(Status.DUE, date(2025, 6, 26))])],
            "Ben Supervisor": [("Owen Over", [(Status.OVERDUE, date(2025, 6, 6))])],
        }

    def test_team_listed_by_surname(self, person, requirement):
        ana = person(400, "Ana", "Supervisor")
        for first, last in (("Zoe", "Young"), ("Adam", "Zeller"), ("Bea", "Able")):
            person(20, first, last).profile.supervisors.add(ana)

        [digest] = supervisor_digests(today=TODAY)

        assert [str(m.person) for m in digest.members] == ["Bea Able", "Zoe Young", "Adam Zeller"]

    def test_supervisor_who_opted_out_or_was_reminded_this_week_gets_none(
        self, person, requirement
    ):
        ana = person(400, "Ana", "Supervisor")
        ben = person(400, "Ben", "Supervisor")
        person(20, "Dana", "Due").profile.supervisors.add(ana, ben)
        ana.profile.receives_digests = False
        ana.profile.save()
        DigestSent.objects.create(
            user=ben, kind=DigestKind.SUPERVISOR, sent_on=TODAY - timedelta(3)
        )

        assert supervisor_digests(today=TODAY) == []

    def test_supervisees_who_left_are_not_listed(self, person, requirement):
        ana = person(400, "Ana", "Supervisor")
        gone = person(40, "Lee", "Left")
        gone.profile.supervisors.add(ana)
        gone.is_active = False
        gone.save()

        assert supervisor_digests(today=TODAY) == []


class TestQueries:
    def test_the_number_of_queries_does_not_grow_with_the_number_of_people(
        self, person, requirement
    ):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        def count() -> int:
            with CaptureQueriesContext(connection) as queries:
                learner_digests(today=TODAY)
                supervisor_digests(today=TODAY)
            return len(queries)

        ana = person(400, "Ana", "Supervisor")
        for number in range(2):
            person(20 + number, "Dana", f"Due{number}").profile.supervisors.add(ana)
        count()  # Wagtail caches its sites' root paths on the first page link
        fewer = count()
        for number in range(8):
            person(30 + number, "Owen", f"Over{number}").profile.supervisors.add(ana)
        assert len(learner_digests(today=TODAY)) == 11

        assert count() == fewer
