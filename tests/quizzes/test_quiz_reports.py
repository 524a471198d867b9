"""The editors' knowledge-check report: aggregate figures, small groups hidden, and
only SAB editors and managers can open it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from learning.permissions import can_view_content_reports
from learning.roles import Role
from quizzes import reporting, services
from tests.factories import make_person
from tests.quizzes.helpers import answers_for, single, true_false

pytestmark = pytest.mark.django_db


def _attempt(check, user, *, first_right: bool, second_right: bool):
    attempt = services.start_attempt(user=user, check=check)
    first, second = attempt.snapshot["questions"]
    answers = answers_for(attempt)
    if not first_right:
        answers[first["id"]] = [o["key"] for o in first["options"] if not o["correct"]][:1]
    if not second_right:
        answers[second["id"]] = [o["key"] for o in second["options"] if not o["correct"]]
    return services.finish_attempt(attempt=attempt, answers=answers)[0]


@pytest.fixture
def check_with_attempts(make_check):
    """Six people: four pass first time; two fail then pass. Plus one unfinished."""
    check = make_check([single("Q one"), true_false("Q two")], pass_mark=100)
    people = [make_person() for _ in range(6)]
    for person in people[:4]:
        _attempt(check, person, first_right=True, second_right=True)
    for person in people[4:]:
        _attempt(check, person, first_right=False, second_right=True)
        _attempt(check, person, first_right=True, second_right=True)
    services.start_attempt(user=make_person(), check=check)  # never finished
    return check


def test_check_figures(check_with_attempts, make_check):
    quiet = make_check(title="A quiet check")
    rows = {check.pk: check for check in reporting.checks_with_figures()}

    busy = rows[check_with_attempts.pk]
    assert (busy.attempt_count, busy.pass_count, busy.learner_count) == (8, 6, 6)
    assert reporting.pass_rate(busy) == 75
    assert (rows[quiet.pk].attempt_count, rows[quiet.pk].learner_count) == (0, 0)
    assert reporting.pass_rate(rows[quiet.pk]) is None


def test_question_figures(check_with_attempts):
    figures = reporting.question_figures(check_with_attempts)
    assert [(f.number, f.text, f.answered, f.right) for f in figures] == [
        (1, "Q one", 8, 6),
        (2, "Q two", 8, 8),
    ]
    assert [f.right_share for f in figures] == [75, 100]


def test_figures_follow_a_question_through_edits_and_removal(check_with_attempts):
    check = check_with_attempts
    draft = check.get_latest_revision_as_object()
    draft.questions[0].value["text"] = "Q one, reworded"
    del draft.questions[1]
    draft.save_revision().publish()
    check.refresh_from_db()

    figures = reporting.question_figures(check)
    assert [(f.number, f.text, f.answered) for f in figures] == [
        (1, "Q one, reworded", 8),
        (None, "Q two", 8),
    ]


def test_small_groups_are_hidden(make_check):
    check = make_check([single("Q one"), true_false("Q two")])
    for _ in range(reporting.MIN_LEARNERS - 1):
        _attempt(check, make_person(), first_right=True, second_right=False)
    row = reporting.checks_with_figures().get(pk=check.pk)
    assert row.attempt_count == 4
    assert reporting.pass_rate(row) is None
    assert all(f.right_share is None for f in reporting.question_figures(check))


def test_report_queries_do_not_grow_with_attempts(
    check_with_attempts, django_assert_max_num_queries
):
    with django_assert_max_num_queries(1):
        list(reporting.checks_with_figures())
    check = reporting.checks_with_figures().get(pk=check_with_attempts.pk)
    with django_assert_max_num_queries(1):
        reporting.question_figures(check)


# The admin screens ----------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.SAB_EDITOR, Role.SAB_MANAGER])
def test_board_staff_see_the_report(client, sign_in_with_mfa, check_with_attempts, role):
    sign_in_with_mfa(role)

    index = client.get(reverse("quizzes_check_report"))
    assert index.status_code == 200
    body = index.content.decode()
    assert check_with_attempts.title in body
    assert "75%" in body

    detail = client.get(reverse("quizzes_check_report_detail", args=[check_with_attempts.pk]))
    assert detail.status_code == 200
    body = detail.content.decode()
    assert "Q one" in body and "75%" in body and "100%" in body
    # Aggregates only: nobody's name or email appears.
    for attempt in check_with_attempts.attempts.select_related("user"):
        assert attempt.user.email not in body
        assert attempt.user.last_name not in body


def test_report_exports_figures_without_names(client, sign_in_with_mfa, check_with_attempts):
    sign_in_with_mfa(Role.SAB_MANAGER)
    response = client.get(reverse("quizzes_check_report") + "?export=csv")
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else (response.content.decode())
    )
    lines = body.strip().splitlines()
    assert lines[0].split(",") == ["Knowledge check", "Checks", "Attempts", "People", "Pass rate"]
    assert f"{check_with_attempts.title},Stand-alone,8,6,75%" in lines


def test_report_is_in_the_reports_menu_for_editors_only(client, sign_in_with_mfa):
    sign_in_with_mfa(Role.SAB_EDITOR)
    assert (
        reverse("quizzes_check_report") in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    client.logout()
    sign_in_with_mfa(Role.SITE_ADMINISTRATOR)
    assert (
        reverse("quizzes_check_report")
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )


@pytest.mark.parametrize("role", [Role.SITE_ADMINISTRATOR])
def test_other_admin_users_are_refused(client, sign_in_with_mfa, check_with_attempts, role):
    sign_in_with_mfa(role)
    for url in (
        reverse("quizzes_check_report"),
        reverse("quizzes_check_report_detail", args=[check_with_attempts.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("role", [Role.PRACTITIONER, Role.SUPERVISOR, Role.ORGANISATION_LEAD])
def test_staff_without_admin_access_are_refused(
    client, sign_in_with_mfa, check_with_attempts, role
):
    sign_in_with_mfa(role)
    response = client.get(reverse("quizzes_check_report"))
    assert response.status_code in (302, 403)
    assert "Q one" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client, check_with_attempts):
    response = client.get(reverse("quizzes_check_report"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_unknown_check_is_not_found(client, sign_in_with_mfa):
    sign_in_with_mfa(Role.SAB_MANAGER)
    assert client.get(reverse("quizzes_check_report_detail", args=[999999])).status_code == 404


def test_rule_by_role(db):
    assert can_view_content_reports(make_person(role=Role.SAB_EDITOR))
    assert can_view_content_reports(make_person(role=Role.SAB_MANAGER))
    for role in (
        Role.PRACTITIONER,
        Role.SUPERVISOR,
        Role.ORGANISATION_LEAD,
        Role.SITE_ADMINISTRATOR,
    ):
        assert not can_view_content_reports(make_person(role=role))


def test_rule_refuses_anonymous_and_inactive_people_and_admits_superusers(db):
    assert not can_view_content_reports(AnonymousUser())
    assert not can_view_content_reports(make_person(role=Role.SAB_EDITOR, is_active=False))
    assert can_view_content_reports(make_person(role=Role.PRACTITIONER, is_superuser=True))
