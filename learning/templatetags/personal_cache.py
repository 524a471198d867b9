"""{% personal_fragment %}: a part of a page that only one person's records decide,
rendered once and kept in the cache until their personal version, the content version
or the day changes (learning.personal_cache).

    {% load personal_cache %}
    {% personal_fragment "record-table" person is_own query_without_page %}
      ... drawn only from `person`'s own records and content ...
    {% end_personal_fragment %}

The key holds the fragment's name, the person, their version, the content version, the
day, the host and every further argument: name in the arguments anything else the
fragment varies by (whether the reader is the person, the filters). Nothing that
belongs to the request (a form's CSRF token, messages, a script nonce) may be inside.
"""

from __future__ import annotations

from django import template

from learning.personal_cache.values import TIMEOUT_SECONDS, personal_key
from learning.shared_cache.kept import kept_render, parse_fragment_tag

register = template.Library()


class PersonalFragmentNode(template.Node):
    def __init__(self, nodelist, name, person, variants) -> None:
        self.nodelist = nodelist
        self.name = name
        self.person = person
        self.variants = variants

    def render(self, context) -> str:
        person = self.person.resolve(context)
        request = context.get("request")
        if request is None or getattr(person, "pk", None) is None:
            return self.nodelist.render(context)
        key = personal_key(
            f"fragment:{self.name.resolve(context)}",
            person,
            request.get_host(),
            *(variant.resolve(context) for variant in self.variants),
        )
        return kept_render(key, self.nodelist, context, TIMEOUT_SECONDS)


@register.tag("personal_fragment")
def personal_fragment(parser, token) -> PersonalFragmentNode:
    return PersonalFragmentNode(
        *parse_fragment_tag(parser, token, "end_personal_fragment", "person")
    )
