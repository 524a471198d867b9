"""Text as the detectors read it: what a reader sees, made plain, with a map back to where
each character was in the text the editor wrote.

Pasting from a word processor brings no-break spaces and hyphens; characters that show
nothing (zero-width spaces, direction marks, combining accents on a digit) can be typed
on purpose to split a number or a name; letters from other scripts can stand in for
Latin ones (a Cyrillic "\u0410" is drawn as an "A"); full-width digits look like digits; and a
right-to-left override shows stored text backwards. To a reader each looks ordinary, so
the detectors must read it as the reader does.

A single line break inside a paragraph is read as a space ("Mrs" at the end of one line,
"Smith" at the start of the next); a blank line still separates paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters of other scripts drawn exactly like Latin ones (Unicode's confusables, the
# Cyrillic and Greek letters that matter for names, postcodes and plates).
_CONFUSABLES = str.maketrans(
    # Cyrillic, then Greek, capitals and small letters, written as escapes so that the
    # source shows which is which.
    "\u0410\u0412\u0415\u0405\u0406\u0408\u041a\u041c\u041d\u041e\u0420\u0421"
    "\u0422\u0425\u0423\u0430\u0435\u0456\u0458\u043e\u0440\u0441\u0445\u0443"
    "\u0455\u0501\u04bb\u04cf\u051b\u051d"
    "\u0391\u0392\u0395\u0396\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4"
    "\u03a5\u03a7\u03b1\u03bf\u03c1\u03b9\u03c5",
    "ABESIJKMHOPCTXYaeijopcxysdhlqwABEZHIKMNOPTYXaopiu",
)
_RIGHT_TO_LEFT_OVERRIDE = "\u202e"
_LEFT_TO_RIGHT_OVERRIDE = "\u202d"
_POP_DIRECTION = "\u202c"
_ISOLATE_POP = "\u2069"


@lru_cache(maxsize=4096)
def _reading(char: str) -> str:
    """What one character reads as: itself, its plain form, or nothing at all."""
    category = unicodedata.category(char)
    if category in ("Cf", "Mn", "Me") or char == "\u00ad":
        return ""  # format controls, combining marks: nothing a reader sees
    if category == "Zs":
        return " "
    if char in "\u2010\u2011\u2012\u2212\ufe63\uff0d":
        return "-"  # hyphens; en and em dashes separate ranges and clauses, so stay
    char = char.translate(_CONFUSABLES)
    plain = unicodedata.normalize("NFKC", char)
    return plain if len(plain) == 1 else char  # full-width digits and letters


@dataclass(frozen=True)
class Plain:
    """``text`` made plain; ``origin[i]`` is where ``text[i]`` was in the original."""

    text: str
    origin: tuple[int, ...] | None  # None when every character kept its place

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``text[start:end]`` (reversed runs included)."""
        if self.origin is None:
            return start, end
        positions = self.origin[start:end]
        return min(positions), max(positions) + 1


_SINGLE_LINE_BREAK_RE = re.compile(r"(?<=\S)[ \t]*\r?\n[ \t]*(?=\S)")


# Characters that read as themselves: ASCII, Latin letters with accents, and the quotes,
# dashes, bullets and currency signs of ordinary prose. Text made only of these (nearly
# all text) skips the character-by-character reading. Left out: the no-break space, the
# soft hyphen and superscript digits, which do not read as themselves.
_READS_AS_ITSELF_RE = re.compile(
    r"[\x00-\x9f\u00a1-\u00ac\u00ae-\u00b1\u00b4-\u00b8\u00ba-\u024f"
    r"\u2013\u2014\u2018-\u201f\u2022\u2026\u20ac]*"
)


def plain(text: str) -> Plain:
    if _READS_AS_ITSELF_RE.fullmatch(text):
        if "\n" not in text:
            return Plain(text, None)
        # One character for one: a lone line break (with the spaces around it kept as
        # they were) reads as a space.
        return Plain(_SINGLE_LINE_BREAK_RE.sub(_as_spaces, text), None)
    kept: list[tuple[int, str]] = []
    reversing: list[tuple[int, str]] | None = None
    for index, char in enumerate(text):
        if char == _RIGHT_TO_LEFT_OVERRIDE:
            reversing = []
            continue
        if reversing is not None and char in (_POP_DIRECTION, _ISOLATE_POP, "\n"):
            kept += reversed(reversing)  # shown backwards, so read backwards
            reversing = None
        if char == _LEFT_TO_RIGHT_OVERRIDE:
            continue
        reading = _reading(char)
        if reading:
            (reversing if reversing is not None else kept).append((index, reading))
    if reversing:
        kept += reversed(reversing)
    joined = "".join(reading for _, reading in kept)
    joined = _SINGLE_LINE_BREAK_RE.sub(_as_spaces, joined)
    origin = tuple(index for index, _ in kept)
    if origin == tuple(range(len(text))):
        return Plain(joined, None)
    return Plain(joined, origin)


def _as_spaces(match: re.Match[str]) -> str:
    return " " * len(match.group())
