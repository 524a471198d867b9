"""An administrator erases a person at once, on a valid request: a page that names what
will go (GET) and, with a reason and a confirmation, does it (POST).

Only people with learning.erase_user (site administrators) reach it; anyone else, and a
non-superuser asking about a superuser, gets a 404 as if the person did not exist. Nobody
erases their own account here: another administrator must.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from learning.accounts.admin_users import may_manage
from learning.models import User
from learning.models.audit import AuditAction
from learning.permissions import can_erase_people
from learning.privacy.erasure import erase_person, erasure_plan
from learning.publishing_guard.services import (
    _REASON_WORD_RE,
    MIN_DISTINCT_REASON_WORDS,
    MIN_REASON_CHARACTERS,
    MIN_REASON_WORDS,
)

USERS_INDEX_URL_NAME = "wagtailusers_users:index"
REASON_MAX_LENGTH = 1000


def validate_erasure_reason(reason: str | None) -> str:
    """The reason, tidied; ValidationError unless it is a real sentence. The same bar as
    a reason to override the anonymisation check (learning.publishing_guard.services),
    with words for this page."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError(
            "Say why this person's records are being erased, for example the request "
            "you received and when.",
            code="required",
        )
    words = _REASON_WORD_RE.findall(reason)
    if (
        len(words) < MIN_REASON_WORDS
        or len(reason) < MIN_REASON_CHARACTERS
        or len({word.lower() for word in words}) < MIN_DISTINCT_REASON_WORDS
    ):
        raise ValidationError(
            "Give the reason as at least one full sentence (six words or more), for "
            "example “Erasure requested by letter of 3 March; the organisation confirmed "
            "they left in 2019.”",
            code="too_short",
        )
    return reason


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label="Reason for erasing now",
        help_text="Kept in the audit log for good, so do not name the person: say what "
        "the request was (its date and reference) and why it is valid.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=REASON_MAX_LENGTH,
        required=False,  # validate_erasure_reason says what is missing, in its words
    )
    confirm = forms.BooleanField(
        label="I understand that this cannot be undone",
        required=True,
        error_messages={
            "required": "Tick the box to confirm that you understand this cannot be undone."
        },
    )

    def clean_reason(self) -> str:
        return validate_erasure_reason(self.cleaned_data.get("reason"))


class ErasePersonView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "learning/privacy/admin_erase_person.html"
    header_icon = "bin"
    page_title = "Erase a person's records"

    def dispatch(self, request: HttpRequest, user_id: int) -> HttpResponse:
        if not can_erase_people(request.user):
            raise Http404
        self.person = get_object_or_404(User.objects.select_related("profile"), pk=user_id)
        if not may_manage(request.user, self.person):
            raise Http404
        return super().dispatch(request, user_id)

    @property
    def refusal(self) -> str:
        if self.person.pk == self.request.user.pk:
            return (
                "You cannot erase your own account. Ask another administrator to do it, "
                "or deactivate the account and let the retention period run."
            )
        return ""

    def get(self, request: HttpRequest, user_id: int) -> HttpResponse:
        return self._page(ErasureForm(), status=403 if self.refusal else 200)

    def post(self, request: HttpRequest, user_id: int) -> HttpResponse:
        if self.refusal:
            return self._page(None, status=403)
        if self.person.erased_at is not None:
            messages.info(request, "This person's records were already erased. Nothing changed.")
            return redirect(reverse("admin_erase_person", args=[self.person.pk]))
        form = ErasureForm(request.POST)
        if not form.is_valid():
            return self._page(form, status=400)
        name = str(self.person)
        counts = erase_person(
            self.person,
            reason=form.cleaned_data["reason"],
            actor=request.user,
            action=AuditAction.ERASED,
        )
        messages.success(
            request,
            f"The records of {name} were erased: "
            + ("; ".join(count.label for count in counts) or "nothing was left to erase")
            + ". The counts in reports are unchanged.",
        )
        return redirect(USERS_INDEX_URL_NAME)

    def _page(self, form: ErasureForm | None, status: int = 200) -> HttpResponse:
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
        erased = self.person.erased_at is not None
        return super().get_context_data(
            person=self.person,
            refusal=self.refusal,
            erased=erased,
            plan=[] if erased or self.refusal else erasure_plan(self.person),
            users_url=reverse(USERS_INDEX_URL_NAME),
            **kwargs,
        )
