"""Text as the detectors read it: look-alike characters made plain, with a map back to
where each character was in the text the editor wrote.

Pasting from a word processor brings non-breaking spaces and non-breaking hyphens, and
zero-width characters can be typed on purpose to split a number or a name; to a reader
the text looks the same, so the detectors must read it the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Spaces that look like a space: no-break, figure, narrow no-break, en/em and thin spaces.
_SPACES = (
    "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
)
# Hyphens that look like a hyphen: hyphen, non-breaking hyphen, figure dash, minus sign.
# En and em dashes are left alone: they separate ranges and clauses, not digits.
_HYPHENS = "\u2010\u2011\u2012\u2212\ufe63\uff0d"
# Characters that show nothing: zero-width space, joiners, word joiner, soft hyphen, BOM.
_INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad\ufeff"

_TRANSLATION = str.maketrans({**dict.fromkeys(_SPACES, " "), **dict.fromkeys(_HYPHENS, "-")})
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_NEEDS_WORK_RE = re.compile(f"[{_SPACES}{_HYPHENS}{_INVISIBLE}]")


@dataclass(frozen=True)
class Plain:
    """``text`` made plain; ``origin[i]`` is where ``text[i]`` was in the original."""

    text: str
    origin: tuple[int, ...] | None  # None when nothing changed

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``text[start:end]``."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def plain(text: str) -> Plain:
    if not _NEEDS_WORK_RE.search(text):
        return Plain(text, None)
    translated = text.translate(_TRANSLATION)  # one character for one: offsets hold
    if not _INVISIBLE_RE.search(translated):
        return Plain(translated, None)
    kept = [(i, char) for i, char in enumerate(translated) if char not in _INVISIBLE]
    return Plain("".join(char for _, char in kept), tuple(i for i, _ in kept))
