"""Dates that identify: a date of birth, and the exact date of an event in someone's life.

Every full date (day, month and year, in any common form) is read against the words around
it in the same sentence. A birth cue ("born", "DOB", "birthday") makes it a date of birth.
An event in the person's life ("died", "admitted", "found", "arrested") or a sentence about
a person ("he", "her", "Adult L") makes it an event date, reported with the month and year
to use instead; meetings, publications, laws coming into force and training are the normal
substance of a review and stay safe. Month-and-year dates and bare years are never found.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from learning.anonymisation.data_files import entries
from learning.anonymisation.kinds import Finding, Kind
from learning.anonymisation.numbers_cues import lowered

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# Days spelt out as ordinals ("the third of April 1941", "twenty-first of May"), with
# their numbers; the tens join their units with a hyphen, a space or nothing.
_UNITS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS = [
    *("tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth"),
    *("sixteenth", "seventeenth"),
]
_ORDINALS = {
    **{word: number for number, word in enumerate(_UNITS, start=1)},
    **{word: number for number, word in enumerate(_TEENS, start=10)},
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    **{f"twenty {word}": 20 + number for number, word in enumerate(_UNITS, start=1)},
    "thirtieth": 30,
    "thirty first": 31,
}
_UNIT_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_TEEN_WORDS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
# Years spelt out ("nineteen forty-one", "two thousand and three", "twenty twenty-two").
_UNIT_WORD = "(?:" + "|".join(_UNIT_WORDS) + ")"
_UNDER_HUNDRED = (
    rf"(?:(?:{'|'.join(_TENS_WORDS)})(?:[ -]{_UNIT_WORD})?|{_TEEN_WORDS.replace(' ', '|')}"
    rf"|(?:oh|o|nought)[ -]{_UNIT_WORD})"
)
_WORD_YEAR = (
    rf"(?:nineteen[ ]+(?:hundred[ ]+and[ ]+(?:{_UNDER_HUNDRED}|{_UNIT_WORD})|{_UNDER_HUNDRED})"
    rf"|two[ ]+thousand(?:[ ]+and)?(?:[ ]+(?:{_UNDER_HUNDRED}|{_UNIT_WORD}))?"
    rf"|twenty[ ]+{_UNDER_HUNDRED})"
)
_WORD_DAY = (
    r"(?:the[ ]+)?(?:(?:twenty|thirty)[ -]?)?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
    r"|twentieth|thirtieth)"
)
# Days that are dates in themselves ("born on Christmas Eve 1940"), with their month.
_FIXED_DAYS = {
    "christmas eve": 12,
    "christmas day": 12,
    "boxing day": 12,
    "new year's eve": 12,
    "new year's day": 1,
    "valentine's day": 2,
    "st patrick's day": 3,
    "st david's day": 3,
    "st george's day": 4,
    "halloween": 10,
    "hallowe'en": 10,
    "bonfire night": 11,
    "armistice day": 11,
    "st andrew's day": 11,
}
_FIXED_MONTHS = {day.replace("'", ""): month for day, month in _FIXED_DAYS.items()}
_FIXED_DAY = "|".join(
    re.escape(day).replace("'", "['\u2019]?").replace(r"\ ", r"\s+") for day in _FIXED_DAYS
)

# A two-digit year after a spelt-out month ("adm 3 Apr 22", case-note style) counts
# unless a unit follows: "born on 3 March 20 years ago" is no date.
_SHORT_YEAR = (
    r"\d{2}(?![ ]*(?:years?|yrs?|y/?o|mins?|minutes?|hours?|hrs?|days?|weeks?|wks?|months?"
    r"|mths?|am|pm|times|x|%|miles?|kg|mg|ml)\b|[:.]\d)"
)
_DATE_RE = re.compile(
    r"(?<![\w/.-])(?:"
    r"(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|(?P<nd>\d{1,2})(?P<sep>[./-])(?P<nm>\d{1,2})(?P=sep)(?P<ny>\d{4}|\d{2})"
    rf"|(?P<cd>{_DAY})-(?P<cm>{_MONTH})-(?P<cy>\d{{4}}|\d{{2}})"
    rf"|(?P<sd>{_DAY})[ ]+(?:of[ ]+)?(?P<sm>{_MONTH}),?[ ]+['\u2019]?(?P<sy>\d{{4}}|{_SHORT_YEAR})"
    rf"|(?P<am>{_MONTH})[ ]+(?:the[ ]+)?(?P<ad>{_DAY}),?[ ]+(?P<ay>\d{{4}})"
    rf"|(?P<fixed>{_FIXED_DAY}),?[ ]+(?P<fy>\d{{4}})"
    r")(?![\w/]|[.-]\d)",
    re.IGNORECASE,
)
# Dates with the day or the year in words. They are rare, so the pattern is tried only
# around a number word, which is far quicker than adding it to the pattern above.
_SPELT_DATE_RE = re.compile(
    r"(?<![\w/.-])(?:"
    rf"(?P<wd>{_WORD_DAY}|{_DAY})[ ]+(?:of[ ]+)?(?P<wm>{_MONTH}),?[ ]+"
    rf"(?P<wy>\d{{4}}|{_WORD_YEAR})"
    rf"|(?P<bm>{_MONTH})[ ]+(?P<bd>{_WORD_DAY}|(?:the[ ]+)?{_DAY}),?[ ]+"
    rf"(?P<by>\d{{4}}|{_WORD_YEAR})"
    r")(?![\w/]|[.-]\d)",
    re.IGNORECASE,
)
# Found with str.find, which outpaces any regex on a handful of plain words.
_NUMBER_WORDS = (
    *("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"),
    *("tenth", "eleventh", "twelfth", "teenth", "tieth", "nineteen", "thousand", "twenty"),
)
# How far before a number word a spelt date may start, and after it end: "the fifth of
# September, nineteen hundred and forty-one" is 50 characters long.
_SPELT_REACH = 70
# Spaced numbers ("03 03 1948") are a date only straight after a birth cue: elsewhere they
# are as likely to be a count or a phone number.
_SPACED_DOB_RE = re.compile(
    r"\b(?:d\.?o\.?b\b\.?|date[ ]+of[ ]+birth|birth[ ]*date)[ ]*[:\-\u2013]?[ ]*"
    r"(?P<date>(?P<nd>\d{2})[ ](?P<nm>\d{2})[ ](?P<ny>\d{4}))\b",
    re.IGNORECASE,
)

_BIRTH_RE = re.compile(
    r"\b(?:born|birth|birthday|birthdate|d\.?o\.?b\b|b\.(?![ ]*[A-Za-z]))", re.IGNORECASE
)
# A sentence about a person: a pronoun, or how reviews name the adult ("Adult L", "Mr E").
_PERSON_RE = re.compile(
    r"\b(?:he|she|him|her|his|hers|they|them|their|himself|herself)\b"
    r"|\b(?:Adult|Mr|Mrs|Ms|Miss|Mx)[ ]+[A-Z]\b"
    # Case notes name the person by role: "SU", "pt", "service user".
    r"|\b(?:SU|pt|service[ ]+user|patient|client|resident)s?\b",
    re.IGNORECASE,
)
# The end of the previous sentence (or clause) and the start of the next: cues beyond it
# belong to another thought.
_BOUNDARY_RE = re.compile(r"[.!?;](?=[\s\"\u201d)]+[A-Z\"\u201c(])|\n")
_WINDOW = 90


@cache
def _cue_re(name: str) -> re.Pattern[str]:
    words = sorted(entries(name), key=len, reverse=True)
    alternation = "|".join(re.escape(word).replace(r"\ ", r"[ ]+") for word in words)
    return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)


def _month_year(m: re.Match) -> tuple[int, int] | None:
    """The (month, year) of a matched date, or None when it cannot be a real date."""
    if m.groupdict().get("fixed"):
        return _fixed_month(m.group("fixed")), int(m.group("fy"))
    day, month, year = next(
        names
        for names in (
            ("id", "im", "iy"),
            ("nd", "nm", "ny"),
            ("cd", "cm", "cy"),
            ("sd", "sm", "sy"),
            ("ad", "am", "ay"),
            ("wd", "wm", "wy"),
            ("bd", "bm", "by"),
        )
        if m.groupdict().get(names[2])
    )
    day_number = _day_number(m.group(day))
    month_text = m.group(month).rstrip(".").lower()
    month_number = int(month_text) if month_text.isdigit() else _month_index(month_text)
    year_number = _year_number(m.group(year))
    if len(m.group(year)) == 2:
        # Two-digit years in case notes: this century if not in the future, else the last.
        century = 2000 if year_number <= date.today().year % 100 else 1900
        year_number += century
    if not (1 <= day_number <= 31 and 1 <= month_number <= 12):
        return None
    return month_number, year_number


def _day_number(text: str) -> int:
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group())
    words = re.sub(r"^the\s+", "", text.lower())
    return _ORDINALS.get(re.sub(r"^(twenty|thirty)[ -]?", r"\1 ", words), 0)


def _year_number(text: str) -> int:
    """A year from digits or words: "1941", "nineteen forty-one", "two thousand and three",
    "twenty twenty-two"."""
    if text.isdigit():
        return int(text)
    numbers = {word: n for n, word in enumerate(_UNIT_WORDS, start=1)}
    numbers |= {word: n for n, word in enumerate(_TEEN_WORDS.split(), start=10)}
    numbers |= {word: 10 * n for n, word in enumerate(_TENS_WORDS, start=2)}
    tokens = [t for t in re.split(r"[\s-]+", text.lower()) if t not in ("and", "hundred")]
    if tokens[:2] == ["two", "thousand"]:
        century, rest = 2000, tokens[2:]
    else:
        century, rest = 100 * numbers[tokens[0]], tokens[1:]
    # "oh", "o" and "nought" count as nothing.
    total = sum(numbers.get(token, 0) for token in rest)
    return century + total


def _fixed_month(name: str) -> int:
    key = re.sub(r"['\u2019]", "", re.sub(r"\s+", " ", name.lower()))
    return _FIXED_MONTHS[key]


def _month_index(text: str) -> int:
    return next(i for i, name in enumerate(_MONTHS, start=1) if name.startswith(text[:3]))


def _sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The text before and after a date, up to the sentence's ends and the window."""
    before = text[max(0, start - _WINDOW) : start]
    cuts = list(_BOUNDARY_RE.finditer(before))
    if cuts:
        before = before[cuts[-1].end() :]
    after = text[end : end + _WINDOW]
    cut = _BOUNDARY_RE.search(after)
    if cut:
        after = after[: cut.start()]
    return before, after


def _nearest_before(before: str) -> str | None:
    """Which cue is closest before the date: "birth", "event", "safe" or None."""
    best, best_at = None, -1
    for label, pattern in (
        ("birth", _BIRTH_RE),
        ("event", _cue_re("dates_event_cues")),
        ("safe", _cue_re("dates_safe_cues")),
    ):
        for m in pattern.finditer(before):
            if m.end() > best_at:
                best, best_at = label, m.end()
    return best


def _nearest_after(after: str) -> str | None:
    best, best_at = None, len(after) + 1
    for label, pattern in (
        ("birth", _BIRTH_RE),
        ("event", _cue_re("dates_event_cues")),
        ("safe", _cue_re("dates_safe_cues")),
    ):
        m = pattern.search(after)
        if m and m.start() < best_at:
            best, best_at = label, m.start()
    return best


def _classify(text: str, start: int, end: int) -> str | None:
    before, after = _sentence_around(text, start, end)
    cue = _nearest_before(before) or _nearest_after(after)
    if cue == "birth":
        return "birth"
    if cue == "event":
        return "event"
    if cue is None and _PERSON_RE.search(before + " " + after):
        return "event"
    return None


def _spelt_dates(text: str) -> list[re.Match]:
    low = lowered(text)
    matches: dict[tuple[int, int], re.Match] = {}
    for word in _NUMBER_WORDS:
        at = low.find(word)
        while at != -1:
            start, end = max(0, at - _SPELT_REACH), min(len(text), at + _SPELT_REACH)
            for m in _SPELT_DATE_RE.finditer(text, start, end):
                if m.start() <= at < m.end():
                    matches.setdefault(m.span(), m)
            at = low.find(word, at + len(word))
    return list(matches.values())


def find(text: str) -> list[Finding]:
    findings = []
    for m in [*_DATE_RE.finditer(text), *_spelt_dates(text)]:
        month_year = _month_year(m)
        if month_year is None:
            continue
        kind = _classify(text, m.start(), m.end())
        if kind == "birth":
            findings.append(Finding(Kind.DATE_OF_BIRTH, m.group(), m.start(), m.end()))
        elif kind == "event":
            month, year = month_year
            suggestion = f"{_MONTHS[month - 1].capitalize()} {year}"
            findings.append(Finding(Kind.EVENT_DATE, m.group(), m.start(), m.end(), suggestion))
    findings += [
        Finding(Kind.DATE_OF_BIRTH, m.group("date"), m.start("date"), m.end("date"))
        for m in _SPACED_DOB_RE.finditer(text)
        if 1 <= int(m.group("nd")) <= 31 and 1 <= int(m.group("nm")) <= 12
    ]
    return findings
