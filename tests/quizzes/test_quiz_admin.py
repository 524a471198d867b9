"""SAB editors write knowledge checks and myth-busters in the Wagtail admin, with clear
messages when a question cannot be marked."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from learning.roles import Role
from quizzes.models import KnowledgeCheckPage, MythBusterPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(sign_in_with_mfa):
    return sign_in_with_mfa(Role.SAB_EDITOR)


def listblock(items) -> dict:
    """ListBlock form data (like wagtail's streamfield() helper, without types)."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index)}
        for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def options(*texts_and_flags) -> dict:
    return listblock(
        [{"text": text, "correct": "on" if right else ""} for text, right in texts_and_flags]
    )


def choice_question(kind, option_data, text="Which is right?") -> tuple[str, dict]:
    return (
        kind,
        {"text": text, "options": option_data, "explanation": "Because.", "principle": ""},
    )


GOOD_SINGLE = choice_question("single", options(("Right", True), ("Wrong", False)))


def _form_data(principles, questions=(GOOD_SINGLE,), **extra) -> dict:
    data = nested_form_data(
        {
            "title": "Check: self-neglect",
            "slug": "check-self-neglect",
            "summary": "Five questions on self-neglect.",
            "intro": rich_text(""),
            "reflective_questions": streamfield([]),
            "questions": streamfield(list(questions)),
            "pass_mark": "80",
            "shuffle_options": "on",
            "themes": "",
            "cpd_minutes": "5",
        }
    )
    data["principles"] = [principles["empowerment"].pk]
    data.update(extra)
    return data


def _add_url(parent, model="knowledgecheckpage") -> str:
    return reverse("wagtailadmin_pages:add", args=["quizzes", model, parent.pk])


def _question_errors(response) -> str:
    """The questions field's errors as text (Wagtail renders block errors as JSON)."""
    form = response.context["form"]
    assert "questions" in form.errors, form.errors
    error = form.errors.as_data()["questions"][0]
    return str(error.as_json_data()) if hasattr(error, "as_json_data") else str(error)


def test_editor_creates_a_draft_check(client, editor, check_index, principles, case_study):
    questions = [
        GOOD_SINGLE,
        choice_question(
            "multiple", options(("A", True), ("B", True), ("C", False)), text="Which apply?"
        ),
        (
            "true_false",
            {"text": "It is so.", "correct_answer": "false", "explanation": "No.", "principle": ""},
        ),
        (
            "myth_reality",
            {
                "statement": "A belief.",
                "correct_answer": "myth",
                "explanation": "Not so.",
                "principle": principles["prevention"].pk,
                "read_more": case_study.pk,
            },
        ),
    ]
    response = client.post(
        _add_url(check_index),
        _form_data(principles, questions, checks_page=str(case_study.pk)),
    )
    assert response.status_code == 302, response.content.decode()[:2000]

    page = KnowledgeCheckPage.objects.get(slug="check-self-neglect")
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert [c.block_type for c in draft.questions] == [
        "single",
        "multiple",
        "true_false",
        "myth_reality",
    ]
    assert [o["correct"] for o in draft.questions[1].value["options"]] == [True, True, False]
    assert draft.checks_page_id == case_study.pk
    assert draft.completion_method == "check"


@pytest.mark.parametrize(
    ("kind", "option_data", "message"),
    [
        (
            "single",
            options(("A", True), ("B", True), ("C", False)),
            "Mark exactly one option as the right answer (2 are marked)",
        ),
        (
            "single",
            options(("A", False), ("B", False)),
            "Mark exactly one option as the right answer (none is marked)",
        ),
        ("multiple", options(("A", False), ("B", False)), "Mark at least one option as a right"),
        ("single", options(("Only one", True)), "Give at least 2 options"),
        ("multiple", options(("Only one", True)), "Give at least 2 options"),
        ("single", options(("Same", True), ("same ", False)), "Two options have the same wording"),
    ],
)
def test_invalid_options_are_refused_with_a_clear_message(
    client, editor, check_index, principles, kind, option_data, message
):
    response = client.post(
        _add_url(check_index), _form_data(principles, [choice_question(kind, option_data)])
    )
    assert response.status_code == 200
    assert message in _question_errors(response)
    assert not KnowledgeCheckPage.objects.filter(slug="check-self-neglect").exists()


@pytest.mark.parametrize("pass_mark", ["0", "101", "-5"])
def test_pass_mark_must_be_between_1_and_100(client, editor, check_index, principles, pass_mark):
    response = client.post(_add_url(check_index), _form_data(principles, pass_mark=pass_mark))
    assert response.status_code == 200
    errors = response.context["form"].errors["pass_mark"]
    assert "The pass mark must be a whole number from 1 to 100." in errors, errors
    assert not KnowledgeCheckPage.objects.exists()


def test_a_check_cannot_check_a_non_learning_page(client, editor, check_index, principles, home):
    response = client.post(_add_url(check_index), _form_data(principles, checks_page=str(home.pk)))
    assert response.status_code == 200
    errors = response.context["form"].errors["checks_page"]
    assert "a knowledge check can only check a learning page" in errors[0]


def test_a_page_has_only_one_check(client, editor, check_index, principles, case_study, make_check):
    existing = make_check(checks_page=case_study, title="The first check")
    response = client.post(
        _add_url(check_index), _form_data(principles, checks_page=str(case_study.pk))
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["checks_page"]
    assert f"already has a knowledge check (“{existing.title}”)" in errors[0]


def test_editor_creates_a_myth_buster(client, editor, check_index, principles):
    data = nested_form_data(
        {
            "title": "Myths about consent",
            "slug": "myths-about-consent",
            "summary": "Common beliefs.",
            "intro": rich_text(""),
            "reflective_questions": streamfield([]),
            "myths": streamfield(
                [
                    (
                        "myth",
                        {
                            "statement": "Consent is once and for all.",
                            "correct_answer": "myth",
                            "explanation": "It can be withdrawn.",
                            "principle": "",
                            "read_more": "",
                        },
                    )
                ]
            ),
            "themes": "",
            "cpd_minutes": "5",
            "completion_method": "confirm",
        }
    )
    data["principles"] = [principles["empowerment"].pk]
    response = client.post(_add_url(check_index, "mythbusterpage"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft = MythBusterPage.objects.get(slug="myths-about-consent").get_latest_revision_as_object()
    assert draft.myths[0].value["correct_answer"] == "myth"
    assert draft.completion_method == "confirm"  # fixed: a myth-buster has no check


def test_checks_live_only_under_the_index(check_index, home):
    assert KnowledgeCheckPage.can_create_at(check_index)
    assert not KnowledgeCheckPage.can_create_at(home)
    assert MythBusterPage.can_create_at(check_index)
    assert not MythBusterPage.can_create_at(home)
