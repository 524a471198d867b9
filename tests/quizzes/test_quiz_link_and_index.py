"""The "Check your understanding" link other pages include, and the index page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.test import RequestFactory

from quizzes.selectors import knowledge_check_for

pytestmark = pytest.mark.django_db


def _render_link(page) -> BeautifulSoup:
    template = Template("{% load quizzes_tags %}{% knowledge_check_link page %}")
    request = RequestFactory().get("/")
    html = template.render(Context({"page": page, "request": request}))
    return BeautifulSoup(html, "html.parser")


def test_attached_page_links_to_its_check(case_study, make_check):
    check = make_check(checks_page=case_study)
    soup = _render_link(case_study)
    link = soup.find("a")
    assert link["href"] == check.url
    assert link.get_text(" ", strip=True).startswith("Check your understanding")
    assert "You complete this" not in soup.get_text()


def test_link_says_when_passing_completes_the_page(case_study, make_check):
    make_check(checks_page=case_study)
    case_study.completion_method = "check"
    text = _render_link(case_study).get_text(" ", strip=True)
    assert "You complete this case study by passing its knowledge check." in text


def test_no_link_without_a_published_check(case_study, make_check):
    make_check(checks_page=case_study, publish=False)
    assert _render_link(case_study).get_text(strip=True) == ""
    assert knowledge_check_for(case_study) is None


def test_link_costs_a_fixed_number_of_queries(case_study, make_check, django_assert_num_queries):
    make_check(checks_page=case_study)
    make_check()
    # One for the check, one for the view restrictions that keep private checks out.
    with django_assert_num_queries(2):
        knowledge_check_for(case_study)


def test_check_page_points_back_to_the_page_it_checks(client, case_study, make_check):
    check = make_check(checks_page=case_study)
    soup = BeautifulSoup(client.get(check.url).content.decode(), "html.parser")
    assert soup.find("a", string=case_study.title)["href"] == case_study.url


def test_index_lists_checks_and_myth_busters(client, check_index, make_check, make_myth_buster):
    check = make_check(title="Check about consent")
    buster = make_myth_buster(title="Myths about capacity")
    make_check(title="Draft check", publish=False)
    soup = BeautifulSoup(client.get(check_index.url).content.decode(), "html.parser")
    links = {a.get_text(strip=True): a["href"] for a in soup.select(".hub-card a")}
    assert links["Check about consent"] == check.url
    assert links["Myths about capacity"] == buster.url
    assert "Draft check" not in links


def test_navigation_offers_the_index(client, check_index):
    soup = BeautifulSoup(client.get("/").content.decode(), "html.parser")
    nav = soup.find("nav", attrs={"aria-label": "Main"})
    assert nav.find("a", string="Test your knowledge")["href"] == check_index.url
