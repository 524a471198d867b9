"""Cue words for the number detectors, kept in ``data/numbers_*.txt`` and found fast.

A cue list is a text file, one entry a line. An entry in lower case matches in any case
("mosaic" finds "Mosaic" and "MOSAIC"); an entry with a capital matches only as written or
in capitals ("LAS", "Signal"), because as an ordinary word it would be found everywhere.

Cues are found with plain alternations (no leading assertion), which the regex engine
scans far faster than a case-insensitive pattern led by ``\\b``; word boundaries are
checked afterwards."""

from __future__ import annotations

import re
from functools import cache

from learning.anonymisation.data_files import entries


@cache
def words(name: str) -> tuple[str, ...]:
    """Entries of ``data/<name>.txt``, kept: the number detectors ask for them per finding."""
    return entries(name)


def _alternation(entries: list[str]) -> str:
    """A regex matching any entry, built as a trie: the engine follows shared prefixes
    once instead of trying every entry that starts with the same letter."""
    trie: dict = {}
    for entry in entries:
        node = trie
        for char in entry:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_pattern(trie, top=True)


def _trie_pattern(node: dict, top: bool = False) -> str:
    ends_here = "" in node
    # At the top, each first letter is followed by a check that it starts a word; placed
    # after the letter, the check leaves the engine free to skip ahead to likely letters.
    branches = [
        ("[ ]+" if char == " " else re.escape(char))
        + (rf"(?<![^\W_]{re.escape(char)})" if top else "")
        + _trie_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # The longest entry wins, as with a plain alternation sorted longest first.
    return f"(?:{body})?" if ends_here else body


CUE_LISTS = (
    "numbers_platforms",
    "numbers_handle_labels",
    "numbers_vehicle_cues",
    "numbers_bank_cues",
    "numbers_record_cues",
)


def _key(matched: str) -> str:
    return re.sub(r"[ ]+", " ", matched)


@cache
def _scanner() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, set[str]]]:
    """One pattern for every any-case entry (run on the lowered text), one for the exact
    ones, and which lists each entry belongs to. Two scans serve every cue list."""
    lists: dict[str, set[str]] = {}
    anycase, exact = [], []
    for name in CUE_LISTS:
        for entry in words(name):
            if entry == entry.lower():
                anycase.append(entry)
                lists.setdefault(entry, set()).add(name)
            else:
                exact += [entry, entry.upper()]
                lists.setdefault(entry, set()).add(name)
                lists.setdefault(entry.upper(), set()).add(name)
    return re.compile(_alternation(anycase)), re.compile(_alternation(exact)), lists


def _at_word_edges(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (
        end == len(text) or not text[end].isalnum() or not text[end - 1].isalnum()
    )


def find_cues(text: str, low: str) -> dict[str, list[int]]:
    """Where the whole-word cues of each list end in ``text`` (``low`` is
    ``lowered(text)``), by list name, in order. An entry inside a longer one counts for
    its own list too ("account" in "account name")."""
    anycase, exact, lists = _scanner()
    ends: dict[str, set[int]] = {name: set() for name in CUE_LISTS}
    for pattern, haystack in ((anycase, low), (exact, text)):
        for m in pattern.finditer(haystack):
            if not (m.start() == 0 or not text[m.start() - 1].isalnum()):
                continue
            matched = m.group()
            for length in range(len(matched), 0, -1):
                end = m.start() + length
                names = lists.get(_key(matched[:length]))
                if names and _at_word_edges(text, m.start(), end):
                    for name in names:
                        ends[name].add(end)
    return {name: sorted(found) for name, found in ends.items()}


def lowered(text: str) -> str:
    """``text`` in lower case with every offset unchanged (a few letters, such as "İ",
    lengthen when lowered; they are kept as they are so positions still line up)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
