"""SAB editors write briefings in the Wagtail admin: exactly seven sections, and the
reading length shown as they work."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from briefings.models import BriefingPage
from learning.roles import Role
from tests.briefings.conftest import sections

pytestmark = pytest.mark.django_db

SLUG = "financial-abuse-briefing"


@pytest.fixture
def editor(sign_in_with_mfa):
    return sign_in_with_mfa(Role.SAB_EDITOR)


def _add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=["briefings", "briefingpage", index.pk])


def _section(number: int, body: str = "Keep it short.") -> tuple:
    return (
        "section",
        {"heading": "", "custom_heading": f"Part {number}", "body": rich_text(f"<p>{body}</p>")},
    )


def _form_data(principles, *, section_count: int = 7, review=None, body="Keep it short."):
    data = nested_form_data(
        {
            "title": "Financial abuse: the warning signs",
            "slug": SLUG,
            "summary": "How to spot financial abuse and what to do.",
            "sections": streamfield([_section(n, body) for n in range(1, section_count + 1)]),
            "reflective_questions": streamfield(
                [
                    (
                        "question",
                        {
                            "text": "Who manages this person's money?",
                            "principle": principles["protection"].pk,
                        },
                    )
                ]
            ),
            "review": review.pk if review else "",
            "themes": "scams",
            "cpd_minutes": "7",
            "completion_method": "confirm",
        }
    )
    data["principles"] = [principles["protection"].pk]
    return data


def test_the_create_form_starts_with_seven_headed_sections(client, editor, briefing_index):
    response = client.get(_add_url(briefing_index))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Reading length" in body
    # The new page's sections are already there, one per common heading.
    page = BriefingPage()
    assert [s.value["heading"] for s in page.sections] == [
        "background",
        "why_it_matters",
        "information",
        "learning",
        "what_to_do",
        "reflection",
        "further_information",
    ]
    assert "why_it_matters" in body


def test_editor_creates_a_draft_with_seven_sections(
    client, editor, briefing_index, principles, make_review
):
    review = make_review()
    response = client.post(_add_url(briefing_index), _form_data(principles, review=review))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = BriefingPage.objects.get(slug=SLUG)
    assert not page.live  # editors cannot publish; a manager approves
    draft = page.get_latest_revision_as_object()
    assert [s.value.heading_text() for s in draft.sections] == [f"Part {n}" for n in range(1, 8)]
    assert draft.review.pk == review.pk


@pytest.mark.parametrize(("count", "advice"), [(6, "Add 1 more."), (8, "Remove 1.")])
def test_the_admin_refuses_another_number_of_sections(
    client, editor, briefing_index, principles, count, advice
):
    response = client.post(_add_url(briefing_index), _form_data(principles, section_count=count))
    body = response.content.decode()
    assert response.status_code == 200
    assert (
        f"A seven-minute briefing has exactly seven sections; this one has {count}. {advice}"
        in body
    )
    assert not BriefingPage.objects.filter(slug=SLUG).exists()


def test_a_section_needs_a_heading(client, editor, briefing_index, principles):
    data = _form_data(principles)
    data["sections-3-value-custom_heading"] = ""
    response = client.post(_add_url(briefing_index), data)
    assert response.status_code == 200
    assert "Choose a heading or write your own below." in response.content.decode()
    assert not BriefingPage.objects.filter(slug=SLUG).exists()


def test_edit_view_shows_the_reading_length(client, editor, make_briefing):
    page = make_briefing(summary="One two three.", sections=sections(body="<p>four five</p>"))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    # 3 summary words, and each of the seven sections has a heading and two words.
    words = 3 + sum(len(s.value.heading_text().split()) + 2 for s in page.sections)
    assert f"{words} words, about 1 minute to read." in body
    assert "help-warning" not in body.split("hub-reading-length", 1)[1].split("</div>", 1)[0]


def test_edit_view_warns_when_a_briefing_is_too_long(client, editor, make_briefing):
    long_body = "<p>" + " ".join(["word"] * 200) + "</p>"
    page = make_briefing(sections=sections(body=long_body))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    body = response.content.decode()
    assert "This briefing is 1,4" in body
    assert "Past about 1,200 words it is unlikely to be read in seven minutes" in body
