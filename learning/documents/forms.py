"""The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE).

Wagtail builds every document form from it: add, edit, each file of the multiple
uploader, and the upload tab of the document chooser (where a review's full report is
uploaded). So the size limit, the private default and the anonymisation check on
renaming or replacing a document that live pages link to are enforced once, here.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm

from learning.documents.filing import document_collections, root_collection
from learning.publishing_guard.documents import refused_changes

MEGABYTE = 1024 * 1024

TOO_LARGE_MESSAGE = (
    "This file is %(file_size)s, and documents can be at most %(max_filesize)s. "
    "Make it smaller (for example, save the PDF again with images compressed) or split "
    "it into parts, then upload it again."
)

COLLECTION_HELP_TEXT = (
    "New documents are private to the board's editors. Publishing a page that links "
    "to a document makes it public; unpublishing the page makes it private again."
)


def max_document_upload_bytes() -> int:
    """The largest document an editor may upload, from HUB_MAX_DOCUMENT_UPLOAD_MB.

    Read on each form rather than once at start-up, so tests can lower it."""
    return int(settings.HUB_MAX_DOCUMENT_UPLOAD_MB * MEGABYTE)


def limit_upload_size(field: WagtailDocumentField) -> None:
    """Make the file field refuse anything over the hub's limit, saying so."""
    limit = max_document_upload_bytes()
    field.max_upload_size = limit
    field.max_upload_size_text = filesizeformat(limit)
    field.help_text = f"Up to {filesizeformat(limit)}."
    field.error_messages["file_too_large"] = TOO_LARGE_MESSAGE


class HubDocumentForm(BaseDocumentForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if isinstance(self.fields.get("file"), WagtailDocumentField):
            limit_upload_size(self.fields["file"])
        if "collection" in self.fields:
            self._default_to_private_collection()

    def clean(self) -> dict[str, Any]:
        cleaned_data = super().clean()
        if self.instance.pk is not None:
            self._refuse_identifying_changes(cleaned_data)
        return cleaned_data

    def _refuse_identifying_changes(self, cleaned_data: dict[str, Any]) -> None:
        # Live pages show a linked document's title and file name as soon as they
        # change, without being published again, so the page guard never sees them.
        title = cleaned_data.get("title") if "title" in self.changed_data else None
        upload = cleaned_data.get("file") if "file" in self.changed_data else None
        file_name = getattr(upload, "name", None) or None
        for refusal in refused_changes(self.instance, title=title or None, file_name=file_name):
            if refusal.field in self.fields:
                self.add_error(refusal.field, refusal.message)
            else:
                self.add_error(None, refusal.message)

    def _default_to_private_collection(self) -> None:
        places = document_collections()
        field = self.fields["collection"]
        field.help_text = COLLECTION_HELP_TEXT
        if self.instance.collection_id != places.public.pk:
            # Only publishing a page files a document as public: offering the public
            # collection here would let a draft's report out before its page is live.
            field.queryset = field.queryset.exclude(pk=places.public.pk)
        # A new document starts in the root collection (Wagtail's default); offer the
        # private one instead, so the safe choice is the one already selected.
        new_document = self.instance.pk is None and not self.is_bound
        if (
            new_document
            and self.initial.get("collection") in (None, root_collection().pk)
            and field.queryset.filter(pk=places.private.pk).exists()
        ):
            self.initial["collection"] = places.private.pk
