"""Every piece of text a page would publish, labelled with where it sits.

Walks the page's own text fields and slug, rich text (with its link addresses and
images' alt text), StreamFields (through struct, list and nested stream blocks), web
addresses, tag names, the titles and file names of linked documents and inline child
objects, so a new field or block on any learning page type is scanned without the guard
having to know about it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import capfirst
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.models import get_all_child_relations
from taggit.managers import TaggableManager
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.models.pages import COMMENTS_RELATION_NAME

# Of Wagtail's own page fields, these are the ones an editor writes and the public sees
# (the slug in the page's address).
PAGE_TEXT_FIELDS = ("title", "slug", "seo_title", "search_description")

# Separates the steps of a location ("Sections", "Section 2", "Body"): a single
# right-pointing angle quotation mark, as in a breadcrumb trail.
SEPARATOR = " \u203a "

# Block-level closing tags and line breaks become new lines, so words from two
# paragraphs never run together into something that looks like a name.
_BLOCK_END_RE = re.compile(
    r"(</(?:p|h[1-6]|li|ul|ol|blockquote|div|td|th|tr)\s*>|<hr\s*/?>)", re.IGNORECASE
)
# A line break inside a paragraph: the detectors read a lone new line as a space, as the
# reader does ("Mrs" at the end of one line, "Smith" on the next).
_LINE_BREAK_RE = re.compile(r"(<br\s*/?>)", re.IGNORECASE)

# What joins the words of an address or a file name ("joan-smith_1941.pdf", "/in/joan.s/"),
# read as spaces so the detectors see the words.
_WORD_JOINERS_RE = re.compile(r"[/\\._\-+=&?#~:;,|]+")

# Where an attribute of a published HTML element sits, for people, after the field's
# label. Addresses are read as web addresses; the rest as text.
_ADDRESS_ATTRIBUTES = {"href": "link address", "src": "image address", "url": "media address"}
_TEXT_ATTRIBUTES = {"alt": "alt text", "title": "title text", "aria-label": "accessible name"}


class PageText(NamedTuple):
    field: str  # the page's field name, so the admin can show a warning beside it
    label: str  # where the text is, for people
    text: str


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment (rich text): blocks end with a blank line, so words
    of two paragraphs never read as one name; a line break is a single new line."""
    html = _LINE_BREAK_RE.sub(r"\1\n", _BLOCK_END_RE.sub(r"\1\n\n", html or ""))
    return unescape(strip_tags(html)).strip()


def rich_text_texts(html: str, label: str) -> Iterator[tuple[str, str]]:
    """(label, text) for an HTML fragment (rich text): its visible text under ``label``,
    then each published attribute (a link's address, an image's alt text, a linked
    document's file name) under ``label`` and what the attribute is."""
    yield label, html_to_text(html)
    for what, text in _published_attributes(html or ""):
        yield f"{label}{SEPARATOR}{what}", text


def url_texts(url: str) -> list[str]:
    """A web, email or phone address as the detectors can read it: as written (an email
    address, a number, an "@name"), as words (a name in the path), and as a site and the
    first step of its path ("instagram joansmith41": a social media name)."""
    url = unquote((url or "").strip())
    if not url or url.startswith("#"):
        return []  # a link within the page publishes nothing new
    try:
        parts = urlsplit(url)
    except ValueError:  # not an address at all ("http://[joan"): read it as words
        return _unique([url, words(url)])
    if not parts.netloc:
        # mailto:, tel:, sms: or an address on this site: the scheme says nothing.
        rest = url.split(":", 1)[1] if parts.scheme else url
        return _unique([rest, words(rest)])
    host = (parts.hostname or "").removeprefix("www.")
    path = " ".join(filter(None, (parts.path, parts.query, parts.fragment)))
    texts = [url, words(f"{host} {path}")]
    steps = [step for step in parts.path.split("/") if step]
    if steps:
        texts.append(f"{host.split('.')[0]} {steps[0]}")
    return _unique(texts)


def words(text: str) -> str:
    """``text`` with what joins the words of an address or a file name read as spaces."""
    return " ".join(_WORD_JOINERS_RE.sub(" ", text).split())


def file_name_text(name: str) -> str:
    """The words of a stored file's name, as it appears at the end of its public address
    ("documents/joan-smith-1941.pdf" is "joan smith 1941")."""
    return words(PurePosixPath(name or "").stem)


def document_texts(document: AbstractDocument, label: str) -> Iterator[tuple[str, str]]:
    """A linked document's title (published as the link's text) and its file name (in
    the link's address)."""
    yield label, document.title
    yield f"{label}{SEPARATOR}file name", file_name_text(document.file.name)


def _unique(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(text for text in texts if text.strip()))


class _AttributeReader(HTMLParser):
    """Collects the published attributes of an HTML fragment, as (what, text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self.documents: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if attributes.get("linktype") == "document" and attributes.get("id", "").isdigit():
            # Wagtail's stored form of a link to a document: its address is made when the
            # page is shown, and ends with the document's file name.
            self.documents.append(int(attributes["id"]))
        for name, what in _ADDRESS_ATTRIBUTES.items():
            self.found += ((what, text) for text in url_texts(attributes.get(name, "")))
        for name, what in _TEXT_ATTRIBUTES.items():
            if attributes.get(name, "").strip():
                self.found.append((what, attributes[name]))


def _published_attributes(html: str) -> list[tuple[str, str]]:
    if "<" not in html:
        return []
    reader = _AttributeReader()
    reader.feed(html)
    reader.close()
    found = reader.found
    if reader.documents:
        from wagtail.documents import get_document_model

        found += (
            (_ADDRESS_ATTRIBUTES["href"], file_name_text(name))
            for name in get_document_model()
            .objects.filter(pk__in=reader.documents)
            .values_list("file", flat=True)
        )
    return [(what, text) for what, text in found if text.strip()]


def page_texts(page: Page) -> list[PageText]:
    """The text of every field of ``page`` (an instance of a concrete page model, live
    or built from a revision), empty texts left out."""
    found: list[PageText] = []
    for field in page._meta.concrete_fields:
        if field.model is Page and field.name not in PAGE_TEXT_FIELDS:
            continue
        label = capfirst(str(field.verbose_name))
        if _is_document_link(field):
            # Published as the link's text (its title) and address (its file name).
            document = getattr(page, field.name)
            if document is not None:
                found += (
                    PageText(field.name, where, text)
                    for where, text in document_texts(document, label)
                )
            continue
        found += (
            PageText(field.name, where, text)
            for where, text in _field_texts(field, getattr(page, field.attname), label)
        )
    for field in page._meta.many_to_many:
        # Tags are published as links on the page, and an editor can type anything into
        # them; each name is scanned alone so two tags never read as one name.
        if isinstance(field, TaggableManager):
            found += tag_texts(field, [tag.name for tag in _tags(page, field)])
    for relation in get_all_child_relations(page):
        accessor = relation.get_accessor_name()
        if accessor == COMMENTS_RELATION_NAME:
            continue  # editors' comments are never published
        item_label = capfirst(str(relation.related_model._meta.verbose_name))
        for number, child in enumerate(getattr(page, accessor).all(), start=1):
            for field in child._meta.concrete_fields:
                if field is relation.field:
                    continue
                label = f"{item_label} {number}{SEPARATOR}{capfirst(str(field.verbose_name))}"
                found += (
                    PageText(accessor, where, text)
                    for where, text in _field_texts(field, getattr(child, field.attname), label)
                )
    return [item for item in found if item.text.strip()]


def _is_document_link(field: models.Field) -> bool:
    return isinstance(field, models.ForeignKey) and issubclass(
        field.related_model, AbstractDocument
    )


def tag_texts(field: TaggableManager, names: Iterable[str]) -> list[PageText]:
    """One text per tag name, labelled with the tag field."""
    label = capfirst(str(field.verbose_name))
    return [PageText(field.name, label, name) for name in names]


def _tags(page: Page, field: TaggableManager) -> list:
    if page.pk is None and not isinstance(field, ClusterTaggableManager):
        return []  # plain taggit cannot read an unsaved object's tags; modelcluster can
    return list(getattr(page, field.name).all())


def _field_texts(field: models.Field, value: Any, label: str) -> Iterator[tuple[str, str]]:
    if value is None or not field.editable or field.choices:
        return
    if isinstance(field, StreamField):
        yield from _stream_texts(value, label)
    elif isinstance(field, RichTextField):
        yield from rich_text_texts(value, label)
    elif isinstance(field, models.SlugField):
        yield label, words(str(value))  # in the page's address: "joan-smith" is a name
    elif isinstance(field, models.URLField):
        yield from ((label, text) for text in url_texts(str(value)))
    elif isinstance(field, (models.CharField, models.TextField)):
        yield label, str(value)


def _stream_texts(stream: Iterable, label: str) -> Iterator[tuple[str, str]]:
    for number, child in enumerate(stream, start=1):
        yield from block_texts(
            child.block, child.value, f"{label}{SEPARATOR}{_block_label(child.block)} {number}"
        )


def block_texts(block: blocks.Block, value: Any, label: str) -> Iterator[tuple[str, str]]:
    """(label, text) for every piece of text in a block's value, however deeply nested."""
    if value is None:
        return
    if isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            yield from block_texts(
                child_block, value.get(name), f"{label}{SEPARATOR}{_block_label(child_block)}"
            )
    elif isinstance(block, blocks.ListBlock):
        for number, item in enumerate(value, start=1):
            yield from block_texts(block.child_block, item, f"{label}{SEPARATOR}item {number}")
    elif isinstance(block, blocks.StreamBlock):
        yield from _stream_texts(value, label)
    elif isinstance(block, blocks.RichTextBlock):
        yield from rich_text_texts(value.source, label)
    elif isinstance(block, blocks.RawHTMLBlock):
        yield from rich_text_texts(str(value), label)
    elif isinstance(block, blocks.URLBlock):
        yield from ((label, text) for text in url_texts(str(value)))
    elif isinstance(block, (blocks.ChoiceBlock, blocks.MultipleChoiceBlock)):
        return  # stored choice keys, not prose
    elif isinstance(block, DocumentChooserBlock):
        yield from document_texts(value, label)
    elif isinstance(block, blocks.ChooserBlock):
        return  # another object's text (a principle, an image), checked where it lives
    else:
        # Plain text blocks, and anything else holding strings (a table's cells).
        yield from ((label, text) for text in _strings_in(value))


def _strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings_in(item)


def _block_label(block: blocks.Block) -> str:
    return capfirst(str(block.label or block.name or "block"))
