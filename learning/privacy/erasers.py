"""The platform's erasers: what erasing a person removes from learning's own records.

Each eraser follows learning.privacy.registry's contract: given the person and `apply`,
it counts (and, with apply=True, erases) the rows that still hold the person's free text
or identity. Rows already erased are not counted again, so a second erasure changes and
reports nothing.

Rows are kept wherever a report counts them (completions, feedback ratings, entries,
attendance, exemptions, assignments): only their text goes, replaced by ERASED_TEXT where
the field must hold something, or emptied where it may be blank.
"""

from __future__ import annotations

import json

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, QuerySet
from django_tasks_db.models import DBTaskResult
from wagtail.models import (
    COMMENTS_RELATION_NAME,
    Comment,
    CommentReply,
    ModelLogEntry,
    Page,
    PageLogEntry,
    Revision,
    TaskState,
)
from wagtail.users.models import UserProfile

from learning.models import (
    AccessExport,
    DigestSent,
    EntryComment,
    Exemption,
    ExternalCPD,
    Feedback,
    Invitation,
    Notification,
    PracticeImpact,
    Profile,
    ReflectiveEntry,
    ReflectiveEntryVersion,
    TeamSession,
    User,
)
from learning.models.notifications import NotificationKind
from learning.models.privacy import AccessExportStatus
from learning.privacy.registry import ErasureCount, register_eraser
from learning.text_counts import counted

# What an erased title, entry, comment or reason reads as from now on.
ERASED_TEXT = "[erased]"


# A domain that can never receive mail (RFC 2606).
ERASED_DOMAIN = "erased.invalid"


def erased_email(user) -> str:
    """The address an erased person's account (and invitations to them) is left with:
    unique, and on a domain that can never receive mail."""
    return f"erased-{user.pk}@{ERASED_DOMAIN}"


def closed_invitation_email(invitation) -> str:
    """The address an invitation never accepted is left with once retention forgets it."""
    return f"invitation-{invitation.pk}@{ERASED_DOMAIN}"


def erase_words_from_history(instance, words: tuple[str, ...]) -> int:
    """Remove `words` (lower case) from the Wagtail history of one object, labels and
    data alike. Returns how many entries changed."""
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(type(instance)),
        object_id=str(instance.pk),
    ).only("pk", "label", "data")
    changed = 0
    for entry in entries:
        label, data = _without(entry.label, words), _without(entry.data, words)
        if (label, data) != (entry.label, entry.data):
            ModelLogEntry.objects.filter(pk=entry.pk).update(label=label[:255], data=data)
            changed += 1
    return changed


def _count(rows: QuerySet, singular: str, plural: str, what: str) -> list[ErasureCount]:
    count = rows.count()
    return [ErasureCount(f"{counted(count, singular, plural)}: {what}", count)] if count else []


def _apply(rows: QuerySet, apply: bool, **values) -> None:
    if apply:
        rows.update(**values)


def erase_reflective_entries(user, *, apply: bool) -> list[ErasureCount]:
    entries = ReflectiveEntry.objects.filter(author=user).exclude(
        title=ERASED_TEXT, body=ERASED_TEXT
    )
    versions = ReflectiveEntryVersion.objects.filter(entry__author=user).exclude(
        title=ERASED_TEXT, body=ERASED_TEXT
    )
    # Supervisors' notices name the entry by its title, which the author wrote.
    # (Their own notifications are deleted whole: erase_notifications_and_digests.)
    notices = (
        Notification.objects.filter(
            Q(entry__author=user) | Q(actor=user, kind=NotificationKind.DELETED)
        )
        .exclude(recipient=user)
        .exclude(entry_title__in=("", ERASED_TEXT))
    )
    counts = [
        *_count(entries, "reflective entry", "reflective entries", "title and text removed"),
        *_count(versions, "earlier version", "earlier versions", "text removed"),
        *_count(notices, "supervisor's notice", "supervisors' notices", "entry title removed"),
    ]
    if apply:
        # Not through save(): updated_at is when the author last wrote, and stays.
        entries.update(title=ERASED_TEXT, body=ERASED_TEXT)
        versions.update(title=ERASED_TEXT, body=ERASED_TEXT)
        notices.update(entry_title=ERASED_TEXT)
    return counts


def erase_entry_comments(user, *, apply: bool) -> list[ErasureCount]:
    # Their own comments and replies anywhere, and everyone's comments on their entries,
    # which discuss what they wrote.
    comments = EntryComment.objects.filter(Q(author=user) | Q(entry__author=user)).exclude(
        body=ERASED_TEXT
    )
    counts = _count(comments, "comment", "comments", "text removed")
    _apply(comments, apply, body=ERASED_TEXT)
    return counts


def erase_feedback_text(user, *, apply: bool) -> list[ErasureCount]:
    comments = Feedback.objects.filter(user=user).exclude(comment="")
    examples = PracticeImpact.objects.filter(feedback__user=user).exclude(example="")
    counts = [
        *_count(comments, "feedback comment", "feedback comments", "text removed, ratings kept"),
        *_count(
            examples,
            "answer to “Have you used this in your practice?”",
            "answers to “Have you used this in your practice?”",
            "their example removed",
        ),
    ]
    if apply:
        comments.update(comment="")
        examples.update(example="")
    return counts


def erase_external_cpd_text(user, *, apply: bool) -> list[ErasureCount]:
    # What they called the activity and who ran it are their words too (a course at a
    # named ward, a conference they spoke at); the type and hours are what is counted.
    entries = ExternalCPD.objects.filter(user=user).exclude(
        title=ERASED_TEXT, provider="", what_learned=""
    )
    counts = _count(
        entries,
        "external CPD entry",
        "external CPD entries",
        "name, provider and what they learned removed, type and hours kept",
    )
    _apply(entries, apply, title=ERASED_TEXT, provider="", what_learned="")
    return counts


def erase_team_session_text(user, *, apply: bool) -> list[ErasureCount]:
    sessions = TeamSession.objects.filter(delivered_by=user).exclude(group_reflection="")
    counts = _count(
        sessions, "team session they ran", "team sessions they ran", "group reflection removed"
    )
    _apply(sessions, apply, group_reflection="")
    return counts


def erase_exemption_reasons(user, *, apply: bool) -> list[ErasureCount]:
    # A reason for leave can say something about the person's health.
    exemptions = Exemption.objects.filter(user=user).exclude(reason=ERASED_TEXT)
    counts = _count(exemptions, "exemption", "exemptions", "reason removed")
    _apply(exemptions, apply, reason=ERASED_TEXT)
    return counts


def erase_notifications_and_digests(user, *, apply: bool) -> list[ErasureCount]:
    notifications = Notification.objects.filter(recipient=user)
    digests = DigestSent.objects.filter(user=user).exclude(items=[])
    counts = [
        *_count(notifications, "notification", "notifications", "deleted"),
        *_count(digests, "reminder email", "reminder emails", "contents removed"),
    ]
    if apply:
        notifications.delete()
        digests.update(items=[])
    return counts


def _delete_stored_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def expire_access_exports(exports: QuerySet) -> int:
    """Mark the copies EXPIRED and delete their files once the transaction commits (a
    rolled-back erasure must not leave a READY copy without its file). The number
    expired."""
    names = [name for name in exports.values_list("file_name", flat=True) if name]
    count = exports.update(status=AccessExportStatus.EXPIRED, file_name="", size_bytes=None)
    if names:
        transaction.on_commit(lambda: _delete_stored_files(names))
    return count


def erase_access_exports(user, *, apply: bool) -> list[ErasureCount]:
    exports = AccessExport.objects.filter(subject=user).filter(
        ~Q(status=AccessExportStatus.EXPIRED) | ~Q(file_name="")
    )
    counts = _count(exports, "copy of their data", "copies of their data", "deleted")
    if apply:
        expire_access_exports(exports)
    return counts


def erase_sign_in_details(user, *, apply: bool) -> list[ErasureCount]:
    addresses = EmailAddress.objects.filter(user=user)
    authenticators = Authenticator.objects.filter(user=user)
    accounts = SocialAccount.objects.filter(user=user)
    counts = [
        *_count(addresses, "email address", "email addresses", "deleted"),
        *_count(authenticators, "authenticator", "authenticators", "deleted"),
        *_count(accounts, "single sign-on link", "single sign-on links", "deleted"),
    ]
    if apply:
        # Their sessions end by themselves: erasure makes the password unusable, and
        # Django refuses a session whose password hash no longer matches. (Finding the
        # sessions would mean decoding every one on the site.)
        for rows in (addresses, authenticators, accounts):
            rows.delete()
    return counts


def erase_invitations(user, *, apply: bool) -> list[ErasureCount]:
    address = erased_email(user)
    invitations = Invitation.objects.filter(
        Q(email__iexact=user.email) | Q(accepted_by=user)
    ).exclude(email=address)
    counts = _count(invitations, "invitation", "invitations", "email address removed")
    _apply(invitations, apply, email=address)
    return counts


def _without(value, words: tuple[str, ...]):
    """`value` (a log entry's JSON data) with every string holding one of `words`
    replaced by the erased text."""
    if isinstance(value, str):
        lowered = value.lower()
        return ERASED_TEXT if any(word in lowered for word in words) else value
    if isinstance(value, list):
        return [_without(item, words) for item in value]
    if isinstance(value, dict):
        return {key: _without(item, words) for key, item in value.items()}
    return value


def _json_holds(field: str, word: str) -> Q:
    """Rows whose JSON `field` holds `word`, in any case: as written, and as a JSON text
    column stores a non-ASCII one (escaped, "Zo\\u00eb")."""
    condition = Q(**{f"{field}__icontains": word})
    stored = json.dumps(word)[1:-1]
    if stored != word:
        condition |= Q(**{f"{field}__icontains": stored})
    return condition


def erase_from_wagtail_logs(user, *, apply: bool) -> list[ErasureCount]:
    """Wagtail's history (Site history, a team session's history) labels entries with
    the name of what they are about and keeps attendees' names in their data. Entries
    about the person's account and profile, and every entry of an invitation or a team
    session that names them (one they were removed from, or since deleted, too), lose
    the person's name and address wherever they appear."""
    words = tuple(
        word.lower() for word in (user.get_full_name().strip(), user.email) if word.strip()
    )
    if not words:
        return []
    about = Q(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)) | Q(
        content_type=ContentType.objects.get_for_model(Profile),
        object_id__in=[
            str(pk) for pk in Profile.objects.filter(user=user).values_list("pk", flat=True)
        ],
    )
    # Found by what they say, not by which rows hold the person now: an invitation's
    # address may already be erased (learning.invitations runs first) and a session's
    # history keeps attendees it no longer has.
    naming = Q()
    for word in words:
        naming |= Q(label__icontains=word) | _json_holds("data", word)
    about |= naming & Q(
        content_type__in=[
            ContentType.objects.get_for_model(Invitation),
            ContentType.objects.get_for_model(TeamSession),
        ]
    )
    entries = [
        entry
        for entry in ModelLogEntry.objects.filter(about).only("pk", "label", "data")
        if _without(entry.label, words) != entry.label or _without(entry.data, words) != entry.data
    ]
    counts = (
        [
            ErasureCount(
                counted(
                    len(entries),
                    "entry in the admin's history of their account, invitations or sessions",
                    "entries in the admin's history of their account, invitations or sessions",
                )
                + ": name and address removed",
                len(entries),
            )
        ]
        if entries
        else []
    )
    if apply:
        for entry in entries:
            # Wagtail's log entries are plain rows; only these two fields change.
            ModelLogEntry.objects.filter(pk=entry.pk).update(
                label=_without(entry.label, words)[:255], data=_without(entry.data, words)
            )
    return counts


def erase_task_arguments(user, *, apply: bool) -> list[ErasureCount]:
    """Background tasks whose arguments name the person: emails to them or about them
    (a supervisor told of their shared entry), queued or sent. Deleted: an email not
    yet sent to an erased person, or naming them, should not go."""
    naming = Q()
    for word in (user.email, user.get_full_name().strip()):
        if word:
            naming |= _json_holds("args_kwargs", word)
    if not naming:
        return []
    tasks = DBTaskResult.objects.filter(naming)
    counts = _count(
        tasks,
        "queued or sent email naming them",
        "queued or sent emails naming them",
        "deleted",
    )
    if apply:
        tasks.delete()
    return counts


def erase_admin_profile(user, *, apply: bool) -> list[ErasureCount]:
    """The profile picture an editor or administrator may upload in the admin."""
    profiles = UserProfile.objects.filter(user=user).exclude(avatar="")
    counts = _count(profiles, "profile picture", "profile pictures", "deleted")
    if apply:
        names = [name for name in profiles.values_list("avatar", flat=True) if name]
        profiles.update(avatar="")
        transaction.on_commit(lambda: _delete_stored_files(names))
    return counts


def erase_page_comments(user, *, apply: bool) -> list[ErasureCount]:
    """What an editor wrote in comments and replies on pages in the admin: the rows,
    and the copies Wagtail keeps of them in each page version saved since (its
    comments, with their replies) and in the page's history (each comment's and
    reply's text as created, edited, resolved or deleted)."""
    comments = Comment.objects.filter(user=user).exclude(text=ERASED_TEXT)
    replies = CommentReply.objects.filter(user=user).exclude(text=ERASED_TEXT)
    copies = _page_comment_copies(user)
    counts = [
        *_count(comments, "comment on a page", "comments on pages", "text removed"),
        *_count(replies, "reply on a page", "replies on pages", "text removed"),
    ]
    if copies:
        counts.append(
            ErasureCount(
                counted(
                    len(copies),
                    "page version or history entry",
                    "page versions and history entries",
                )
                + " quoting their comments: their text removed",
                len(copies),
            )
        )
    if apply:
        comments.update(text=ERASED_TEXT)
        replies.update(text=ERASED_TEXT)
        for model, pk, field, value in copies:
            model.objects.filter(pk=pk).update(**{field: value})
    return counts


def _page_comment_copies(user) -> list[tuple[type, int, str, object]]:
    """Each page version or history entry holding the text of a comment or reply by
    `user` (one they since deleted too): the row, the field, and its value with that
    text erased."""
    comment_pages = {
        *Comment.objects.filter(user=user).values_list("page_id", flat=True),
        *CommentReply.objects.filter(user=user).values_list("comment__page_id", flat=True),
        *PageLogEntry.objects.filter(user=user, action__startswith=COMMENT_ACTIONS).values_list(
            "page_id", flat=True
        ),
    }
    if not comment_pages:
        return []
    copies: list[tuple[type, int, str, object]] = []
    comment_ids = set(Comment.objects.filter(user=user).values_list("pk", flat=True))
    reply_ids = set(CommentReply.objects.filter(user=user).values_list("pk", flat=True))
    versions = Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(pk) for pk in comment_pages],
    ).only("pk", "content")
    for version in versions.iterator(chunk_size=100):
        content, changed = _without_comments_by(version.content, user.pk, comment_ids, reply_ids)
        if changed:
            copies.append((Revision, version.pk, "content", content))
    history = PageLogEntry.objects.filter(
        page_id__in=comment_pages, action__startswith=COMMENT_ACTIONS
    ).only("pk", "data")
    for entry in history.iterator(chunk_size=100):
        data, changed = _without_comment_text(entry.data, comment_ids, reply_ids)
        if changed:
            copies.append((PageLogEntry, entry.pk, "data", data))
    return copies


# Wagtail's actions for comments and replies (wagtail.comments.create, ...create_reply).
COMMENT_ACTIONS = "wagtail.comments."


def _without_comments_by(
    content: object, user_id: int, comment_ids: set[int], reply_ids: set[int]
) -> tuple[object, bool]:
    """A page version's content with the text of `user_id`'s comments and replies
    erased; the ids found are added to `comment_ids` and `reply_ids` (a comment deleted
    since lives on only in versions and history)."""
    if not isinstance(content, dict):
        return content, False
    changed = False
    for comment in content.get(COMMENTS_RELATION_NAME) or []:
        if not isinstance(comment, dict):
            continue
        if comment.get("user") == user_id and comment.get("text") != ERASED_TEXT:
            comment["text"], changed = ERASED_TEXT, True
        if comment.get("user") == user_id and comment.get("pk", comment.get("id")):
            comment_ids.add(comment.get("pk", comment.get("id")))
        for reply in comment.get("replies") or []:
            if not isinstance(reply, dict) or reply.get("user") != user_id:
                continue
            if reply.get("pk", reply.get("id")):
                reply_ids.add(reply.get("pk", reply.get("id")))
            if reply.get("text") != ERASED_TEXT:
                reply["text"], changed = ERASED_TEXT, True
    return content, changed


def _without_comment_text(
    data: object, comment_ids: set[int], reply_ids: set[int]
) -> tuple[object, bool]:
    """A history entry's data with the text of the person's comment or reply erased."""
    if not isinstance(data, dict):
        return data, False
    changed = False
    for key, ids in (("comment", comment_ids), ("reply", reply_ids)):
        item = data.get(key)
        if isinstance(item, dict) and item.get("id") in ids and item.get("text") != ERASED_TEXT:
            item["text"], changed = ERASED_TEXT, True
    return data, changed


def erase_workflow_comments(user, *, apply: bool) -> list[ErasureCount]:
    """The comment an approver gives with a decision in an approval workflow, on the
    decision and in the history entry Wagtail logs for it (data["comment"])."""
    decisions = TaskState.objects.filter(finished_by=user).exclude(comment="")
    logged = [
        (model, entry.pk, {**entry.data, "comment": ""})
        for model in (PageLogEntry, ModelLogEntry)
        for entry in model.objects.filter(user=user, action__startswith="wagtail.workflow.")
        .only("pk", "data")
        .iterator(chunk_size=100)
        if isinstance(entry.data, dict) and entry.data.get("comment")
    ]
    counts = _count(
        decisions, "approval decision", "approval decisions", "comment removed, decision kept"
    )
    if apply:
        decisions.update(comment="")
        for model, pk, data in logged:
            model.objects.filter(pk=pk).update(data=data)
    return counts


LEARNING_ERASERS = {
    "learning.admin_profile": erase_admin_profile,
    "learning.page_comments": erase_page_comments,
    "learning.task_arguments": erase_task_arguments,
    "learning.workflow_comments": erase_workflow_comments,
    "learning.wagtail_logs": erase_from_wagtail_logs,
    "learning.access_exports": erase_access_exports,
    "learning.entry_comments": erase_entry_comments,
    "learning.exemptions": erase_exemption_reasons,
    "learning.external_cpd": erase_external_cpd_text,
    "learning.feedback": erase_feedback_text,
    "learning.invitations": erase_invitations,
    "learning.notifications": erase_notifications_and_digests,
    "learning.reflective_entries": erase_reflective_entries,
    "learning.sign_in": erase_sign_in_details,
    "learning.team_sessions": erase_team_session_text,
}


def register_learning_erasers() -> None:
    for key, eraser in LEARNING_ERASERS.items():
        register_eraser(key, eraser)
