"""A learning page can be set to be completed by its knowledge check only when it has
one learners can take: otherwise nobody could ever complete it (the "I have read this"
button is hidden for such pages)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from case_studies.models import CaseStudyPage
from learning.models.learning_page import NO_KNOWLEDGE_CHECK_MESSAGE
from learning.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(sign_in_with_mfa):
    return sign_in_with_mfa(Role.SAB_EDITOR)


def _case_study_form(case_study, principles, completion_method: str) -> dict:
    data = nested_form_data(
        {
            "title": case_study.title,
            "slug": case_study.slug,
            "summary": case_study.summary,
            "situation": rich_text("<p>Mr A lives alone.</p>"),
            "desired_outcomes": streamfield(
                [("outcome", {"outcome": "To stay at home.", "achieved": "fully"})]
            ),
            "what_was_done": rich_text("<p>A social worker visited.</p>"),
            "principles_in_practice": streamfield(
                [
                    (
                        "principle",
                        {
                            "principle": principles["empowerment"].pk,
                            "text": rich_text("<p>He led.</p>"),
                        },
                    )
                ]
            ),
            "supported_success": rich_text(""),
            "barriers": rich_text(""),
            "conditions_for_success": rich_text(""),
            "reflective_questions": streamfield([]),
            "themes": "",
            "cpd_minutes": "7",
            "completion_method": completion_method,
        }
    )
    data["principles"] = [principles["empowerment"].pk]
    return data


def _edit(client, case_study, principles, completion_method="check"):
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[case_study.pk]),
        _case_study_form(case_study, principles, completion_method),
    )


def _draft_method(case_study) -> str:
    return (
        CaseStudyPage.objects.get(pk=case_study.pk)
        .get_latest_revision_as_object()
        .completion_method
    )


def test_admin_refuses_check_completion_for_a_page_without_a_check(
    client, editor, case_study, principles
):
    response = _edit(client, case_study, principles)

    assert response.status_code == 200
    assert response.context["form"].errors["completion_method"] == [NO_KNOWLEDGE_CHECK_MESSAGE]
    assert "Nobody could complete this page" in response.content.decode()
    assert _draft_method(case_study) == "confirm"


def test_admin_refuses_it_while_the_check_is_only_a_draft(
    client, editor, case_study, principles, make_check
):
    # Learners are not offered a draft check, so it completes nothing yet.
    make_check(checks_page=case_study, publish=False)
    response = _edit(client, case_study, principles)
    assert response.status_code == 200
    assert "completion_method" in response.context["form"].errors


def test_a_page_with_a_published_check_saves_with_check_completion(
    client, editor, case_study, principles, make_check
):
    make_check(checks_page=case_study)
    response = _edit(client, case_study, principles)

    assert response.status_code == 302, response.context["form"].errors
    assert _draft_method(case_study) == "check"


def test_confirm_completion_needs_no_check(client, editor, case_study, principles):
    response = _edit(client, case_study, principles, completion_method="confirm")
    assert response.status_code == 302


def test_a_new_page_cannot_start_out_completed_by_a_check(case_study):
    # No check can be attached to a page before it exists.
    page = CaseStudyPage(title="New", slug="new", summary="New.", completion_method="check")
    with pytest.raises(ValidationError) as refused:
        page.clean()
    assert refused.value.message_dict == {"completion_method": [NO_KNOWLEDGE_CHECK_MESSAGE]}


def test_a_knowledge_check_is_completed_by_itself(make_check):
    # Created new (cleaned before it has an id), completed by check, and not refused.
    check = make_check()
    assert check.completion_method == "check"
    assert check.has_knowledge_check()


def test_unpublishing_the_check_later_does_not_block_the_page(case_study, make_check):
    check = make_check(checks_page=case_study)
    case_study.completion_method = "check"
    case_study.save_revision().publish()
    check.unpublish()

    # Publishing (scheduled publishing too) cleans the page: it must not fail now.
    page = CaseStudyPage.objects.get(pk=case_study.pk)
    page.summary = "Updated."
    page.save_revision().publish()
    assert CaseStudyPage.objects.get(pk=case_study.pk).summary == "Updated."
