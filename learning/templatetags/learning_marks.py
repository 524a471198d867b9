"""Marking what the signed-in person has done in listings.

{% load learning_marks %}
{% completion_marks as marks %}      page id -> "passed" or "completed"
{% with mark=marks|mark_for:item.pk %}...{% endwith %}

Read once per request (the completions, plus one query per `hub_completion_marks`
hook) and kept on the request, however many cards a page shows, as required_learning
does; nothing for a visitor who is not signed in.
"""

from __future__ import annotations

from django import template

from learning.records.selectors import completion_marks as marks_for_user

register = template.Library()

_REQUEST_ATTRIBUTE = "_hub_completion_marks"


@register.simple_tag(takes_context=True)
def completion_marks(context) -> dict[int, str]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return {}
    cached = getattr(request, _REQUEST_ATTRIBUTE, None)
    if cached is None:
        cached = marks_for_user(user=user)
        setattr(request, _REQUEST_ATTRIBUTE, cached)
    return cached


@register.filter
def mark_for(marks: dict[int, str], page_id) -> str:
    return (marks or {}).get(page_id, "")


# A card shows this many tags; the rest are counted ("and 9 more"), as a page can
# carry a dozen and the card is for choosing, not for the full list.
CARD_TAG_LIMIT = 3


@register.simple_tag
def card_tags(page, limit=None) -> dict:
    """The page's principles, abuse types and themes, in that order, as (kind, tag)
    pairs: the first `limit` to show (all without a limit) and how many more there
    are. Reads the prefetched tags, so a listing costs no query per card."""
    tags = [("principle", tag) for tag in page.principles.all()]
    tags += [("abuse_type", tag) for tag in page.abuse_types.all()]
    tags += [("theme", tag) for tag in page.themes.all()]
    limit = int(limit) if limit else len(tags)
    return {"shown": tags[:limit], "more": max(0, len(tags) - limit)}
