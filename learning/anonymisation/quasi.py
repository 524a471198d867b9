"""Details that identify together: an exact age in the same sentence as a rare condition
or a small place.

An exact age alone ("aged 97") and an approximate one ("in her eighties", "over 65") pass;
"a 97-year-old with motor neurone disease" or "aged 88, living in the hamlet of Cowley
Bottom" narrows the field to one person. The finding is the age, with an age band to use
instead. A rare condition is one on the list in ``data/quasi_rare_conditions.txt`` (some
only at unusual ages), one the text calls rare, or an eponymous syndrome or disease not on
the short list of common ones. A small place is a named town or village that is not on
the list of large places, or any named setting the ``places`` detector finds.

Cannot check: how rare a condition really is in a given district, a small place named
without a locating word ("a Hebworth man"), or an age given as a date of birth (see
``dates``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cache

from learning.anonymisation import places
from learning.anonymisation.data_files import entries
from learning.anonymisation.kinds import Finding, Kind
from learning.anonymisation.places_words import (
    CAPITALISED_WORD,
    is_large_place,
    norm,
    occurrences,
    openers,
    word_list,
)
from learning.anonymisation.places_words import (
    lowered as lower_case,
)

_UNITS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_NUMBERS = {word: n for n, word in enumerate(_UNITS, start=1)}
for _t, _tens in enumerate(_TENS, start=2):
    _WORD_NUMBERS[_tens] = _t * 10
    for _u, _unit in enumerate(_UNITS[:9], start=1):
        _WORD_NUMBERS[f"{_tens}-{_unit}"] = _t * 10 + _u
_WORD_NUMBERS["a hundred"] = _WORD_NUMBERS["one hundred"] = 100

_NUMBER = (
    r"(?:1[01]\d|\d{1,2}|"
    + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)).replace(" ", "[ ]")
    + r")"
)
# A range, a bound or a plus sign makes an age approximate ("aged 18 to 64", "75 and over").
_PERSON_NOUNS = (
    r"man|woman|lady|gentleman|person|resident|patient|widow|widower|mother|father|"
    r"grandmother|grandfather|husband|wife|son|daughter|tenant"
)
_NOT_EXACT_AFTER = (
    r"(?![ ]*(?:\+|[-\u2013][ ]*\d|to[ ]+\d|and[ ]+(?:over|above|under|older|younger|upwards)|"
    r"or[ ]+(?:over|above|more|older|under|younger)|plus\b|%|\d))"
)
# Each pattern starts with a literal ("age", "year", a comma) so that scanning a long page
# stays quick; they run on lower-cased text. The number is checked in the few characters
# either side.
_AGED_RE = re.compile(rf"age(?:d|[ ]+of)?[ ]+(?P<n>{_NUMBER})\b{_NOT_EXACT_AFTER}")
_YEARS_OLD_RE = re.compile(r"y(?:ears?|rs?)[- ]+old\b")
_NUMBER_BEFORE_RE = re.compile(rf"\b(?P<n>{_NUMBER})[- ]+\Z")
# "She was twenty-nine, had ...": a bare number closing a clause about a person.
_WAS_WORDS = ("was ", "is ", "turned ", "now ")
_WAS_TAIL_RE = re.compile(rf"[ ]*(?P<n>{_NUMBER})(?=[ ]*[,;]|[ ]+(?:when|and|with)\b)")
# "At 92, and living ...": a time of day is never over 24, so from 25 this is an age.
_AT_AGE_RE = re.compile(r"at[ ]+(?P<n>[2-9]\d|1[01]\d)(?=[ ]*,)")
# "A woman, 91, from ..." and "Mrs T (91)": an age set off after the person.
_SET_OFF_RE = re.compile(r",[ ]+(?P<n>\d{2,3})(?=[ ]*,)|(?<=[ ])\((?P<n2>\d{2,3})\)")
_PERSON_BEFORE_RE = re.compile(
    rf"(?:\b(?i:{_PERSON_NOUNS}|pt|su|client)|\b[A-Z][a-z]*|\b[A-Z]{{1,3}})[ ]?\Z"
)
# Case-note shorthand: "96yo", "27 y/o", "27yrs" and "96M" or "96F" (age and sex).
# "y/o" and "yo" only ever mean years old; "yrs" can be a duration ("27 yrs with the council").
_SHORT_AGE_RE = re.compile(
    r"\b(?P<n>1[01]\d|\d{1,2})[ ]?(?:(?:yo|y/o|y\.o\.?)(?![a-z/])|yrs?(?![a-z/])"
    r"(?![ ]+(?:ago|service|experience|history|later|earlier|before|after|since|prior|post|"
    r"of|in|on|with|at|previously|duration)\b))"
)
_DURATION_BEFORE_RE = re.compile(
    r"\b(?:for|over|last|past|after|since|within|in|than|of|x|approx|circa|c)\.?[ ]*\Z"
)
_SEX_AGE_RE = re.compile(r"(?<![\w£$€.,/])(?P<n>\d{2,3})(?:M|F)(?:/[MF])?\b(?!/)")
_APPROXIMATE_BEFORE_RE = re.compile(
    r"\b(?:over|under|about|around|nearly|almost|approximately|roughly|some|than|least|"
    r"circa|c\.|average|mean|median|between|aged[ ]+over|aged[ ]+under)[ ]*$",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)|\n")
_SENTENCE_START_RE = re.compile(r"[.!?]\s|\n")
# How far a sentence reaches either side of an age when no full stop comes sooner.
_REACH = 400
# Without a full stop the reach is rounded out to this grid, so that ages close together in
# one unpunctuated run share a sentence and each stretch of text is checked only once.
_GRID = 200


def _number(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else _WORD_NUMBERS[word]


# --- Rare conditions ----------------------------------------------------------------------
_EPONYM_RE = re.compile(
    r"(?<![\w-])(?P<who>[A-Z][a-z]+(?:-[A-Z][a-z]+)*)(?:['\u2019]?s)?[ ]+"
    r"(?:syndrome|disease|ataxia|palsy|dystrophy|chorea)\b"
)
_CALLED_RARE_RE = re.compile(
    r"\b(?:rare|very[ ]+rare|unusual|one[ ]+of[ ]+(?:only|very[ ]+few))\b[ \w-]{0,40}?"
    r"\b(?:condition|disease|disorder|syndrome|illness|cancer|form|diagnosis)\b",
    re.IGNORECASE,
)
# Rarity put in words with no condition named: "one of very few", "the only known case".
_SAID_RARE_RE = re.compile(
    r"\b(?:one[ ]+of[ ]+(?:only|very[ ]+few|a[ ]+(?:few|handful))|a[ ]+handful[ ]+of|"
    r"only[ ]+(?:known|recorded|documented|reported)[ ]+(?:case|person|patient)|"
    r"(?:very|extremely|exceptionally|incredibly|vanishingly)[ ]+rare)\b",
    re.IGNORECASE,
)


def _phrase_pattern(phrase: str) -> str:
    pattern = re.escape(phrase).replace("'", "['\u2019]?").replace(r"\ ", r"[ -]?")
    return pattern.replace(r"\-", r"[ -]?")


@cache
def _conditions() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], tuple]:
    """(any unbounded condition, acronyms, conditions rare only at some ages, their tests on
    age by group). The first and third run on lower-cased text: a case-blind alternation
    of this size is several times slower."""
    words, acronyms, bounded, tests = [], [], [], []
    for line in entries("quasi_rare_conditions"):
        phrase, _, bound = (part.strip() for part in line.partition("|"))
        if bound:
            limit = int(bound[2:])
            test = (
                (lambda n, m=limit: n >= m)
                if bound.startswith(">=")
                else (lambda n, m=limit: n <= m)
            )
            bounded.append(f"(?P<c{len(tests)}>{_phrase_pattern(phrase.lower())})")
            tests.append(test)
        elif phrase.isupper():
            acronyms.append(re.escape(phrase))
        else:
            words.append(_phrase_pattern(phrase.lower()))
    words.sort(key=len, reverse=True)
    return (
        re.compile(rf"\b(?:{'|'.join(words)})"),
        re.compile(rf"\b(?:{'|'.join(acronyms)})\b"),
        re.compile(rf"\b(?:{'|'.join(bounded)})"),
        tuple(tests),
    )


def _rarity_spans(text: str) -> list[tuple[int, int, object]]:
    """(start, end, test on age or None for any age) of each rare condition or rarity in
    words, in order of start."""
    listed, acronyms, bounded, tests = _conditions()
    lowered = lower_case(text)
    spans: list[tuple[int, int, object]] = [
        (m.start(), m.end(), None) for m in listed.finditer(lowered)
    ]
    spans += [
        (m.start(), m.end(), None)
        for regex in (acronyms, _CALLED_RARE_RE, _SAID_RARE_RE)
        for m in regex.finditer(text)
    ]
    spans += [
        (m.start(), m.end(), None)
        for m in _EPONYM_RE.finditer(text)
        if m.group("who").lower() not in word_list("quasi_common_eponyms.txt")
    ]
    spans += [(m.start(), m.end(), tests[int(m.lastgroup[1:])]) for m in bounded.finditer(lowered)]
    return sorted(spans, key=lambda span: span[:2])


# --- Small places -------------------------------------------------------------------------
_CAP = CAPITALISED_WORD
_SMALL_PLACE_RE = re.compile(
    r"\b(?:village|hamlet|parish|town)[ ]+(?:of|called|named)[ ]+"
    rf"(?P<small>{_CAP}(?:[ ]+{_CAP}){{0,3}})"
)
# "Thornby village": the name before the word.
# It starts only where a word starts, so a long hyphenated chain is walked once.
_VILLAGE_AFTER_RE = re.compile(
    rf"(?<![\w'\u2019-])(?P<small>{_CAP}(?:[ ]+{_CAP}){{0,2}})[ ]+(?:village|hamlet)\b"
)
_LOCATED_RE = re.compile(
    rf"\b(?:in|at|from|near|outside|around|of)[ ]+(?P<place>{_CAP}(?:[ ]+{_CAP}){{0,3}})"
)


def _small_place_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each named small town or village, in order."""
    not_towns = word_list("quasi_not_town_words.txt")
    spans = [
        m.span() for m in _SMALL_PLACE_RE.finditer(text) if not is_large_place(m.group("small"))
    ]
    for m in _VILLAGE_AFTER_RE.finditer(text):
        words = [w for w in m.group("small").split() if norm(w) not in openers()]
        if (
            words
            and not is_large_place(" ".join(words))
            and not any(norm(w) in not_towns for w in words)
        ):
            spans.append(m.span())
    for m in _LOCATED_RE.finditer(text):
        words = m.group("place").split()
        if norm(words[0]) in openers() or any(norm(w) in not_towns for w in words):
            continue
        if not is_large_place(" ".join(words)):
            spans.append(m.span())
    return sorted(spans)


# --- Age bands ----------------------------------------------------------------------------
_HIS_RE = re.compile(
    r"\b(?:he|him|his|man|male|gentleman|husband|father|son|brother|grandfather|widower|"
    r"boy|(?-i:Mr))\b",
    re.IGNORECASE,
)
_HER_RE = re.compile(
    r"\b(?:she|her|hers|woman|female|lady|wife|mother|daughter|sister|grandmother|widow|"
    r"girl|(?-i:Mrs|Ms|Miss))\b",
    re.IGNORECASE,
)


def _gendered_words(text: str) -> list[tuple[int, str]]:
    """(start, possessive) of each gendered word in ``text``, in order."""
    found = [
        (m.start(), pronoun)
        for regex, pronoun in ((_HIS_RE, "his"), (_HER_RE, "her"))
        for m in regex.finditer(text)
    ]
    return sorted(found)


def _nearest_pronoun(gendered: list[tuple[int, str]], first: int, last: int, at: int) -> str:
    """The possessive for the person whose age is at ``at``: the nearest gendered word in
    the sentence text[first:last] wins."""
    i = bisect_left(gendered, (at, ""))
    candidates = [
        (abs(position - at), pronoun)
        for position, pronoun in gendered[max(0, i - 1) : i + 1]
        if first <= position < last
    ]
    return min(candidates)[1] if candidates else "their"


def age_band(age: int, pronoun: str = "their") -> str:
    """A band wide enough to stop an exact age narrowing the field."""
    if age >= 100:
        return "over 95"
    if age >= 20:
        return f"in {pronoun} {_TENS[age // 10 - 2][:-1]}ies"
    if age >= 13:
        return f"in {pronoun} teens"
    return "a child"


def _exact_ages(text: str) -> list[tuple[int, int, int]]:
    """(start, end, age) of each exact age: the phrase, or the number when set off."""
    lowered = lower_case(text)
    ages = []
    for m in _AGED_RE.finditer(lowered):
        if m.start() == 0 or not lowered[m.start() - 1].isalnum():
            ages.append((m.start(), m.end(), _number(m.group("n"))))
    for m in _YEARS_OLD_RE.finditer(lowered):
        offset = max(0, m.start() - 20)
        number = _NUMBER_BEFORE_RE.search(lowered, offset, m.start())
        if number:
            ages.append((number.start(), m.end(), _number(number.group("n"))))
    for word in _WAS_WORDS:
        for _start, end in occurrences(lowered, word.strip()):
            m = _WAS_TAIL_RE.match(lowered, end)
            if m:
                ages.append((m.start("n"), m.end("n"), _number(m.group("n"))))
    for m in _AT_AGE_RE.finditer(lowered):
        if (m.start() == 0 or not lowered[m.start() - 1].isalnum()) and int(m.group("n")) >= 25:
            ages.append((m.start(), m.end(), int(m.group("n"))))
    for m in _SHORT_AGE_RE.finditer(lowered):
        if not _DURATION_BEFORE_RE.search(lowered, max(0, m.start() - 12), m.start()):
            ages.append((m.start(), m.end(), int(m.group("n"))))
    for m in _SEX_AGE_RE.finditer(text):
        ages.append((m.start(), m.end(), int(m.group("n"))))
    for m in _SET_OFF_RE.finditer(text):
        group = "n" if m.group("n") else "n2"
        if _PERSON_BEFORE_RE.search(text, max(0, m.start() - 20), m.start()):
            ages.append((m.start(group), m.end(group), int(m.group(group))))
    return [
        (start, end, age)
        for start, end, age in ages
        if not _APPROXIMATE_BEFORE_RE.search(text, max(0, start - 20), start)
    ]


class _Sentences:
    """The sentence around each age, found from boundaries located once per text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [m.end() for m in _SENTENCE_START_RE.finditer(text)]
        self.ends = [(m.start(), m.end()) for m in _SENTENCE_END_RE.finditer(text)]
        self.rarity: list[tuple[int, int, object]] | None = None
        self.small: list[tuple[int, int]] = []
        self.settings: list[tuple[int, int]] | None = None

    def around(self, start: int, end: int) -> tuple[int, int]:
        """Where the sentence holding text[start:end] starts and ends."""
        i = bisect_right(self.starts, start) - 1
        if i >= 0 and self.starts[i] > start - _REACH:
            first = self.starts[i]
        else:
            first = max(0, (start - _REACH) // _GRID * _GRID)
        j = bisect_left(self.ends, (end, 0))
        if j < len(self.ends) and self.ends[j][1] <= end + _REACH:
            last = self.ends[j][1]
        else:
            last = min(len(self.text), -(-(end + _REACH) // _GRID) * _GRID)
        return first, last

    def verdict(self, first: int, last: int) -> tuple[bool, tuple]:
        """Whether the sentence text[first:last] identifies whatever the age, and the tests
        on age of the conditions in it that are rare only at some ages."""
        # Conditions and settings are found once in the whole text, not again in each
        # sentence: sentences overlap when the text has no full stops.
        if self.rarity is None:
            self.rarity = _rarity_spans(self.text)
            self.small = _small_place_spans(self.text)
        tests = tuple(_tests_within(self.rarity, first, last))
        always = (
            None in tests
            or _within(self.small, first, last)
            or _within(self._settings(), first, last)
        )
        return always, tuple(test for test in tests if test is not None)

    def _settings(self) -> list[tuple[int, int]]:
        if self.settings is None:
            found = places.find(self.text)
            self.settings = sorted((f.start, f.end) for f in found if f.kind is Kind.PLACE)
        return self.settings


def _within(spans: list[tuple[int, int]], first: int, last: int) -> bool:
    i = bisect_left(spans, (first, 0))
    return i < len(spans) and spans[i][1] <= last


def _tests_within(spans: list[tuple[int, int, object]], first: int, last: int) -> Iterator:
    """The age tests of the rare conditions inside the sentence (None: any age)."""
    i = bisect_left(spans, first, key=lambda span: span[0])
    while i < len(spans) and spans[i][0] < last:
        if spans[i][1] <= last:
            yield spans[i][2]
        i += 1


def find(text: str) -> list[Finding]:
    findings = []
    ages = _exact_ages(text)
    if not ages:
        return findings
    sentences = _Sentences(text)
    gendered: list[tuple[int, str]] | None = None
    # Ages in order, so that those sharing a sentence reuse its verdict.
    ages.sort()
    verdicts: dict[tuple[int, int], tuple[bool, tuple]] = {}
    for start, end, age in ages:
        first, last = sentences.around(start, end)
        if (first, last) not in verdicts:
            verdicts[first, last] = sentences.verdict(first, last)
        always, tests = verdicts[first, last]
        if not (always or any(test(age) for test in tests)):
            continue
        # "96M" and "96F" say the sex themselves.
        sex = {"M": "his", "F": "her"}.get(text[end - 1]) if text[end - 1 : end].isupper() else None
        if gendered is None:
            gendered = _gendered_words(text)
        band = age_band(age, sex or _nearest_pronoun(gendered, first, last, start))
        findings.append(
            Finding(Kind.QUASI_IDENTIFIER, text[start:end], start, end, suggestion=band)
        )
    return findings
