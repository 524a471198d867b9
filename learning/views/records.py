"""Learner records: completing a page, My learning, CPD done elsewhere, feedback,
exports and certificates. Views parse input, ask learning.permissions, call one service
or selector and render; every personal page is wrapped in `personal_data`. Opening
someone else's record or certificate, and downloading a record, are audited first
(learning.audit.record_views, learning.audit.downloads)."""

from __future__ import annotations

import copy
import io
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from learning import permissions
from learning.audit.downloads import record_download
from learning.audit.record_views import record_view
from learning.http import personal_data
from learning.models import Completion, CompletionHow, CompletionMethod, LearningPage
from learning.records import cached_record, exports, selectors, services
from learning.records.forms import (
    CertificateLookupForm,
    ExternalCPDForm,
    FeedbackForm,
    RecordFilterForm,
    RegistrationForm,
)

RECORD_PER_PAGE = 25


def _learning_page_or_404(request: HttpRequest, page_id: int) -> LearningPage:
    """A published learning page the visitor may read (view restrictions included)."""
    page = get_object_or_404(Page.objects.live(), pk=page_id).specific
    if not isinstance(page, LearningPage):
        raise Http404("Not a learning page")
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404("Not available")
    return page


# Which confirmation the "Record your learning" panel shows after a redirect
# (?done=...). The panel builds its words from the person's own record, so the flag
# only says which of their true facts to announce.
DONE_RECORDED = "recorded"
DONE_FEEDBACK = "feedback"


def _return_query(request: HttpRequest, page: Page) -> list[tuple[str, str]]:
    """The query the person was on (a myth-buster's summary is `?summary`), from the
    form's `from` field, if it is this page's own address: never somewhere else."""
    page_path = page.get_url(request) or ""
    source = request.POST if request.method == "POST" else request.GET
    came_from = urlsplit(source.get("from", ""))
    if came_from.scheme or came_from.netloc or came_from.path != page_path:
        return []
    return [
        (key, value)
        for key, value in parse_qsl(came_from.query, keep_blank_values=True)
        if key != "done"
    ]


def _came_from(request: HttpRequest, page: Page) -> str:
    """The page address (with its query) a feedback form should return to."""
    query = _return_query(request, page)
    return f"{page.get_url(request)}{'?' + urlencode(query) if query else ''}"


def _back_to_page(request: HttpRequest, page: Page, done: str = "") -> HttpResponse:
    """Back to the page the form was on, at the panel. With `done`, the panel shows its
    confirmation as a banner that the #completion anchor scrolls to and focuses, so the
    message is where the person is looking, not at the top of a long page."""
    query = _return_query(request, page)
    if done:
        query.append(("done", done))
    suffix = f"?{urlencode(query)}" if query else ""
    return redirect(
        f"{page.get_url(request)}{suffix}#{'completion' if done else 'learning-actions'}"
    )


# ---------------------------------------------------------------------------
# Completing a page
# ---------------------------------------------------------------------------


@require_POST
@login_required
def complete(request: HttpRequest, page_id: int) -> HttpResponse:
    """The learner confirms they have read a page: record it once, with the revision
    the page was rendered with (the form posts it; the service checks it)."""
    page = _learning_page_or_404(request, page_id)
    if page.completion_method == CompletionMethod.KNOWLEDGE_CHECK:
        messages.info(request, "You complete this item by passing its knowledge check.")
        return _back_to_page(request, page)
    services.completion_record(
        user=request.user,
        page=page,
        how=CompletionHow.CONFIRMED,
        revision=request.POST.get("revision"),
    )
    # Whether just recorded or recorded before (a second click), the panel says what
    # is on their record.
    return _back_to_page(request, page, done=DONE_RECORDED)


@require_http_methods(["GET", "POST"])
@personal_data
def feedback(request: HttpRequest, page_id: int) -> HttpResponse:
    """Give, or change, the one piece of feedback on a page the person has completed
    (anything else is a 404: there is nothing of theirs to give feedback on)."""
    page = _learning_page_or_404(request, page_id)
    if not services.has_completed(user=request.user, page=page):
        raise Http404("Not completed")
    existing = selectors.feedback_for(user=request.user, page=page)
    initial = (
        {
            "usefulness": existing.usefulness,
            "will_change_practice": existing.will_change_practice,
            "comment": existing.comment,
        }
        if existing
        else None
    )
    form = FeedbackForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            services.feedback_save(user=request.user, page=page, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _back_to_page(request, page, done=DONE_FEEDBACK)
    return render(
        request,
        "learning/records/feedback_form.html",
        {"page": page, "form": form, "existing": existing, "came_from": _came_from(request, page)},
        status=400 if form.is_bound else 200,
    )


# ---------------------------------------------------------------------------
# The record
# ---------------------------------------------------------------------------


def _record_context(request: HttpRequest, person) -> dict:
    filters = RecordFilterForm(request.GET or None)
    selected = filters.selected()
    for problem in filters.problems():
        messages.warning(request, f"{problem}, so that filter was not used.")
    # Paginated and totalled in SQL, and kept for the person until their record changes.
    record = cached_record.record_page(
        person, selected=selected, page_number=request.GET.get("page"), per_page=RECORD_PER_PAGE
    )
    summary = cached_record.record_summary(person, viewer=request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "person": person,
        "is_own": person.pk == request.user.pk,
        "filter_form": filters,
        "selected": selected,
        "page_obj": record.page,
        "shown_minutes": record.minutes,
        "entry_count": record.page.paginator.count,
        "totals": summary.totals,
        "progress": summary.progress,
        "query_without_page": query.urlencode(),
        "feedback_page_ids": record.feedback_page_ids,
        "sessions_attended": selectors.team_sessions_attended(user=person),
        "required_items": summary.required_items,
    }


@require_GET
@personal_data
def my_learning(request: HttpRequest) -> HttpResponse:
    return render(
        request, "learning/records/my_learning.html", _record_context(request, request.user)
    )


@require_GET
@personal_data
def person_learning(request: HttpRequest, user_id: int) -> HttpResponse:
    """Someone else's record, for their supervisors and organisation lead."""
    person = get_object_or_404(get_user_model(), pk=user_id)
    if person.pk == request.user.pk:
        return redirect("records:my_learning")
    if not permissions.can_view_record(request.user, person):
        raise Http404("No such record")
    record_view(request, person, "learning record")
    return render(request, "learning/records/my_learning.html", _record_context(request, person))


# ---------------------------------------------------------------------------
# CPD done elsewhere
# ---------------------------------------------------------------------------


def _save_external(request: HttpRequest, form: ExternalCPDForm, entry=None) -> bool:
    if not form.is_valid():
        return False
    try:
        if entry is None:
            services.external_cpd_create(user=request.user, **form.cleaned_data)
        else:
            services.external_cpd_update(entry=entry, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


@require_http_methods(["GET", "POST"])
@personal_data
def external_cpd_add(request: HttpRequest) -> HttpResponse:
    form = ExternalCPDForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and _save_external(request, form):
        messages.success(request, f"“{form.cleaned_data['title']}” was added to your record.")
        return redirect("records:my_learning")
    return render(
        request,
        "learning/records/external_cpd_form.html",
        {"form": form, "entry": None, "today": timezone.localdate()},
        status=400 if form.is_bound else 200,
    )


def _change_the_session_instead(request: HttpRequest, entry) -> HttpResponse:
    """A facilitation credit follows the team session it came from, so it is changed or
    deleted there, never on its own (it would no longer match the session)."""
    messages.info(
        request,
        f"“{entry.title}” comes from a team session you recorded. To change or delete it, "
        "change or delete the session.",
    )
    return redirect("supervision:session_detail", session_id=entry.team_session_id)


@require_http_methods(["GET", "POST"])
@personal_data
def external_cpd_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(permissions.own_external_cpd(request.user), pk=pk)
    if entry.team_session_id:
        return _change_the_session_instead(request, entry)
    # The form validates a copy, so a failed edit leaves `entry` (and its title) as saved.
    form = ExternalCPDForm(
        request.POST if request.method == "POST" else None, instance=copy.copy(entry)
    )
    if request.method == "POST" and _save_external(request, form, entry=entry):
        messages.success(request, f"“{entry.title}” was updated.")
        return redirect("records:my_learning")
    return render(
        request,
        "learning/records/external_cpd_form.html",
        {"form": form, "entry": entry, "today": timezone.localdate()},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@personal_data
def external_cpd_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(permissions.own_external_cpd(request.user), pk=pk)
    if entry.team_session_id:
        return _change_the_session_instead(request, entry)
    if request.method == "POST":
        services.external_cpd_delete(entry=entry)
        messages.success(request, f"“{entry.title}” was deleted from your record.")
        return redirect("records:my_learning")
    return render(request, "learning/records/external_cpd_delete.html", {"entry": entry})


# ---------------------------------------------------------------------------
# The person's professional registration
# ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@personal_data
def registration(request: HttpRequest) -> HttpResponse:
    """Record one's own professional registration. There is no id in the URL: it only
    ever reaches the signed-in person's own profile."""
    profile = permissions.profile_of(request.user)
    current_body = profile.registration_body if profile else ""
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        current_body=current_body,
        initial={
            "body": current_body,
            "number": profile.registration_number if profile else "",
            "renewal_date": profile.registration_renewal_date if profile else None,
        },
    )
    if form.is_valid():
        try:
            services.registration_update(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your professional registration has been saved.")
            return redirect(f"{reverse('records:my_learning')}#registration")
    return render(
        request,
        "learning/records/registration_form.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


# ---------------------------------------------------------------------------
# Exports
# ---------------------------------------------------------------------------


@require_GET
@personal_data
def export_csv(request: HttpRequest) -> HttpResponse:
    """Every entry of the person's own record as a CSV file."""
    record_download(
        request,
        what="their own CPD record",
        report="cpd-record",
        file_format="csv",
        subject=request.user,
    )
    out = io.StringIO()
    exports.write_cpd_csv(selectors.cpd_record_for(user=request.user), out)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"cpd-record-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@personal_data
def cpd_summary(request: HttpRequest) -> HttpResponse:
    """A printable summary of the person's CPD in the regulators' headings, a page of
    activities at a time. Own record only: it includes the person's private reflective
    writing."""
    filters = RecordFilterForm(request.GET or None)
    selected = filters.selected()
    for problem in filters.problems():
        messages.warning(request, f"{problem}, so that filter was not used.")
    # A progress figure links to one section alone, so the page lists just its entries.
    show = request.GET.get("show", "")
    show = show if show in exports.SUMMARY_SECTIONS else ""
    query = request.GET.copy()
    query.pop("page", None)
    whole = query.copy()
    whole.pop("show", None)
    page = request.GET.get("page", "")
    # Counted and read only when the summary is not already rendered for this person,
    # period, choices and page (the template keeps it: {% personal_fragment %}).
    summary = SimpleLazyObject(
        lambda: exports.cpd_summary_for(
            user=request.user,
            since=selected.get("since"),
            until=selected.get("until"),
            show=show,
            page=page,
        )
    )
    return render(
        request,
        "learning/records/cpd_summary.html",
        {
            "summary": summary,
            "since": selected.get("since"),
            "until": selected.get("until"),
            # The page as asked for names its rendering: "-1" and a number past the end
            # both show the last page, never under the key of the first.
            "page_asked": page,
            "options": exports.SummaryOptions.from_query(request.GET),
            "filter_form": filters,
            "show": show,
            # Pagination keeps the period and choices; section links keep all but `show`.
            "query_without_page": query.urlencode(),
            "query_without_show": whole.urlencode(),
        },
    )


# ---------------------------------------------------------------------------
# Certificates
# ---------------------------------------------------------------------------


@require_GET
@personal_data
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    completion = get_object_or_404(Completion.objects.select_related("user"), pk=pk)
    if not permissions.can_view_record(request.user, completion.user):
        raise Http404("No such certificate")
    record_view(
        request, completion.user, f"certificate for “{completion.page_title}”", target=completion
    )
    verify_url = request.build_absolute_uri(
        reverse("records:certificate_verify", args=[completion.certificate_code])
    )
    return render(
        request,
        "learning/records/certificate.html",
        {"completion": completion, "verify_url": verify_url},
    )


@require_GET
def certificate_lookup(request: HttpRequest) -> HttpResponse:
    """Public: type a certificate code to check it."""
    form = CertificateLookupForm(request.GET or None)
    if form.is_valid():
        return redirect("records:certificate_verify", code=form.cleaned_data["code"])
    return render(
        request,
        "learning/records/certificate_lookup.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@require_GET
def certificate_verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: is this certificate genuine? Shows the item and the date only, never
    anything about the person it was issued to."""
    completion = selectors.certificate_by_code(code)
    if completion is None:
        return render(
            request,
            "learning/records/certificate_not_found.html",
            {"form": CertificateLookupForm(initial={"code": code[:40]})},
            status=404,
        )
    return render(request, "learning/records/certificate_verify.html", {"completion": completion})
