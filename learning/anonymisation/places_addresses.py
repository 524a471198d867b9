"""Postcodes and numbered street addresses: the place identifiers that have a format."""

from __future__ import annotations

import re

from learning.anonymisation.kinds import Finding, Kind
from learning.anonymisation.places_words import CAPITALISED_WORD, house_words, norm, openers

# --- Postcodes ------------------------------------------------------------------------------
# People type postcodes in any case ("ls1 4ap"), so case is ignored; but in lower case an
# inward code that is an ordinal ("s42 2nd stage", "b1 1st floor") is prose, not a postcode.
# The inward code ("1AA") is found first, because a pattern that starts with a digit is
# quick to scan for; the outward code is then checked in the few characters before it.
_INWARD_RE = re.compile(r"\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}\b")
_POSTCODE_ENDING_RE = re.compile(
    r"\b[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRV-Y\d]?)"
    r"[ ]?(?P<inward>\d[ABD-HJLNP-UW-Z]{2})\Z",
    re.IGNORECASE,
)
_ORDINAL_RE = re.compile(r"\d(?:st|nd|rd|th)")


def postcode_findings(text: str) -> list[Finding]:
    found = []
    for inward in _INWARD_RE.finditer(text):
        offset = max(0, inward.start() - 6)
        m = _POSTCODE_ENDING_RE.search(text[offset : inward.end()])
        if m and not _ORDINAL_RE.fullmatch(m.group("inward")):
            found.append(Finding(Kind.POSTCODE, m.group(), offset + m.start(), offset + m.end()))
    return found


# --- Numbered addresses ---------------------------------------------------------------------
_STREET_SUFFIX = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Close|Drive|Dr|Way|Crescent|Court|Place|Gardens|"
    r"Grove|Terrace|Walk|Hill|Row|Square|Mews|Park|Green|Rise|View|Parade|Gate|Yard|Wharf|"
    r"Fold|Garth|Heights|Mansions)"
)
_STREET_WORD = CAPITALISED_WORD
_HOUSE_NO = r"\d{1,3}[A-Za-z]?"
_FLAT = rf"(?:Flat|Apartment|Apt|Unit)[ ]+(?:\d+/)?{_HOUSE_NO}"
# Every address starts at a house number, so numbers followed by a word are found first
# and each pattern is tried only there.
_NUMBER_THEN_WORD_RE = re.compile(r"\d{1,3}[A-Za-z]?(?=,?[ ]+[A-Za-z\d])")
_ADDRESS_RE = re.compile(
    rf"{_HOUSE_NO},?[ ]+(?:{_STREET_WORD}[ ]+){{1,3}}?{_STREET_SUFFIX}\b"
    rf"|{_HOUSE_NO}[ ]+The[ ]+(?P<house>[A-Z][a-z]+)\b"
)
# "Flat 12B, Beechwood Court": a numbered flat in a named building.
_FLAT_BEFORE_RE = re.compile(r"(?:Flat|Apartment|Apt|Unit)[ ]+(?:\d+/)?\Z")
_BUILDING_RE = re.compile(
    rf"{_HOUSE_NO},?[ ]+(?:{_STREET_WORD}[ ]+){{1,3}}?"
    rf"(?:{_STREET_SUFFIX}|House|Court|Tower|Towers|Lodge|Point|Buildings|Block)\b"
)
_FLAT_THEN_RE = re.compile(rf"{_HOUSE_NO},?[ ]+(?={_HOUSE_NO}[ ]|[A-Z])")
# "118 moor lane": in lower case only after a word that introduces an address.
_LOWER_ADDRESS_RE = re.compile(
    r"\d{1,3}[a-z]?[ ]+(?:[a-z][a-z'\u2019-]+[ ]+){1,2}(?:street|road|avenue|lane|close|"
    r"drive|crescent|terrace|grove|gardens|mews|parade|way)\b"
)
_ADDRESS_CUE_BEFORE_RE = re.compile(r"\b(?:at|to|from|address(?:[ ]+(?:is|was))?:?)[ ]+\Z")
# Numbers that are citations rather than house numbers ("section 14 Crown Court").
_CITATION_BEFORE_RE = re.compile(
    r"\b(?:section|s|para|paragraph|chapter|page|p|level|step|article|regulation|rule|"
    r"part|schedule|clause|year|age|aged|no)\.?[ ]*$",
    re.IGNORECASE,
)


def _address_at(text: str, pos: int) -> Finding | None:
    before = text[max(0, pos - 25) : pos]
    flat = _FLAT_BEFORE_RE.search(before)
    start = pos - len(before) + flat.start() if flat else pos
    if flat:
        # "Flat 3, 12 High Road" and "Flat 12B, Beechwood Court" are one address.
        number = _FLAT_THEN_RE.match(text, pos)
        if number:
            m = _ADDRESS_RE.match(text, number.end()) or _BUILDING_RE.match(text, pos)
            if m:
                return Finding(Kind.STREET_ADDRESS, text[start : m.end()], start, m.end())
    m = _ADDRESS_RE.match(text, pos)
    is_house = m and (not m.group("house") or norm(m.group("house")) in house_words())
    if is_house and not _CITATION_BEFORE_RE.search(before):
        return Finding(Kind.STREET_ADDRESS, text[start : m.end()], start, m.end())
    m = _LOWER_ADDRESS_RE.match(text, pos)
    if (
        m
        and _ADDRESS_CUE_BEFORE_RE.search(before)
        and not any(norm(word) in openers() for word in m.group().split()[1:-1])
    ):
        return Finding(Kind.STREET_ADDRESS, m.group(), pos, m.end())
    return None


def address_findings(text: str) -> list[Finding]:
    found = []
    for candidate in _NUMBER_THEN_WORD_RE.finditer(text):
        pos = candidate.start()
        if pos and (text[pos - 1].isalnum() or text[pos - 1] in "/."):
            continue
        finding = _address_at(text, pos)
        if finding:
            found.append(finding)
    return found
