"""What the administrator's pages about one person (a copy of their data, erasing them)
share: who may open them, and the admin's title, subtitle and breadcrumbs."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from learning.accounts.admin_users import may_manage
from learning.models import User

USERS_INDEX_URL_NAME = "wagtailusers_users:index"


def person_or_404(request: HttpRequest, user_id: int, allowed: Callable[..., bool]) -> User:
    """The person, if `allowed(request.user)` and the administrator may manage them; a
    404 otherwise, as if the person did not exist (a superuser, to a non-superuser)."""
    if not allowed(request.user):
        raise Http404
    person = get_object_or_404(User.objects.select_related("profile"), pk=user_id)
    if not may_manage(request.user, person):
        raise Http404
    return person


class PersonAdminView(WagtailAdminTemplateMixin, TemplateView):
    # The rule from learning.permissions that lets someone use the page.
    allowed: Callable[..., bool]

    def dispatch(self, request: HttpRequest, user_id: int) -> HttpResponse:
        self.person = person_or_404(request, user_id, type(self).allowed)
        return super().dispatch(request, user_id)

    def _page(self, form, status: int = 200) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=status)

    def get_page_subtitle(self) -> str:
        return str(self.person)

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse(USERS_INDEX_URL_NAME), "label": "Users"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(
            person=self.person, users_url=reverse(USERS_INDEX_URL_NAME), **kwargs
        )
