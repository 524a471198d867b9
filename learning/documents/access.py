"""Who may download a private document, and what may make one public.

Wagtail answers a restricted document by sending the visitor to sign in. That is right
for someone signed out, but a signed-in practitioner would be sent to the sign-in page,
which (being signed in) sends them straight back: a redirect loop. They get "not
found" instead, which also says nothing about what the document is.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.models import BaseViewRestriction

from learning.accounts.mfa import is_privileged, second_factor_step


def guard_private_document(document: AbstractDocument, request: HttpRequest) -> HttpResponse | None:
    """before_serve_document hook, run ahead of Wagtail's own restriction check.

    A private document is board material, so the editorial staff it is kept for need
    this session's second factor for it, as for the admin."""
    if not request.user.is_authenticated:
        return None  # Wagtail's check sends them to sign in.
    restrictions = document.collection.get_view_restrictions()
    if restrictions and is_privileged(request.user):
        step = second_factor_step(request)
        if step is not None:
            return step
    for restriction in restrictions:
        # A password restriction (not offered here) keeps Wagtail's password form.
        is_password = restriction.restriction_type == BaseViewRestriction.PASSWORD
        if not is_password and not restriction.accept_request(request):
            raise Http404("No document here.")
    return None


BULK_MOVE_REFUSED = (
    "Documents can only be moved in bulk to a private collection. A document becomes "
    "public when a published page links it, and private again when none does."
)


def refuse_bulk_move_out_of_privacy(
    request: HttpRequest, action_type: str, objects: list, action
) -> HttpResponse | None:
    """before_bulk_action hook: Wagtail's bulk "add to collection" updates the rows
    directly, past the upload form's choices and the filing rules, so it may only move
    documents into a collection with a view restriction."""
    if getattr(action, "model", None) is not get_document_model():
        return None
    if action_type != "add_to_collection":
        return None
    target = action.cleaned_form.cleaned_data.get("collection")
    if target is not None and target.get_view_restrictions().exists():
        return None
    messages.error(request, BULK_MOVE_REFUSED)
    return redirect("wagtaildocs:index")
