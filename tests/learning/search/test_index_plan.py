"""Full-text search is answered from the search index's GIN indexes on PostgreSQL
(issue 15), and narrowing it that way changes neither what is found nor its order.

Wagtail's database backend matches `(title || body) @@ query`, which no index holds,
so PostgreSQL reads the whole index table; learning.search first narrows the pages to
those whose title or body holds one of the words, which the GIN indexes answer.
"""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.search.query import Or, PlainText

from case_studies.models import CaseStudyPage
from learning.search import _narrowed_by_index, find_learning, live_learning_pages
from tests.learning.test_search import make_learning_page

pytestmark = pytest.mark.django_db

INDEX_TABLE = "wagtailsearch_indexentry"
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="query plans are PostgreSQL's; SQLite's search backend uses FTS5 tables instead",
)


def _pages() -> None:
    make_learning_page(title="Cuckooing and exploitation", body="Drug lines took over a flat.")
    make_learning_page(title="Hoarding at home", body="Newspapers blocked the hallway.")
    make_learning_page(title="Money worries", body="Cuckooing was not the concern here.")
    make_learning_page(title="Unrelated", body="A quiet review of practice.")


def _filler_entries(count: int) -> None:
    """Index rows for pages that are not in the page table (so never found): enough
    rows for PostgreSQL's planner to choose as it would on a real site."""
    content_type = ContentType.objects.get_for_model(CaseStudyPage)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {INDEX_TABLE} (content_type_id, object_id, title, autocomplete, body,
                                       title_norm, title_text, body_text)
            SELECT %s, (900000000 + g)::text, to_tsvector(md5(g::text)),
                   to_tsvector('simple', md5(g::text)),
                   to_tsvector(md5((g * 7)::text) || ' practice learning ' || md5((g * 3)::text)),
                   1.0, '', ''
            FROM generate_series(1, %s) AS g
            """,
            [content_type.pk, count],
        )
        cursor.execute(f"ANALYZE {INDEX_TABLE}")


def _gin_indexes(column: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
            [INDEX_TABLE, f"%USING gin ({column})%"],
        )
        return {row[0] for row in cursor.fetchall()}


def _plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _full_text_plans(query: str) -> list[str]:
    """The plan of each full-text query one search runs (not autocomplete's)."""
    with CaptureQueriesContext(connection) as captured:
        find_learning(query=query)
    statements = [q["sql"] for q in captured.captured_queries if '"body"' in q["sql"]]
    assert statements, "the search ran no full-text query"
    return [_plan(sql, None) for sql in statements]


def _uses_gin_for_words(plan: str) -> bool:
    title, body = _gin_indexes("title"), _gin_indexes("body")
    assert title and body, "Wagtail's GIN indexes on title and body are missing"
    return any(f"Bitmap Index Scan on {name}" in plan for name in title | body)


@on_postgresql
def test_a_search_is_answered_from_the_gin_indexes_not_a_scan_of_the_index() -> None:
    _pages()
    _filler_entries(5_000)
    for plan in _full_text_plans("cuckooing exploitation"):
        assert _uses_gin_for_words(plan), plan
        assert f"Seq Scan on {INDEX_TABLE}" not in plan, plan


@on_postgresql
def test_the_plan_check_catches_wagtails_own_unindexable_match() -> None:
    # Guards the guard: the same search without the narrowing cannot use the indexes.
    _pages()
    _filler_entries(5_000)
    results = live_learning_pages().search(Or([PlainText("cuckooing", operator="and")]))
    sql, params = results.get_queryset().query.sql_with_params()
    assert not _uses_gin_for_words(_plan(sql, params))


@on_postgresql
def test_narrowing_does_not_add_a_query_per_search() -> None:
    _pages()
    find_learning(query="hoarding")  # warms Django's content type cache
    with CaptureQueriesContext(connection) as captured:
        find_learning(query="hoarding newspapers")
    full_text = [q for q in captured.captured_queries if "@@" in q["sql"]]
    assert len(full_text) == 2  # the match and autocomplete, as before
    assert not [q for q in captured.captured_queries if "django_content_type" in q["sql"]]


# --- Same results, same order (both databases) ---------------------------------------------


def _titles(query: str) -> list[str]:
    return [page.title for page in find_learning(query=query).pages]


def test_words_split_between_title_and_body_still_match_together() -> None:
    _pages()
    # "hoarding" is only in the title and "newspapers" only in the body.
    assert _titles("hoarding newspapers") == ["Hoarding at home"]
    assert _titles("hoarding exploitation") == []


def test_narrowing_keeps_wagtails_matches_and_their_order() -> None:
    _pages()
    pages = live_learning_pages()
    for words in (["cuckooing"], ["hoarding", "newspapers"], ["practice"], ["flat", "drug"]):
        text = Or([PlainText(" ".join(words), operator="and")])
        plain = [page.pk for page in pages.search(text)]
        narrowed = [page.pk for page in _narrowed_by_index(pages, [" ".join(words)]).search(text)]
        assert narrowed == plain, words
        assert plain, words  # each query finds something, so the comparison means something
