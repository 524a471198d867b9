"""Each registration-progress figure links to exactly the entries it counts."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import EntryStatus, Profile, ReflectiveEntry, ReviewStatus, TeamSession
from learning.records import registration, services
from learning.records.dates import years_before
from learning.records.selectors import cpd_record_for
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def _link(body: str, label: str) -> str:
    """The href of the "See the entries" link for the figure labelled `label`."""
    match = re.search(
        r'href="([^"]+)">See the entries<span class="govuk-visually-hidden"> for '
        + re.escape(html.escape(label[0].lower() + label[1:], quote=True)),
        body,
    )
    assert match, f"no link for {label!r}"
    return html.unescape(match.group(1))


def _shown(body: str, titles: set[str], after: str) -> set[str]:
    listed = body.split(after, 1)[1]
    return {title for title in titles if title in listed}


@pytest.fixture
def nmc_record(practitioner, make_learning_page):
    """An NMC registrant with CPD and reflections inside and outside the three years,
    participatory and not, final and draft, discussed and not."""
    Profile.objects.filter(user=practitioner).update(registration_body="nmc")
    today = timezone.localdate()
    old = years_before(today, 3) - timedelta(days=5)

    confirmed = make_learning_page(title="Page read alone", cpd_minutes=30)
    services.completion_record(user=practitioner, page=confirmed, how="confirmed")
    in_team = make_learning_page(title="Page in a team session", cpd_minutes=45)
    session = TeamSession.objects.create(
        page=in_team,
        page_title=in_team.title,
        delivered_by=make_person(),
        delivered_on=today,
        minutes=30,
    )
    services.completion_record(
        user=practitioner, page=in_team, how="team_session", team_session=session
    )
    for title, day, participatory in (
        ("Workshop with colleagues", today - timedelta(days=10), True),
        ("Reading on my own", today - timedelta(days=20), False),
        ("Old participatory course", old, True),
    ):
        services.external_cpd_create(
            user=practitioner,
            title=title,
            date=day,
            minutes=60,
            type="course",
            participatory=participatory,
        )

    def entry(title, status=EntryStatus.FINAL, days_ago=1, **fields):
        made = ReflectiveEntry.objects.create(
            author=practitioner, title=title, body="Text", status=status, **fields
        )
        ReflectiveEntry.objects.filter(pk=made.pk).update(
            created_at=timezone.now() - timedelta(days=days_ago)
        )

    entry("Final account")
    entry("Draft account", status=EntryStatus.DRAFT)
    entry("Account from long ago", days_ago=(today - old).days)
    entry(
        "Discussed draft",
        status=EntryStatus.DRAFT,
        review_status=ReviewStatus.DISCUSSED,
        reviewed_on=today,
    )
    practitioner.profile.refresh_from_db()
    return practitioner


RECORD_TITLES = {
    "Page read alone",
    "Page in a team session",
    "Workshop with colleagues",
    "Reading on my own",
    "Old participatory course",
}
REFLECTION_TITLES = {"Final account", "Draft account", "Account from long ago", "Discussed draft"}


def test_each_nmc_figure_lists_exactly_its_entries(client, nmc_record):
    client.force_login(nmc_record)
    body = client.get(reverse("records:my_learning")).content.decode()

    expected = {
        "Hours of CPD": (
            "record",
            {"Page read alone", "Page in a team session", "Workshop with colleagues",
             "Reading on my own"},
        ),
        "Hours of participatory CPD": (
            "record",
            {"Page in a team session", "Workshop with colleagues"},
        ),
        "Written reflective accounts": ("reflections", {"Final account"}),
        "Reflective discussion": ("reflections", {"Discussed draft"}),
    }  # fmt: skip
    links = {label: _link(body, label) for label in expected}
    assert len(set(links.values())) == len(links), "two figures share one link"

    for label, (where, titles) in expected.items():
        page = client.get(links[label])
        assert page.status_code == 200, label
        listed = page.content.decode()
        if where == "record":
            assert _shown(listed, RECORD_TITLES, 'id="record-title"') == titles, label
        else:
            assert _shown(listed, REFLECTION_TITLES, 'id="summary-title"') == titles, label


def test_the_links_agree_with_the_figures(nmc_record):
    """The participatory link's filter and the figure count the same minutes."""
    progress = registration.registration_progress_for(nmc_record)
    figure = {r.label: r for r in progress.requirements}["Hours of participatory CPD"]
    listed = cpd_record_for(
        user=nmc_record, since=figure.since, until=figure.until, participatory=True
    )
    assert sum(entry.minutes for entry in listed) / 60 == figure.done


def test_the_participatory_filter_on_my_learning(client, nmc_record):
    client.force_login(nmc_record)
    body = client.get(reverse("records:my_learning"), {"participatory": "on"}).content.decode()
    assert _shown(body, RECORD_TITLES, 'id="record-title"') == {
        "Page in a team session",
        "Workshop with colleagues",
        "Old participatory course",
    }


def test_swe_peer_reflection_links_to_the_discussions_only(client, nmc_record):
    Profile.objects.filter(user=nmc_record).update(registration_body="swe")
    client.force_login(nmc_record)
    body = client.get(reverse("records:my_learning")).content.decode()
    link = _link(body, "Reflections discussed with or signed off by a supervisor")
    listed = client.get(link).content.decode()
    assert _shown(listed, REFLECTION_TITLES, 'id="summary-title"') == {"Discussed draft"}
