"""What the admin says after a SAB manager publishes a learning page: "has been
published" when it goes live now, and the date and time when it is scheduled.

The pages, people and form data are the anonymisation guard's (its tests publish through
the same admin views), from this folder's conftest and helpers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from case_studies.models import CaseStudyPage
from tests.learning.publishing_guard.helpers import (
    case_study_edit_data,
    edit_url,
    messages_of,
    reload,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
GO_LIVE = datetime(2027, 1, 6, 9, 0, tzinfo=LONDON)
SUMMER_GO_LIVE = datetime(2027, 7, 6, 14, 30, tzinfo=LONDON)


def _go_live_field(when: datetime) -> str:
    """As the settings tab's date picker posts it, in the site's time zone."""
    return when.strftime("%Y-%m-%d %H:%M")


def _publish(client, page, principle, **extra):
    return client.post(
        edit_url(page),
        case_study_edit_data(
            page,
            principle,
            situation="<p>Mrs S lived alone.</p>",
            **{"action-publish": "1"},
            **extra,
        ),
        follow=True,
    )


def test_publishing_now_says_it_has_been_published(client, make_draft, manager, empowerment):
    page = make_draft()
    client.force_login(manager)

    shown = messages_of(_publish(client, page, empowerment))

    assert reload(page).live
    assert any("has been published" in m for m in shown), shown
    assert not any("scheduled" in m for m in shown), shown


def test_publishing_with_a_future_go_live_date_says_when(client, make_draft, manager, empowerment):
    page = make_draft()
    client.force_login(manager)

    shown = messages_of(_publish(client, page, empowerment, go_live_at=_go_live_field(GO_LIVE)))

    assert not reload(page).live
    assert reload(page).get_latest_revision().approved_go_live_at == GO_LIVE
    assert any(
        f"“{page.title}” is scheduled to go live on 6 January 2027 at 9am." in m for m in shown
    ), shown
    # Wagtail's undated wording is replaced, not shown beside ours.
    assert not any("scheduled for publishing" in m for m in shown), shown
    assert len([m for m in shown if "scheduled" in m]) == 1
    assert any(edit_url(page) in m for m in shown), "the Edit button is kept"


def test_a_live_page_says_the_new_version_is_scheduled_and_the_old_stays(
    client,
    make_draft,
    manager,
    empowerment,
):
    page = make_draft()
    page.get_latest_revision().publish()
    client.force_login(manager)

    shown = messages_of(
        _publish(client, page, empowerment, go_live_at=_go_live_field(SUMMER_GO_LIVE))
    )

    assert reload(page).live
    assert any(
        f"This version of “{page.title}” is scheduled to go live on 6 July 2027 at 2:30pm." in m
        for m in shown
    ), shown
    assert not any("scheduled for publishing" in m for m in shown), shown


def test_creating_a_page_with_a_future_go_live_date_says_when(client, index, manager, empowerment):
    client.force_login(manager)
    draft = CaseStudyPage(
        title="A scheduled case study", slug="a-scheduled-case-study", summary="New."
    )
    data = case_study_edit_data(
        draft,
        empowerment,
        situation="<p>Mrs S lived alone.</p>",
        go_live_at=_go_live_field(GO_LIVE),
        **{"action-publish": "1"},
    )

    response = client.post(
        reverse("wagtailadmin_pages:add", args=["case_studies", "casestudypage", index.pk]),
        data,
        follow=True,
    )

    shown = messages_of(response)
    assert any(
        "“A scheduled case study” is scheduled to go live on 6 January 2027 at 9am." in m
        for m in shown
    ), shown
    assert not any("scheduled for publishing" in m for m in shown), shown


def test_saving_a_draft_with_a_go_live_date_is_left_alone(client, make_draft, manager, empowerment):
    page = make_draft()
    client.force_login(manager)

    response = client.post(
        edit_url(page),
        case_study_edit_data(
            page,
            empowerment,
            situation="<p>Mrs S lived alone.</p>",
            go_live_at=_go_live_field(GO_LIVE),
        ),
        follow=True,
    )

    shown = messages_of(response)
    assert any("has been updated" in m for m in shown), shown
    assert not any("scheduled to go live" in m for m in shown), shown


def test_a_refused_publish_keeps_the_guards_message(client, make_draft, manager, empowerment):
    page = make_draft()
    client.force_login(manager)

    response = client.post(
        edit_url(page),
        case_study_edit_data(
            page,
            empowerment,
            situation="<p>Mrs Joan Smith lived alone.</p>",
            go_live_at=_go_live_field(GO_LIVE),
            **{"action-publish": "1"},
        ),
        follow=True,
    )

    shown = messages_of(response)
    assert not reload(page).live
    assert any("was saved as a draft but not published" in m for m in shown), shown
    assert not any("scheduled" in m for m in shown), shown
