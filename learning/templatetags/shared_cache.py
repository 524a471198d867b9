"""{% shared_fragment %}: a part of a page that is the same for every reader, rendered
once per published revision and kept in the cache; {% shared_slugurl %}: a page's URL
by its slug, looked up once per content version.

    {% load shared_cache %}
    {% shared_fragment "briefing-article" page print_view %}
      ... nothing personal in here ...
    {% end_shared_fragment %}

The key holds the fragment's name, the page and its live revision, the content version
(learning.shared_cache), whether the reader is signed in, the host, and every further
argument. Anything else the fragment shows must be the same for everyone: the person's
own marks and buttons stay outside. Previews and pages without a live revision are
rendered afresh every time.
"""

from __future__ import annotations

from django import template
from wagtail.models import Page, Site

from learning.shared_cache.kept import kept_render, parse_fragment_tag
from learning.shared_cache.values import TIMEOUT_SECONDS, shared_key, shared_page_url

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, page, variants) -> None:
        self.nodelist = nodelist
        self.name = name
        self.page = page
        self.variants = variants

    def render(self, context) -> str:
        page = self.page.resolve(context)
        request = context.get("request")
        revision_id = getattr(page, "live_revision_id", None)
        if request is None or getattr(request, "is_preview", False) or not revision_id:
            return self.nodelist.render(context)
        key = shared_key(
            self.name.resolve(context),
            page.pk,
            revision_id,
            request.get_host(),
            "signed-in" if request.user.is_authenticated else "signed-out",
            *(variant.resolve(context) for variant in self.variants),
        )
        return kept_render(key, self.nodelist, context, TIMEOUT_SECONDS)


@register.tag("shared_fragment")
def shared_fragment(parser, token) -> SharedFragmentNode:
    return SharedFragmentNode(*parse_fragment_tag(parser, token, "end_shared_fragment", "page"))


@register.simple_tag(takes_context=True)
def shared_slugurl(context, slug: str) -> str | None:
    """Wagtail's {% slugurl %} (the page with this slug in the current site, else in
    any), looked up once per content version and host instead of a query or two on
    every page that shows it (the footer is on all of them)."""
    request = context.get("request")
    if request is None:
        return None

    def find_page():
        site = Site.find_for_request(request)
        in_site = Page.objects.in_site(site).filter(slug=slug).first() if site else None
        return in_site or Page.objects.filter(slug=slug).first()

    return shared_page_url(f"slugurl:{slug}", find_page, request)
