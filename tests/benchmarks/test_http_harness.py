"""The HTTP benchmark harness (tests/benchmarks/http/), kept from rotting in `make test`:
its figures, its request mix, its tables, its page list and its sign-in. The timed run
itself is benchmark-marked (test_http_smoke.py)."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from learning.roles import Role
from tests.benchmarks.http import load, measure
from tests.benchmarks.http.client import Reply
from tests.benchmarks.http.pages import BARE_PATH, PAGES, select_pages
from tests.benchmarks.http.signin import load_people, session_cookies
from tests.benchmarks.http.stats import (
    Sample,
    by_kind,
    by_window,
    markdown_table,
    percentile,
    share,
    summarise,
)
from tests.factories import make_person

# Figures -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        ([5, 1, 4, 2, 3], 50, 3),
        ([5, 1, 4, 2, 3], 0, 1),
        ([5, 1, 4, 2, 3], 100, 5),
        ([5, 1, 4, 2, 3], 25, 2),
        ([10, 20], 50, 15),
        ([10, 20], 95, 19.5),
        (list(range(1, 101)), 99, 99.01),
        ([7], 99, 7),
    ],
)
def test_percentile_interpolates_between_ranks(values, p, expected):
    assert percentile(values, p) == pytest.approx(expected)


@pytest.mark.parametrize(("values", "p"), [([], 50), ([1, 2], -1), ([1, 2], 101)])
def test_percentile_refuses_what_has_none(values, p):
    with pytest.raises(ValueError):
        percentile(values, p)


def test_failed_requests_count_as_errors_but_not_in_the_percentiles():
    samples = [Sample(0, "page", 0.010, True)] * 3 + [Sample(0, "page", 0.001, False)]
    summary = summarise(samples, elapsed=2)
    assert (summary.requests, summary.errors, summary.per_second) == (4, 1, 2)
    assert summary.p50_ms == pytest.approx(10)
    assert summarise([Sample(0, "page", 0.001, False)], elapsed=1).p99_ms is None


def test_windows_show_where_the_errors_were_and_keep_empty_windows():
    samples = [
        Sample(0.5, "reading", 0.01, True),
        Sample(1.2, "reading", 0.01, False),
        Sample(1.9, "reports", 0.01, False),
        Sample(5.5, "reading", 0.02, True),
    ]
    windows = by_window(samples, width=1, duration=6)
    assert [w.requests for w in windows] == [1, 2, 0, 0, 0, 1]
    assert [w.errors for w in windows] == [0, 2, 0, 0, 0, 0]
    # A request begun at the very end belongs to the last window, not a new one.
    assert len(by_window([Sample(6.0, "x", 0.01, True)], width=1, duration=6)) == 6
    kinds = by_kind(samples, elapsed=6)
    assert list(kinds) == ["reading", "reports"]
    assert (kinds["reading"].requests, kinds["reading"].errors) == (3, 1)


def test_share_keeps_small_shares_apart():
    assert share(57, 3896) == "1.5%"
    assert share(5, 3896) == "0.13%"
    assert share(400, 1000) == "40.0%"
    assert share(5, None) == "-"
    assert share(None, 100) == "-"


# The request mix ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("draw", "kind"),
    [
        (0.0, "reading"),
        (0.6999, "reading"),
        (0.70, "dashboards"),
        (0.8499, "dashboards"),
        (0.85, "completions"),
        (0.9499, "completions"),
        (0.95, "reports"),
        (0.999999, "reports"),
    ],
)
def test_the_mix_gives_each_kind_its_share_of_the_draws(draw, kind):
    assert load.choose(load.MIX, draw) == kind


def test_the_mix_is_the_one_the_issue_asks_for():
    weights = dict(load.MIX)
    assert weights == {"reading": 70, "dashboards": 15, "completions": 10, "reports": 5}


def test_a_draw_outside_the_interval_is_refused():
    with pytest.raises(ValueError):
        load.choose(load.MIX, 1.0)


def test_a_redirect_to_sign_in_is_an_error_not_a_success():
    assert load.succeeded(Reply(302, 0.01, headers={"location": "/my-learning/"}))
    assert load.succeeded(Reply(200, 0.01))
    assert not load.succeeded(Reply(302, 0.01, headers={"location": "/accounts/login/?next=/"}))
    assert not load.succeeded(Reply(500, 0.01))
    assert not load.succeeded(Reply(0, 0.01, error="ConnectionRefusedError"))


# Tables -------------------------------------------------------------------------


def test_markdown_table_aligns_figures_right_and_escapes_bars():
    table = markdown_table(["page", "req/s"], [["a|b", "1,234"]])
    assert table.splitlines() == ["| page | req/s |", "| --- | ---: |", "| a\\|b | 1,234 |"]
    with pytest.raises(ValueError):
        markdown_table(["page", "req/s"], [["only one cell"]])


def _level(concurrency, per_second, p50=None):
    return measure.Level(concurrency, 100, 0, 1.0, per_second, p50, p50, p50, 120.0)


def test_the_page_table_sets_each_page_beside_the_bare_view():
    results = [
        measure.PageResult(
            "bare", "bare view", BARE_PATH, 0, 0.1, [_level(1, 900, 1.0), _level(4, 4000)]
        ),
        measure.PageResult("home", "home", "/", 40, 18.0, [_level(1, 20, 50.0), _level(4, 40)]),
        measure.PageResult("team", "team", "/my-team/", 12, problem="answered 302"),
    ]
    lines = measure.report_table(results, [1, 4]).splitlines()
    assert "req/s at c=4" in lines[0] and "share of bare view's req/s at c=4" in lines[0]
    assert lines[2].startswith("| bare view | 0 | 0.1 | 1.0 |") and "| 100.0% |" in lines[2]
    assert "| 50.0 |" in lines[3] and "| 40 | 1.0% |" in lines[3]
    assert lines[4].startswith("| team | 12 |") and lines[4].endswith("| answered 302 |")


def test_the_load_report_has_a_row_per_kind_and_per_window():
    samples = [Sample(0.1, "reading", 0.01, True), Sample(7, "reports", 0.2, False)]
    text = load.report(samples, elapsed=10, window=5)
    assert "| reports | 1 | 1 |" in text
    assert "| 0-5 s | 1 | 0 |" in text and "| 5-10 s | 1 | 1 |" in text


# Pages and people ---------------------------------------------------------------


def test_pages_are_chosen_by_key_with_the_bare_view_always_first():
    assert [p.key for p in select_pages("home,static")] == ["bare", "static", "home"]
    assert [p.key for p in select_pages("all")] == [p.key for p in PAGES]
    with pytest.raises(ValueError, match="unknown pages: nowhere"):
        select_pages("home,nowhere")


@pytest.mark.django_db
def test_every_page_address_resolves_by_name():
    # The addresses that need no one in the database: a renamed URL fails here.
    pages = {p.key: p for p in select_pages("all")}
    world = measure.World()
    assert pages["my-learning"].url(world) == reverse("records:my_learning")
    assert pages["compliance-csv"].url(world).endswith("?export=csv&table=teams")
    with pytest.raises(LookupError):
        pages["briefing"].url(world)


def test_the_people_file_takes_an_address_or_a_list(tmp_path):
    path = tmp_path / "people.json"
    path.write_text(json.dumps({"practitioner": ["a@x.example", "b@x.example"], "lead": "l@x"}))
    assert load_people(path) == {"practitioner": ["a@x.example", "b@x.example"], "lead": ["l@x"]}
    assert load_people(None)["manager"] == ["manager@northmoor.example"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "url_name"),
    [(Role.PRACTITIONER, "records:my_learning"), (Role.SAB_MANAGER, "reports:index")],
)
def test_a_session_written_by_the_harness_is_signed_in_with_its_second_factor(role, url_name):
    # A manager's reports need a second factor: without the record of one, the guard
    # would send the session to set up an authenticator instead.
    person = make_person(role=role)
    client = Client()
    for name, value in session_cookies(person).items():
        client.cookies[name] = value
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert response.wsgi_request.user == person
