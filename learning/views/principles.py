"""The six principles: a list, and a hub page for each."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from learning.models import Principle
from learning.search import learning_by_type, reflective_questions_for


def principle_list(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/principle_list.html", {"principles": Principle.objects.all()})


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
