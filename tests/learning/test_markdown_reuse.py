"""learning.markdown: one reused parser per thread, and the in-process cache of
rendered HTML. The output must be exactly what a fresh parser gives, whatever was
converted before it. No database needed.
"""

from __future__ import annotations

import ast
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import markdown
import pytest

from learning import markdown as renderer
from learning.markdown import render_markdown
from tests.learning.test_markdown import XSS_PAYLOADS, assert_safe

# Everything the configured extensions handle, plus the state Markdown itself keeps
# between conversions (reference definitions, stashed code blocks).
SAMPLES = [
    "# Heading\n\nSome *emphasis* and **strong** text.\n\n## Second\n\nMore.",
    "- one\n- two\n\n1. first\n2. second\n\n3. new list",
    "> quoted\n> lines\n\n`inline` code",
    "```\nfenced <b>code</b>\n```\n\nafter the fence",
    "| a | b |\n|:--|--:|\n| 1 | 2 |",
    "[reference link][ref]\n\n[ref]: https://example.org/ref",
    "[undefined reference][ref]",
    "See https://example.org/bare and mailto:a@example.org",
    "![an image](https://example.org/i.png) and [js](javascript:alert(1))",
    "Line one  \nline two\n\n---\n\n<b>raw</b>",
    "Someone's reflection\n\n" + "A realistic paragraph about practice. " * 40,
]


def _fresh_render(text: str) -> str:
    """What render_markdown returned before parsers were reused: a new Markdown
    instance for every call, then the sanitiser."""
    parser = markdown.Markdown(
        extensions=[*renderer._EXTENSIONS, renderer._SafeMarkdown()], output_format="html"
    )
    return renderer._sanitise(parser.convert(text)).strip()


@pytest.fixture
def empty_cache(monkeypatch: pytest.MonkeyPatch) -> renderer._RenderedCache:
    cache = renderer._RenderedCache(renderer.RENDER_CACHE_MAX_CHARS)
    monkeypatch.setattr(renderer, "_RENDERED", cache)
    return cache


# --- One parser per thread, no state carried over ----------------------------------------


def test_the_parser_is_reused_within_a_thread_and_not_shared_between_threads() -> None:
    mine = renderer._parser()
    assert renderer._parser() is mine
    with ThreadPoolExecutor(max_workers=1) as pool:
        theirs = pool.submit(renderer._parser).result()
    assert theirs is not mine


@pytest.mark.usefixtures("empty_cache")
def test_output_is_the_same_as_a_fresh_parser_whatever_came_before() -> None:
    # Every ordered pair of samples through the one reused parser.
    for before in SAMPLES:
        render_markdown(before)
        for text in SAMPLES:
            renderer._RENDERED.clear()
            assert render_markdown(text) == _fresh_render(text), (before, text)


@pytest.mark.usefixtures("empty_cache")
def test_a_reference_defined_in_one_text_does_not_resolve_in_the_next() -> None:
    defined = render_markdown("[my notes][n]\n\n[n]: https://example.org/private-notes")
    assert 'href="https://example.org/private-notes"' in defined
    later = render_markdown("Another person's [my notes][n].")
    assert "private-notes" not in later
    assert "<a " not in later


@pytest.mark.usefixtures("empty_cache")
def test_no_text_stays_in_the_parser_after_its_conversion() -> None:
    # Fenced code is held in Markdown's stash and references in a dict while a text is
    # converted; neither may keep one person's words until the thread's next call.
    render_markdown("```\nconfidential detail about Mrs B\n```\n\n[n]: https://example.org/x")
    parser = renderer._parser()
    assert parser.htmlStash.rawHtmlBlocks == []
    assert parser.htmlStash.html_counter == 0
    assert parser.references == {}


@pytest.mark.usefixtures("empty_cache")
def test_a_failed_conversion_leaves_no_state_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    parser = renderer._parser()

    def fail_after_parsing(text: str) -> str:
        parser.references["n"] = ("https://example.org/left-over", None)
        raise RuntimeError("conversion failed")

    monkeypatch.setattr(parser, "convert", fail_after_parsing)
    with pytest.raises(RuntimeError):
        render_markdown("anything")
    monkeypatch.undo()
    assert parser.references == {}
    assert "left-over" not in render_markdown("[a link][n]")


@pytest.mark.usefixtures("empty_cache")
def test_concurrent_threads_each_get_their_own_text_back() -> None:
    sources = [
        f"[r{i}]: https://example.org/{i}\n\n# Entry {i}\n\n[link {i}][r{i}]\n\n"
        f"```\ncode {i}\n```\n\n| n |\n|---|\n| {i} |"
        for i in range(120)
    ]
    expected = [_fresh_render(source) for source in sources]
    renderer._RENDERED.clear()
    with ThreadPoolExecutor(max_workers=6) as pool:
        assert list(pool.map(render_markdown, sources)) == expected


# --- The cache of rendered HTML ------------------------------------------------------------


def test_a_cached_rendering_is_identical_and_converts_only_once(
    empty_cache: renderer._RenderedCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    conversions: list[str] = []
    convert = renderer._convert

    def counting(text: str) -> str:
        conversions.append(text)
        return convert(text)

    monkeypatch.setattr(renderer, "_convert", counting)
    text = SAMPLES[-1]
    first = render_markdown(text)
    assert render_markdown(text) == first == _fresh_render(text)
    assert conversions == [text]
    # Keyed by the exact text: one character more is a different entry.
    assert render_markdown(text + "!") != first
    assert len(conversions) == 2
    assert len(empty_cache) == 2


def test_blank_input_is_not_cached(empty_cache: renderer._RenderedCache) -> None:
    assert render_markdown("   \n ") == ""
    assert len(empty_cache) == 0


def test_the_cache_is_bounded_by_characters_dropping_the_least_recently_used() -> None:
    cache = renderer._RenderedCache(max_chars=100)
    for n in range(10):
        cache.put(f"text {n}", "x" * 10)  # 16 characters each
    assert cache.chars <= 100
    assert len(cache) == 6
    assert cache.get("text 0") is None and cache.get("text 3") is None
    assert cache.get("text 4") == "x" * 10  # now the most recently used
    cache.put("text 10", "x" * 10)
    assert cache.get("text 4") == "x" * 10
    assert cache.get("text 5") is None
    cache.put("huge", "y" * 200)  # bigger than the whole cache: never stored
    assert cache.get("huge") is None
    assert cache.chars <= 100


def test_render_markdown_never_grows_its_cache_past_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cache = renderer._RenderedCache(max_chars=2_000)
    monkeypatch.setattr(renderer, "_RENDERED", cache)
    for n in range(200):
        render_markdown(f"Entry number {n} with *some* emphasis.")
        assert cache.chars <= 2_000
    assert 0 < len(cache) < 200
    assert render_markdown("Entry number 3 with *some* emphasis.") == _fresh_render(
        "Entry number 3 with *some* emphasis."
    )


def test_the_default_limit_keeps_the_cache_to_a_few_megabytes() -> None:
    assert renderer._RENDERED.max_chars == renderer.RENDER_CACHE_MAX_CHARS <= 8_000_000


@pytest.mark.usefixtures("empty_cache")
def test_hostile_input_is_sanitised_before_it_is_cached_and_when_served_from_it() -> None:
    for payload in XSS_PAYLOADS:
        first = render_markdown(payload)
        assert_safe(first)
        assert render_markdown(payload) == first
    for cached in renderer._RENDERED._entries.values():
        assert_safe(cached)


def test_the_cache_is_in_process_and_never_the_shared_django_cache() -> None:
    # An erased person's words must not outlive them in Redis: the renderer imports
    # nothing from Django, so it cannot reach the shared cache.
    tree = ast.parse(Path(renderer.__file__).read_text())
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert "markdown" in imported  # guards the guard: imports were found
    assert not [name for name in imported if name.split(".")[0] == "django"]
