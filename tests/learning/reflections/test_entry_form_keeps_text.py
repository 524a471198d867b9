"""The entry form keeps what was written when the writer switches structure or asks for
a preview (issue 12: choosing a template after typing wiped the title and body). Both
are submit buttons, so this works without JavaScript; nothing is saved by either."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from learning.models import ReflectiveEntry
from learning.reflections import services
from learning.reflections.forms import body_after_switch, kept_entry_values
from learning.reflections.structures import starting_text
from tests.learning.reflections.factories import make_entry

pytestmark = pytest.mark.django_db

CREATE = reverse("reflections:entry_create")


def _form(response):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return soup, {
        "title": soup.select_one("input[name=title]")["value"]
        if soup.select_one("input[name=title]").has_attr("value")
        else "",
        "body": soup.select_one("textarea[name=body]").get_text().lstrip("\n"),
        "structure": (soup.select_one("input[name=structure]") or {}).get("value", ""),
        "status": soup.select_one("input[name=status][checked]")["value"],
    }


class TestBodyAfterSwitch:
    def test_written_text_is_kept_as_it_is(self):
        assert body_after_switch("I felt rushed.", old="free", new="gibbs") == "I felt rushed."

    def test_text_under_headings_is_kept(self):
        body = starting_text("gibbs").replace("# Feelings\n\n", "# Feelings\n\nAnxious\n")
        assert body_after_switch(body, old="gibbs", new="what_so_what") == body

    @pytest.mark.parametrize("body", ["", "   \r\n  "])
    def test_empty_box_starts_with_the_new_headings(self, body):
        assert body_after_switch(body, old="free", new="gibbs") == starting_text("gibbs")

    def test_untouched_headings_are_swapped_even_with_browser_line_endings(self):
        posted = starting_text("gibbs").replace("\n", "\r\n").strip()
        assert body_after_switch(posted, old="gibbs", new="what_so_what") == starting_text(
            "what_so_what"
        )
        assert body_after_switch(posted, old="gibbs", new="free") == ""

    def test_unknown_status_falls_back_to_draft(self):
        values = kept_entry_values({"title": "T", "status": "sent"}, fields=["title", "status"])
        assert values == {"title": "T", "status": "draft"}


class TestSwitchWithoutJavaScript:
    def test_switch_keeps_title_body_and_choices_and_saves_nothing(self, client, author):
        client.force_login(author)
        response = client.post(
            CREATE,
            {
                "title": "Home visit to Mrs B",
                "body": "She wanted to stay at home.\r\n\r\nI listened.",
                "status": "final",
                "structure": "free",
                "principle": "empowerment",
                "switch_structure": "gibbs",
            },
        )
        assert response.status_code == 200
        soup, form = _form(response)
        assert form["title"] == "Home visit to Mrs B"
        assert form["body"] == "She wanted to stay at home.\r\n\r\nI listened."
        assert form["structure"] == "gibbs"
        assert form["status"] == "final"
        assert soup.select_one("select[name=principle] option[selected]")["value"] == "empowerment"
        page = response.content.decode()
        assert "We kept what you wrote" in page
        assert "Gibbs reflective cycle (chosen)" in page
        assert soup.select_one("details.govuk-details[open]") is not None  # the prompts
        assert "govuk-error-summary" not in page
        assert not ReflectiveEntry.objects.exists()

    def test_switch_on_an_empty_form_fills_in_the_headings_without_errors(self, client, author):
        client.force_login(author)
        response = client.post(
            CREATE, {"title": "", "body": "", "structure": "free", "switch_structure": "gibbs"}
        )
        assert response.status_code == 200
        _, form = _form(response)
        assert form["body"].startswith("# Description")
        page = response.content.decode()
        assert "govuk-error-summary" not in page and "We kept what you wrote" not in page

    def test_switch_keeps_the_page_and_question(self, client, author, learning_page, question):
        client.force_login(author)
        response = client.post(
            CREATE,
            {
                "title": "T",
                "body": "B",
                "page": learning_page.pk,
                "question": question["id"],
                "structure": "free",
                "switch_structure": "what_so_what",
            },
        )
        assert response.status_code == 200
        page = response.content.decode()
        assert question["text"] in page
        assert f'name="page" value="{learning_page.pk}"' in page

    def test_unknown_structure_keeps_the_text_and_the_current_structure(self, client, author):
        client.force_login(author)
        response = client.post(
            CREATE, {"title": "T", "body": "B", "structure": "gibbs", "switch_structure": "nope"}
        )
        assert response.status_code == 200
        _, form = _form(response)
        assert (form["title"], form["body"], form["structure"]) == ("T", "B", "gibbs")

    def test_enter_in_the_title_saves_rather_than_switching(self, client, author):
        """Browsers submit with a form's first button when Enter is pressed in a text
        field: that must be a plain save, not one of the structure buttons."""
        client.force_login(author)
        soup = BeautifulSoup(client.get(CREATE).content.decode(), "html.parser")
        first = soup.select_one("main form[method=post] button[type=submit]")
        assert not first.has_attr("name")
        assert first["tabindex"] == "-1" and first["aria-hidden"] == "true"

    def test_form_has_novalidate(self, client, author):
        client.force_login(author)
        soup = BeautifulSoup(client.get(CREATE).content.decode(), "html.parser")
        assert soup.select_one("main form[method=post]").has_attr("novalidate")


class TestPreview:
    def test_preview_renders_sanitised_markdown_with_table_styles_and_keeps_the_form(
        self, client, author
    ):
        client.force_login(author)
        body = "# What\n\n| Area | Score |\n|---|---|\n| MCA | 3 |\n\n<script>alert(1)</script>"
        response = client.post(
            CREATE, {"title": "Draft", "body": body, "structure": "free", "preview": "1"}
        )
        assert response.status_code == 200
        soup, form = _form(response)
        preview = soup.find("section", attrs={"aria-labelledby": "preview-heading"})
        assert preview.select_one("h3").get_text() == "What"
        assert preview.select_one("table.govuk-table td.govuk-table__cell").get_text() == "MCA"
        assert preview.find("script") is None
        assert "&lt;script&gt;" in str(preview)
        assert (form["title"], form["body"]) == ("Draft", body)
        assert not ReflectiveEntry.objects.exists()

    def test_preview_of_nothing_says_so_without_errors(self, client, author):
        client.force_login(author)
        response = client.post(CREATE, {"title": "", "body": "", "preview": "1"})
        assert response.status_code == 200
        page = response.content.decode()
        assert "You have not written anything yet" in page
        assert "govuk-error-summary" not in page

    def test_text_too_long_is_previewed_in_part_and_kept_whole(self, client, author):
        from learning.models.reflections import ENTRY_MAX_LENGTH

        client.force_login(author)
        body = "word " * (ENTRY_MAX_LENGTH // 5 + 10)
        response = client.post(CREATE, {"title": "Long", "body": body, "preview": "1"})
        assert response.status_code == 200
        _, form = _form(response)
        assert form["body"] == body
        assert "only the first part is shown" in response.content.decode()

    def test_preview_when_changing_an_entry_saves_nothing(self, client, author):
        entry = make_entry(author, title="Old", body="Old text")
        client.force_login(author)
        response = client.post(
            reverse("reflections:entry_edit", args=[entry.pk]),
            {"title": "New", "body": "New *text*", "status": "draft", "preview": "1"},
        )
        assert response.status_code == 200
        soup, form = _form(response)
        preview = soup.find("section", attrs={"aria-labelledby": "preview-heading"})
        assert "<em>text</em>" in str(preview)
        assert (form["title"], form["body"]) == ("New", "New *text*")
        entry.refresh_from_db()
        assert (entry.title, entry.body, entry.versions.count()) == ("Old", "Old text", 1)

    def test_saving_after_a_preview_saves(self, client, author):
        client.force_login(author)
        response = client.post(
            CREATE, {"title": "Kept", "body": "Text", "status": "draft", "structure": "free"}
        )
        assert response.status_code == 302
        assert ReflectiveEntry.objects.get().title == "Kept"

    def test_preview_on_a_signed_off_entry_is_refused_as_before(self, client, author, supervisor):
        from learning.models import EntryStatus
        from tests.learning.reflections.factories import shared_entry

        entry = shared_entry(author, supervisor, status=EntryStatus.FINAL)
        services.entry_sign_off(entry=entry, supervisor=supervisor)
        client.force_login(author)
        response = client.post(
            reverse("reflections:entry_edit", args=[entry.pk]),
            {"title": "X", "body": "Y", "preview": "1"},
        )
        assert response.status_code == 302
