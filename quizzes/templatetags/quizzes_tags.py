"""Template tags other apps' pages use to point at their knowledge check.

    {% load quizzes_tags %}
    {% knowledge_check_link page %}

renders a "Check your understanding" section linking to the published check attached
to `page`, or nothing when it has none (two queries).
"""

from __future__ import annotations

from django import template

from learning.models import CompletionMethod
from quizzes.selectors import knowledge_check_for

register = template.Library()


@register.inclusion_tag("quizzes/includes/check_your_understanding.html", takes_context=True)
def knowledge_check_link(context, page) -> dict:
    check = knowledge_check_for(page)
    return {
        "request": context.get("request"),
        "check": check,
        "required": getattr(page, "completion_method", None) == CompletionMethod.KNOWLEDGE_CHECK,
        "page_type": page.specific_class._meta.verbose_name if page is not None else "",
    }
