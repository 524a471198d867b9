"""A briefing as readers see it, on screen and in its print view."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

from tests.briefings.conftest import sections

pytestmark = pytest.mark.django_db


def _get(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _section_items(html: str) -> list[tuple[str, str]]:
    """(id, heading) of each numbered section, in order."""
    listed = html.split('<ol class="hub-briefing-sections">', 1)[1].split("</ol>", 1)[0]
    return re.findall(
        r'<li class="hub-briefing-section" id="(section-\d)">\s*'
        r'<h2 class="hub-briefing-section__title">([^<]+)</h2>',
        listed,
    )


@pytest.fixture
def briefing(make_briefing, make_review, principles):
    review = make_review(title="Safeguarding Adults Review: Adult Q", year_published=2023)
    return make_briefing(
        title="Hoarding: what to look for",
        summary="Signs of hoarding and how to respond.",
        principle_slugs=("prevention", "partnership"),
        abuse_type_slugs=("self-neglect",),
        themes=("hoarding",),
        review=review,
        sections=sections(body='<p>See <a href="https://example.org/guide">the guide</a>.</p>'),
        reflective_questions=[
            (
                "question",
                {"text": "Who else knows this person?", "principle": principles["partnership"]},
            )
        ],
    )


def test_the_page_shows_seven_numbered_sections(client, briefing):
    html = _get(client, briefing.url)
    assert _section_items(html) == [
        ("section-1", "Background"),
        ("section-2", "Why it matters"),
        ("section-3", "Information"),
        ("section-4", "What the learning is"),
        ("section-5", "What to do"),
        ("section-6", "Questions for reflection"),
        ("section-7", "Further information"),
    ]
    assert '<article class="hub-briefing hub-printable">' in html


def test_the_page_shows_summary_meta_tags_questions_and_review(client, briefing):
    html = _get(client, briefing.url)
    assert '<h1 class="govuk-heading-xl">Hoarding: what to look for</h1>' in html
    assert "Signs of hoarding and how to respond." in html
    assert "7 minutes of CPD" in html
    assert "minute to read" in html
    assert f"Published {briefing.first_published_at:%-d %B %Y}" in html
    assert 'href="/principles/prevention/">Prevention</a>' in html
    assert 'hub-tag--abuse-type">Self-neglect<' in html
    assert 'hub-tag--topic">hoarding<' in html
    assert "Who else knows this person?" in html
    review = briefing.review
    assert (
        f'draws on the <a class="govuk-link" href="{review.url}">'
        "Safeguarding Adults Review: Adult Q</a>"
    ) in html


def test_an_unpublished_review_is_not_linked(client, briefing):
    briefing.review.unpublish()
    html = _get(client, briefing.url)
    assert "draws on the" not in html
    assert "Adult Q" not in html


def test_the_page_offers_a_print_view_without_javascript(client, briefing):
    html = _get(client, briefing.url)
    assert f'<a class="govuk-link" href="{briefing.url}?print=1">Print or save as PDF' in html
    assert "javascript:" not in html
    # The site's chrome is there on the normal page.
    assert "govuk-service-navigation" in html


def test_the_print_view_is_the_briefing_without_the_site_chrome(client, briefing, settings):
    # The printed address is the site's public one (learning/site_urls.py), not the
    # Site record's `localhost` that briefing.full_url would give.
    settings.WAGTAILADMIN_BASE_URL = "https://learn.example.org/"
    html = _get(client, f"{briefing.url}?print=1")
    assert len(_section_items(html)) == 7
    assert "Who else knows this person?" in html
    assert "govuk-service-navigation" not in html
    assert "govuk-header" not in html
    assert "govuk-footer" not in html
    assert "Print or save as PDF" not in html
    assert "use your browser's Print command" in html
    assert f'<a class="govuk-back-link" href="{briefing.url}">' in html
    assert '<meta name="robots" content="noindex">' in html
    public_url = f"https://learn.example.org{briefing.url}"
    assert f"From the Safeguarding Learning Hub: {public_url}</p>" in html
    assert f'<link rel="canonical" href="{public_url}">' in html
    assert "localhost" not in html
    assert 'href="/static/css/hub.css"' in html


@pytest.mark.parametrize("value", ["0", "yes", "", "1<script>"])
def test_any_other_print_value_gives_the_normal_page(client, briefing, value):
    html = _get(client, f"{briefing.url}?print={value}")
    assert "govuk-service-navigation" in html
    assert "Print or save as PDF" in html


def test_the_stylesheet_has_print_rules_for_briefings(client, briefing):
    path = finders.find("css/hub.css")
    assert path, "static/css/hub.css is missing"
    with open(path, encoding="utf-8") as css_file:
        css = css_file.read()
    assert "@page{size:A4" in css.replace(" ", "")
    print_rules = "".join(css.split("@media print")[1:])
    assert ".hub-briefing-section" in print_rules
    assert ".hub-no-print" in print_rules
    # External links in a briefing are printed as text after the link.
    unquoted = print_rules.replace('"', "").replace("'", "")
    assert ".hub-printable a[href^=http]::after{content: ( attr(href) )" in unquoted


def test_a_draft_briefing_is_not_served(client, make_briefing):
    draft = make_briefing(publish=False)
    assert client.get(draft.url or f"/briefings/{draft.slug}/").status_code == 404


def test_editors_can_preview_the_print_version(briefing, rf):
    from django.contrib.auth.models import AnonymousUser

    assert ("print", "Print version") in briefing.preview_modes
    request = rf.get("/")
    request.user = AnonymousUser()
    html = briefing.serve_preview(request, "print").render().content.decode()
    assert "use your browser's Print command" in html
    assert "govuk-service-navigation" not in html
    html = briefing.serve_preview(request, "").render().content.decode()
    assert "govuk-service-navigation" in html
