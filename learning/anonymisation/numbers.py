"""Identifiers with a format: NHS and National Insurance numbers and phone numbers here;
email addresses in ``numbers_email``; social media names in ``numbers_online``; vehicle
registrations, bank details and record numbers in ``numbers_records``.

Most are recognised by their shape alone. Where a shape is also common in safe text (an
eight-digit number, a sort code that reads as a date, a council's case number) a cue must
come just before it ("account", "sort code", "Mosaic ID"); the cue lists live in
``data/numbers_*.txt`` so they can grow without touching the code. Patterns start with a
digit or letter class rather than an assertion, so the engine skips quickly through
prose: a long page is scanned in a few milliseconds.
"""

from __future__ import annotations

import re

from stdnum.gb import nhs

from learning.anonymisation import numbers_email, numbers_online, numbers_records
from learning.anonymisation.kinds import Finding, Kind
from learning.anonymisation.numbers_cues import find_cues, lowered


def _span(kind: Kind, m: re.Match, group: str | int = 0) -> Finding:
    return Finding(kind, m.group(group), m.start(group), m.end(group))


# --- NHS and National Insurance numbers, email ------------------------------------------

# The separator is captured so "943 476-5870" style mixtures are not accepted; dots and
# slashes ("485.777.3456", "485/777/3456") are ways of writing one too.
_NHS_RE = re.compile(r"\d(?<![\w/.-]\d)\d{2}(?P<sep>[ ./-]?)\d{3}(?P=sep)\d{4}(?![\w/-]|\.\d)")
# After an explicit cue a number of the right shape is reported even when its check digit
# fails: writers of examples, and people mistyping, rarely produce a valid one. Ten digits
# straight after "NHS" ("NHS: 485 777 3456") are cue enough; "NHS 111" is too short.
_NHS_CUE_RE = re.compile(
    r"[Nn][Hh][Ss][ ]*(?:(?:number|no\b\.?|num\b\.?|nr\b\.?|id\b|#)[ ]*)?"
    r"(?:is[ ]+|was[ ]+|[:\u2013-][ ]*)?"
    r"(?P<id>\d{3}(?P<sep>[ ./-]?)\d{3}(?P=sep)\d{4})(?![\w/-]|\.\d)",
    re.IGNORECASE,
)

# Anything shaped like a National Insurance number counts, issued prefix or not: a
# "specimen" or administrative number typed into a case note is as likely to be real. The
# digits are found first (fast), then the two letters before them are checked. Pairs may
# be spaced, dashed or dotted ("AB-12-34-56-C").
_NINO_DIGITS_RE = re.compile(
    r"\d(?<!\d\d)\d(?P<sep>[ .-]?)\d\d(?P=sep)\d\d(?:(?:[ ]?|(?P=sep))[A-Da-d])?(?![\w/-])"
)
_NINO_LETTERS_RE = re.compile(r"(?<![\w/-])[A-Za-z]{2}[ .-]?")
# Labels and little words that can come before six digits ("Mosaic ID 884422", "ref no
# 123456", "known as 123456"). In capitals only the labels are excluded, and only those
# no National Insurance number could start with (I, D, F, Q, U and V are never a first
# letter; D, F, I, O, Q, U and V never a second), so a real "AS 12 34 56 C" is still found.
_NOT_NINO_LABELS = frozenset(["id", "no", "nr", "ie", "do", "so", "to", "go", "io", "po"])
_NOT_NINO_WORDS = _NOT_NINO_LABELS | frozenset(
    [
        "am",
        "an",
        "as",
        "at",
        "be",
        "by",
        "he",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "up",
        "us",
        "we",
        "eg",
        "ok",
    ]
)


def _nino_prefix(letters: str) -> bool:
    """Whether two letters before six digits can be the start of an NI number."""
    pair = letters.lower()
    if pair in _NOT_NINO_LABELS:
        return False
    return letters.isupper() or pair not in _NOT_NINO_WORDS


def _references(text: str) -> list[Finding]:
    findings = [
        _span(Kind.NHS_NUMBER, m)
        for m in _NHS_RE.finditer(text)
        if nhs.is_valid(re.sub(r"\D", "", m.group()))
    ]
    findings += [_span(Kind.NHS_NUMBER, m, "id") for m in _NHS_CUE_RE.finditer(text)]
    for m in _NINO_DIGITS_RE.finditer(text):
        for width in (2, 3):
            letters = _NINO_LETTERS_RE.fullmatch(text, max(0, m.start() - width), m.start())
            if letters and _nino_prefix(letters.group()[:2]):
                start = letters.start()
                findings.append(Finding(Kind.NI_NUMBER, text[start : m.end()], start, m.end()))
                break
    return findings


# --- Phone numbers -----------------------------------------------------------------------

# A UK number as people write it: a trunk 0 or +44, then groups of digits. Only mobiles
# (07) and geographic numbers (01, 02) are personal; 03, 08 and 09 numbers and short codes
# (111, 999, 116 123) belong to organisations and helplines and are public.
_PHONE_RE = re.compile(
    r"[0+(](?<![\w+/.-][0+(])(?:(?<=\+)[ ]?44[ ]?(?:\(0\)[ ]?)?|(?<=0)0[ ]?44[ ]?|(?<=\()0|(?<=0))"
    r"(?P<digits>\d+(?:\)?[ .-]?\d+)*)"
    r"(?![\w/])"
)
_PERSONAL_PREFIXES = ("1", "2", "7")
_GROUP_RE = re.compile(r"\d+")
# Some organisations still publish a geographic number. One is taken as public when an
# organisation is named just before it ("The Forced Marriage Unit can be contacted on
# ...") with no word about a person in between; mobiles are always personal.
_ORGANISATION_RE = re.compile(
    r"\b(?:Unit|Helpline|Line|Service|Services|Centre|Center|Council|Police|Trust|Board|Office"
    r"|Hub|Desk|Society|Charity|Foundation|Partnership|Agency|Department|Authority"
    r"|Switchboard|Reception)\b|\b(?i:helpline|switchboard|hotline|freephone|main[ ]number)\b"
)
_PERSONAL_RE = re.compile(
    r"\b(?:his|her|their|own|home|mobile|landline|personal|kin|son|daughter|wife|husband"
    r"|partner|mother|father|sister|brother|friend|neighbour|carer|family|relative)\b",
    re.IGNORECASE,
)


def _public_landline(text: str, start: int) -> bool:
    before = re.split(r"[.!?;\n]", text[max(0, start - 80) : start])[-1]
    organisations = list(_ORGANISATION_RE.finditer(before))
    return bool(organisations) and not _PERSONAL_RE.search(before, organisations[-1].end())


def _phones(text: str) -> list[Finding]:
    findings = []
    for m in _PHONE_RE.finditer(text):
        # Walk the digit groups until ten national digits; anything left over belongs to
        # the next number or to the sentence ("07700 900123 2 times").
        count, end = 0, None
        for group in _GROUP_RE.finditer(m.group("digits")):
            count += len(group.group())
            if count in (9, 10):
                end = m.start("digits") + group.end()
            if count >= 10:
                break
        digits = m.group("digits")
        if end is None or not digits.startswith(_PERSONAL_PREFIXES):
            continue
        if not digits.startswith("7") and _public_landline(text, m.start()):
            continue
        findings.append(Finding(Kind.PHONE_NUMBER, text[m.start() : end], m.start(), end))
    return findings


def find(text: str) -> list[Finding]:
    cues = find_cues(text, lowered(text))
    return [
        *_references(text),
        *_phones(text),
        *numbers_email.find(text),
        *numbers_online.find(text, cues),
        *numbers_records.find(text, cues),
    ]
