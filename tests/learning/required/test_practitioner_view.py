"""Required learning as a practitioner meets it: first on My learning (and on the
record their supervisor sees), first in the home page's "What to do next", and tagged
"Required" in listings."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from learning.models import CompletionHow, Exemption, User
from learning.next_steps import next_steps_for
from learning.records import services as records
from learning.records.dates import months_after
from learning.roles import Role
from tests.factories import make_person
from tests.learning.reflections.factories import make_learning_page
from tests.learning.reports.review_pages import make_review

pytestmark = pytest.mark.django_db

REQUIRED_TAG = '<strong class="govuk-tag">Required</strong>'


def queries_and_tags(client, url: str) -> tuple[int, int]:
    """How many queries the page costs, and how many "Required" tags it shows."""
    with CaptureQueriesContext(connection) as captured:
        body = client.get(url).content.decode()
    return len(captured), body.count(REQUIRED_TAG)


def long_day(day) -> str:
    return date_format(day, "j F Y")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def practitioner(db, today):
    """Someone who joined, and took up their place, long before any requirement."""
    person = make_person(role=Role.PRACTITIONER, first_name="Priya", last_name="Shah")
    User.objects.filter(pk=person.pk).update(date_joined=timezone.now() - timedelta(days=400))
    return User.objects.get(pk=person.pk)


@pytest.fixture
def five_statuses(practitioner, make_requirement, today):
    """One requirement in each status for the practitioner, made in a muddled order.
    Due dates: the days allowed after the later of the start and their joining."""
    pages = {
        name: make_learning_page(title=f"{name.capitalize()} page")
        for name in ("later", "done", "overdue", "exempt", "soon")
    }
    make_requirement(pages["later"], title="Later thing", starts_on=today, due_days=60)
    make_requirement(
        pages["done"],
        title="Done thing",
        starts_on=today - timedelta(days=200),
        refresh="months",
        refresh_months=12,
    )
    make_requirement(pages["overdue"], title="Overdue thing", starts_on=today - timedelta(days=100))
    exempt = make_requirement(pages["exempt"], title="Exempt thing")
    make_requirement(pages["soon"], title="Soon thing", starts_on=today - timedelta(days=20))
    records.completion_record(user=practitioner, page=pages["done"], how=CompletionHow.CONFIRMED)
    Exemption.objects.create(
        user=practitioner,
        requirement=exempt,
        reason="Long-term leave",
        ends_on=today + timedelta(days=30),
    )
    return pages


class TestMyLearning:
    def test_statuses_first_most_urgent_first_with_their_dates(
        self, client, practitioner, five_statuses, today
    ):
        client.force_login(practitioner)
        body = client.get(reverse("records:my_learning")).content.decode()
        expected = [
            ("Overdue thing", "Was due " + long_day(today - timedelta(days=70)), "red", "Overdue"),
            ("Soon thing", "Due " + long_day(today + timedelta(days=10)), "orange", "Due"),
            ("Later thing", "Due " + long_day(today + timedelta(days=60)), "grey", "Not started"),
            (
                "Exempt thing",
                "Exempt until " + long_day(today + timedelta(days=30)),
                "blue",
                "Exempt",
            ),
            (
                "Done thing",
                "Complete until " + long_day(months_after(today, 12) - timedelta(days=1)),
                "green",
                "Complete",
            ),
        ]
        section = body[body.index('id="required-title"') : body.index('id="cpd-title"')]
        positions = [section.index(f">{title}</a>") for title, *_ in expected]
        assert positions == sorted(positions)
        items = section.split('<li class="govuk-task-list__item')[1:]
        assert len(items) == 5
        for item, (title, when, colour, label) in zip(items, expected, strict=True):
            assert f">{title}</a>" in item
            assert when in " ".join(item.split())
            assert f'<strong class="govuk-tag govuk-tag--{colour}">{label}</strong>' in item
        # First on the page: before the CPD totals and the record.
        assert body.index("Your required learning") < body.index("CPD this year")

    def test_each_title_links_to_its_page(
        self, client, practitioner, make_requirement, page, second_page
    ):
        make_requirement(page, second_page, title="Two-part learning")
        records.completion_record(user=practitioner, page=page, how=CompletionHow.CONFIRMED)
        client.force_login(practitioner)
        body = client.get(reverse("records:my_learning")).content.decode()
        section = body[body.index('id="required-title"') : body.index('id="cpd-title"')]
        assert "Two-part learning" in section
        done = '<span class="govuk-body-s">(done)</span>'
        assert f'href="{page.url}">Making safeguarding personal</a> {done}' in section
        assert f'href="{second_page.url}">Self-neglect and hoarding</a>' in section
        assert "Self-neglect and hoarding</a> <span" not in section

    def test_nothing_required_is_said_plainly(self, client, practitioner):
        client.force_login(practitioner)
        body = client.get(reverse("records:my_learning")).content.decode()
        assert "Nothing is required of you at the moment." in body
        assert "organisation has not set" not in body

    def test_a_supervisor_sees_it_under_the_persons_name(
        self, client, practitioner, make_requirement, page
    ):
        make_requirement(page, title="Core learning")
        supervisor = make_person(
            role=Role.SUPERVISOR, organisation=practitioner.profile.organisation
        )
        practitioner.profile.supervisors.add(supervisor)
        client.force_login(supervisor)
        body = client.get(
            reverse("records:person_learning", args=[practitioner.pk])
        ).content.decode()
        assert '<h2 class="govuk-heading-m" id="required-title">Required learning</h2>' in body
        assert "What Priya Shah must complete, most urgent first." in body
        assert "Core learning" in body
        assert "Your required learning" not in body


class TestHome:
    def test_outstanding_requirements_come_first_overdue_first(
        self, client, practitioner, five_statuses, today
    ):
        titles = [step.title for step in next_steps_for(practitioner)]
        assert titles[:3] == [
            f"Overdue: Overdue thing (due {long_day(today - timedelta(days=70))})",
            f"Due soon: Soon thing (due {long_day(today + timedelta(days=10))})",
            f"Required: Later thing (due {long_day(today + timedelta(days=60))})",
        ]
        assert not any("Exempt thing" in title or "Done thing" in title for title in titles)
        client.force_login(practitioner)
        body = client.get("/").content.decode()
        assert body.index("Overdue: Overdue thing") < body.index("See your learning record")
        overdue = next(s for s in next_steps_for(practitioner) if "Overdue thing" in s.title)
        assert overdue.url == five_statuses["overdue"].url

    def test_they_link_to_the_first_page_not_yet_done(
        self, practitioner, make_requirement, page, second_page
    ):
        make_requirement(page, second_page, title="Two-part learning")
        (step,) = [s for s in next_steps_for(practitioner) if "Two-part" in s.title]
        assert step.url == page.url
        assert step.description == "Required learning: 2 of 2 items still to complete."
        records.completion_record(user=practitioner, page=page, how=CompletionHow.CONFIRMED)
        practitioner = User.objects.get(pk=practitioner.pk)  # a new request
        (step,) = [s for s in next_steps_for(practitioner) if "Two-part" in s.title]
        assert step.url == second_page.url
        assert step.description == "Required learning: 1 of 2 items still to complete."

    def test_below_setting_up_the_second_factor(self, make_requirement, page):
        lead = make_person(role=Role.ORGANISATION_LEAD)  # no authenticator yet
        make_requirement(page, title="Core learning")
        titles = [step.title for step in next_steps_for(lead)]
        assert titles[0] == "Set up two-factor authentication"
        assert titles[1].startswith("Required: Core learning (due ")

    def test_nothing_outstanding_adds_nothing(self, practitioner, make_requirement, page):
        make_requirement(page)
        records.completion_record(user=practitioner, page=page, how=CompletionHow.CONFIRMED)
        practitioner = User.objects.get(pk=practitioner.pk)
        assert not any("Core safeguarding" in step.title for step in next_steps_for(practitioner))


class TestListings:
    def test_required_items_are_tagged_in_the_case_study_listing(
        self, client, practitioner, five_statuses
    ):
        index_url = five_statuses["overdue"].get_parent().url
        client.force_login(practitioner)
        body = client.get(index_url).content.decode()
        cards = re.findall(r'<li class="hub-card">(.*?)</li>', body, re.DOTALL)
        tagged = sorted(
            re.search(r">([^<]+)</a></h3>", card).group(1) for card in cards if REQUIRED_TAG in card
        )
        # Outstanding only: not the one done, nor the one they are exempt from.
        assert tagged == ["Later page", "Overdue page", "Soon page"]

    def test_required_reviews_are_tagged_in_the_review_listing(
        self, client, practitioner, make_requirement
    ):
        published = timezone.now() - timedelta(days=30)
        required = make_review(title="Review of Adult A", published_at=published)
        done = make_review(title="Review of Adult B", published_at=published)
        make_review(title="Review of Adult C", published_at=published)
        make_requirement(required, title="Learning from Adult A")
        make_requirement(done, title="Learning from Adult B")
        records.completion_record(user=practitioner, page=done, how=CompletionHow.CONFIRMED)
        client.force_login(practitioner)
        body = client.get(required.get_parent().url).content.decode()
        cards = re.findall(r'<li class="hub-card">(.*?)</li>', body, re.DOTALL)
        tagged = {
            re.search(r">([^<]+)</a></h3>", card).group(1): REQUIRED_TAG in card for card in cards
        }
        # Outstanding only: not the review they have completed.
        assert tagged == {
            "Review of Adult A": True,
            "Review of Adult B": False,
            "Review of Adult C": False,
        }

    def test_review_tags_cost_the_same_queries_however_many_are_required(
        self, client, practitioner, make_requirement
    ):
        published = timezone.now() - timedelta(days=30)
        reviews = [make_review(title=f"Review {n}", published_at=published) for n in range(4)]
        requirement = make_requirement(reviews[0])
        index_url = reviews[0].get_parent().url
        client.force_login(practitioner)
        client.get(index_url)  # caches warmed (site root paths)

        one = queries_and_tags(client, index_url)
        requirement.pages.set(reviews)
        # A requirement changed moves the content version: warm the rebuilt caches again.
        client.get(index_url)
        four = queries_and_tags(client, index_url)
        assert (one[1], four[1]) == (1, 4)
        assert one[0] == four[0]

    def test_search_results_are_tagged(
        self, client, practitioner, make_requirement, page, second_page
    ):
        make_requirement(page)
        client.force_login(practitioner)
        body = client.get(reverse("search"), {"principle": "empowerment"}).content.decode()
        cards = re.findall(r'<li class="hub-card">(.*?)</li>', body, re.DOTALL)
        tagged = {
            re.search(r">([^<]+)</a></h3>", card).group(1): REQUIRED_TAG in card for card in cards
        }
        assert tagged == {"Making safeguarding personal": True, "Self-neglect and hoarding": False}

    def test_nobody_signed_out_sees_tags(self, client, make_requirement, page):
        make_requirement(page)
        assert REQUIRED_TAG not in client.get(page.get_parent().url).content.decode()

    def test_the_tags_cost_the_same_queries_however_many_are_required(
        self, client, practitioner, make_requirement, page, second_page
    ):
        others = [make_learning_page(title=f"Extra {n}") for n in range(2)]
        requirement = make_requirement(page)
        index_url = page.get_parent().url
        client.force_login(practitioner)
        client.get(index_url)  # caches warmed (site root paths)

        one = queries_and_tags(client, index_url)
        requirement.pages.set([page, second_page, *others])
        # A requirement changed moves the content version: warm the rebuilt caches again.
        client.get(index_url)
        four = queries_and_tags(client, index_url)
        assert (one[1], four[1]) == (1, 4)
        assert one[0] == four[0]
