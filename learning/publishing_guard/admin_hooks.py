"""How the anonymisation guard shows itself in the Wagtail admin. Registered in
learning/wagtail_hooks.py.

The model refuses to publish (LearningPage.publish); these hooks make the refusal a
clear message instead of an error page, and show editors what was found before they try.
"""

from __future__ import annotations

from django.contrib import messages as django_messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from wagtail.admin import messages
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.widgets import Button
from wagtail.models import Page

from learning.anonymisation import NOT_CHECKED
from learning.publishing_guard.editor_links import finding_edit_url
from learning.publishing_guard.services import (
    FieldFinding,
    can_override,
    is_guarded,
    scan_page,
    unresolved_findings,
)
from learning.text_counts import counted


def findings_url(page: Page) -> str:
    return reverse("anonymisation_findings", args=[page.pk])


def findings_list_html(page: Page, findings: list[FieldFinding]) -> SafeString:
    """Each finding as a link to its field in the editor, which highlights the text,
    followed by what to do about it."""
    return format_html(
        '<ul class="errorlist hub-findings">{}</ul>',
        format_html_join(
            "",
            '<li><a href="{}">{}</a>{} {}</li>',
            (
                (
                    finding_edit_url(page, finding),
                    str(finding),
                    " (must be changed)." if finding.strong else ".",
                    finding.advice,
                )
                for finding in findings
            ),
        ),
    )


def limits_html() -> SafeString:
    """What the check does not look for, so that a short list (or none) is not read as
    a promise that the page identifies nobody."""
    return format_html(
        '<details class="hub-findings-limits"><summary>What this check does not look for'
        "</summary><ul>{}</ul><p>Read the page as someone who knows the person would, "
        "before you publish it.</p></details>",
        format_html_join("", "<li>{}</li>", ((capfirst(item),) for item in NOT_CHECKED)),
    )


def _error(request: HttpRequest, text: str, *, buttons=None, detail: str = "") -> None:
    # wagtail.admin.messages.error takes no detail (a list under the message); its
    # renderer does.
    django_messages.error(request, messages.render(text, buttons, detail=detail))


def _count(findings: list[FieldFinding]) -> str:
    return counted(len(findings), "possible identifier", "possible identifiers")


def warn_on_edit(request: HttpRequest, page: Page) -> None:
    """before_edit_page: list what blocks publishing at the top of the edit page. Only
    when the page is shown (GET); a save redirects back here, so its result shows too."""
    if request.method != "GET" or not is_guarded(page) or _is_partial_render(request):
        return None
    findings = unresolved_findings(page)
    if findings:
        django_messages.warning(
            request,
            messages.render(
                f"This version has {_count(findings)}. It cannot be published or approved "
                "until each is changed or, where the check allows it, two people who may "
                "override it agree why it is safe. Follow a link to go to the text.",
                [messages.button(findings_url(page), "Review findings")],
                detail=findings_list_html(page, findings) + limits_html(),
            ),
        )
    return None


def _is_partial_render(request: HttpRequest) -> bool:
    """True when Wagtail fetches the edit view in the background: after the first save
    of a new page it loads the edit view's panels into the create page
    (?_w_hydrate_create_view=1), and autosave asks for JSON. Neither shows messages, so a
    warning queued then would wait and appear a second time on the next page."""
    return bool(request.GET.get("_w_hydrate_create_view")) or (
        "application/json" in request.headers.get("Accept", "")
    )


def refuse_publish(request: HttpRequest, page: Page) -> HttpResponse | None:
    """before_publish_page: the edit and create views have saved the new revision by
    now, so refusing here loses nothing; the editor returns to the edit page, which
    lists the findings."""
    if not is_guarded(page):
        return None
    findings = unresolved_findings(page)
    if not findings:
        return None
    if page.live and page.live_revision_id is None and page.first_published_at is None:
        # Wagtail's create view saves a new page as live before asking this hook, trusting
        # the publish that follows; take it down again, keeping it as a draft.
        page.live = False
        page.has_unpublished_changes = True
        page.save(clean=False, update_fields=["live", "has_unpublished_changes"])
    messages.error(
        request,
        f"“{page.get_admin_display_title()}” was saved as a draft but not published: "
        f"it has {_count(findings)} (listed below).",
        buttons=[messages.button(findings_url(page), "Review findings")],
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def approval_refused(request: HttpRequest, page: Page, findings: list[FieldFinding]) -> str:
    """Tell a reviewer why their approval did not go through; returns where to send them:
    the edit page, which lists the findings and offers the findings screen."""
    messages.error(
        request,
        f"“{page.get_admin_display_title()}” was not approved: it has {_count(findings)}. "
        "It is still awaiting review; remove them, or, where the check allows it, have two "
        "people who may override it agree why they are safe, then approve it.",
        buttons=[messages.button(findings_url(page), "Review findings")],
    )
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def hide_approval(menu_items: list, request: HttpRequest, context: dict) -> None:
    """construct_page_action_menu: a reviewer is not offered "Approve" at the final
    workflow step (approving it publishes) while publishing would be refused. They see
    the findings instead, and can save a fix or record an override first."""
    page = context.get("page")
    if context.get("view") != "edit" or page is None or not is_guarded(page):
        return
    if not any(getattr(item, "name", None) == "approve" for item in menu_items):
        return
    workflow_state = page.current_workflow_state
    if workflow_state is None or not workflow_state.is_at_final_task:
        return  # approving an earlier step publishes nothing
    if unresolved_findings(page):
        menu_items[:] = [item for item in menu_items if getattr(item, "name", None) != "approve"]


def refuse_bulk_publish(
    request: HttpRequest, action_type: str, objects, action
) -> HttpResponse | None:
    """before_bulk_action: refuse the whole bulk publish (nothing is published) and name
    the pages holding findings, rather than failing part-way."""
    if action_type != "publish":
        return None
    selected = list(objects)
    pages = list(selected)
    form = getattr(action, "cleaned_form", None)
    if form is not None and form.cleaned_data.get("include_descendants"):
        for page in selected:
            pages += [
                descendant
                for descendant in page.get_descendants().not_live().specific()
                if descendant.permissions_for_user(request.user).can_publish()
            ]
    blocked = []
    for page in pages:
        page = page.specific
        if is_guarded(page) and unresolved_findings(page, page.get_latest_revision()):
            blocked.append(page)
    if not blocked:
        return None
    _error(
        request,
        "Nothing was published: these pages still hold possible identifiers. Open each one "
        "to see what was found.",
        detail=format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                (
                    (reverse("wagtailadmin_pages:edit", args=[p.pk]), p.get_admin_display_title())
                    for p in blocked
                ),
            ),
        ),
    )
    return redirect(action.next_url)


def refuse_live_copy(request: HttpRequest, page: Page) -> HttpResponse | None:
    """before_copy_page: refuse a copy (or alias) that would go live holding possible
    identifiers, and show the copy form again with what was found. Wagtail puts a copy
    live without publishing it, and a copy is a new page, so no override agreed for the
    original covers it. (learning.publishing_guard.backstop refuses the same at the
    database write, for the admin API and code.)"""
    if request.method != "POST":
        return None
    form_class = getattr(page.specific_class, "copy_form_class", CopyForm)
    form = form_class(request.POST, user=request.user, page=page)
    if not form.is_valid():
        return None  # the copy view shows the form's errors
    blocked = _blocked_live_copies(request, page, form.cleaned_data)
    if not blocked:
        return None
    if form.cleaned_data.get("alias"):
        text = (
            "No alias was made: an alias goes live straight away, and this one would show "
            "possible identifiers (listed below). Overrides agreed for the original do not "
            "cover a new page. Make a copy that is not published instead, or change the text."
        )
    else:
        text = (
            "Nothing was copied: a published copy goes live straight away, and this one "
            "would hold possible identifiers (listed below). A copy is a new page, so "
            "overrides agreed for the original do not cover it. Untick “Publish copies” to "
            "copy it as a draft and check it, or change the text first."
        )
    _error(
        request,
        text,
        detail=format_html_join(
            "",
            "<p><strong>{}</strong></p>{}",
            (
                (copy.get_admin_display_title(), findings_list_html(copy, findings))
                for copy, findings in blocked
            ),
        ),
    )
    context = {"page": page, "form": form, "next": get_valid_next_url_from_request(request)}
    return TemplateResponse(request, "wagtailadmin/pages/copy.html", context)


def _blocked_live_copies(
    request: HttpRequest, page: Page, data: dict
) -> list[tuple[Page, list[FieldFinding]]]:
    """Each page the copy would put live with possible identifiers, as it would be copied
    (the original's live content, under the new title and slug), with its findings. All
    of them block: no override is recorded on a page that does not exist yet."""
    parent = data.get("new_parent_page") or page.get_parent()
    alias = bool(data.get("alias"))
    # As the copy view decides: a copy keeps its original's live state only when asked
    # to and allowed to publish there; an alias always does.
    keeps_live = alias or (
        bool(data.get("publish_copies"))
        and parent.permissions_for_user(request.user).can_publish_subpage()
    )
    if not keeps_live:
        return []
    # Read afresh: the copy view goes on to copy ``page`` and must not see these changes.
    original = page.specific_class.objects.get(pk=page.pk)
    copies = []
    if original.live:
        original.slug = data["new_slug"]
        if not alias:
            original.title = data["new_title"]
        copies.append(original)
    if data.get("copy_subpages"):
        copies += page.get_descendants().live().specific()
    blocked = []
    for copy in copies:
        if is_guarded(copy) and (findings := scan_page(copy)):
            blocked.append((copy, findings))
    return blocked


def header_buttons(page: Page, user, view_name: str, next_url: str | None = None):
    """register_page_header_buttons: a way to the findings from any learning page."""
    if is_guarded(page):
        yield Button(
            "Anonymisation check",
            url=findings_url(page),
            icon_name="warning",
            priority=70,
        )


class OverridesMenuItem(MenuItem):
    """Reports menu entry for the overrides report, shown to those who may override."""

    def is_shown(self, request: HttpRequest) -> bool:
        return can_override(request.user)
