"""Messages where the eye is: completing a page and giving feedback come back to the
"Record your learning" panel with the confirmation in it; the CPD summary's choices;
feedback hints that say where each answer goes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from learning.models import Completion, CompletionHow, Feedback
from learning.records import services
from learning.records.exports import SummaryOptions
from learning.records.forms import FeedbackForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, practitioner):
    client.force_login(practitioner)
    return client


def complete(user, page):
    return services.completion_record(user=user, page=page, how=CompletionHow.CONFIRMED)[0]


class TestCompletionMessage:
    def test_completing_returns_to_the_panel_with_the_confirmation(
        self, signed_in, practitioner, learning_page
    ):
        response = signed_in.post(
            reverse("records:complete", args=[learning_page.pk]), {"from": learning_page.url}
        )

        assert response.status_code == 302
        assert response["Location"] == f"{learning_page.url}?done=recorded#completion"
        body = signed_in.get(response["Location"].split("#")[0]).content.decode()
        assert 'id="completion"' in body and 'tabindex="-1"' in body and 'role="alert"' in body
        assert "7 minutes of CPD for “Listening to Mrs B” are on your learning record" in body
        completion = Completion.objects.get(user=practitioner)
        assert reverse("records:certificate", args=[completion.pk]) in body

    def test_the_query_the_person_was_on_is_kept(self, signed_in, learning_page):
        response = signed_in.post(
            reverse("records:complete", args=[learning_page.pk]),
            {"from": f"{learning_page.url}?summary&done=feedback"},
        )

        assert response["Location"] == f"{learning_page.url}?summary=&done=recorded#completion"

    @pytest.mark.parametrize(
        "came_from", ["https://evil.example/", "//evil.example/x", "/other/?summary", ""]
    )
    def test_a_return_address_elsewhere_is_ignored(self, signed_in, learning_page, came_from):
        response = signed_in.post(
            reverse("records:complete", args=[learning_page.pk]), {"from": came_from}
        )

        assert response["Location"] == f"{learning_page.url}?done=recorded#completion"

    def test_no_banner_without_a_completion(self, signed_in, learning_page):
        body = signed_in.get(f"{learning_page.url}?done=recorded").content.decode()

        assert 'id="completion"' not in body
        assert "are on your learning record" not in body

    def test_the_confirmation_is_not_also_at_the_top(self, signed_in, learning_page):
        signed_in.post(reverse("records:complete", args=[learning_page.pk]))
        body = signed_in.get(f"{learning_page.url}?done=recorded").content.decode()

        assert body.count("govuk-notification-banner--success") == 1

    def test_feedback_returns_to_the_panel_with_thanks(
        self, signed_in, practitioner, learning_page
    ):
        complete(practitioner, learning_page)
        response = signed_in.post(
            reverse("records:feedback", args=[learning_page.pk]),
            {"usefulness": "4", "will_change_practice": "yes", "from": learning_page.url},
        )

        assert response["Location"] == f"{learning_page.url}?done=feedback#completion"
        assert Feedback.objects.filter(user=practitioner).exists()
        body = signed_in.get(f"{learning_page.url}?done=feedback").content.decode()
        assert "Your feedback has been saved" in body

    def test_feedback_with_errors_keeps_the_return_address(
        self, signed_in, practitioner, learning_page
    ):
        complete(practitioner, learning_page)
        response = signed_in.post(
            reverse("records:feedback", args=[learning_page.pk]),
            {"usefulness": "9", "from": f"{learning_page.url}?summary"},
        )

        assert response.status_code == 400
        assert f'name="from" value="{learning_page.url}?summary="' in response.content.decode()


class TestFeedbackWording:
    def test_each_field_says_where_its_answer_goes(self):
        form = FeedbackForm()

        assert "added up across everyone" in form.fields["usefulness"].help_text
        assert "your own CPD summary" in form.fields["will_change_practice"].help_text
        comment = form.fields["comment"].help_text
        assert "without your name" in comment
        assert "leaves your comment out unless you choose" in comment


class TestSummaryOptions:
    def test_defaults_leave_out_feedback_comments(self):
        options = SummaryOptions.from_query({})

        assert options == SummaryOptions(
            learning=True, feedback_comments=False, reflection_text=True
        )

    def test_a_submitted_form_means_exactly_the_ticked_boxes(self):
        options = SummaryOptions.from_query({"choose": "1", "feedback_comments": "1"})

        assert options == SummaryOptions(
            learning=False, feedback_comments=True, reflection_text=False
        )

    def test_junk_values_are_unticked(self):
        options = SummaryOptions.from_query({"choose": "1", "learning": "yes<script>"})

        assert options.learning is False

    def test_as_query_round_trips(self):
        options = SummaryOptions(learning=False, feedback_comments=True, reflection_text=True)
        query = dict(pair.split("=") for pair in options.as_query().split("&"))

        assert SummaryOptions.from_query(query) == options


class TestSummaryPage:
    @pytest.fixture
    def with_feedback(self, practitioner, learning_page):
        complete(practitioner, learning_page)
        services.feedback_save(
            user=practitioner,
            page=learning_page,
            usefulness=3,
            will_change_practice="yes",
            comment="The board should cut section four.",
        )

    def test_feedback_comment_is_left_out_by_default(self, signed_in, with_feedback):
        body = signed_in.get(reverse("records:cpd_summary")).content.decode()

        assert "The board should cut section four." not in body
        assert "Will it change my practice? Yes." in body

    def test_feedback_comment_shows_when_chosen(self, signed_in, with_feedback):
        response = signed_in.get(
            reverse("records:cpd_summary"), {"choose": "1", "feedback_comments": "1"}
        )

        assert response.status_code == 200
        assert "The board should cut section four." in response.content.decode()

    def test_the_form_is_a_get_form_without_browser_validation(self, signed_in, with_feedback):
        body = signed_in.get(reverse("records:cpd_summary")).content.decode()

        assert '<form method="get" novalidate' in body
        assert 'name="feedback_comments"' in body and 'name="learning"' in body
        assert "hub-print-button" in body and "js/print.js" in body

    def test_bad_dates_with_choices_are_not_an_error(self, signed_in, with_feedback):
        response = signed_in.get(
            reverse("records:cpd_summary"), {"choose": "1", "since": "31/02/2026"}
        )

        assert response.status_code == 200
