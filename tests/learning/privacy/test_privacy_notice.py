"""The privacy notice: what follows its editable text is read from the live settings
(each organisation's retention period, the period and contact in the privacy settings,
the role table), and a plain information page shows none of it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.models import InformationPage, Organisation, PrivacySettings
from learning.privacy.notice import ROLE_DESCRIPTIONS, privacy_details, retention_periods
from learning.roles import Role
from learning.site_setup import ensure_site_pages

pytestmark = pytest.mark.django_db

NOTICE_PATH = "/privacy-notice/"


@pytest.fixture
def home():
    return ensure_site_pages()


def _organisation(name: str, years: int) -> Organisation:
    return Organisation.objects.create(name=name, type="council", retention_years=years)


def _notice(client) -> str:
    response = client.get(NOTICE_PATH)
    assert response.status_code == 200
    return response.content.decode()


def test_the_site_creates_the_privacy_notice_with_its_details(home):
    notice = InformationPage.objects.get(slug="privacy-notice")
    assert notice.shows_privacy_details
    assert not InformationPage.objects.get(slug="accessibility-statement").shows_privacy_details
    # The editable text leaves periods to the generated part, which follows the settings.
    assert "six years" not in notice.body.lower()
    assert "years" not in notice.body


def test_organisations_are_grouped_by_their_period_longest_first():
    _organisation("Carefield Trust", 6)
    _organisation("Ashby Council", 6)
    _organisation("Dunmore Police", 3)
    _organisation("Bellwood Hospice", 10)

    periods = [(period.label, period.organisations) for period in retention_periods()]

    assert periods == [
        ("10 years", ("Bellwood Hospice",)),
        ("6 years", ("Ashby Council", "Carefield Trust")),
        ("3 years", ("Dunmore Police",)),
    ]


def test_a_one_year_period_is_written_in_the_singular():
    _organisation("Ashby Council", 1)
    settings = PrivacySettings.load()
    settings.retention_years_without_organisation = 1
    settings.save()

    details = privacy_details()

    assert details["retention_periods"][0].label == "1 year"
    assert details["retention_without_organisation"] == "1 year"


def test_notice_shows_the_configured_periods_and_follows_changes(client, home):
    ashby = _organisation("Ashby Council", 6)
    _organisation("Carefield Trust", 6)
    body = _notice(client)
    assert "<strong>6 years</strong> for staff of Ashby Council, Carefield Trust" in body
    assert "<strong>6 years</strong> for people who do not belong" in body

    ashby.retention_years = 4
    ashby.save()
    settings = PrivacySettings.load()
    settings.retention_years_without_organisation = 2
    settings.save()

    body = _notice(client)
    assert "<strong>6 years</strong> for staff of Carefield Trust" in body
    assert "<strong>4 years</strong> for staff of Ashby Council" in body
    assert "<strong>2 years</strong> for people who do not belong" in body
    assert "Ashby Council, Carefield Trust" not in body


def test_notice_shows_the_configured_contact(client, home):
    settings = PrivacySettings.load()
    settings.contact_name = "Priya Shah, Data Protection Officer"
    settings.contact_email = "dpo@northmoor.example"
    settings.save()

    body = _notice(client)

    assert "Priya Shah, Data Protection Officer at" in body
    assert '<a class="govuk-link" href="mailto:dpo@northmoor.example">' in body


def test_notice_without_a_contact_points_to_the_board(client, home):
    body = _notice(client)
    assert "mailto:" not in body
    assert "the board's business unit, which runs the hub" in body


def test_notice_has_a_row_for_every_role(client, home):
    body = _notice(client)
    assert "Who can see it" in body
    for role in Role:
        assert f'<th scope="row" class="govuk-table__header">{role.value}</th>' in body
    # The privacy rules the table must state, in the words kept in learning.privacy.notice.
    assert "fewer than 5 people is held back" in body
    assert "They do not read reflective entries on the hub" in body


def test_every_role_has_a_description():
    assert set(ROLE_DESCRIPTIONS) == set(Role)


def test_notice_links_to_the_download_and_the_reflective_log(client, home):
    body = _notice(client)
    assert f'href="{reverse("my_data")}"' in body
    assert reverse("my_data") == "/my-data/"
    assert f'href="{reverse("reflections:entry_list")}"' in body
    assert 'href="https://ico.org.uk/make-a-complaint/"' in body


def test_notice_says_what_erasure_removes_and_keeps(client, home):
    body = _notice(client)
    assert "erases everything you wrote about your learning and practice" in body
    assert "removes your name, email address, password, two-factor and single sign-on" in body
    assert "for as long as the hub runs" in body
    assert "keeps the counts" in body
    # What outlives erasure is said, not left for the reader to find out.
    assert "the audit trail, for as long as the hub runs, so it can still show who" in body
    assert "“Erased person”" in body
    assert "the reasons you gave for allowing a possible identifier" in body
    # And what is kept for a short time, for as long as the hub keeps it.
    assert "emails the hub sends: 7 days after they are sent" in body
    assert "an invitation that was never accepted: 6 months after it ended" in body


def test_notice_says_how_long_a_copy_is_kept_as_configured(client, home, monkeypatch):
    assert "a copy of your data that you ask for: 7 days, for you" in _notice(client)
    monkeypatch.setattr("learning.privacy.notice.EXPORT_LIFETIME", timedelta(days=1))
    assert "a copy of your data that you ask for: 1 day, for you" in _notice(client)


def test_notice_names_the_other_rights_and_where_to_correct_a_registration(client, home):
    body = _notice(client)
    assert "ask for something wrong to be corrected" in body
    assert "restricted while a question about them is settled" in body
    assert "object to how they are used" in body
    assert f'href="{reverse("records:registration")}"' in body


def test_notice_lists_invitations_notifications_and_editors_records(client, home):
    body = _notice(client)
    assert "Invitations sent to you or by you" in body
    assert "your comments on pages" in body


def test_an_information_page_without_the_flag_shows_none_of_it(client, home):
    _organisation("Ashby Council", 6)
    home.add_child(
        instance=InformationPage(title="Escalation policy", slug="escalation", body="<p>Hi</p>")
    ).save_revision().publish()

    body = client.get("/escalation/").content.decode()

    assert "Escalation policy" in body
    for generated in ("Who can see it", "How long it is kept", "Ashby Council", "/my-data/"):
        assert generated not in body
    statement = client.get("/accessibility-statement/").content.decode()
    assert "Who can see it" not in statement


def _queries_for_the_notice(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(NOTICE_PATH).status_code == 200
    return len(queries)


def test_the_notice_runs_a_fixed_number_of_queries(client, home):
    _organisation("Organisation A", 6)
    client.get(NOTICE_PATH)  # Warm whatever the site loads once.
    few = _queries_for_the_notice(client)
    for number in range(12):
        _organisation(f"Organisation {number}", 3 + number % 4)

    assert _queries_for_the_notice(client) == few
