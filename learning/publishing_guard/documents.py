"""Editing a document that live learning pages link to.

A page's guard reads a linked document's title (the link's text) and file name (the end
of the link's address) when the page is published. Renaming the document, or uploading
a new file in its place, changes what those live pages show without publishing them
again, so the document form asks here first. While any live guarded page uses the
document, a new title or file name may hold no possible identifier. Overrides are kept
per page, for a page's own text, so none applies here; a document that no live page
uses is left to the guard of the page that publishes it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page, ReferenceIndex

from learning.documents.filing import documents_on_live_pages
from learning.publishing_guard.declarations import split_declared_names
from learning.publishing_guard.services import FieldFinding, is_guarded, scan_texts
from learning.publishing_guard.texts import PageText, file_name_text

# How a live page is named when the reference index has not yet caught up with it (its
# update runs as a background task), but a content app reports the document as linked.
UNNAMED_LIVE_PAGE = "a live page (its title is not known yet)"

TITLE_FIELD = "title"
FILE_FIELD = "file"
_LABELS = {TITLE_FIELD: "Title", FILE_FIELD: "File name"}


@dataclass(frozen=True)
class DocumentChangeRefusal:
    """Why a new title or file may not be saved: what was found, and where it would show."""

    field: str  # the document form's field: "title" or "file"
    findings: tuple[FieldFinding, ...]
    pages: tuple[str, ...]  # the titles of the live pages using the document

    @property
    def message(self) -> str:
        what = "title" if self.field == TITLE_FIELD else "file name"
        found = "; ".join(f"{f.kind_label} “{f.text}”" for f in self.findings)
        used_on = ", ".join(
            title if title == UNNAMED_LIVE_PAGE else f"“{title}”" for title in self.pages
        )
        return (
            f"The new {what} may identify someone ({found}), and live pages would show it "
            f"at once. Used on live pages: {used_on}; change the {what}, or unpublish them "
            "first."
        )


def live_guarded_pages_using(document: AbstractDocument) -> list[Page]:
    """The live pages, of a type the guard checks, that link ``document`` (through a
    chooser, a block or a rich-text link), as the reference index records them."""
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = (
        ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().filter(pk__in=[int(pk) for pk in page_ids if str(pk).isdigit()])
    return [page for page in pages.specific().order_by("title") if is_guarded(page)]


def refused_changes(
    document: AbstractDocument, *, title: str | None = None, file_name: str | None = None
) -> list[DocumentChangeRefusal]:
    """Refusals for a new ``title`` and/or a new file called ``file_name`` for
    ``document`` (saved already); none when no live guarded page uses it. Each live page's
    declared pseudonyms pass, as they would in its own text."""
    if document.pk is None or (title is None and file_name is None):
        return []
    pages = live_guarded_pages_using(document)
    titles = tuple(page.title for page in pages)
    if not pages:
        if document.pk not in documents_on_live_pages():
            return []
        # Linked from a live page the index does not show yet: judge the text without
        # any page's pseudonyms, the stricter reading.
        pages, titles = [None], (UNNAMED_LIVE_PAGE,)
    texts = []
    if title is not None:
        texts.append(PageText(TITLE_FIELD, _LABELS[TITLE_FIELD], title))
    if file_name is not None:
        texts.append(PageText(FILE_FIELD, _LABELS[FILE_FIELD], file_name_text(file_name)))
    found: dict[str, dict[tuple, FieldFinding]] = {}
    for page in pages:
        declared = split_declared_names(page)[0] if page is not None else []
        for finding in scan_texts(texts, declared_names=declared):
            found.setdefault(finding.field, {}).setdefault((finding.kind, finding.text), finding)
    return [
        DocumentChangeRefusal(field, tuple(findings.values()), titles)
        for field, findings in found.items()
    ]
