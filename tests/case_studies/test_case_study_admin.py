"""SAB editors write case studies in the Wagtail admin."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from case_studies.models import CaseStudyPage
from learning.roles import Role
from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, totp_user):
    user = make_person(role=Role.SAB_EDITOR)
    totp_user(user)
    client.force_login(user)
    return user


def _ticked(html: str, name: str) -> list[str]:
    """Values of the ticked checkboxes called `name`, in page order."""
    inputs = re.findall(rf'<input type="checkbox" name="{name}"[^>]*>', html)
    return [re.search(r'value="([^"]*)"', tag).group(1) for tag in inputs if " checked" in tag]


def _add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=["case_studies", "casestudypage", index.pk])


def _form_data(principles, *, sections=("empowerment", "protection"), **extra) -> dict:
    data = nested_form_data(
        {
            "title": "Mr B: self-neglect and hoarding",
            "slug": "mr-b-self-neglect",
            "summary": "Mr B's home had become unsafe; he wanted to stay there.",
            "situation": rich_text("<p>Mr B lives alone with many belongings.</p>"),
            "desired_outcomes": streamfield(
                [
                    ("outcome", {"outcome": "I want to stay in my flat.", "achieved": "fully"}),
                    ("outcome", {"outcome": "I want to keep my books.", "achieved": "partly"}),
                ]
            ),
            "what_was_done": rich_text("<p>Fire and housing visited together.</p>"),
            "principles_in_practice": streamfield(
                [
                    (
                        "principle",
                        {
                            "principle": principles[slug].pk,
                            "text": rich_text(f"<p>How {slug} showed.</p>"),
                        },
                    )
                    for slug in sections
                ]
            ),
            "supported_success": rich_text("<p>A joint visit.</p>"),
            "barriers": rich_text(""),
            "conditions_for_success": rich_text(""),
            "reflective_questions": streamfield(
                [
                    (
                        "question",
                        {
                            "text": "When does choice become risk?",
                            "principle": principles["empowerment"].pk,
                        },
                    )
                ]
            ),
            "themes": "hoarding, self-neglect",
            "cpd_minutes": "7",
            "completion_method": "confirm",
        }
    )
    data["principles"] = [principles["empowerment"].pk, principles["protection"].pk]
    data["partner_types"] = ["housing", "fire", "police"]
    data.update(extra)
    return data


def test_editor_sees_the_case_study_form(client, editor, case_study_index):
    response = client.get(_add_url(case_study_index))
    body = response.content.decode()
    assert response.status_code == 200
    assert "What the person wanted" in body
    assert "How far it was achieved" in body
    # The organisation types are checkboxes, not a JSON text box.
    assert 'type="checkbox" name="partner_types" value="nhs_trust"' in body


def test_editor_creates_a_draft_case_study(client, editor, case_study_index, principles):
    response = client.post(_add_url(case_study_index), _form_data(principles))
    assert response.status_code == 302, response.content.decode()[:3000]

    page = CaseStudyPage.objects.get(slug="mr-b-self-neglect")
    assert page.get_parent().pk == case_study_index.pk
    assert not page.live  # an editor cannot publish; a manager approves
    draft = page.get_latest_revision_as_object()
    assert [c.value["achieved"] for c in draft.desired_outcomes] == ["fully", "partly"]
    assert [c.value["principle"].slug for c in draft.principles_in_practice] == [
        "empowerment",
        "protection",
    ]
    # Stored in the order the choices are listed, whatever order they came in.
    assert draft.partner_types == ["police", "fire", "housing"]
    assert sorted(t.name for t in draft.themes.all()) == ["hoarding", "self-neglect"]


def test_editor_cannot_publish(client, editor, case_study_index, principles):
    client.post(
        _add_url(case_study_index), _form_data(principles, **{"action-publish": "action-publish"})
    )
    page = CaseStudyPage.objects.filter(slug="mr-b-self-neglect").first()
    assert page is None or not page.live


def test_a_repeated_principle_is_refused_on_the_form(client, editor, case_study_index, principles):
    response = client.post(
        _add_url(case_study_index),
        _form_data(principles, sections=("empowerment", "protection", "empowerment")),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "is already described above" in body
    assert "Empowerment" in body
    assert not CaseStudyPage.objects.filter(slug="mr-b-self-neglect").exists()


def test_an_unknown_partner_type_is_refused_on_the_form(
    client, editor, case_study_index, principles
):
    response = client.post(
        _add_url(case_study_index), _form_data(principles, partner_types=["police", "spies"])
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not CaseStudyPage.objects.filter(slug="mr-b-self-neglect").exists()


def test_edit_form_shows_the_saved_partner_types_ticked(client, editor, make_case_study):
    page = make_case_study(partner_types=["police", "housing"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert _ticked(response.content.decode(), "partner_types") == ["police", "housing"]


def test_case_study_cannot_be_added_under_the_home_page(client, editor, home, principles):
    url = reverse("wagtailadmin_pages:add", args=["case_studies", "casestudypage", home.pk])
    # Wagtail turns the editor away with a message rather than showing the form.
    assert client.get(url).status_code == 302
    client.post(url, _form_data(principles))
    assert not CaseStudyPage.objects.filter(slug="mr-b-self-neglect").exists()


def test_form_builds_on_the_learning_page_form():
    # So the anonymisation guard's findings show beside case study fields too.
    from learning.models import LearningPage

    form_class = CaseStudyPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, LearningPage.base_form_class)
    assert "partner_types" in form_class.base_fields
