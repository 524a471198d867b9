"""The reflective log: writing, reading, deleting, sharing, commenting, review and sign-off.

Views parse input, ask learning.permissions, call one service or selector and render.
Every view is wrapped in `personal_data` (sign-in; Cache-Control: private, no-store).
An entry the visitor may not read, or an action they may not take on it, is a 404:
the answer never reveals that an entry exists.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from learning import permissions
from learning.http import personal_data
from learning.listing import paginate
from learning.markdown import render_markdown
from learning.models import EntryStructure, ReflectiveEntry
from learning.models.reflections import ENTRY_MAX_LENGTH
from learning.notifications.services import notifications_mark_read_for_entry
from learning.reflections import deletion, selectors, services
from learning.reflections.forms import (
    PREVIEW,
    SWITCH_STRUCTURE,
    UNKNOWN_PAGE,
    UNKNOWN_QUESTION,
    CommentForm,
    EntryForm,
    EntryTextForm,
    ShareForm,
    WithdrawShareForm,
    body_after_switch,
    kept_entry_values,
)
from learning.reflections.structures import headings_for, starting_text

ENTRIES_PER_PAGE = 20


def entry_not_found(request: HttpRequest) -> HttpResponse:
    """The 404 for an entry the visitor cannot read. One page whether the entry never
    existed, was withdrawn from them or is someone else's, so it reveals nothing; it
    says that shares can be withdrawn, as a supervisor following an old link needs to
    know why it stopped working."""
    return render(
        request,
        "learning/reflections/entry_not_found.html",
        {"can_supervise": permissions.can_supervise(request.user)},
        status=404,
    )


def _preview(body: str) -> dict:
    """The entry's text rendered as it will read once saved (the one Markdown renderer,
    sanitised). Text longer than an entry may be is previewed only up to that length,
    so a huge post cannot tie up the renderer; saving explains the limit."""
    return {
        "html": render_markdown(body[:ENTRY_MAX_LENGTH]),
        "too_long": len(body) > ENTRY_MAX_LENGTH,
    }


def entry_or_404(request: HttpRequest, entry_id) -> ReflectiveEntry:
    entry = selectors.entry_for_viewer(viewer=request.user, entry_id=entry_id)
    if entry is None:
        raise Http404("No such entry")
    return entry


def allowed_or_404(allowed: bool) -> None:
    if not allowed:
        raise Http404("No such entry")


def redirect_to_entry(entry: ReflectiveEntry, anchor: str = "") -> HttpResponse:
    url = reverse("reflections:entry_detail", args=[entry.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


# ---------------------------------------------------------------------------
# The log
# ---------------------------------------------------------------------------


@require_GET
@personal_data
def entry_list(request: HttpRequest) -> HttpResponse:
    """My reflective log: the person's own entries, and team sessions they attended."""
    return render(
        request,
        "learning/reflections/entry_list.html",
        {
            "page_obj": paginate(
                request, selectors.entries_by(author=request.user), per_page=ENTRIES_PER_PAGE
            ),
            "sessions": selectors.sessions_attended(user=request.user)[:10],
            "awaiting_count": selectors.awaiting_review_count(supervisor=request.user),
            "can_supervise": permissions.can_supervise(request.user),
        },
    )


def _target(request: HttpRequest, page_id: str, question_id: str):
    """What a new entry reflects on, from the link that opened the form: (page,
    question, problem), where problem explains a page or question we cannot find."""
    if not page_id and not question_id:
        return None, None, ""
    page = selectors.learnable_page(page_id)
    if page is None or not all(r.accept_request(request) for r in page.get_view_restrictions()):
        return None, None, UNKNOWN_PAGE
    if not question_id:
        return page, None, ""
    question = selectors.find_question(page, question_id)
    return (page, question, "") if question else (page, None, UNKNOWN_QUESTION)


def _structure_choices(current: str) -> list[dict]:
    """The structures the writer can switch to, each a submit button on the form, so
    switching keeps what they have written (see forms.body_after_switch)."""
    return [
        {"value": value, "label": label, "current": value == current}
        for value, label in EntryStructure.choices
    ]


@require_http_methods(["GET", "POST"])
@personal_data
def entry_create(request: HttpRequest) -> HttpResponse:
    """A new entry: free, against a principle (?principle=slug) or against a page's
    reflective question (?page=<id>&question=<block id>); ?structure= starts the
    text with that structure's headings."""
    source = request.POST if request.method == "POST" else request.GET
    page, question, problem = _target(
        request, source.get("page", ""), source.get("question", "")[:64]
    )
    structure = source.get("structure", "")
    if structure not in EntryStructure.values:
        structure = EntryStructure.FREE
    preview = None
    text_kept = False

    if request.method == "POST" and (SWITCH_STRUCTURE in request.POST or PREVIEW in request.POST):
        # Show the form again with everything written, saving nothing and judging nothing
        # (no error messages for a title not yet written).
        values = kept_entry_values(request.POST, fields=EntryForm.base_fields)
        chosen = request.POST.get(SWITCH_STRUCTURE, "")
        if chosen in EntryStructure.values:
            values["body"] = body_after_switch(values["body"], old=structure, new=chosen)
            text_kept = bool(values["body"].strip()) and values["body"] == request.POST.get(
                "body", ""
            )
            structure = values["structure"] = chosen
        if PREVIEW in request.POST:
            preview = _preview(values["body"])
        form = EntryForm(initial=values, request=request)
    elif request.method == "POST":
        form = EntryForm(request.POST, request=request)
        if form.is_valid():
            try:
                entry = services.entry_create(author=request.user, **form.service_arguments())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, "Your entry has been saved. Only you can read it until you share it."
                )
                return redirect_to_entry(entry)
        problem = ""  # on a POST the form's own errors say what is wrong
    else:
        form = EntryForm(
            initial={
                "title": f"Reflecting on {page.title}"[:200] if page else "",
                "body": starting_text(structure),
                "structure": structure,
                "page": page.pk if page else "",
                "question": question.id if question else "",
                "principle": source.get("principle", ""),
                "status": "draft",
            },
            request=request,
        )
    return render(
        request,
        "learning/reflections/entry_form.html",
        {
            "form": form,
            "entry": None,
            "target_page": page,
            "question": question,
            "problem": problem,
            "structure": structure,
            "structure_choices": _structure_choices(structure),
            "structure_label": EntryStructure(structure).label,
            "headings": headings_for(structure),
            "preview": preview,
            "text_kept": text_kept,
        },
        status=400 if form.is_bound else 200,
    )


def _detail_context(request: HttpRequest, entry: ReflectiveEntry, comment_form=None) -> dict:
    viewer = request.user
    is_author = permissions.is_entry_author(viewer, entry)
    comments = list(selectors.comments_on(entry))
    for comment in comments:
        version = comment.entry_version
        # Compare text, not numbers: saving without changing anything adds a version.
        comment.entry_changed_since = version is not None and (
            version.title != entry.title or version.body != entry.body
        )
    can_comment = permissions.can_comment(viewer, entry)
    return {
        "entry": entry,
        "is_author": is_author,
        "version": selectors.latest_version(entry),
        "comments": comments,
        "shares": list(selectors.current_shares(entry)) if is_author else [],
        "can_edit": permissions.can_edit_entry(viewer, entry),
        "can_delete": permissions.can_delete_entry(viewer, entry),
        "can_comment": can_comment,
        "comment_form": comment_form or (CommentForm() if can_comment else None),
        "can_review": not is_author and permissions.can_review(viewer, entry),
        "can_sign_off": not is_author and permissions.can_sign_off(viewer, entry),
        "sign_off_blocker": permissions.sign_off_blocker(entry),
        "can_reopen": not is_author and permissions.can_reopen(viewer, entry),
    }


@require_GET
@personal_data
def entry_detail(request: HttpRequest, entry_id) -> HttpResponse:
    entry = selectors.entry_for_viewer(viewer=request.user, entry_id=entry_id)
    if entry is None:
        return entry_not_found(request)
    if permissions.is_entry_author(request.user, entry):
        # Seeing the entry is seeing what the supervisor did, however the author got here.
        notifications_mark_read_for_entry(recipient=request.user, entry=entry)
    else:
        services.entry_read_record(entry=entry, reader=request.user)
    return render(
        request, "learning/reflections/entry_detail.html", _detail_context(request, entry)
    )


@require_http_methods(["GET", "POST"])
@personal_data
def entry_edit(request: HttpRequest, entry_id) -> HttpResponse:
    entry = entry_or_404(request, entry_id)
    allowed_or_404(permissions.is_entry_author(request.user, entry))
    if entry.is_locked:
        messages.error(request, services.LOCKED_MESSAGE)
        return redirect_to_entry(entry)
    preview = None
    if request.method == "POST" and PREVIEW in request.POST:
        values = kept_entry_values(request.POST, fields=EntryTextForm.base_fields)
        preview = _preview(values["body"])
        form = EntryTextForm(initial=values)
    else:
        form = EntryTextForm(
            request.POST if request.method == "POST" else None,
            initial={"title": entry.title, "body": entry.body, "status": entry.status},
        )
    if form.is_valid():
        try:
            services.entry_update(entry=entry, author=request.user, **form.cleaned_data)
        except ValidationError as error:
            if error.code == "locked":
                messages.error(request, services.LOCKED_MESSAGE)
                return redirect_to_entry(entry)
            form.add_error(None, error)
        else:
            messages.success(request, "Your changes have been saved. Earlier versions are kept.")
            return redirect_to_entry(entry)
    return render(
        request,
        "learning/reflections/entry_form.html",
        {
            "form": form,
            "entry": entry,
            "headings": headings_for(entry.structure),
            "preview": preview,
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@personal_data
def entry_delete(request: HttpRequest, entry_id) -> HttpResponse:
    """The author deletes their entry, after a page naming everything that goes with it
    and who will be told. A signed-off entry is refused with the reason."""
    entry = entry_or_404(request, entry_id)
    allowed_or_404(permissions.is_entry_author(request.user, entry))
    if not permissions.can_delete_entry(request.user, entry):
        messages.error(request, deletion.DELETE_LOCKED_MESSAGE)
        return redirect_to_entry(entry)
    if request.method == "POST":
        try:
            removed = deletion.entry_delete(entry=entry, author=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect_to_entry(entry)
        told = ", ".join(str(person) for person in removed.supervisors)
        messages.success(
            request,
            f"“{entry.title}” has been deleted"
            + (
                ", with its earlier versions and comments."
                if removed.earlier_versions or removed.comments
                else "."
            )
            + (f" We have told {told} it has gone." if told else ""),
        )
        return redirect("reflections:entry_list")
    return render(
        request,
        "learning/reflections/entry_delete.html",
        {"entry": entry, "removing": deletion.entry_deletion(entry)},
    )


# ---------------------------------------------------------------------------
# Sharing
# ---------------------------------------------------------------------------


def _shared_supervisor_ids(entry: ReflectiveEntry) -> list[int]:
    return list(selectors.current_shares(entry).values_list("supervisor_id", flat=True))


@require_http_methods(["GET", "POST"])
@personal_data
def entry_share(request: HttpRequest, entry_id) -> HttpResponse:
    entry = entry_or_404(request, entry_id)
    allowed_or_404(permissions.can_share_entry(request.user, entry))
    profile = permissions.profile_of(request.user)
    supervisors = (
        profile.supervisors.filter(is_active=True).order_by("last_name", "first_name")
        if profile
        else get_user_model().objects.none()
    )
    has_supervisors = supervisors.exists()
    people = supervisors.exclude(pk__in=_shared_supervisor_ids(entry))
    form = ShareForm(request.POST if request.method == "POST" else None, people=people)
    if form.is_valid():
        try:
            shares = services.entry_share(
                entry=entry,
                author=request.user,
                supervisors=form.cleaned_data["supervisors"],
                link_base=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            names = ", ".join(str(share.supervisor) for share in shares)
            if names:
                messages.success(request, f"Shared with {names}. We have emailed them a link.")
            return redirect_to_entry(entry)
    return render(
        request,
        "learning/reflections/share_form.html",
        {
            "entry": entry,
            "form": form,
            "has_supervisors": has_supervisors,
            "has_choices": people.exists(),
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@personal_data
def entry_withdraw(request: HttpRequest, entry_id) -> HttpResponse:
    entry = entry_or_404(request, entry_id)
    allowed_or_404(permissions.can_share_entry(request.user, entry))
    people = get_user_model().objects.filter(pk__in=_shared_supervisor_ids(entry))
    form = WithdrawShareForm(request.POST if request.method == "POST" else None, people=people)
    if form.is_valid():
        chosen = list(form.cleaned_data["supervisors"])
        try:
            services.entry_withdraw_share(entry=entry, author=request.user, supervisors=chosen)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            names = ", ".join(str(person) for person in chosen)
            messages.success(request, f"{names} can no longer read this entry.")
            return redirect_to_entry(entry)
    return render(
        request,
        "learning/reflections/withdraw_form.html",
        {
            "entry": entry,
            "form": form,
            "has_choices": people.exists(),
            "locked_message": None
            if permissions.can_withdraw_share(request.user, entry)
            else services.WITHDRAW_LOCKED_MESSAGE,
        },
        status=400 if form.is_bound else 200,
    )


# ---------------------------------------------------------------------------
# Comments (a supervisor's review and sign-off are in learning.views.supervision)
# ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@personal_data
def entry_comment(request: HttpRequest, entry_id) -> HttpResponse:
    """Add a comment (a supervisor) or a reply (the author). The form is on the entry's
    page; a failed submission shows that page again with the errors."""
    entry = entry_or_404(request, entry_id)
    allowed_or_404(permissions.can_comment(request.user, entry))
    form = CommentForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            services.comment_add(entry=entry, author=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your comment has been added.")
            return redirect_to_entry(entry, "comments")
    # The entry's page is shown again, text and all.
    services.entry_read_record(entry=entry, reader=request.user)
    return render(
        request,
        "learning/reflections/entry_detail.html",
        _detail_context(request, entry, comment_form=form),
        status=400 if form.is_bound else 200,
    )


@require_GET
@personal_data
def comment_detail(request: HttpRequest, comment_id) -> HttpResponse:
    """One comment with the text of the entry as its writer read it."""
    comment = selectors.comment_for_viewer(viewer=request.user, comment_id=comment_id)
    if comment is None:
        raise Http404("No such comment")
    # The page shows the entry's text as it was when the comment was written.
    services.entry_read_record(entry=comment.entry, reader=request.user)
    return render(request, "learning/reflections/comment_detail.html", {"comment": comment})
