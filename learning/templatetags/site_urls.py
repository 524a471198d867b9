"""Full addresses of pages, for the canonical link and printed pages.

{% load site_urls %}
{% page_absolute_url page %}   e.g. https://learn.example.org/briefings/cuckooing/
"""

from __future__ import annotations

from django import template

from learning.site_urls import page_absolute_url as _page_absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def page_absolute_url(context, page) -> str:
    return _page_absolute_url(context.get("request"), page)
