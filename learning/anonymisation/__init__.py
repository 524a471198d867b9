"""Detect details that could identify the adult, their family or their home before
learning material is published.

The guard blocks publishing while findings remain, so a false alarm costs an editor a
moment but a miss could expose someone. Every rule was decided by measuring it against
the corpus in tests/learning/anonymisation_corpus/ (SAR, briefing and case-note text;
``measure.py`` there prints recall and false alarms per category). Text is first made
plain (``normalise``: no-break spaces and hyphens, invisible characters), and findings
are reported as the editor wrote them. Every detector runs in time linear in the text.

What it checks:
- ``names``: names after a title, rank or religious, civic or family form of address
  (Mr, PC, Nurse, Imam, Councillor, Auntie), in any case; first names after a
  relationship or case-note subject ("her son Dean", "Daughter Kelly states"); nicknames
  after a cue or in quotes; initials before a surname ("J. Smith", "Joan S. Smith");
  untitled full names in title case, lower case or capitals, also pairs of English words
  such as "John Smith", checked against given-name and surname lists built from Faker's
  locales (data/NAMES_SOURCE.md) and an English word list; "SURNAME, Firstname" and "the
  D'Souza family". Names a page declares (``declared_names``) or a sentence declares
  right beside its cue ("Joan (not her real name)") are left out, unless they look like
  a real full name; public figures on a curated list are left out.
- ``numbers``: NHS numbers (a valid check digit, or any ten digits after "NHS"),
  anything shaped like a National Insurance number, personal email addresses (also
  written "[at]" and "(dot)"), personal phone numbers (helplines, 03 and 08 numbers and
  an organisation's line are not), social media names (not an organisation's own),
  vehicle registrations, sort codes, account numbers, IBANs and card numbers, hospital
  numbers and case-record ids after a system's name.
- ``places``: postcodes; numbered addresses, flats and numbered buildings (also "number
  14", numbers in words and abbreviated street types); named care homes, surgeries,
  wards with their hospital, streets, estates, house names and boats, found by their
  last word or a cue.
- ``dates``: dates of birth in any written form (digits or words), and exact dates of
  events in someone's life (death, admission, discharge, a fall), suggesting the month
  and year instead.
- ``quasi``: an exact age in the same sentence as a rare condition (listed, or rarity
  put in words) or a small named place, suggesting an age band.

What it cannot check (``NOT_CHECKED`` says the same to editors): a lone first name or
surname with no title, relationship or cue ("Kelly said"); names made only of ordinary
words opened by a word-like given name ("Will Young"); names missing from the lists when
written in lower case or capitals; a one-word house name with no cue; a town on its own;
how rare a condition is locally; dates with no year or relative dates; numbers written
in words or deliberately broken up; record numbers of unknown systems with no cue; a
personal handle made of plain words with no service named; text inside documents and
images.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from learning.anonymisation import dates, names, numbers, places, quasi
from learning.anonymisation.kinds import STRONG_KINDS, Finding, Kind
from learning.anonymisation.normalise import Plain, plain

__all__ = ["NOT_CHECKED", "STRONG_KINDS", "Finding", "Kind", "find_identifiers"]

# Shown wherever findings are listed, so that an empty list is not read as a guarantee.
NOT_CHECKED = (
    "text inside uploaded documents and images (only their titles are checked)",
    "a first name or surname written alone, with no title, relationship or other cue",
    "names made only of ordinary words, and a house or place name of one invented word "
    "with no cue such as “lives at”",
    "misspelt or deliberately disguised details",
    "descriptions that make someone recognisable to people who know them, such as their "
    "job, appearance or a distinctive event reported locally",
    "details that identify only together with what readers already know",
)

# When two detectors claim overlapping text the longer match wins (a date of birth
# beats the phone-like digits inside it); on a tie the more specific kind comes first.
_PRIORITY = [
    Kind.NHS_NUMBER,
    Kind.NI_NUMBER,
    Kind.EMAIL,
    Kind.BANK_DETAILS,
    Kind.DATE_OF_BIRTH,
    Kind.POSTCODE,
    Kind.STREET_ADDRESS,
    Kind.PHONE_NUMBER,
    Kind.RECORD_ID,
    Kind.VEHICLE_REGISTRATION,
    Kind.SOCIAL_MEDIA_HANDLE,
    Kind.EVENT_DATE,
    Kind.QUASI_IDENTIFIER,
    Kind.PLACE,
    Kind.PERSON_NAME,
]
_DETECTORS = (names.find, numbers.find, places.find, dates.find, quasi.find)


def find_identifiers(text: str, declared_names: Iterable[str] = ()) -> list[Finding]:
    """Return possible identifiers in ``text``, sorted by position, none overlapping.

    ``declared_names`` are the names the page says it uses on purpose (a pseudonym such as
    "Adult C" or "Joan"); a person name made only of declared names is not a finding."""
    if not text:
        return []
    readable = plain(text)
    candidates = [finding for detect in _DETECTORS for finding in detect(readable.text)]
    candidates.sort(key=lambda f: (f.start - f.end, _PRIORITY.index(f.kind), f.start))
    kept = _without_overlaps(candidates)
    kept = names.drop_declared(kept, declared_names)
    if readable.text != text:
        # Report the text as the editor wrote it, so it can be found in the editor.
        kept = [_at_original(finding, text, readable) for finding in kept]
    return sorted(kept, key=lambda f: f.start)


def _without_overlaps(candidates: list[Finding]) -> list[Finding]:
    """Keep each candidate, in the given order, that overlaps none kept before it. The
    kept spans never overlap, so only the neighbours of its place need checking."""
    starts: list[int] = []
    spans: list[tuple[int, int]] = []
    kept: list[Finding] = []
    for finding in candidates:
        at = bisect.bisect_left(starts, finding.start)
        if at > 0 and spans[at - 1][1] > finding.start:
            continue
        if at < len(spans) and spans[at][0] < finding.end:
            continue
        starts.insert(at, finding.start)
        spans.insert(at, (finding.start, finding.end))
        kept.append(finding)
    return kept


def _at_original(finding: Finding, text: str, readable: Plain) -> Finding:
    start, end = readable.span(finding.start, finding.end)
    return Finding(finding.kind, text[start:end], start, end, finding.suggestion)
