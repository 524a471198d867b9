"""Marking required items in listings.

{% load required_learning %}
{% required_page_ids as required_ids %}   pages the signed-in person must still complete
{% if item.pk in required_ids %}...{% endif %}

The set is read once per request and kept on the request object, however many cards a
page shows, and costs nothing for a visitor who is not signed in. (A context processor
would cost its queries on every page, listing or not.)
"""

from __future__ import annotations

from django import template

from learning.required.status import required_page_ids as pages_required_of

register = template.Library()

_REQUEST_ATTRIBUTE = "_hub_required_page_ids"


@register.simple_tag(takes_context=True)
def required_page_ids(context) -> frozenset[int]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(request, _REQUEST_ATTRIBUTE, None)
    if cached is None:
        cached = frozenset(pages_required_of(user))
        setattr(request, _REQUEST_ATTRIBUTE, cached)
    return cached
