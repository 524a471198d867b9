"""Who may download a private document, as the serve view sees it.

Wagtail answers a restricted document by sending the visitor to sign in. That is right
for someone signed out, but a signed-in practitioner would be sent to the sign-in page,
which (being signed in) sends them straight back: a redirect loop. They get "not
found" instead, which also says nothing about what the document is.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest
from wagtail.documents.models import AbstractDocument
from wagtail.models import BaseViewRestriction


def refuse_signed_in_outsiders(document: AbstractDocument, request: HttpRequest) -> None:
    """before_serve_document hook, run ahead of Wagtail's own restriction check."""
    if not request.user.is_authenticated:
        return  # Wagtail's check sends them to sign in.
    for restriction in document.collection.get_view_restrictions():
        # A password restriction (not offered here) keeps Wagtail's password form.
        is_password = restriction.restriction_type == BaseViewRestriction.PASSWORD
        if not is_password and not restriction.accept_request(request):
            raise Http404("No document here.")
