"""What every page's <head> gives browsers and search engines: a title that names the
service once, a description, and an icon (so /favicon.ico is never a 404)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.templatetags.static import static

from learning.site_setup import ensure_site_pages
from tests.factories import make_person
from tests.learning.reflections.factories import make_learning_page

pytestmark = pytest.mark.django_db

DEFAULT_DESCRIPTION = (
    "Seven-minute briefings, case studies and learning from Safeguarding Adults Reviews for "
    "staff of the Safeguarding Adults Board's partner organisations, with a record of your "
    "CPD and a private reflective log."
)


def _head(client, path: str) -> BeautifulSoup:
    response = client.get(path)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser").head


def _description(head: BeautifulSoup) -> str:
    tags = head.find_all("meta", attrs={"name": "description"})
    assert len(tags) == 1
    return tags[0]["content"]


def test_home_page_title_names_the_service_once(client):
    ensure_site_pages()
    assert _head(client, "/").title.string == "Safeguarding Learning Hub"
    client.force_login(make_person())
    assert _head(client, "/").title.string == "Home \u2013 Safeguarding Learning Hub"


def test_other_pages_keep_their_title_before_the_service_name(client):
    ensure_site_pages()
    assert _head(client, "/principles/").title.string == (
        "The six safeguarding principles \u2013 Safeguarding Learning Hub"
    )


def test_a_learning_page_is_described_by_its_summary(client):
    page = make_learning_page()
    assert page.summary == "A short piece of learning about safeguarding adults."
    assert _description(_head(client, page.url)) == page.summary


def test_the_search_description_comes_before_the_summary(client):
    page = make_learning_page(search_description="Self-neglect: a case study of working with Mr A.")
    assert _description(_head(client, page.url)) == (
        "Self-neglect: a case study of working with Mr A."
    )


def test_pages_without_a_summary_have_the_default_description(client):
    ensure_site_pages()
    assert _description(_head(client, "/")) == DEFAULT_DESCRIPTION
    assert _description(_head(client, "/principles/")) == DEFAULT_DESCRIPTION
    client.force_login(make_person())
    assert _description(_head(client, "/my-learning/")) == DEFAULT_DESCRIPTION


def test_every_page_links_an_icon_that_exists(client):
    ensure_site_pages()
    icons = _head(client, "/principles/").find_all("link", rel="icon")
    assert [icon["href"] for icon in icons] == [
        static("images/favicon.ico"),
        static("images/favicon.svg"),
    ]
    assert finders.find("images/favicon.svg")
    with open(finders.find("images/favicon.ico"), "rb") as icon:
        # The ICO file format's signature.
        assert icon.read(4) == b"\x00\x00\x01\x00"


def test_favicon_ico_redirects_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("images/favicon.ico")
