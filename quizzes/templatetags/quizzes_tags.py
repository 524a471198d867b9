"""Template tags other apps' pages use to point at their knowledge check.

    {% load quizzes_tags %}
    {% knowledge_check_link page %}

renders a "Check your understanding" section linking to the published check attached
to `page`, or nothing when it has none. Which check that is is the same for every reader,
so it is looked up once per content version (which any publish, move or view
restriction moves) rather than in two queries on every view of the page.
"""

from __future__ import annotations

from django import template

from learning.models import CompletionMethod
from learning.shared_cache.values import shared_value
from quizzes.selectors import knowledge_check_for

register = template.Library()


@register.inclusion_tag("quizzes/includes/check_your_understanding.html", takes_context=True)
def knowledge_check_link(context, page) -> dict:
    if (
        page is not None
        and page.pk is not None
        and not getattr(context.get("request"), "is_preview", False)
    ):
        check = shared_value("knowledge-check-for", lambda: knowledge_check_for(page), page.pk)
    else:
        check = knowledge_check_for(page)
    return {
        "request": context.get("request"),
        "check": check,
        "required": getattr(page, "completion_method", None) == CompletionMethod.KNOWLEDGE_CHECK,
        "page_type": page.specific_class._meta.verbose_name if page is not None else "",
    }
