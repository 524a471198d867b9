"""Template helpers for learner records.

{% load records %}
{% record_actions page as actions %}   what the "Record your learning" box shows
{{ entry.body|markdown }}              staff-written Markdown as sanitised HTML
{{ minutes|hours }}                    minutes as hours, e.g. "1.5"
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from learning.learnable import knowledge_check_url
from learning.markdown import render_markdown
from learning.models import CompletionMethod, LearningPage
from learning.personal_cache.values import personal_value
from learning.records import selectors
from learning.records.forms import FeedbackForm

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    # render_markdown sanitises to an allowlist, so its output is safe to mark safe.
    return mark_safe(render_markdown(text or ""))  # noqa: S308


@register.filter
def code_groups(code: str) -> str:
    """A certificate code in groups of four, easier to read aloud and type back."""
    return " ".join(code[i : i + 4] for i in range(0, len(code or ""), 4))


@register.filter
def hours(minutes: int) -> str:
    return selectors.hours(minutes or 0)


@register.simple_tag(takes_context=True)
def record_actions(context, page) -> dict:
    """What the signed-in person can do to record a page: their completion and feedback
    if they have them, whether the page is completed by a knowledge check (and where
    that is), and the word for the page ("case study", "seven-minute briefing")."""
    request = context.get("request")
    user = getattr(request, "user", None)
    requires_check = getattr(page, "completion_method", "") == CompletionMethod.KNOWLEDGE_CHECK
    actions = {
        # Nothing to record on an unsaved or unpublished page (an editor's preview).
        "learnable": isinstance(page, LearningPage) and bool(page.pk) and page.live,
        "noun": str(page._meta.verbose_name),
        "minutes": getattr(page, "cpd_minutes", 0),
        "requires_check": requires_check,
        "check_url": knowledge_check_url(page, request) if requires_check else "",
        "completion": None,
        "feedback": None,
    }
    if user is not None and user.is_authenticated and page.pk:
        # The reader's own lines, kept until their records change (learning.personal_cache).
        completion, feedback = personal_value(
            "page-lines", user, lambda: _own_lines(user, page), page.pk
        )
        actions["completion"] = completion
        if completion:
            actions["feedback"] = feedback
            if feedback is None:
                # The class, not a form: a template calls it only when it renders the
                # questions, which it does once per revision (a shared fragment).
                actions["feedback_form"] = FeedbackForm
    return actions


def _own_lines(user, page) -> tuple:
    completion = selectors.completion_for(user=user, page=page)
    return completion, selectors.feedback_for(user=user, page=page) if completion else None
