"""The six principles: a list, and a hub page for each."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from learning.models import Principle
from learning.records.selectors import PrincipleProgress, principle_progress
from learning.search import learning_by_type, reflective_questions_for


def principle_list(request: HttpRequest) -> HttpResponse:
    """The principles, each with how much of its learning there is and, for someone
    signed in, how much of it they have done."""
    progress = principle_progress(user=request.user)
    principles = [
        (principle, progress.get(principle.pk, PrincipleProgress()))
        for principle in Principle.objects.all()
    ]
    return render(request, "learning/principle_list.html", {"principles": principles})


def principle_detail(request: HttpRequest, slug: str) -> HttpResponse:
    principle = get_object_or_404(Principle, slug=slug)
    return render(
        request,
        "learning/principle_detail.html",
        {
            "principle": principle,
            "learning_groups": learning_by_type(principle=principle),
            "questions": reflective_questions_for(principle=principle),
        },
    )
