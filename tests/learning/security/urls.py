"""Every URL pattern the site answers, walked from the resolver, and a sample URL for
each, for the tests that go over all of them (tests/learning/security)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve

# A sample value for each path converter. Ids are 1: the objects mostly do not exist,
# which is itself a request every view must answer without a 500.
CONVERTER_SAMPLES = {
    "int": "1",
    "str": "sample",
    "slug": "sample",
    "path": "sample",
    "uuid": str(uuid.UUID(int=1)),
}
CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
REGEX_GROUP = re.compile(r"\((?:\?P<\w+>)?(?P<body>[^()]*)\)")


@dataclass(frozen=True)
class Route:
    segments: tuple[str, ...]  # each resolver's pattern, outermost first
    name: str  # namespaced URL name, or "" for an unnamed pattern
    view: str  # dotted path of the view (for messages)

    @property
    def pattern(self) -> str:
        return "".join(self.segments)

    @property
    def key(self) -> tuple[str, str]:
        return (self.pattern, self.name)


def _walk(patterns, segments: tuple[str, ...] = (), namespace: str = ""):
    for entry in patterns:
        here = (*segments, str(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, here, inner)
        elif isinstance(entry, URLPattern):
            name = entry.name or ""
            if name and namespace:
                name = f"{namespace}:{name}"
            yield Route(here, name, entry.lookup_str)


def all_routes() -> list[Route]:
    """Every pattern in the URL configuration, in resolution order."""
    return list(_walk(get_resolver().url_patterns))


def _sample_regex_group(match: re.Match) -> str:
    return "1" if r"\d" in match.group("body") else "sample"


def sample_path(route: Route, explicit: dict[tuple[str, str], str] | None = None) -> str:
    """A path that the pattern matches: the explicit one given for it, else one built
    from its converters and regex groups."""
    if explicit and route.key in explicit:
        return explicit[route.key]
    parts = []
    for segment in route.segments:
        if segment.startswith("^"):
            segment = REGEX_GROUP.sub(_sample_regex_group, segment[1:].removesuffix("$"))
            segment = segment.replace("\\", "")
        else:
            segment = CONVERTER.sub(
                lambda m: CONVERTER_SAMPLES[m.group("converter") or "str"], segment
            )
        parts.append(segment)
    return "/" + "".join(parts)


def resolved_name(path: str) -> str:
    match = resolve(path)
    return f"{match.namespace}:{match.url_name}" if match.namespace else (match.url_name or "")
