"""The editorial exporters for the subject access export: what Wagtail holds about a
person who edits the hub's content (comments on pages and replies, admin preferences,
page subscriptions, revisions, the page and object history, workflow requests and
decisions, pages owned, documents and images uploaded) and the required learning they
set up. The same rules as learning.privacy.exporters: other people by name only.

A logged or revised object's label is its title as it was then. For a page, a document
or a taxonomy term that is content; for a record with a person in it (an account, a
profile, an invitation) it may be that person's name or email address, so for those the
export gives only the kind of record.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, OuterRef, Subquery
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import registry as log_actions
from wagtail.models import (
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    WorkflowState,
)
from wagtail.users.models import UserProfile

from learning.models import Requirement, User
from learning.privacy.exporters import _name_of, _people
from learning.privacy.registry import ExportSection

# Who created, owns, locked or uploaded content: Wagtail's bookkeeping on every page,
# document and image, which does not make the content a record about that person.
_EDITORS_FIELDS = frozenset({"owner", "locked_by", "uploaded_by_user"})


def _model_of(content_type_id: int | None) -> type[Model] | None:
    # Django keeps content types in memory once read, so this is not a query a row. A log
    # entry's content type is not a database constraint: it may be gone.
    if content_type_id is None:
        return None
    try:
        return ContentType.objects.get_for_id(content_type_id).model_class()
    except ContentType.DoesNotExist:
        return None


@cache
def _model_names_a_person(model: type[Model] | None) -> bool:
    """Could an object of this model be labelled with a person's name or address? True
    for the user model and any model with a person in it, and for a model that no
    longer exists (nothing is known of it)."""
    user_model = get_user_model()
    if model is None or issubclass(model, user_model):
        return True
    return any(
        field.concrete and field.related_model is user_model and field.name not in _EDITORS_FIELDS
        for field in model._meta.get_fields()
    )


def _kind(content_type_id: int | None) -> str:
    model = _model_of(content_type_id)
    return str(model._meta.verbose_name) if model else ""


def _label_of(content_type_id: int | None, label: str | None) -> str:
    return "" if _model_names_a_person(_model_of(content_type_id)) else (label or "")


def _you_or(row: dict[str, Any], prefix: str, user: User) -> str:
    return "you" if row[f"{prefix}__id"] == user.pk else _name_of(row, prefix)


# --- Comments on pages in the editor


def _page_comment_rows(user: User) -> Iterator[dict[str, Any]]:
    comments = Comment.objects.filter(user=user).order_by("created_at", "pk")
    for row in comments.values(
        "page__title", "text", "created_at", "updated_at", "resolved_at",
        *_people("resolved_by"),
    ).iterator(chunk_size=500):  # fmt: skip
        yield {
            "what": "comment",
            "page": row["page__title"],
            "in_reply_to": "",
            "text": row["text"],
            "written_at": row["created_at"],
            "changed_at": row["updated_at"],
            "resolved_at": row["resolved_at"],
            "resolved_by": _you_or(row, "resolved_by", user),
        }
    # A reply names whose comment it answers; that comment's text is its writer's.
    replies = CommentReply.objects.filter(user=user).order_by("created_at", "pk")
    for row in replies.values(
        "comment__page__title", *_people("comment__user"), "text", "created_at", "updated_at"
    ).iterator(chunk_size=500):
        yield {
            "what": "reply",
            "page": row["comment__page__title"],
            "in_reply_to": _you_or(row, "comment__user", user),
            "text": row["text"],
            "written_at": row["created_at"],
            "changed_at": row["updated_at"],
            "resolved_at": None,
            "resolved_by": "",
        }


# --- Admin preferences and subscriptions


def _preference_rows(user: User) -> Iterator[dict[str, Any]]:
    # Not the dismissed banners (`dismissibles`): which tips the admin has shown.
    for row in UserProfile.objects.filter(user=user).values(
        "preferred_language", "current_time_zone", "avatar", "submitted_notifications",
        "approved_notifications", "rejected_notifications", "updated_comments_notifications",
        "theme", "contrast", "density", "keyboard_shortcuts",
    ):  # fmt: skip
        yield {
            "preferred_language": row["preferred_language"],
            "time_zone": row["current_time_zone"],
            "has_a_profile_picture": bool(row["avatar"]),
            "emails_when_pages_are_submitted": row["submitted_notifications"],
            "emails_when_your_pages_are_approved": row["approved_notifications"],
            "emails_when_your_pages_are_rejected": row["rejected_notifications"],
            "emails_about_comments": row["updated_comments_notifications"],
            "admin_theme": row["theme"],
            "admin_contrast": row["contrast"],
            "admin_density": row["density"],
            "keyboard_shortcuts": row["keyboard_shortcuts"],
        }


def _subscription_rows(user: User) -> Iterator[dict[str, Any]]:
    rows = PageSubscription.objects.filter(user=user).order_by("page__path")
    for row in rows.values("page__title", "comment_notifications"):
        yield {"page": row["page__title"], "emails_about_comments": row["comment_notifications"]}


# --- Revisions and the editorial history


def _revision_rows(user: User) -> Iterator[dict[str, Any]]:
    # Title and date only: a revision's content is the page's, not the editor's.
    rows = Revision.objects.filter(user=user).order_by("created_at", "pk")
    for row in rows.values(
        "content_type_id", "object_str", "created_at", "approved_go_live_at"
    ).iterator(chunk_size=500):
        yield {
            "of": _label_of(row["content_type_id"], row["object_str"]),
            "record_type": _kind(row["content_type_id"]),
            "saved_at": row["created_at"],
            "scheduled_to_go_live_at": row["approved_go_live_at"],
        }


def _log_rows(model: type[Model], user: User, actions: dict[str, str]) -> Iterator[dict[str, Any]]:
    # Never the entry's `data`: it may hold a comment's text or another person's details.
    rows = model.objects.filter(user=user).order_by("timestamp", "pk")
    for row in rows.values("timestamp", "action", "label", "content_type_id").iterator(
        chunk_size=500
    ):
        yield {
            "at": row["timestamp"],
            "action": actions.get(row["action"], row["action"]),
            "on": _label_of(row["content_type_id"], row["label"]),
            "record_type": _kind(row["content_type_id"]),
        }


def _history_rows(user: User) -> Iterator[dict[str, Any]]:
    actions = {action: str(label) for action, label in log_actions.get_choices()}
    yield from heapq.merge(
        _log_rows(PageLogEntry, user, actions),
        _log_rows(ModelLogEntry, user, actions),
        key=lambda row: row["at"],
    )


# --- Workflows


def _workflow_rows(user: User) -> Iterator[dict[str, Any]]:
    # The object's title as its latest revision has it (a workflow always has one).
    latest_title = (
        Revision.objects.filter(
            base_content_type_id=OuterRef("base_content_type_id"), object_id=OuterRef("object_id")
        )
        .order_by("-created_at", "-pk")
        .values("object_str")[:1]
    )
    statuses = dict(WorkflowState.STATUS_CHOICES)
    rows = (
        WorkflowState.objects.filter(requested_by=user)
        .annotate(title=Subquery(latest_title))
        .order_by("created_at", "pk")
    )
    for row in rows.values(
        "workflow__name", "content_type_id", "title", "status", "created_at"
    ).iterator(chunk_size=500):
        yield {
            "workflow": row["workflow__name"],
            "for": _label_of(row["content_type_id"], row["title"]),
            "record_type": _kind(row["content_type_id"]),
            "status": str(statuses.get(row["status"], row["status"])),
            "requested_at": row["created_at"],
        }


def _task_rows(user: User) -> Iterator[dict[str, Any]]:
    statuses = dict(TaskState.STATUS_CHOICES)
    rows = TaskState.objects.filter(finished_by=user).order_by("finished_at", "pk")
    for row in rows.values(
        "task__name", "workflow_state__workflow__name", "revision__content_type_id",
        "revision__object_str", "status", "comment", "started_at", "finished_at",
    ).iterator(chunk_size=500):  # fmt: skip
        kind = row["revision__content_type_id"]
        yield {
            "workflow": row["workflow_state__workflow__name"],
            "task": row["task__name"],
            "for": _label_of(kind, row["revision__object_str"]),
            "record_type": _kind(kind),
            "decision": str(statuses.get(row["status"], row["status"])),
            "your_comment": row["comment"],
            "started_at": row["started_at"],
            "decided_at": row["finished_at"],
        }


# --- What the person owns, uploaded or set up


def _owned_page_rows(user: User) -> Iterator[dict[str, Any]]:
    rows = Page.objects.filter(owner=user).order_by("path")
    for row in rows.values(
        "title", "url_path", "live", "first_published_at", "last_published_at"
    ).iterator(chunk_size=500):
        yield {
            "page": row["title"],
            "address_in_the_site": row["url_path"],
            "published": row["live"],
            "first_published_at": row["first_published_at"],
            "last_published_at": row["last_published_at"],
        }


def _upload_rows(user: User) -> Iterator[dict[str, Any]]:
    # Title and date, not the file: the file is content the hub publishes or keeps.
    for kind, model in (("document", get_document_model()), ("image", get_image_model())):
        rows = model.objects.filter(uploaded_by_user=user).order_by("created_at", "pk")
        for row in rows.values("title", "collection__name", "created_at").iterator(chunk_size=500):
            yield {
                "kind": kind,
                "title": row["title"],
                "collection": row["collection__name"],
                "uploaded_at": row["created_at"],
            }


def _requirement_rows(user: User) -> Iterator[dict[str, Any]]:
    rows = Requirement.objects.filter(created_by=user).order_by("created_at", "pk")
    for row in rows.values("title", "organisation__name", "is_active", "created_at").iterator(
        chunk_size=500
    ):
        yield {
            "requirement": row["title"],
            "for": row["organisation__name"] or "The whole partnership",
            "active": row["is_active"],
            "set_up_at": row["created_at"],
        }


def export_editorial(user: User) -> list[ExportSection]:
    return [
        ExportSection(
            "page_comments",
            "Comments you wrote on pages in the editor and your replies to others' "
            "comments (whose comment, by name, but not its text).",
            _page_comment_rows(user),
        ),
        ExportSection(
            "admin_preferences",
            "Your settings in the editor: language, time zone, whether you set a profile "
            "picture, which emails it sends you and how it looks.",
            _preference_rows(user),
        ),
        ExportSection(
            "page_subscriptions",
            "Pages whose comments you asked to be emailed about.",
            _subscription_rows(user),
        ),
        ExportSection(
            "page_revisions",
            "Each version of a page or other content you saved: what and when (not its content).",
            _revision_rows(user),
        ),
        ExportSection(
            "editorial_history",
            "What you did in the editor as its history records it (created, edited, "
            "published, moved, deleted and the like): the action, what, and when.",
            _history_rows(user),
        ),
        ExportSection(
            "workflows_requested",
            "Pages you submitted for approval: the workflow, the page and where it got to.",
            _workflow_rows(user),
        ),
        ExportSection(
            "workflow_decisions",
            "Approval tasks you approved or rejected, with the comment you gave.",
            _task_rows(user),
        ),
        ExportSection(
            "pages_owned",
            "Pages the hub records you as the owner of (usually those you created).",
            _owned_page_rows(user),
        ),
        ExportSection(
            "uploads",
            "Documents and images you uploaded: title and date (not the files).",
            _upload_rows(user),
        ),
        ExportSection(
            "required_learning_set_up",
            "Required learning you set up for others: its title, for whom and when.",
            _requirement_rows(user),
        ),
    ]


EXPORTERS = {
    "learning.13_editorial": export_editorial,
}
