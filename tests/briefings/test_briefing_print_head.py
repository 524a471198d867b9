"""The print version of a briefing has its own <head>: it carries the briefing's
description and the site's icon as the screen version does."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


def test_print_version_has_the_description_and_icon(client, make_briefing):
    briefing = make_briefing(summary="Spotting cuckooing early.")
    response = client.get(f"{briefing.url}?print=1")
    head = BeautifulSoup(response.content.decode(), "html.parser").head

    assert head.title.string.endswith("(print version) \u2013 Safeguarding Learning Hub")
    assert head.find("meta", attrs={"name": "description"})["content"] == (
        "Spotting cuckooing early."
    )
    assert [icon["href"] for icon in head.find_all("link", rel="icon")] == [
        static("images/favicon.ico"),
        static("images/favicon.svg"),
    ]
