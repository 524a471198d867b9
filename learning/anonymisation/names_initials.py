"""Person names written with initials: "J. Smith", "J Smith", "J.R. Smith", and a middle
initial inside a full name, "Joan S. Smith".

An initial alone is how reviews anonymise people ("Mr H", "Adult A", "Mrs J.", "J.P."),
so an initial counts only when a surname from the gazetteer follows it. A surname that is
also an English word counts too ("J Smith"), but an initial never counts after a label
("Adult A", "Plan B") or a title, which the titled finder reads instead, and an undotted
"A" or "I" is taken for the article or the pronoun.
"""

from __future__ import annotations

import re
from functools import cache

from learning.anonymisation.data_files import entries
from learning.anonymisation.kinds import Finding, Kind
from learning.anonymisation.names_lists import (
    _AMBIGUOUS,
    _KNOWN,
    _NAME_WORD,
    _ORDINARY,
    _STOP,
    _TITLE_SET,
    _UPPER,
    _class,
    _fold,
    _lexicon,
)
from learning.anonymisation.names_untitled import (
    _SENTENCE_START_RE,
    _is_name,
    _plausible_context,
)

# One to three initials, dotted or not, spaced or not: "J.", "J", "J.R.", "J. R.", "J R".
# The first capital comes before the look-behind so the regex engine can skip ahead to
# capitals instead of trying the pattern at every character.
_INITIALS = (
    rf"[{_UPPER}](?<![\w.'\u2019-].)"
    rf"(?:\.[ ]?[{_UPPER}]|[ ][{_UPPER}](?=[. ]))?(?:\.[ ]?[{_UPPER}])?\.?"
)
_INITIAL_NAME_RE = re.compile(
    rf"(?P<initials>{_INITIALS})[ ]+(?P<surname>{_NAME_WORD})(?![\w'\u2019-])"
)
# A given name just before the initials: "Joan S. Smith".
_GIVEN_BEFORE_RE = re.compile(rf"(?<![\w'\u2019-])(?P<given>{_NAME_WORD})[ ]+\Z")
_PREVIOUS_WORD_RE = re.compile(r"([^\W\d_]+)\.?[ ]+\Z")


def _surname_follows(initials: str, surname: str) -> bool:
    folded = _fold(surname)
    if folded not in _lexicon().surnames and _class(folded) != _KNOWN:
        return False
    # An undotted "A" or "I" is far more often the article or the pronoun ("A Baker").
    # Surnames that are also English words ("J Smith", "K. Walker") count, since labels
    # before the letter ("Plan B Cook") are ruled out separately.
    return _class(folded) in (_KNOWN, _AMBIGUOUS) and initials not in ("A", "I")


def _after_label(text: str, start: int) -> bool:
    """Whether a title or a capitalised label ("Mr", "Adult", "Appendix", "Plan") comes
    just before: the letter is then the label's, not a given name's."""
    previous = _PREVIOUS_WORD_RE.search(text, max(0, start - 20), start)
    if not previous:
        return False
    folded = _fold(previous.group(1))
    if folded in _TITLE_SET or folded in _letter_labels():
        return True
    if not previous.group(1)[0].isupper():
        return False
    # A capital that opens a sentence ("Then J. Patel arrived") says nothing of a label.
    opens = _SENTENCE_START_RE.search(text, max(0, previous.start() - 4), previous.start())
    return not opens and _class(folded) in (_STOP, _ORDINARY)


@cache
def _letter_labels() -> frozenset[str]:
    return frozenset(entries("names_letter_labels"))


def _given_name(word: str) -> bool:
    return _class(_fold(word)) not in (_STOP, _ORDINARY)


def find(text: str) -> list[Finding]:
    findings = []
    for match in _INITIAL_NAME_RE.finditer(text):
        initials, surname = match.group("initials", "surname")
        before = _GIVEN_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
        given = before.group("given") if before else ""
        if given and _given_name(given) and _is_name([given, surname], strict=False):
            start = before.start()
        elif _surname_follows(initials, surname):
            start = match.start()
        else:
            continue
        end = match.end()
        if _after_label(text, start) or not _plausible_context(text, start, end):
            continue
        findings.append(Finding(Kind.PERSON_NAME, text[start:end], start, end))
    return findings
