"""Names a page declares it uses on purpose: pseudonyms, initials and agreed first names."""

from __future__ import annotations

import re

# An entry may explain itself after the name: "Joan (a name chosen with her family)",
# "Adult C - the adult at the centre of the review", "Sam, not his real name".
_EXPLANATION_RE = re.compile(r"\s*(?:\(|,|;|:|\s[-\u2013\u2014]\s).*$", re.DOTALL)


def parse_declared_names(text: str | None) -> list[str]:
    """The names in a "names used on purpose" field: one per line, explanations removed."""
    names = []
    for line in (text or "").splitlines():
        name = _EXPLANATION_RE.sub("", line).strip().strip("\"'\u201c\u201d\u2018\u2019")
        if name:
            names.append(name)
    return names
