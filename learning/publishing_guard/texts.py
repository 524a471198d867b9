"""Every piece of text a page would publish, labelled with where it sits.

Walks the page's own text fields, rich text, StreamFields (through struct, list and
nested stream blocks), tag names, the titles of linked documents and inline child
objects, so a new field or block on any learning page type is scanned without the guard
having to know about it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html import unescape
from typing import Any, NamedTuple

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

# Of Wagtail's own page fields, these are the ones an editor writes and the public sees.
PAGE_TEXT_FIELDS = ("title", "seo_title", "search_description")

# Separates the steps of a location ("Sections", "Section 2", "Body"): a single
# right-pointing angle quotation mark, as in a breadcrumb trail.
SEPARATOR = " \u203a "

# Block-level closing tags and line breaks become new lines, so words from two
# paragraphs never run together into something that looks like a name.
_BLOCK_END_RE = re.compile(
    r"(</(?:p|h[1-6]|li|ul|ol|blockquote|div|td|th|tr)\s*>|<(?:br|hr)\s*/?>)", re.IGNORECASE
)


class PageText(NamedTuple):
    field: str  # the page's field name, so the admin can show a warning beside it
    label: str  # where the text is, for people
    text: str


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment (rich text), keeping block boundaries as new lines."""
    return unescape(strip_tags(_BLOCK_END_RE.sub(r"\1\n", html or ""))).strip()


def page_texts(page: Page) -> list[PageText]:
    """The text of every field of ``page`` (an instance of a concrete page model, live
    or built from a revision), empty texts left out."""
    found: list[PageText] = []
    for field in page._meta.concrete_fields:
        if field.model is Page and field.name not in PAGE_TEXT_FIELDS:
            continue
        label = capfirst(str(field.verbose_name))
        if _is_document_link(field):
            # A linked document's title is published as the link's text.
            document = getattr(page, field.name)
            if document is not None:
                found.append(PageText(field.name, label, document.title))
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
        yield label, html_to_text(value)
    elif isinstance(field, (models.CharField, models.TextField)) and not isinstance(
        field, models.SlugField
    ):
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
        yield label, html_to_text(value.source)
    elif isinstance(block, blocks.RawHTMLBlock):
        yield label, html_to_text(str(value))
    elif isinstance(block, (blocks.ChoiceBlock, blocks.MultipleChoiceBlock)):
        return  # stored choice keys, not prose
    elif isinstance(block, DocumentChooserBlock):
        yield label, value.title  # published as the link's text
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
