"""A briefing says how long it takes to read and, separately, how many minutes of CPD
it gives for reading and reflecting; the editor is warned when reading alone would
take longer than the CPD it gives (issue 12: "About 4-5 minutes to read" against seven
minutes of CPD, with nothing saying why they differ)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from briefings.reading import WORDS_PER_MINUTE, reading_length
from learning.roles import Role
from tests.briefings.conftest import sections
from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(sign_in_with_mfa):
    return sign_in_with_mfa(Role.SAB_EDITOR)


def _words(count: int) -> str:
    return "<p>" + " ".join(["word"] * count) + "</p>"


def _meta(html: str) -> list[str]:
    """The items of the briefing's meta list, tags stripped."""
    listed = html.split('<ul class="hub-meta">', 1)[1].split("</ul>", 1)[0]
    return [re.sub(r"\s+", " ", item).strip() for item in re.findall(r"<li>(.*?)</li>", listed)]


def test_page_says_reading_time_and_cpd_each_for_what_it_is(client, make_briefing):
    # About 600 words over seven sections: three minutes to read, seven of CPD.
    page = make_briefing(sections=sections(body=_words(80)), cpd_minutes=7)
    length = reading_length(page)
    assert length.minutes == 3
    meta = _meta(client.get(page.url).content.decode())
    assert meta[:2] == [
        "About 3 minutes to read",
        "7 minutes of CPD for reading and reflecting on it",
    ]


def test_cpd_line_and_button_give_the_page_cpd_minutes(client, make_briefing):
    page = make_briefing(cpd_minutes=10)
    client.force_login(make_person())
    html = client.get(page.url).content.decode()
    assert "10 minutes of CPD for reading and reflecting on it" in _meta(html)
    assert "About 1 minute to read" in _meta(html)
    # The button records the number the page promised.
    assert "record 10 minutes of CPD</button>" in html


def test_reading_length_compares_reading_with_cpd(make_briefing):
    short = make_briefing(cpd_minutes=7)
    assert reading_length(short).cpd_minutes == 7
    assert not reading_length(short).longer_than_cpd
    long = make_briefing(sections=sections(body=_words(WORDS_PER_MINUTE)), cpd_minutes=5)
    assert reading_length(long).minutes > 5
    assert reading_length(long).longer_than_cpd


def test_editor_is_warned_when_reading_takes_longer_than_the_cpd(client, editor, make_briefing):
    page = make_briefing(sections=sections(body=_words(WORDS_PER_MINUTE)), cpd_minutes=5)
    body = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Reading it takes longer than the 5 minutes of CPD it gives." in body


def test_editor_is_not_warned_when_the_cpd_covers_the_reading(client, editor, make_briefing):
    page = make_briefing(cpd_minutes=7)
    body = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Reading it takes longer" not in body
