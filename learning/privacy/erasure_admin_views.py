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
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from learning.models.audit import AuditAction
from learning.permissions import can_erase_people
from learning.privacy.erasure import erase_person, erasure_plan
from learning.privacy.person_admin import USERS_INDEX_URL_NAME, PersonAdminView
from learning.reasons import ReasonProblem, reason_problem, tidy_reason

REASON_MAX_LENGTH = 1000


def validate_erasure_reason(reason: str | None) -> str:
    """The reason, tidied; ValidationError unless it is a real sentence. The same bar as
    a reason to override the anonymisation check (learning.publishing_guard.services),
    with words for this page."""
    reason = tidy_reason(reason)
    problem = reason_problem(reason)
    if problem == ReasonProblem.MISSING:
        raise ValidationError(
            "Say why this person's records are being erased, for example the request "
            "you received and when.",
            code=problem.value,
        )
    if problem is not None:
        raise ValidationError(
            "Give the reason as at least one full sentence (six words or more), for "
            "example “Erasure requested by letter of 3 March; the organisation confirmed "
            "they left in 2019.”",
            code=problem.value,
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


class ErasePersonView(PersonAdminView):
    template_name = "learning/privacy/admin_erase_person.html"
    header_icon = "bin"
    page_title = "Erase a person's records"
    allowed = staticmethod(can_erase_people)

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
            + ". Everything they completed stays in the reports' totals.",
        )
        return redirect(USERS_INDEX_URL_NAME)

    def get_context_data(self, **kwargs) -> dict:
        erased = self.person.erased_at is not None
        return super().get_context_data(
            refusal=self.refusal,
            erased=erased,
            plan=[] if erased or self.refusal else erasure_plan(self.person),
            **kwargs,
        )
