"""Reading another person's individual records writes one VIEWED_RECORD entry before
the page is built; one's own records, lists of many people, and refusals write none;
and a page whose entry cannot be written is refused with a 503 that shows nothing of
the record."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils import timezone

from learning.audit import services as audit_services
from learning.audit.record_views import SAME_LOOK
from learning.models import CompletionHow, Exemption
from learning.models.audit import AuditAction, AuditEntry
from learning.records import services
from learning.roles import Role
from learning.supervision import services as supervision
from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam(db):
    return make_person(first_name="Sam", last_name="Patel")


@pytest.fixture
def completion(sam, page):
    return services.completion_record(user=sam, page=page, how=CompletionHow.CONFIRMED)[0]


@pytest.fixture
def supervisor(sam):
    supervisor = make_person(role=Role.SUPERVISOR, organisation=sam.profile.organisation)
    sam.profile.supervisors.add(supervisor)
    return supervisor


@pytest.fixture
def lead(sam, totp_user):
    lead = make_person(role=Role.ORGANISATION_LEAD, organisation=sam.profile.organisation)
    totp_user(lead)
    return lead


def viewed() -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=AuditAction.VIEWED_RECORD))


def record_url(completion) -> str:
    return reverse("records:person_learning", args=[completion.user_id])


def certificate_url(completion) -> str:
    return reverse("records:certificate", args=[completion.pk])


PAGES = {
    "learning record": (record_url, "Viewed the person's learning record"),
    "certificate": (
        certificate_url,
        "Viewed the person's certificate for “Making safeguarding personal”",
    ),
}


@pytest.mark.parametrize("viewer", ["supervisor", "lead"])
@pytest.mark.parametrize("shown", PAGES)
def test_viewing_someone_elses_record_writes_one_entry(
    client, request, sam, completion, viewer, shown
):
    viewer = request.getfixturevalue(viewer)
    make_url, summary = PAGES[shown]
    url = make_url(completion)
    client.force_login(viewer)

    response = client.get(url)

    assert response.status_code == 200
    [entry] = viewed()
    assert entry.actor == viewer
    assert entry.subject == sam
    assert entry.summary == summary
    assert entry.path == url
    assert entry.ip_address == "127.0.0.1"


def test_a_certificate_entry_names_the_completion(client, supervisor, completion):
    client.force_login(supervisor)
    client.get(certificate_url(completion))

    [entry] = viewed()
    assert (entry.target_type, entry.target_id) == ("learning.completion", str(completion.pk))


def test_each_page_view_writes_its_own_entry(client, supervisor, completion):
    client.force_login(supervisor)
    client.get(record_url(completion))
    client.get(record_url(completion) + "?page=1")

    assert len(viewed()) == 2


@pytest.mark.parametrize(
    "path",
    [
        lambda completion: reverse("records:my_learning"),
        certificate_url,
        # One's own id redirects to My learning.
        record_url,
    ],
    ids=["my-learning", "own-certificate", "own-id"],
)
def test_ones_own_record_writes_nothing(client, sam, completion, path):
    client.force_login(sam)

    response = client.get(path(completion), follow=True)

    assert response.status_code == 200
    assert "Making safeguarding personal" in response.content.decode()
    assert viewed() == []


def test_a_refused_record_writes_nothing(client, completion):
    client.force_login(make_person())

    assert client.get(record_url(completion)).status_code == 404
    assert client.get(certificate_url(completion)).status_code == 404
    assert viewed() == []


def _listed(viewer) -> list[tuple[int, str]]:
    return sorted(
        AuditEntry.objects.filter(action=AuditAction.VIEWED_IN_LIST, actor=viewer).values_list(
            "subject_id", "detail__list"
        )
    )


def test_lists_of_people_write_one_entry_for_each_person_shown(
    client, sam, supervisor, lead, completion, page
):
    session = supervision.team_session_record(
        delivered_by=supervisor,
        page=page,
        delivered_on=timezone.localdate() - timedelta(days=1),
        attendees=[sam],
    )
    exemption = Exemption.objects.create(
        user=sam, reason="Long-term leave", ends_on=timezone.localdate() + timedelta(days=30)
    )
    client.force_login(supervisor)
    for url in (
        reverse("supervision:my_team"),
        reverse("supervision:session_detail", args=[session.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Sam Patel" in response.content.decode()
    assert _listed(supervisor) == [
        (sam.pk, "My team"),
        (sam.pk, "a team session's attendees"),
    ]
    client.force_login(lead)
    for url in (reverse("organisation:people"), reverse("required:exemption_list")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Sam Patel" in response.content.decode()
    # Everyone else in the organisation is in the people table; the lead's own row is
    # theirs, so not recorded.
    assert exemption.pk
    assert _listed(lead) == sorted(
        [
            (sam.pk, "the exemptions list"),
            (sam.pk, "the people table"),
            (supervisor.pk, "the people table"),
        ]
    )
    # A list is not a read of one person's record.
    assert viewed() == []


def test_a_list_that_cannot_be_recorded_is_refused(client, sam, supervisor):
    client.force_login(supervisor)

    class AuditTableUnavailable:
        """The connection as it is, except that the list's insert fails."""

        ops = connection.ops

        def cursor(self):
            raise DatabaseError("audit table unavailable")

    with mock.patch.object(audit_services, "connection", AuditTableUnavailable()):
        response = client.get(reverse("supervision:my_team"))
    assert response.status_code == 503
    assert "Sam Patel" not in response.content.decode()


@pytest.mark.parametrize("shown", PAGES)
def test_a_view_that_cannot_be_recorded_is_refused(client, supervisor, completion, shown):
    make_url, _summary = PAGES[shown]
    client.force_login(supervisor)

    with mock.patch.object(
        AuditEntry.objects, "create", side_effect=DatabaseError("audit table unavailable")
    ):
        response = client.get(make_url(completion))

    assert response.status_code == 503
    body = response.content.decode()
    assert "Making safeguarding personal" not in body
    assert "Sam Patel" not in body
    assert viewed() == []


def test_the_leads_compliance_report_records_the_people_it_names(
    client, sam, lead, page, make_requirement
):
    make_requirement(page, title="Core safeguarding")
    client.force_login(lead)
    response = client.get(reverse("reports:report", args=["compliance"]))
    assert response.status_code == 200
    assert "Sam Patel" in response.content.decode()
    assert (sam.pk, "the compliance report's “People not yet complete” table") in _listed(lead)
    assert lead.pk not in {subject for subject, _list in _listed(lead)}


def test_seeing_the_same_list_again_soon_writes_nothing_more(client, sam, supervisor):
    client.force_login(supervisor)
    url = reverse("supervision:my_team")
    client.get(url)
    client.get(url)
    assert _listed(supervisor) == [(sam.pk, "My team")]
    # Ten minutes on it is a new look.
    later = timezone.now() + SAME_LOOK + timedelta(seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        client.get(url)
    assert _listed(supervisor) == [(sam.pk, "My team"), (sam.pk, "My team")]


def test_a_session_is_audited_for_its_supervisor_not_its_attendees(client, sam, supervisor, page):
    colleague = make_person(organisation=sam.profile.organisation)
    colleague.profile.supervisors.add(supervisor)
    session = supervision.team_session_record(
        delivered_by=supervisor,
        page=page,
        delivered_on=timezone.localdate() - timedelta(days=1),
        attendees=[sam, colleague],
    )
    client.force_login(sam)
    assert client.get(reverse("supervision:session_detail", args=[session.pk])).status_code == 200
    assert _listed(sam) == []
    client.force_login(supervisor)
    edit = client.get(reverse("supervision:session_edit", args=[session.pk]))
    assert edit.status_code == 200
    assert _listed(supervisor) == sorted(
        [(sam.pk, "a team session's attendees"), (colleague.pk, "a team session's attendees")]
    )
