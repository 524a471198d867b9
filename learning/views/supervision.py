"""Supervision: "My team", team sessions, and a supervisor's review, sign-off and
reopening of an entry shared with them. Views parse input, ask learning.permissions,
call one service or selector and render; all are wrapped in `personal_data`. Someone
who supervises nobody gets a 404 for My team, as does anyone asking for a team session
they neither delivered nor attended, or editing or deleting one they did not record,
or acting on an entry not shared with them."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from learning import permissions
from learning.audit.record_views import record_list_view
from learning.http import personal_data
from learning.models import ReviewStatus
from learning.reflections import services as reflections
from learning.reflections.forms import ReviewForm
from learning.supervision import history, selectors, services
from learning.supervision.forms import TeamSessionEditForm, TeamSessionForm
from learning.views.reflections import allowed_or_404, entry_or_404, redirect_to_entry


def _supervisor_or_404(request: HttpRequest) -> None:
    if not permissions.can_supervise(request.user):
        raise Http404("Not a supervisor")


@require_GET
@personal_data
def my_team(request: HttpRequest) -> HttpResponse:
    _supervisor_or_404(request)
    members = selectors.my_team(supervisor=request.user)
    record_list_view(request, (member.person.pk for member in members), "My team")
    today = timezone.localdate()
    return render(
        request,
        "learning/supervision/my_team.html",
        {
            "members": members,
            "awaiting": [
                (member.person, entry) for member in members for entry in member.awaiting_review
            ],
            "sessions": selectors.sessions_delivered(supervisor=request.user),
            "year_start": date(today.year, 1, 1),
        },
    )


@require_http_methods(["GET", "POST"])
@personal_data
def session_create(request: HttpRequest) -> HttpResponse:
    _supervisor_or_404(request)
    form = TeamSessionForm(
        request.POST if request.method == "POST" else None,
        supervisor=request.user,
        initial={"delivered_on": timezone.localdate()},
    )
    if form.is_valid():
        try:
            session = services.team_session_record(delivered_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = len(form.cleaned_data["attendees"])
            messages.success(
                request,
                f"Team session recorded. “{session.page_title}” is on the learning record of "
                f"the {count} {'person' if count == 1 else 'people'} who attended.",
            )
            return redirect("supervision:session_detail", session_id=session.pk)
    return render(
        request,
        "learning/supervision/session_form.html",
        {"form": form, "has_team": form.fields["attendees"].queryset.exists()},
        status=400 if form.is_bound else 200,
    )


@require_GET
@personal_data
def session_detail(request: HttpRequest, session_id) -> HttpResponse:
    session = selectors.session_for_viewer(viewer=request.user, session_id=session_id)
    if session is None:
        raise Http404("No such team session")
    can_manage = permissions.can_manage_team_session(request.user, session)
    attendees = list(selectors.session_attendees(session))
    if can_manage:
        # The supervisor who ran it sees who was credited; an attendee sees only
        # colleagues' names, as they did in the room.
        record_list_view(request, (p.pk for p in attendees), "a team session's attendees")
    return render(
        request,
        "learning/supervision/session_detail.html",
        {
            "session": session,
            "attendees": attendees,
            "is_deliverer": session.delivered_by_id == request.user.pk,
            "can_manage": can_manage,
            "history": history.history_for(session.pk) if can_manage else [],
        },
    )


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def _session_to_manage_or_404(request: HttpRequest, session_id):
    session = selectors.session_to_manage(viewer=request.user, session_id=session_id)
    if session is None:
        raise Http404("No such team session")
    return session


@require_http_methods(["GET", "POST"])
@personal_data
def session_edit(request: HttpRequest, session_id) -> HttpResponse:
    session = _session_to_manage_or_404(request, session_id)
    attendees = list(session.attendees.all())
    if request.method == "GET":
        record_list_view(request, (p.pk for p in attendees), "a team session's attendees")
    form = TeamSessionEditForm(
        request.POST if request.method == "POST" else None,
        supervisor=request.user,
        session=session,
        initial={
            "delivered_on": session.delivered_on,
            "minutes": session.minutes,
            "attendees": attendees,
            "group_reflection": session.group_reflection,
        },
    )
    if form.is_valid():
        try:
            changes = services.team_session_update(
                session=session, user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if changes:
                messages.success(
                    request,
                    "Team session updated. The learning record of everyone who attended "
                    "now matches it.",
                )
            else:
                messages.info(request, "Nothing was changed.")
            return redirect("supervision:session_detail", session_id=session.pk)
    return render(
        request,
        "learning/supervision/session_edit.html",
        {"form": form, "session": session},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@personal_data
def session_delete(request: HttpRequest, session_id) -> HttpResponse:
    session = _session_to_manage_or_404(request, session_id)
    if request.method == "POST":
        removed = services.team_session_delete(session=session, user=request.user)
        messages.success(
            request,
            f"Team session “{session.page_title}” deleted. It is no longer on the "
            f"learning record of {_people(removed)}.",
        )
        return redirect("supervision:my_team")
    return render(
        request,
        "learning/supervision/session_delete.html",
        {"session": session, "affected": services.completions_from(session)},
    )


# ---------------------------------------------------------------------------
# Acting on an entry shared with the supervisor (URLs in learning.reflections.urls)
# ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@personal_data
def entry_review(request: HttpRequest, entry_id) -> HttpResponse:
    entry = entry_or_404(request, entry_id)
    allowed_or_404(permissions.can_review(request.user, entry))
    form = ReviewForm(
        request.POST if request.method == "POST" else None,
        initial={
            "status": entry.review_status or ReviewStatus.REVIEWED,
            "on": entry.reviewed_on or timezone.localdate(),
        },
    )
    if form.is_valid():
        try:
            reflections.entry_mark_reviewed(
                entry=entry,
                supervisor=request.user,
                status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Marked as “{entry.get_review_status_display().lower()}”.")
            return redirect_to_entry(entry)
    # The page shows the entry's title: a read of someone else's record.
    reflections.entry_read_record(entry=entry, reader=request.user)
    return render(
        request,
        "learning/reflections/review_form.html",
        {"entry": entry, "form": form},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@personal_data
def entry_sign_off(request: HttpRequest, entry_id) -> HttpResponse:
    entry = entry_or_404(request, entry_id)
    allowed_or_404(permissions.can_review(request.user, entry))
    if entry.is_locked:
        messages.info(request, "This entry is already signed off.")
        return redirect_to_entry(entry)
    if request.method == "POST":
        try:
            reflections.entry_sign_off(entry=entry, supervisor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, "Signed off as a peer reflection. Its author can no longer change it."
            )
        return redirect_to_entry(entry)
    reflections.entry_read_record(entry=entry, reader=request.user)
    return render(request, "learning/reflections/sign_off.html", {"entry": entry})


@require_http_methods(["GET", "POST"])
@personal_data
def entry_reopen(request: HttpRequest, entry_id) -> HttpResponse:
    """The signing supervisor unlocks an entry, even one they can no longer read (the
    share lapsed): the page shows its title only, and afterwards they go back to the
    entry only if they may still read it."""
    entry = (
        permissions.entries_reopenable_by(request.user)
        .select_related("author")
        .filter(pk=entry_id)
        .first()
    )
    allowed_or_404(entry is not None and permissions.can_reopen(request.user, entry))
    can_read = permissions.can_view_entry(request.user, entry)
    if request.method == "POST":
        try:
            reflections.entry_reopen(entry=entry, supervisor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Reopened. Its author can change it again.")
        return redirect_to_entry(entry) if can_read else redirect("supervision:my_team")
    reflections.entry_read_record(entry=entry, reader=request.user)
    return render(
        request, "learning/reflections/reopen.html", {"entry": entry, "can_read": can_read}
    )
