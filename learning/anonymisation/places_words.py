"""Shared word lists and text helpers for the place detectors."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache, lru_cache

from learning.anonymisation.data_files import entries

# One capitalised word of a place or street name, hyphenated parts and apostrophes
# included ("Stoke-on-Trent", "St John's"); detectors build their phrases from it.
CAPITALISED_WORD = r"(?:[A-Z][a-z'\u2019]+(?:-[A-Za-z][a-z'\u2019]*)*)"
# The same, or "St"/"St." for Saint, which a place name may open ("St. Mary's Avenue").
PLACE_NAME_WORD = rf"(?:St\b\.?|{CAPITALISED_WORD})"


@cache
def word_list(filename: str) -> frozenset[str]:
    """The entries of a data file ("places_large.txt"), lower-cased, with straight
    apostrophes."""
    return frozenset(
        entry.lower().replace("\u2019", "'") for entry in entries(filename.removesuffix(".txt"))
    )


def is_large_place(name: str) -> bool:
    """Whether ``name`` is a nation, region, county, city or large town."""
    return norm(name) in word_list("places_large.txt")


def openers() -> frozenset[str]:
    """Words that open a phrase but never a name ("the", "a", "our")."""
    return word_list("places_openers.txt")


@lru_cache(maxsize=8192)
def norm(word: str) -> str:
    """``word`` as the data files spell it: lower case, straight apostrophe, no dots."""
    return word.lower().replace("\u2019", "'").strip(" .,")


def house_words() -> frozenset[str]:
    return word_list("places_house_words.txt")


def lowered(text: str) -> str:
    """``text`` in lower case, exactly as long as ``text``."""
    lowered = text.lower()
    # Lower-casing a few non-Latin letters changes the length; offsets must hold.
    if len(lowered) != len(text):
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return lowered


def occurrences(lowered: str, word: str) -> Iterator[tuple[int, int]]:
    """Where ``word`` stands as a whole word; str.find is far quicker than a regex here."""
    at = lowered.find(word)
    while at != -1:
        end = at + len(word)
        if (at == 0 or not lowered[at - 1].isalnum()) and (
            end == len(lowered) or not lowered[end].isalnum()
        ):
            yield at, end
        at = lowered.find(word, end)
