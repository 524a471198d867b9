"""Where documents are filed, and so who can download them.

Wagtail serves a document to anyone unless its collection carries a view restriction.
The hub keeps two collections under the root:

- "Drafts and internal documents", restricted to the board's editorial groups: every
  new upload lands here, so a report attached to an unpublished review, or a paper
  meant for editors, is never public by accident;
- "Published documents", open to everyone: it holds exactly the documents that live
  pages link to. Publishing a page moves its documents here; unpublishing or deleting
  it moves them back unless another live page still links them.

Nothing is meant to stay in the root collection (Wagtail's default, and open to all):
a document saved there is filed in the private collection instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

from learning.roles import Role

PRIVATE_COLLECTION_NAME = "Drafts and internal documents"
PUBLIC_COLLECTION_NAME = "Published documents"

# The people who write and publish content (the same as can_view_content_reports;
# superusers pass Wagtail's group restrictions anyway).
PRIVATE_DOCUMENT_READERS = (Role.SAB_EDITOR, Role.SAB_MANAGER)

# A content app whose live pages link documents registers a function under this name
# that takes no arguments and returns the ids of those documents (any iterable).
LIVE_PAGE_DOCUMENTS_HOOK = "hub_documents_on_live_pages"


@dataclass(frozen=True)
class DocumentCollections:
    private: Collection
    public: Collection


def root_collection() -> Collection:
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def _child_named(parent: Collection, name: str) -> Collection:
    existing = parent.get_children().filter(name=name).first()
    return existing or parent.add_child(instance=Collection(name=name))


@transaction.atomic
def ensure_document_collections() -> DocumentCollections:
    """Idempotent: both collections exist and the private one is restricted to the
    editorial groups. Run after every migrate, once the role groups exist.

    A restriction an administrator has widened to every signed-in person is left as it
    is, and groups they added stay; a restriction removed altogether comes back."""
    root = root_collection()
    private = _child_named(root, PRIVATE_COLLECTION_NAME)
    public = _child_named(root, PUBLIC_COLLECTION_NAME)
    restriction = CollectionViewRestriction.objects.filter(collection=private).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=private, restriction_type=BaseViewRestriction.GROUPS
        )
    if restriction.restriction_type == BaseViewRestriction.GROUPS:
        readers = Group.objects.filter(name__in=[role.value for role in PRIVATE_DOCUMENT_READERS])
        restriction.groups.add(*readers)
    return DocumentCollections(private=private, public=public)


def document_collections() -> DocumentCollections:
    """The two collections, looked up in one query (created if someone deleted one)."""
    found = {
        collection.name: collection
        for collection in Collection.objects.filter(
            depth=2, name__in=(PRIVATE_COLLECTION_NAME, PUBLIC_COLLECTION_NAME)
        )
    }
    if len(found) < 2:
        return ensure_document_collections()
    return DocumentCollections(
        private=found[PRIVATE_COLLECTION_NAME], public=found[PUBLIC_COLLECTION_NAME]
    )


def documents_on_live_pages() -> set[int]:
    """Ids of every document a live page links to, as the content apps report them."""
    ids: set[int] = set()
    for live_page_documents in hooks.get_hooks(LIVE_PAGE_DOCUMENTS_HOOK):
        ids.update(live_page_documents())
    return ids


def _move(documents: Any, collection: Collection) -> None:
    # One save per document rather than a bulk update, so the search index and any
    # save signals see the new collection; there are only ever a handful.
    for document in documents:
        document.collection = collection
        document.save(update_fields=["collection"])


@transaction.atomic
def refile_documents() -> None:
    """Make the public collection hold exactly the documents live pages link to:
    linked ones move there from wherever they are, and any other document found there
    goes back to the private collection."""
    places = document_collections()
    linked = documents_on_live_pages()
    Document = get_document_model()
    _move(Document.objects.filter(pk__in=linked).exclude(collection=places.public), places.public)
    _move(Document.objects.filter(collection=places.public).exclude(pk__in=linked), places.private)


@transaction.atomic
def settle_documents() -> None:
    """Run after every migrate: set up the collections, file any document still in the
    root collection (uploaded before these rules, or moved there by a bulk action)
    privately, then make public exactly what live pages link to."""
    places = ensure_document_collections()
    _move(get_document_model().objects.filter(collection=root_collection()), places.private)
    refile_documents()


def file_root_documents_privately(sender: type, instance: Any, **kwargs: Any) -> None:
    """pre_save receiver for the document model: a document in the root collection
    (where Wagtail puts it when nobody chooses, and the first choice in the multiple
    uploader) goes in the private collection instead."""
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "collection" not in update_fields:
        return
    if instance.collection_id is None or instance.collection_id == root_collection().pk:
        instance.collection = document_collections().private
