"""The records pages: status codes, privacy headers, who sees what, bad input."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning.models import Completion, CompletionHow, ExternalCPD, Feedback, Profile
from learning.records import services
from learning.roles import Role
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def assert_private(response):
    cache_control = response.headers.get("Cache-Control", "")
    assert "private" in cache_control and "no-store" in cache_control, cache_control


def complete(user, page, **kwargs):
    return services.completion_record(user=user, page=page, how=CompletionHow.CONFIRMED, **kwargs)[
        0
    ]


def external(user, **overrides):
    values = {
        "title": "Mental Capacity Act refresher",
        "date": timezone.localdate() - timedelta(days=10),
        "minutes": 120,
        "type": "course",
    }
    return services.external_cpd_create(user=user, **{**values, **overrides})


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


# ---------------------------------------------------------------------------
# Completing a page
# ---------------------------------------------------------------------------


class TestCompleting:
    def test_signed_in_reader_sees_the_confirm_button(self, signed_in, learning_page):
        body = signed_in.get(learning_page.url).content.decode()

        assert "Record your learning" in body
        assert "I have read this case study \u2013 record 7 minutes of CPD" in body
        assert reverse("records:complete", args=[learning_page.pk]) in body

    def test_signed_out_reader_is_invited_to_sign_in(self, client, learning_page):
        body = client.get(learning_page.url).content.decode()

        assert "to record this case study as 7 minutes of CPD" in body
        assert reverse("records:complete", args=[learning_page.pk]) not in body

    def test_confirming_records_a_completion_once(self, signed_in, practitioner, learning_page):
        url = reverse("records:complete", args=[learning_page.pk])
        first = signed_in.post(url)
        second = signed_in.post(url)

        assert first.status_code == second.status_code == 302
        assert first["Location"].endswith("?done=recorded#completion")
        completion = Completion.objects.get(user=practitioner)
        assert completion.how == CompletionHow.CONFIRMED
        assert completion.revision_id == learning_page.live_revision_id

    def test_completed_page_shows_the_date_and_certificate(
        self, signed_in, practitioner, learning_page
    ):
        completion = complete(practitioner, learning_page)
        body = signed_in.get(learning_page.url).content.decode()

        assert f"You completed this on {timezone.localdate():%-d %B %Y}" in body
        assert reverse("records:certificate", args=[completion.pk]) in body
        assert "I have read this" not in body
        # Invited, never forced, to give feedback.
        assert "Tell us what you thought (optional)" in body

    def test_a_page_completed_by_a_check_shows_a_prompt_not_a_button(
        self, signed_in, practitioner, check_page
    ):
        body = signed_in.get(check_page.url).content.decode()
        assert "by passing its knowledge check" in body
        assert "I have read this" not in body

        response = signed_in.post(reverse("records:complete", args=[check_page.pk]))
        assert response.status_code == 302
        assert not Completion.objects.exists()

    def test_completing_needs_sign_in_and_post(self, client, signed_in, learning_page):
        url = reverse("records:complete", args=[learning_page.pk])
        assert signed_in.get(url).status_code == 405
        signed_in.logout()
        response = client.post(url)
        assert response.status_code == 302 and "login" in response["Location"]
        assert not Completion.objects.exists()

    def test_unknown_draft_or_non_learning_pages_are_404(self, signed_in, home, make_learning_page):
        draft = make_learning_page(publish=False)
        for page_id in (999999, draft.pk, home.pk):
            response = signed_in.post(reverse("records:complete", args=[page_id]))
            assert response.status_code == 404
        assert not Completion.objects.exists()


# ---------------------------------------------------------------------------
# My learning
# ---------------------------------------------------------------------------


class TestMyLearning:
    def test_lists_completions_and_external_cpd_by_date_with_totals(
        self, signed_in, practitioner, learning_page
    ):
        complete(practitioner, learning_page)
        external(practitioner, title="Older course", date=timezone.localdate() - timedelta(days=40))
        response = signed_in.get(reverse("records:my_learning"))

        assert response.status_code == 200
        assert_private(response)
        body = response.content.decode()
        assert body.index("Listening to Mrs B") < body.index("Older course")
        assert "2 entries" in body
        assert "Nothing is required of you at the moment." in body
        assert 'aria-current="page"' in body and ">My learning<" in body

    def test_needs_sign_in(self, client):
        response = client.get(reverse("records:my_learning"))
        assert response.status_code == 302 and "login" in response["Location"]

    def test_filters_by_principle_and_dates(self, signed_in, practitioner, make_learning_page):
        empowering = make_learning_page(title="About choice", principle_slugs=("empowerment",))
        preventing = make_learning_page(title="About risk", principle_slugs=("prevention",))
        complete(practitioner, empowering)
        complete(practitioner, preventing, completed_at=timezone.now() - timedelta(days=30))
        external(practitioner, title="A course elsewhere")
        url = reverse("records:my_learning")

        body = signed_in.get(url, {"principle": "prevention"}).content.decode()
        assert "About risk" in body
        assert "About choice" not in body and "A course elsewhere" not in body

        since = (timezone.localdate() - timedelta(days=15)).isoformat()
        body = signed_in.get(url, {"since": since}).content.decode()
        assert "About choice" in body and "A course elsewhere" in body
        assert "About risk" not in body

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"principle": "nonsense"}, "There is no principle called that"),
            ({"since": "2024-02-31"}, "The start date is not a real date"),
            ({"until": "yesterday"}, "The end date is not a real date"),
            ({"since": "2025-06-01", "until": "2025-01-01"}, "The start date is after"),
        ],
    )
    def test_bad_filters_are_ignored_with_a_message(
        self, signed_in, practitioner, learning_page, params, message
    ):
        complete(practitioner, learning_page)
        response = signed_in.get(reverse("records:my_learning"), params)

        assert response.status_code == 200
        body = response.content.decode()
        assert message in body and "so that filter was not used" in body
        assert "Listening to Mrs B" in body

    def test_registration_progress_is_shown_for_a_registrant(self, signed_in, practitioner):
        Profile.objects.filter(user=practitioner).update(registration_body="swe")
        body = signed_in.get(reverse("records:my_learning")).content.decode()

        assert "CPD for Social Work England" in body
        assert "0 of 2 pieces" in body

    def test_empty_record(self, signed_in):
        body = signed_in.get(reverse("records:my_learning")).content.decode()
        assert "Nothing recorded yet." in body
        assert "CPD for" not in body


class TestSomeoneElsesRecord:
    def test_supervisor_and_organisation_lead_see_it_others_do_not(
        self, client, practitioner, learning_page, totp_user
    ):
        complete(practitioner, learning_page)
        profile = practitioner.profile
        supervisor = make_person(role=Role.SUPERVISOR)
        profile.supervisors.add(supervisor)
        lead = make_person(role=Role.ORGANISATION_LEAD, organisation=profile.organisation)
        other_lead = make_person(role=Role.ORGANISATION_LEAD)
        colleague = make_person(organisation=profile.organisation)
        manager = make_person(role=Role.SAB_MANAGER, organisation=profile.organisation)
        # Leads and managers must have two-factor authentication before seeing anything.
        for person in (lead, other_lead, manager):
            totp_user(person)
        url = reverse("records:person_learning", args=[practitioner.pk])

        for viewer in (supervisor, lead):
            client.force_login(viewer)
            response = client.get(url)
            assert response.status_code == 200
            assert_private(response)
            body = response.content.decode()
            assert "Listening to Mrs B" in body
            assert "Add CPD you did elsewhere" not in body
        for viewer in (other_lead, colleague, manager):
            client.force_login(viewer)
            assert client.get(url).status_code == 404

    def test_own_id_redirects_to_my_learning(self, signed_in, practitioner):
        response = signed_in.get(reverse("records:person_learning", args=[practitioner.pk]))
        assert response.status_code == 302
        assert response["Location"] == reverse("records:my_learning")

    def test_unknown_person_is_404(self, signed_in):
        assert signed_in.get(reverse("records:person_learning", args=[999999])).status_code == 404


# ---------------------------------------------------------------------------
# External CPD
# ---------------------------------------------------------------------------


def cpd_post(**overrides):
    data = {
        "title": "Domestic abuse awareness",
        "provider": "County training team",
        "date": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "minutes": "90",
        "type": "course",
        "participatory": "on",
        "what_learned": "Coercive control is a pattern, not an incident.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


class TestExternalCPD:
    def test_add(self, signed_in, practitioner):
        url = reverse("records:external_cpd_add")
        response = signed_in.get(url)
        assert response.status_code == 200
        assert_private(response)

        response = signed_in.post(url, cpd_post())

        assert response.status_code == 302
        entry = ExternalCPD.objects.get(user=practitioner)
        assert (entry.title, entry.minutes, entry.participatory) == (
            "Domestic abuse awareness",
            90,
            True,
        )

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            (
                {"date": (timezone.localdate() + timedelta(days=1)).isoformat()},
                "The date must be today or in the past",
            ),
            ({"minutes": "0"}, "The time must be at least 1 minute"),
            ({"minutes": "6001"}, "The time must be 6,000 minutes (100 hours) or fewer"),
            ({"minutes": "ninety"}, "Enter the time as a whole number of minutes"),
            ({"title": ""}, "Enter the name of the activity"),
            ({"date": "31/02/2025"}, "Enter a real date"),
            ({"type": "holiday"}, "Select one of the options"),
        ],
    )
    def test_bad_input_is_explained_and_kept(self, signed_in, overrides, message):
        response = signed_in.post(reverse("records:external_cpd_add"), cpd_post(**overrides))

        assert response.status_code == 400
        assert_private(response)
        body = response.content.decode()
        assert "There is a problem" in body
        assert message in body
        # Nothing the person typed is lost.
        assert "Coercive control is a pattern, not an incident." in body
        assert "County training team" in body
        assert not ExternalCPD.objects.exists()

    def test_edit_own_entry(self, signed_in, practitioner):
        entry = external(practitioner)
        url = reverse("records:external_cpd_edit", args=[entry.pk])
        body = signed_in.get(url).content.decode()
        assert 'value="Mental Capacity Act refresher"' in body

        response = signed_in.post(url, cpd_post(title="MCA in practice", minutes="60"))
        assert response.status_code == 302
        entry.refresh_from_db()
        assert (entry.title, entry.minutes) == ("MCA in practice", 60)

    def test_failed_edit_changes_nothing(self, signed_in, practitioner):
        entry = external(practitioner)
        response = signed_in.post(
            reverse("records:external_cpd_edit", args=[entry.pk]), cpd_post(minutes="0")
        )
        assert response.status_code == 400
        entry.refresh_from_db()
        assert entry.minutes == 120

    def test_delete_own_entry(self, signed_in, practitioner):
        entry = external(practitioner)
        url = reverse("records:external_cpd_delete", args=[entry.pk])
        assert "Are you sure" in signed_in.get(url).content.decode()

        assert signed_in.post(url).status_code == 302
        assert not ExternalCPD.objects.exists()

    def test_someone_elses_entry_is_404(self, client, practitioner):
        entry = external(practitioner)
        supervisor = make_person(role=Role.SUPERVISOR)
        practitioner.profile.supervisors.add(supervisor)
        client.force_login(supervisor)

        for name in ("records:external_cpd_edit", "records:external_cpd_delete"):
            url = reverse(name, args=[entry.pk])
            assert client.get(url).status_code == 404
            assert client.post(url, cpd_post(title="Changed")).status_code == 404
        entry.refresh_from_db()
        assert entry.title == "Mental Capacity Act refresher"


# ---------------------------------------------------------------------------
# Feedback
# ---------------------------------------------------------------------------


class TestFeedback:
    def test_give_and_change_feedback(self, signed_in, practitioner, learning_page):
        complete(practitioner, learning_page)
        url = reverse("records:feedback", args=[learning_page.pk])
        response = signed_in.post(
            url, {"usefulness": "4", "will_change_practice": "yes", "comment": "Useful."}
        )
        assert response.status_code == 302

        response = signed_in.get(url)
        assert response.status_code == 200
        assert_private(response)
        body = response.content.decode()
        # The form is pre-filled with what was said before.
        assert re.search(r'<input[^>]*value="4"[^>]*checked', body)
        assert re.search(r'<input[^>]*value="yes"[^>]*checked', body)
        assert "Useful.</textarea>" in body

        signed_in.post(url, {"usefulness": "2", "will_change_practice": "no", "comment": ""})
        feedback = Feedback.objects.get(user=practitioner)
        assert (feedback.usefulness, feedback.will_change_practice) == (2, "no")

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ({"usefulness": "6", "will_change_practice": "yes"}, "Select how useful this was"),
            ({"will_change_practice": "yes"}, "Select how useful this was"),
            ({"usefulness": "3", "will_change_practice": "maybe"}, "Select yes, not sure or no"),
            (
                {"usefulness": "3", "will_change_practice": "yes", "comment": "x" * 1001},
                "Keep your comment to 1,000 characters or fewer (it has 1001)",
            ),
        ],
    )
    def test_bad_feedback_gets_errors_and_400(
        self, signed_in, practitioner, learning_page, data, message
    ):
        complete(practitioner, learning_page)
        response = signed_in.post(reverse("records:feedback", args=[learning_page.pk]), data)

        assert response.status_code == 400
        assert message in response.content.decode()
        assert not Feedback.objects.exists()

    def test_no_feedback_on_an_item_not_completed(self, signed_in, learning_page):
        url = reverse("records:feedback", args=[learning_page.pk])
        assert signed_in.get(url).status_code == 404
        response = signed_in.post(url, {"usefulness": "5", "will_change_practice": "yes"})
        assert response.status_code == 404
        assert not Feedback.objects.exists()

    def test_comment_is_shown_back_escaped(self, signed_in, practitioner, learning_page):
        complete(practitioner, learning_page)
        services.feedback_save(
            user=practitioner,
            page=learning_page,
            usefulness=3,
            will_change_practice="not_sure",
            comment="<script>alert(1)</script>",
        )
        body = signed_in.get(reverse("records:feedback", args=[learning_page.pk])).content.decode()
        assert "<script>alert(1)</script>" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body

        # The summary shows feedback comments only when the person asks for them.
        summary = signed_in.get(
            reverse("records:cpd_summary") + "?choose=1&feedback_comments=1"
        ).content.decode()
        assert "<script>alert(1)</script>" not in summary
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in summary

    def test_page_shows_given_feedback_and_a_change_link(
        self, signed_in, practitioner, learning_page
    ):
        complete(practitioner, learning_page)
        services.feedback_save(
            user=practitioner, page=learning_page, usefulness=5, will_change_practice="yes"
        )
        body = signed_in.get(learning_page.url).content.decode()
        assert "You rated this 5 out of 5" in body
        assert "Change your feedback" in body
        assert "Tell us what you thought (optional)" not in body


# ---------------------------------------------------------------------------
# Exports
# ---------------------------------------------------------------------------


class TestExports:
    def test_csv_download(self, signed_in, practitioner, learning_page):
        complete(practitioner, learning_page)
        external(practitioner, title='=HYPERLINK("http://evil.example")')
        response = signed_in.get(reverse("records:export_csv"))

        assert response.status_code == 200
        assert_private(response)
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0][0] == "Date"
        titles = {row[1] for row in rows[1:]}
        assert titles == {"Listening to Mrs B", '\'=HYPERLINK("http://evil.example")'}

    def test_cpd_summary(self, signed_in, practitioner, learning_page):
        complete(practitioner, learning_page)
        external(practitioner, what_learned="Capacity is decision-specific.")
        response = signed_in.get(reverse("records:cpd_summary"))

        assert response.status_code == 200
        assert_private(response)
        body = response.content.decode()
        for heading in (
            "Description and relevance",
            "What I learned",
            "Impact on my practice and on the people I work with",
            "Peer reflection",
            "Hours of participatory CPD",
            "Written reflective accounts",
        ):
            assert heading in body
        assert "Capacity is decision-specific." in body
        assert "Safeguarding principles: Empowerment." in body

    def test_exports_need_sign_in(self, client):
        for name in ("records:export_csv", "records:cpd_summary"):
            response = client.get(reverse(name))
            assert response.status_code == 302 and "login" in response["Location"]


# ---------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------


class TestCertificates:
    def test_own_certificate(self, signed_in, practitioner, learning_page):
        completion = complete(practitioner, learning_page)
        response = signed_in.get(reverse("records:certificate", args=[completion.pk]))

        assert response.status_code == 200
        assert_private(response)
        body = response.content.decode()
        assert "Priya Shah" in body and "Listening to Mrs B" in body
        code = completion.certificate_code
        assert f"{code[:4]} {code[4:8]} {code[8:]}" in body
        assert reverse("records:certificate_verify", args=[code]) in body

    def test_other_peoples_certificates_are_404_unless_the_rule_allows(
        self, client, practitioner, learning_page
    ):
        completion = complete(practitioner, learning_page)
        url = reverse("records:certificate", args=[completion.pk])
        stranger = make_person()
        client.force_login(stranger)
        assert client.get(url).status_code == 404

        supervisor = make_person(role=Role.SUPERVISOR)
        practitioner.profile.supervisors.add(supervisor)
        client.force_login(supervisor)
        assert client.get(url).status_code == 200

    def test_public_verification_shows_no_personal_data(self, client, practitioner, learning_page):
        completion = complete(practitioner, learning_page)
        response = client.get(
            reverse("records:certificate_verify", args=[completion.certificate_code])
        )

        assert response.status_code == 200
        body = response.content.decode()
        assert "This certificate is genuine" in body
        assert "Listening to Mrs B" in body
        assert f"{timezone.localdate():%-d %B %Y}" in body
        for personal in ("Priya", "Shah", practitioner.email, "minutes"):
            assert personal not in body

    def test_lookup_form(self, client, practitioner, learning_page):
        completion = complete(practitioner, learning_page)
        url = reverse("records:certificate_lookup")
        assert client.get(url).status_code == 200

        code = completion.certificate_code
        typed = f" {code[:4].lower()} {code[4:8]}-{code[8:]} "
        response = client.get(url, {"code": typed})
        assert response.status_code == 302
        assert response["Location"] == reverse("records:certificate_verify", args=[code])

        response = client.get(url, {"code": "not a code!"})
        assert response.status_code == 400
        assert "Enter the 12-character code" in response.content.decode()

    @pytest.mark.parametrize("code", ["ABCDEFGHJKLM", "short", "<script>x"])
    def test_unknown_code_is_a_clear_404(self, client, db, code):
        response = client.get(reverse("records:certificate_verify", args=[code]))

        assert response.status_code == 404
        body = response.content.decode()
        assert "Certificate not found" in body
        assert "<script>x" not in body


def test_my_learning_runs_a_fixed_number_of_queries(client, practitioner, make_learning_page):
    """However long the record, the page costs the same number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Profile.objects.filter(user=practitioner).update(registration_body="nmc")
    client.force_login(practitioner)
    url = reverse("records:my_learning")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    complete(practitioner, make_learning_page())
    external(practitioner)
    count()  # warms the caches (site root paths) that later requests reuse
    few = count()
    for n in range(5):
        complete(practitioner, make_learning_page())
        external(practitioner, title=f"Course {n}")
    count()  # publishing pages made the cached navigation stale: warm it again
    assert count() == few


def test_record_actions_render_nothing_in_a_preview_of_an_unsaved_page(rf, practitioner):
    """Editors preview pages that have no id yet: the box must not break the preview."""
    from django.template import Context, Template

    from case_studies.models import CaseStudyPage

    request = rf.get("/")
    request.user = practitioner
    page = CaseStudyPage(title="Unsaved", slug="unsaved", summary="x")
    html = Template('{% include "learning/records/learning_actions.html" %}').render(
        Context({"page": page, "request": request})
    )
    assert html.strip() == ""
