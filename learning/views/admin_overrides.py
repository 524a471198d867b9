"""Admin views that sit in front of Wagtail's own, at the same address, where Wagtail's
would answer a request with a 500."""

from __future__ import annotations

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import require_admin_access
from wagtail.admin.forms.choosers import ExternalLinkChooserForm, URLOrAbsolutePathField
from wagtail.admin.views import chooser
from wagtail.admin.views.pages import lock
from wagtail.admin.views.pages.ordering import set_page_position
from wagtail.contrib.redirects import views as redirect_views
from wagtail.models import Page

from learning.forms_ids import parse_id


@require_admin_access
def set_position_of_child_page(request: HttpRequest, page_to_move_id: int) -> HttpResponse:
    """Wagtail's reordering looks up the page's parent without checking it has one, so
    asking to move the tree's root fails with a 500; only a page with a parent can be
    reordered among its siblings."""
    if not Page.objects.filter(pk=page_to_move_id, depth__gt=1).exists():
        raise Http404
    return set_page_position(request, page_to_move_id)


# --- Locking and unlocking a page. Wagtail's views lock or unlock first and then look up
# the parent to send the editor back to, which the tree's root lacks: the change is made
# and the answer is a 500. The root is not a page anyone edits, so neither applies to it.

_lock_page = lock.LockView.as_view()
_unlock_page = lock.UnlockView.as_view()


def _only_pages_with_a_parent(page_id: int) -> None:
    if not Page.objects.filter(pk=page_id, depth__gt=1).exists():
        raise Http404


@require_admin_access
def lock_child_page(request: HttpRequest, page_id: int) -> HttpResponse:
    """Wagtail's lock view, for any page but the tree's root."""
    _only_pages_with_a_parent(page_id)
    return _lock_page(request, page_id=page_id)


@require_admin_access
def unlock_child_page(request: HttpRequest, page_id: int) -> HttpResponse:
    """Wagtail's unlock view, for any page but the tree's root."""
    _only_pages_with_a_parent(page_id)
    return _unlock_page(request, page_id=page_id)


# --- The link chooser's "external link" step. Its URL field reads the submitted value as
# a string before checking it is there, so a form posted without the field fails with a
# 500 instead of "This field is required".


class _URLOrAbsolutePathField(URLOrAbsolutePathField):
    def to_python(self, value: object) -> str:
        if value in self.empty_values:
            return ""
        return super().to_python(value)


class _ExternalLinkChooserForm(ExternalLinkChooserForm):
    url = _URLOrAbsolutePathField(required=True, label=_("URL"))


class ExternalLinkView(chooser.ExternalLinkView):
    """Wagtail's external link step, with a URL field that refuses a missing value as it
    does an empty one."""

    form_class = _ExternalLinkChooserForm


choose_external_link = require_admin_access(ExternalLinkView.as_view())


# --- The second step of importing redirects from a file. Wagtail means a form without its
# signed hidden fields (the uploaded file's name and format) to be refused as tampering,
# with a 400, but its check reads the fields before finding them missing and fails with a
# 500. And the upload is deleted once imported, so sending the same form again (the back
# button, a double click) fails to find it.

_IMPORT_MANAGEMENT_FIELDS = ("import_file_name", "input_format")
IMPORT_UPLOAD_GONE = (
    "That upload has already been imported or has expired. Choose the file again to import it."
)


@require_admin_access
@redirect_views.permission_checker.require_any("add")
def process_redirects_import(request: HttpRequest) -> HttpResponse:
    """Wagtail's import step, once the form is known to carry its hidden fields, and
    with a message rather than a 500 when the upload is no longer there."""
    if request.method == "POST" and not all(
        request.POST.get(field) for field in _IMPORT_MANAGEMENT_FIELDS
    ):
        raise SuspiciousOperation("The redirects import form lacks its signed hidden fields.")
    try:
        return redirect_views.process_import(request)
    except FileNotFoundError:
        messages.error(request, IMPORT_UPLOAD_GONE)
        return redirect("wagtailredirects:start_import")


# --- Creating a snippet from its chooser. Wagtail gives every snippet chooser a "create"
# address, but a chooser without a creation form (the default) fails there with a 500 on
# a POST and shows an empty step on a GET.


@require_admin_access
def create_snippet_from_chooser(
    request: HttpRequest, app_label: str, model_name: str
) -> HttpResponse:
    """Wagtail's chooser creation step for a snippet whose chooser has a creation form;
    a 404 for one without, or for a model that is not a snippet."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is None:
        raise Http404
    create_view = viewset.chooser_viewset.create_view
    view = create_view.view_class(**create_view.view_initkwargs)
    if view.get_creation_form_class() is None:
        raise Http404
    return create_view(request)


# --- The page chooser's answer when several pages are chosen. Wagtail's reads each page's
# parent without checking it has one, so choosing the tree's root fails with a 500, and it
# passes the ids from the query string to the database unchecked.

_pages_chosen = chooser.ChosenMultipleView.as_view()


@require_admin_access
def pages_chosen_with_parents(request: HttpRequest) -> HttpResponse:
    """Wagtail's view, for ids that are all valid and name no root page."""
    ids = [parse_id(value) for value in request.GET.getlist("id")]
    if None in ids or Page.objects.filter(pk__in=ids, depth=1).exists():
        raise Http404
    return _pages_chosen(request)
