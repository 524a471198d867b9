"""Plain helpers for the publishing guard's tests: the name every test plants, and the
addresses and form data of the admin screens the guard sits in front of."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from learning.models import Principle

# A real-looking full name: the finding most tests need.
NAME = "Mrs Joan Smith"
REASON = "A made-up name, agreed with the board's legal adviser before publishing."


def reload(page: Page) -> Page:
    """A fresh copy from the database, so `live` says what was really saved."""
    return type(page).objects.get(pk=page.pk)


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def findings_url(page: Page) -> str:
    return reverse("anonymisation_findings", args=[page.pk])


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def case_study_edit_data(page: Page, principle: Principle, *, situation: str, **extra) -> dict:
    """The case study edit form as the admin posts it, with `situation` as given."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "situation": rich_text(situation),
            "desired_outcomes": streamfield(
                [("outcome", {"outcome": "I want to stay at home.", "achieved": "fully"})]
            ),
            "what_was_done": rich_text("<p>A social worker visited twice.</p>"),
            "principles_in_practice": streamfield(
                [("principle", {"principle": principle.pk, "text": rich_text("<p>Led.</p>")})]
            ),
            "supported_success": rich_text(""),
            "barriers": rich_text(""),
            "conditions_for_success": rich_text(""),
            "reflective_questions": streamfield([]),
            "themes": "",
            "cpd_minutes": "7",
            "completion_method": "confirm",
        }
    )
    data["principles"] = [principle.pk]
    data.update(extra)
    return data
