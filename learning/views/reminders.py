"""The person's email settings and their answer to the impact follow-up question.
Both reach only the signed-in person's own records: the settings have no id in their
address, and an impact question is found among the person's own feedback (anyone
else's is a 404)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from learning import permissions
from learning.http import personal_data
from learning.reminders.forms import EmailSettingsForm, ImpactAnswerForm
from learning.reminders.services import email_settings_save
from learning.required import impact


@require_http_methods(["GET", "POST"])
@personal_data
def reminder_settings(request: HttpRequest) -> HttpResponse:
    """Email settings: reminder digests, and emails when a supervisor responds. (The
    name and address are older than the second setting and kept, so links still work.)"""
    profile = permissions.profile_of(request.user)
    form = EmailSettingsForm(
        request.POST if request.method == "POST" else None,
        initial={
            "receives_digests": profile.receives_digests if profile else True,
            "emails_supervision_activity": (
                profile.emails_supervision_activity if profile else True
            ),
        },
    )
    if form.is_valid():
        email_settings_save(user=request.user, **form.cleaned_data)
        messages.success(request, settings_saved_message(**form.cleaned_data))
        return redirect("records:my_learning")
    return render(
        request,
        "learning/reminders/reminder_settings.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


def settings_saved_message(*, receives_digests: bool, emails_supervision_activity: bool) -> str:
    reminders = (
        "We will email you reminders." if receives_digests else "We will not email you reminders."
    )
    supervision = (
        "We will email you when a supervisor responds to an entry you shared."
        if emails_supervision_activity
        else "We will not email you when a supervisor responds, but you will still see it "
        "on your Notifications page."
    )
    return f"{reminders} {supervision}"


@require_http_methods(["GET", "POST"])
@personal_data
def impact_answer(request: HttpRequest, feedback_id: int) -> HttpResponse:
    """Answer (or change the answer to) "Have you used this in your practice?"."""
    feedback = impact.feedback_to_follow_up(user=request.user, feedback_id=feedback_id)
    if feedback is None:
        raise Http404("No such question")
    existing = impact.impact_answer_for(feedback=feedback)
    initial = (
        {"used_in_practice": existing.used_in_practice, "example": existing.example}
        if existing
        else None
    )
    form = ImpactAnswerForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        try:
            impact.impact_answer_save(user=request.user, feedback=feedback, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Thank you. Your answer has been saved.")
            return redirect("home")
    return render(
        request,
        "learning/reminders/impact_answer.html",
        {"feedback": feedback, "form": form, "existing": existing},
        status=400 if form.is_bound else 200,
    )
