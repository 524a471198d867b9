"""Vehicle registrations, bank details and record numbers (hospital, case-management,
police, probation). Distinctive shapes are found anywhere; shapes that safe text shares
("ABC 123", an eight-digit number, "1234567") only after a cue from ``data/``."""

from __future__ import annotations

import re

from stdnum import luhn

from learning.anonymisation.kinds import Finding, Kind
from learning.anonymisation.numbers_cues import words


def _finding(kind: Kind, m: re.Match, group: str | int = 0) -> Finding:
    return Finding(kind, m.group(group), m.start(group), m.end(group))


# --- Vehicle registrations ---------------------------------------------------------------

# Current plates ("AB12 CDE"), prefix plates ("A123 BCD") and suffix plates ("ABC 123D")
# have shapes nothing else in a review shares, so in capitals they need no cue. A postcode
# ("AB12 3CD") always has a digit in its second half.
_PLATE = r"[A-Z]{2}\d{2}[ ]?[A-Z]{3}|[A-Z]\d{1,3}[ ]?[A-Z]{3}|[A-Z]{3}[ ]?\d{1,3}[A-Z]"
# The look-behind sits after the first letter so the engine can skip ahead on capitals.
_PLATE_RE = re.compile(
    r"[A-Z](?<![\w/-][A-Z])(?:[A-Z]\d{2}[ ]?[A-Z]{3}|\d{1,3}[ ]?[A-Z]{3}|[A-Z]{2}[ ]?\d{1,3}[A-Z])"
    r"(?![\w/-])"
)
# After a cue ("registration", "number plate", "registered as") a plate may be in lower
# case, and a dateless plate ("ABC 123") counts, in capitals.
_PLATE_TAIL_RE = re.compile(
    r"(?:[ ]*(?:(?:is|was|of|as|no\.?|number|mark|plate)\b|[:.,(\u2013-]))*[ ]*"
    rf"(?P<plate>{_PLATE}|(?-i:[A-Z]{{1,3}}[ ]?\d{{1,4}}|\d{{1,4}}[ ]?[A-Z]{{1,3}}))(?![\w/-])",
    re.IGNORECASE,
)
# Law and review references look like dateless plates ("MCA 2005"): a year is no plate.
_YEARISH_RE = re.compile(r"[A-Z]{1,3}[ ]?(?:19|20)\d\d", re.IGNORECASE)


# Legal and clinical references share plate shapes too: "Sch A1 MCA" (a schedule of the
# Mental Capacity Act), "Part 4 DoLS". A plate whose letters are such an acronym, or that
# straight follows a word heading part of a document, is a reference.
_LETTERS_RE = re.compile(r"[A-Za-z]{2,}")
_WORD_BEFORE_RE = re.compile(r"(?<![\w'\u2019])([A-Za-z]+)\.?[ ]*$")


def _reference_not_plate(text: str, start: int, end: int) -> bool:
    acronyms = set(words("numbers_not_plates"))
    if any(run.lower() in acronyms for run in _LETTERS_RE.findall(text, start, end)):
        return True
    before = _WORD_BEFORE_RE.search(text, max(0, start - 16), start)
    return bool(before) and before.group(1).lower() in words("numbers_law_words")


def _vehicles(text: str, cues: dict[str, list[int]]) -> list[Finding]:
    findings = [
        _finding(Kind.VEHICLE_REGISTRATION, m)
        for m in _PLATE_RE.finditer(text)
        if not _reference_not_plate(text, m.start(), m.end())
    ]
    for end in cues["numbers_vehicle_cues"]:
        m = _PLATE_TAIL_RE.match(text, end)
        if (
            m
            and not _YEARISH_RE.fullmatch(m.group("plate"))
            and not _reference_not_plate(text, m.start("plate"), m.end("plate"))
        ):
            findings.append(_finding(Kind.VEHICLE_REGISTRATION, m, "plate"))
    return findings


# --- Bank details ------------------------------------------------------------------------

# Within a few words of a cue: "sort code 12-34-56, account 12345678". Case notes
# abbreviate with full stops ("acct no. 19273645", "a/c num. ..."), which must not end the
# search the way a sentence's full stop does.
_BANK_TAIL_RE = re.compile(
    r"\.?(?:[ ]*(?i:no|nos|num|nr)\.)?[^.;\n\d]{0,30}?"
    r"(?P<id>\d{2}[ -]\d{2}[ -]\d{2}(?![\d-])|\d{6}(?!\d)|\d{8}(?!\d)|\d{4}[ ]?\d{4}(?!\d))"
)
_SORT_CODE_RE = re.compile(r"\d(?<![\w/-]\d)(\d)-(\d{2})-\d{2}(?![\w/-])")
_IBAN_RE = re.compile(r"GB(?<![\w]GB)\d{2}[ ]?[A-Z]{4}(?:[ ]?\d{2,4}){4,5}\b")
_CARD_RE = re.compile(r"\d(?<![\d-]\d)\d{3}(?P<sep>[ -]?)\d{4}(?P=sep)\d{4}(?P=sep)\d{4}(?![\d-])")


def _bank(text: str, cues: dict[str, list[int]]) -> list[Finding]:
    findings = []
    for end in cues["numbers_bank_cues"]:
        m = _BANK_TAIL_RE.match(text, end)
        if m:
            findings.append(_finding(Kind.BANK_DETAILS, m, "id"))
    # Without a cue a sort code is reported only when it cannot be a date: "03-03-48" is
    # left to the date detector.
    for m in _SORT_CODE_RE.finditer(text):
        day, month = int(text[m.start()] + m.group(1)), int(m.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            findings.append(_finding(Kind.BANK_DETAILS, m))
    findings += [_finding(Kind.BANK_DETAILS, m) for m in _IBAN_RE.finditer(text)]
    findings += [
        _finding(Kind.BANK_DETAILS, m)
        for m in _CARD_RE.finditer(text)
        if luhn.is_valid(re.sub(r"\D", "", m.group()))
    ]
    return findings


# --- Record numbers ----------------------------------------------------------------------

# Shapes that are record numbers wherever they appear: a hospital number led by the trust's
# ODS code ("RR8 1234567"), a Police National Computer id ("19/123456A") and a probation
# case reference number ("X123456"). Capitals only: in lower case they are typos or codes.
_RECORD_SHAPE_RE = re.compile(
    r"(?:[RT](?<![\w/-][RT])[A-Z0-9]{2}[ ]?\d{6,8}|\d(?<![\w/-]\d)\d/\d{1,7}[A-Z]"
    r"|[A-Z](?<![\w/-][A-Z])\d{6})(?![\w/-])"
)
# After a system's or record's name ("Mosaic ID 884422", "LAS ref: 1234567", "case
# reference CR-2023-00417"), a few linking words, then a token with two digits or more.
_RECORD_TAIL_RE = re.compile(
    r"(?:[ ]*(?:(?:id|ids|number|no\.?|num\.?|ref\.?|reference|record|is|was|of)\b"
    r"|[:#.,(\u2013-]))*[ ]*"
    r"(?P<id>(?=[A-Z0-9/-]*\d[A-Z0-9/-]*\d)[A-Z0-9][A-Z0-9/-]{2,18}[A-Z0-9])(?![\w/-])",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def _records(text: str, cues: dict[str, list[int]]) -> list[Finding]:
    findings = [_finding(Kind.RECORD_ID, m) for m in _RECORD_SHAPE_RE.finditer(text)]
    for end in cues["numbers_record_cues"]:
        m = _RECORD_TAIL_RE.match(text, end)
        if m and not _YEAR_RE.fullmatch(m.group("id")):
            findings.append(_finding(Kind.RECORD_ID, m, "id"))
    return findings


def find(text: str, cues: dict[str, list[int]]) -> list[Finding]:
    """``cues`` is ``numbers_cues.find_cues(text, ...)``."""
    return _vehicles(text, cues) + _bank(text, cues) + _records(text, cues)
