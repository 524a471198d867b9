"""Render staff-written Markdown (reflective logs, supervisor comments) to safe HTML.

``render_markdown`` is the only public name. bleach is in security-only maintenance,
so it is deliberately confined to this module: nothing else in the project imports
it, and swapping the sanitiser later (e.g. for nh3) means changing this file alone.
"""

from __future__ import annotations

import html
import re
import threading
from collections import OrderedDict
from functools import partial
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown
from bleach.linkifier import LinkifyFilter, build_url_re
from bleach.sanitizer import Cleaner
from markdown.extensions import Extension
from markdown.inlinepatterns import (
    IMAGE_LINK_RE,
    LinkInlineProcessor,
    ReferenceInlineProcessor,
    ShortReferenceInlineProcessor,
)
from markdown.treeprocessors import Treeprocessor

__all__ = ["render_markdown"]

# Exactly the list: paragraphs (with their line breaks), emphasis, lists,
# headings h3-h5, blockquote, code (with its block form), tables and links. Nothing
# else, so no horizontal rules and no link titles: a "---" line simply disappears.
ALLOWED_TAGS = frozenset(
    {"p", "br", "em", "strong", "ul", "ol", "li", "h3", "h4", "h5", "blockquote", "code",
     "pre", "table", "thead", "tbody", "tr", "th", "td", "a"}
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": ["href", "rel"]}
# Tables get the GOV.UK table styles. A table part may carry a class, but only its own
# fixed value below: a class is never taken from what the user wrote.
TABLE_CLASSES = {
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"

# A user's heading must never outrank the page's own h1/h2, so shift everything down.
_DEMOTED_HEADINGS = {"h1": "h3", "h2": "h4", "h3": "h5", "h4": "h5", "h5": "h5", "h6": "h5"}
# Same normalisation bleach applies before checking a scheme: entities are decoded by
# html.unescape, then whitespace/control/non-ASCII characters that browsers ignore go.
_URI_JUNK = re.compile(r"[`\x00-\x20\x7f-\xa0\s]+|[^\x00-\x7f]")


class _DemoteHeadings(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            element.tag = _DEMOTED_HEADINGS.get(element.tag, element.tag)


class _TableClasses(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag in TABLE_CLASSES:
                element.set("class", TABLE_CLASSES[element.tag])


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    """bleach's attribute check: links as ALLOWED_ATTRIBUTES says, a table part's own
    fixed class, nothing else."""
    if name in ALLOWED_ATTRIBUTES.get(tag, ()):
        return True
    return name == "class" and TABLE_CLASSES.get(tag) == value


class _SafeMarkdown(Extension):
    """Headings demoted, tables classed; raw HTML is not recognised and images
    become links."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Raw HTML is turned off rather than left for bleach: "<b>" typed by a user then
        # reaches the page as the literal text they wrote, never as markup.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        # No images: image syntax is re-pointed at the *link* processors (same names and
        # priorities), so ![alt](url) becomes an ordinary, still-checked link to url.
        image = IMAGE_LINK_RE
        md.inlinePatterns.register(LinkInlineProcessor(image, md), "image_link", 150)
        md.inlinePatterns.register(ReferenceInlineProcessor(image, md), "image_reference", 140)
        md.inlinePatterns.register(ShortReferenceInlineProcessor(image, md), "short_image_ref", 125)
        md.treeprocessors.register(_DemoteHeadings(md), "demote_headings", 0)
        md.treeprocessors.register(_TableClasses(md), "table_classes", 0)


def _scheme(href: str) -> str:
    cleaned = _URI_JUNK.sub("", html.unescape(href)).lower()
    try:
        return urlsplit(cleaned).scheme
    except ValueError:
        return ""


def _check_link(attrs: dict, new: bool = False) -> dict | None:
    """Runs on every link, existing and linkified; returning None unwraps it to text.

    LinkifyFilter runs *after* the sanitiser, so this is also the only protocol check
    for links it creates. Relative and fragment hrefs are unwrapped too: only explicit
    http/https/mailto links survive.
    """
    href = attrs.get((None, "href"), "")
    if _scheme(href) not in ALLOWED_PROTOCOLS:
        return None
    attrs[(None, "rel")] = LINK_REL
    if not attrs.get("_text", "").strip():  # e.g. ![](url): never an invisible link
        attrs["_text"] = href
    return attrs


# Built once: sanitising + linkifying happen in one pass. bleach documents Cleaner as
# NOT thread-safe (its html5lib parser keeps state) and a shared one really does mix
# up concurrent outputs, so every use goes through _CLEANER_LOCK.
# strip=True: raw HTML from the source is already escaped by Markdown (above), so any
# disallowed tag reaching bleach is one Markdown itself produced; dropping the tag but
# keeping its text reads better than showing escaped "<div>" noise.
_CLEANER = Cleaner(
    tags=ALLOWED_TAGS,
    attributes=_allowed_attribute,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[
        partial(
            LinkifyFilter,
            callbacks=[_check_link],
            skip_tags={"pre", "code"},
            parse_email=True,
            url_re=build_url_re(protocols=["http", "https"]),
        )
    ],
)
_CLEANER_LOCK = threading.Lock()


def _sanitise(html_fragment: str) -> str:
    with _CLEANER_LOCK:
        return _CLEANER.clean(html_fragment)


# Parsing: one Markdown instance per thread, built on first use and reset after every
# conversion. Building one costs far more than a conversion (every extension registers
# its processors again), and an instance keeps state while it converts, so it is never
# shared between threads. The state that would otherwise carry over from one person's
# text to the next is Markdown's own: reference-link definitions and the stash holding
# fenced code blocks (tables, fenced_code, sane_lists and _SafeMarkdown keep none).
_EXTENSIONS = ("tables", "fenced_code", "sane_lists")
_PARSERS = threading.local()


def _parser() -> markdown.Markdown:
    parser = getattr(_PARSERS, "markdown", None)
    if parser is None:
        parser = markdown.Markdown(extensions=[*_EXTENSIONS, _SafeMarkdown()], output_format="html")
        _PARSERS.markdown = parser
    return parser


def _convert(text: str) -> str:
    parser = _parser()
    try:
        return parser.convert(text)
    finally:
        parser.reset()  # also after a failure, so no text outlives its own conversion


class _RenderedCache:
    """The most recently rendered texts, least recently used dropped first, holding
    at most `max_chars` characters of source and HTML together. Thread-safe."""

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self._entries: OrderedDict[str, str] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def get(self, text: str) -> str | None:
        with self._lock:
            rendered = self._entries.get(text)
            if rendered is not None:
                self._entries.move_to_end(text)
            return rendered

    def put(self, text: str, rendered: str) -> None:
        size = len(text) + len(rendered)
        if size > self.max_chars:
            return
        with self._lock:
            if text in self._entries:
                return
            self._entries[text] = rendered
            self._chars += size
            while self._chars > self.max_chars:
                old_text, old_rendered = self._entries.popitem(last=False)
                self._chars -= len(old_text) + len(old_rendered)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._chars = 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def chars(self) -> int:
        return self._chars


# Rendered HTML keyed by the exact source text: the output depends on nothing else,
# and a saved entry version's text never changes, so each is converted once per
# worker (the CPD summary alone renders ~130 entries a request). At most 4 million
# characters per worker. Deliberately in-process and NOT in the shared Django cache (Redis): what
# is cached here is people's own reflective writing, and a shared store would keep
# an erased person's words after erasure, beyond this process's life and outside the
# anonymisation's reach. Here they are gone when evicted or when the worker restarts.
RENDER_CACHE_MAX_CHARS = 4_000_000
_RENDERED = _RenderedCache(RENDER_CACHE_MAX_CHARS)


def render_markdown(text: str) -> str:
    """Return sanitised HTML for untrusted Markdown; "" for empty/blank input."""
    if not text or not text.strip():
        return ""
    rendered = _RENDERED.get(text)
    if rendered is None:
        rendered = _sanitise(_convert(text)).strip()
        _RENDERED.put(text, rendered)
    return rendered
