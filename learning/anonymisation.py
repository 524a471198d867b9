"""Detect identifiers about the adult concerned before learning material is published.

The guard blocks publishing while findings remain, so a false positive costs an editor a
moment but a false negative could expose someone. Where the two pull apart we still stay
conservative about untitled capitalised phrases: briefings are full of statutory names
("Care Act", "Safeguarding Adults Board") and an over-eager guard would be switched off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import phonenumbers
from stdnum.gb import nhs

__all__ = ["Finding", "Kind", "find_identifiers"]


class Kind(StrEnum):
    PERSON_NAME = "person_name"
    NHS_NUMBER = "nhs_number"
    NI_NUMBER = "ni_number"
    POSTCODE = "postcode"
    PHONE_NUMBER = "phone_number"
    EMAIL = "email"
    DATE_OF_BIRTH = "date_of_birth"
    STREET_ADDRESS = "street_address"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Kind.PERSON_NAME: "person name",
    Kind.NHS_NUMBER: "NHS number",
    Kind.NI_NUMBER: "National Insurance number",
    Kind.POSTCODE: "postcode",
    Kind.PHONE_NUMBER: "phone number",
    Kind.EMAIL: "email address",
    Kind.DATE_OF_BIRTH: "date of birth",
    Kind.STREET_ADDRESS: "street address",
}


@dataclass(frozen=True)
class Finding:
    kind: Kind
    text: str
    start: int
    end: int

    @property
    def label(self) -> str:
        return self.kind.label


# --- Names -------------------------------------------------------------------------------

# A capitalised word with at least one lower-case letter, so initials ("Mr H", "Adult A")
# never qualify. Covers O'Brien, McDonald, Smith-Jones and accented Latin letters.
_LOWER = r"a-z\u00df-\u00f6\u00f8-\u00ff"
_UPPER = r"A-Z\u00c0-\u00d6\u00d8-\u00de"
_PART = rf"[A-Z](?:['\u2019][A-Z])?[{_LOWER}]+(?:[A-Z][{_LOWER}]+)?"
_NAME_WORD = rf"{_PART}(?:-{_PART})*"
_NAMES = rf"{_NAME_WORD}(?:[ ]+{_NAME_WORD}){{0,2}}"
_WORD_RE = re.compile(r"\S+")

# Case notes and forms often shout names ("MRS SMITH"). A capitals-only name must start
# with a word of three letters or more, because two capitals after a title ("Mr AB",
# "Mrs CD") are how anonymised judgments and reviews write initials; a surname of two
# letters is still caught after a longer first name ("MR JOHN LI").
_CAPS_PART = rf"[{_UPPER}](?:['\u2019][{_UPPER}])?[{_UPPER}]+"
_CAPS_WORD = rf"{_CAPS_PART}(?:-{_CAPS_PART})*"
_CAPS_FIRST = rf"[{_UPPER}](?:['\u2019][{_UPPER}])?[{_UPPER}]{{2,}}(?:-{_CAPS_PART})*"
_ANY_WORD = rf"(?:{_NAME_WORD}|{_CAPS_WORD})"
_TITLED_NAMES = rf"(?:{_NAME_WORD}|{_CAPS_FIRST})(?:[ ]+{_ANY_WORD}){{0,2}}"
_TITLES = ("Mrs", "Mr", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame", "Lady", "Lord", "Rev")
# A title is written as usual or in capitals, never in lower case: "dr" and "ms" in
# running text are abbreviations far more often than titles.
_TITLE = "|".join([*_TITLES, *(title.upper() for title in _TITLES)])

_TITLED_NAME_RE = re.compile(
    rf"\b(?:{_TITLE})\b\.?[ ]+"
    rf"(?:[A-Z]\.?[ ]+)*(?P<names>{_TITLED_NAMES})"
)

# Untitled names are only trusted after a cue that introduces a person, and only as a
# first name plus surname; "called Adult Social Care" is weeded out by the stop-list.
_RELATIVE = (
    r"(?:ex-|late[ ]|former[ ]|step)?"
    r"(?:son|daughter|husband|wife|partner|mother|father|brother|sister|grandson|"
    r"granddaughter|grandmother|grandfather|niece|nephew|aunt|uncle|cousin|carer|"
    r"neighbour|friend|boyfriend|girlfriend|lodger)(?:-in-law)?"
)
_CUED_NAME_RE = re.compile(
    rf"(?:\b(?:named|called|known[ ]as|name[ ](?:is|was))"
    rf"|\b(?:[Hh]er|[Hh]is|[Tt]heir)[ ]+{_RELATIVE},?)"
    rf"[ ]+(?P<names>{_NAME_WORD}(?:[ ]+{_NAME_WORD}){{1,2}})"
)

# Capitalised words that follow a title or cue in ordinary briefing prose but are not
# part of anyone's name: sentence starters, statutory and agency vocabulary and judges'
# offices. Words that are also common names or surnames (May, June, Hill, Ward, Church)
# are deliberately absent: missing "Mrs Hill" matters more than flagging a stray phrase.
_NOT_NAME_WORDS = """
    a an and as at after before but by during for from he her his if in it its no of on
    or she so the their then there these they this those to was we when where while who
    yes later also however staff police team teams adult adults social care board act
    safeguarding services service council trust health hospital ambulance fire rescue
    emergency mental capacity personal making protection empowerment prevention
    proportionality partnership accountability review practice unit centre center
    department authority office agency housing association commission group home homes
    court justice chancellor mayor section level nhs gp clinic surgery school college
    university society monday tuesday wednesday thursday friday saturday sunday instead
    """
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())
# Titles also start place names ("Lady Margaret Road", "Lord Street"); these suffixes are
# never surnames, so a name containing one is a street.
_STREET_ONLY_WORDS = frozenset(
    {"street", "st", "road", "rd", "avenue", "ave", "crescent", "terrace", "gardens", "mews"}
)


def _name_findings(text: str) -> list[Finding]:
    findings = []
    for regex in (_TITLED_NAME_RE, _CUED_NAME_RE):
        titled = regex is _TITLED_NAME_RE
        for match in regex.finditer(text):
            words = list(_WORD_RE.finditer(match.group("names")))
            kept = []
            for word in words:
                if word.group().lower() in _NOT_NAMES:
                    break
                kept.append(word)
            # A cued name must survive intact: a half-kept phrase is more likely an
            # organisation than a person.
            if not kept or (not titled and len(kept) < len(words)):
                continue
            if _STREET_ONLY_WORDS.intersection(w.group().lower() for w in kept):
                continue
            start = match.start() if titled else match.start("names")
            end = match.start("names") + kept[-1].end()
            findings.append(Finding(Kind.PERSON_NAME, text[start:end], start, end))
    return findings


# --- Reference numbers -------------------------------------------------------------------

# The separator is captured so "943 476-5870" style mixtures are not accepted.
_NHS_RE = re.compile(r"(?<![\w-])\d{3}(?P<sep>[ -]?)\d{3}(?P=sep)\d{4}(?![\w-])")

# Letter rules come from HMRC's published prefix allocation; the excluded pairs are
# administrative or temporary numbers never issued to people.
_NINO_RE = re.compile(
    r"\b(?P<prefix>[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])[ ]?"
    r"\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D]\b",
    re.IGNORECASE,
)
_NINO_BAD_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})

# People type postcodes in any case ("ls1 4ap"), so case is ignored; but in lower case an
# inward code that is an ordinal ("s42 2nd stage", "b1 1st floor") is prose, not a postcode.
_POSTCODE_RE = re.compile(
    r"\b[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRV-Y\d]?)"
    r"[ ]?(?P<inward>\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)
_ORDINAL_RE = re.compile(r"\d(?:st|nd|rd|th)")

_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[\w.+%-]+@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}\b",
)


def _number_findings(text: str) -> list[Finding]:
    findings = []
    for m in _NHS_RE.finditer(text):
        if nhs.is_valid(m.group()):
            findings.append(Finding(Kind.NHS_NUMBER, m.group(), m.start(), m.end()))
    for m in _NINO_RE.finditer(text):
        if m.group("prefix").upper() not in _NINO_BAD_PREFIXES:
            findings.append(Finding(Kind.NI_NUMBER, m.group(), m.start(), m.end()))
    for m in _POSTCODE_RE.finditer(text):
        if not _ORDINAL_RE.fullmatch(m.group("inward")):
            findings.append(Finding(Kind.POSTCODE, m.group(), m.start(), m.end()))
    findings += [
        Finding(Kind.EMAIL, m.group(), m.start(), m.end()) for m in _EMAIL_RE.finditer(text)
    ]
    return findings


# --- Phone numbers -----------------------------------------------------------------------

# libphonenumber's VALID leniency rejects Ofcom's drama ranges (07700 900xxx), which is
# exactly what anonymised-but-realistic examples use, so we take POSSIBLE matches and
# narrow them ourselves: a UK writer always dials a trunk 0 or an international prefix,
# which rules out years, section numbers and reference codes.
_DIALLED_RE = re.compile(r"\(?(?:0|\+)")


def _phone_findings(text: str) -> list[Finding]:
    findings = []
    matcher = phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        number = match.number
        if not _DIALLED_RE.match(match.raw_string):
            continue
        if len(str(number.national_number)) < 9 or not phonenumbers.is_possible_number(number):
            continue
        findings.append(Finding(Kind.PHONE_NUMBER, match.raw_string, match.start, match.end))
    return findings


# --- Dates of birth ----------------------------------------------------------------------

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:\d{4}|\d{2})"
# A two-digit year is accepted only in compact forms ("3/3/48", "3-Mar-48"): after a
# spelt-out month, "born on 3 March 20 years ago" would otherwise read as a date.
_DATE = (
    r"(?:\d{4}-\d{1,2}-\d{1,2}"
    rf"|\d{{1,2}}(?:[./-]\d{{1,2}}[./-]|[ ]\d{{1,2}}[ ]){_YEAR}"
    rf"|{_DAY}[./-]{_MONTH}[./-]{_YEAR}"
    rf"|{_DAY}[ ]+(?:of[ ]+)?{_MONTH},?[ ]+\d{{4}}"
    rf"|{_MONTH}[ ]+{_DAY},?[ ]+\d{{4}})(?!\d)"
)
# Only a birth cue turns a date into an identifier; meeting dates are the normal
# substance of a review. A bare year ("born in 1948") matches none of the date forms.
_DOB_RE = re.compile(
    r"\b(?:born(?:[ ]+on)?|d\.?o\.?b\b\.?|date[ ]+of[ ]+birth)"
    rf"(?:[ ]*[:\-\u2013][ ]*|[ ]+(?:is[ ]+|was[ ]+)?)(?:the[ ]+)?(?P<date>{_DATE})",
    re.IGNORECASE,
)


def _dob_findings(text: str) -> list[Finding]:
    return [
        Finding(Kind.DATE_OF_BIRTH, m.group("date"), m.start("date"), m.end("date"))
        for m in _DOB_RE.finditer(text)
    ]


# --- Street addresses --------------------------------------------------------------------

_STREET_SUFFIX = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Close|Drive|Dr|Way|Crescent|Court|Place|Gardens|"
    r"Grove|Terrace|Walk|Hill|Row|Square|Mews|Park|Green|Rise|View|Parade|Gate|Yard|Wharf)"
)
_STREET_WORD = r"[A-Z][a-z'\u2019]+(?:-[A-Za-z][a-z'\u2019]*)*"
_ADDRESS_RE = re.compile(
    r"\b(?:(?:Flat|Apartment|Unit)[ ]+\d+[A-Z]?,?[ ]+)?"
    rf"\d{{1,3}}[A-Z]?,?[ ]+(?:{_STREET_WORD}[ ]+){{1,3}}?{_STREET_SUFFIX}\b"
)
# Numbers that are citations rather than house numbers ("section 14 Crown Court").
_CITATION_BEFORE_RE = re.compile(
    r"\b(?:section|s|para|paragraph|chapter|page|p|level|step|article|regulation|rule|"
    r"part|schedule|clause|year|age|aged|no)\.?[ ]*$",
    re.IGNORECASE,
)


def _address_findings(text: str) -> list[Finding]:
    return [
        Finding(Kind.STREET_ADDRESS, m.group(), m.start(), m.end())
        for m in _ADDRESS_RE.finditer(text)
        if not _CITATION_BEFORE_RE.search(text, max(0, m.start() - 20), m.start())
    ]


# --- Public entry point ------------------------------------------------------------------

# When two detectors claim overlapping text the longer match wins (a DOB beats the
# phone-like digits inside it); on a tie the more specific kind comes first.
_PRIORITY = [
    Kind.NHS_NUMBER,
    Kind.NI_NUMBER,
    Kind.EMAIL,
    Kind.DATE_OF_BIRTH,
    Kind.POSTCODE,
    Kind.STREET_ADDRESS,
    Kind.PHONE_NUMBER,
    Kind.PERSON_NAME,
]


def find_identifiers(text: str) -> list[Finding]:
    """Return identifiers in ``text``, sorted by position, with no overlapping findings."""
    if not text:
        return []
    candidates = (
        _name_findings(text)
        + _number_findings(text)
        + _phone_findings(text)
        + _dob_findings(text)
        + _address_findings(text)
    )
    candidates.sort(key=lambda f: (f.start - f.end, _PRIORITY.index(f.kind), f.start))
    kept: list[Finding] = []
    for finding in candidates:
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)
