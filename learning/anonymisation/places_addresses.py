"""Postcodes and numbered street addresses: the place identifiers that have a format."""

from __future__ import annotations

import re

from learning.anonymisation.kinds import Finding, Kind
from learning.anonymisation.places_words import PLACE_NAME_WORD, house_words, norm, openers

# --- Postcodes ------------------------------------------------------------------------------
# People type postcodes in any case ("ls1 4ap"), so case is ignored; but in lower case an
# inward code that is an ordinal ("s42 2nd stage", "b1 1st floor") is prose, not a postcode.
# The inward code ("1AA") is found first, because a pattern that starts with a digit is
# quick to scan for; the outward code is then checked in the few characters before it.
_INWARD_RE = re.compile(r"\d[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}\b")
_POSTCODE_ENDING_RE = re.compile(
    r"\b[A-PR-UWYZ](?:\d[A-HJKPSTUW\d]?|[A-HK-Y]\d[ABEHMNPRV-Y\d]?)"
    # Between the halves: nothing, a space, or two (a tab or no-break space from a form).
    r"[ \t\u00a0\u202f]{0,2}(?P<inward>\d[ABD-HJLNP-UW-Z]{2})\Z",
    re.IGNORECASE,
)
_ORDINAL_RE = re.compile(r"\d(?:st|nd|rd|th)")


def postcode_findings(text: str) -> list[Finding]:
    found = []
    for inward in _INWARD_RE.finditer(text):
        offset = max(0, inward.start() - 7)
        m = _POSTCODE_ENDING_RE.search(text[offset : inward.end()])
        if m and not _ORDINAL_RE.fullmatch(m.group("inward")):
            found.append(Finding(Kind.POSTCODE, m.group(), offset + m.start(), offset + m.end()))
    return found


# --- Numbered addresses ---------------------------------------------------------------------
# Street types in full and as addresses abbreviate them ("Av.", "Rd", "Gdns", "Tce"); a
# trailing full stop is left out of the finding, as it may end the sentence.
_STREET_SUFFIX = (
    r"(?:Street|St|Road|Rd|Avenue|Ave|Av|Lane|Ln|Close|Cl|Drive|Dr|Way|Crescent|Cres|Court|"
    r"Ct|Place|Pl|Gardens|Gdns|Grove|Gr|Terrace|Tce|Terr|Walk|Hill|Row|Square|Sq|Mews|Park|"
    r"Pk|Green|Rise|View|Parade|Pde|Gate|Yard|Wharf|Fold|Garth|Heights|Mansions)"
)
# A street name may open with Saint written "St." ("14 St. Mary's Road").
_STREET_WORD = PLACE_NAME_WORD
_HOUSE_NO = r"\d{1,3}[A-Za-z]?"
_FLAT = rf"(?:Flat|Apartment|Apt|Unit)[ ]+(?:\d+/)?{_HOUSE_NO}"
# Every address starts at a house number, so numbers followed by a word are found first
# and each pattern is tried only there.
_NUMBER_THEN_WORD_RE = re.compile(r"\d{1,3}[A-Za-z]?(?=,?[ ]+[A-Za-z\d])")
# A house number before a named building or row is as exact as one before a street:
# "4 Barnack House", "2 Wharfside Cottages", "2, The Paddocks".
_BUILDING = (
    r"(?:House|Cottages?|Lodge|Buildings|Towers?|Block|Farm|Farmhouse|Barn|Bungalow|Manor|"
    r"Grange|Croft|Villas|Flats|Chambers)"
)
# The longest street or building name is taken ("12 Kingsley Park Terrace", not
# "12 Kingsley Park"), so the number and the whole name make one finding.
_ADDRESS_RE = re.compile(
    rf"{_HOUSE_NO},?[ ]+(?P<name>(?:{_STREET_WORD}[ ]+){{1,3}}(?:{_STREET_SUFFIX}|{_BUILDING}))\b"
    rf"|{_HOUSE_NO},?[ ]+The[ ]+(?P<house>[A-Z][a-z]+)\b"
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
    r"part|schedule|clause|year|age|aged|no|room|floor|bed|bay|item|appendix|annex|figure|"
    r"table|line|stage|phase|tier|band|grade|week|day)\.?[ ]*$",
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
    is_house = m and (
        norm(m.group("house")) in house_words() if m.group("house") else not _is_court(m["name"])
    )
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


# A house number in words or after "number" ("number 14 on Acacia Avenue", "No. 14 Acacia
# Avenue", "fourteen Acacia Avenue") locates a home as exactly as "14 Acacia Avenue".
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
_NUMBER_WORDS = frozenset([*_UNITS, *_TENS, *_TEENS.split()]) | {
    f"{tens}-{unit}" for tens in _TENS for unit in _UNITS
}
_SPELLED = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_STREET = rf"(?P<street>(?:{_STREET_WORD}[ ]+){{1,3}}?{_STREET_SUFFIX})\b"
_NUMBER_CUE_ADDRESS_RE = re.compile(
    rf"[Nn](?<![\w-].)(?:umber|o\.)[ ]+(?:{_HOUSE_NO}|(?i:{_SPELLED}))"
    rf"(?:,?[ ]+(?:on|in|of)[ ]+|,?[ ]+){_STREET}"
)
# Number words are found by their first letter and the rest of the word, then checked
# against the list: far quicker than trying every number word at every word boundary.
_NUMBER_WORD_ENDINGS = "|".join(sorted({w[1:] for w in _NUMBER_WORDS}, key=len, reverse=True))
_NUMBER_WORD_RE = re.compile(
    rf"[EFNOSTefnost](?<![\w-].)(?:{_NUMBER_WORD_ENDINGS})"
    r"(?=,?[ ]+[A-Z])"
)
_STREET_AFTER_NUMBER_RE = re.compile(rf",?[ ]+{_STREET}")
# Without "number" a spelled number may count things ("two Mill Lane flats"), so the street
# must end the phrase.
_PHRASE_END_RE = re.compile(
    r"[ ]*(?:[.,;:)!?\n]|$)|[ ]+(?:with|and|in|on|at|near|where|which|who|was|is|had|has|"
    r"for|from|to|until|since|when|by)\b"
)
# "No. 4 Crown Court" is a courtroom, not a home.
_COURT_WORDS = frozenset(
    ["crown", "magistrates", "magistrates'", "county", "family", "coroner's", "coroners"]
)


def _is_court(name: str) -> bool:
    """Whether a name ending "Court" is a court of law ("2 Crown Court" is a courtroom)."""
    words = [norm(word) for word in name.split()]
    return words[-1] == "court" and bool(_COURT_WORDS.intersection(words))


def _worded_addresses(text: str) -> list[Finding]:
    found = []
    spans = [(m.start(), m) for m in _NUMBER_CUE_ADDRESS_RE.finditer(text)]
    for number in _NUMBER_WORD_RE.finditer(text):
        street = _STREET_AFTER_NUMBER_RE.match(text, number.end())
        if (
            street
            and number.group().lower() in _NUMBER_WORDS
            and _PHRASE_END_RE.match(text, street.end())
        ):
            spans.append((number.start(), street))
    for start, m in spans:
        words = [norm(word) for word in m.group("street").split()]
        if _is_court(m.group("street")):
            continue
        if any(word in openers() for word in words[:-1]):
            continue
        found.append(Finding(Kind.STREET_ADDRESS, text[start : m.end()], start, m.end()))
    return found


def address_findings(text: str) -> list[Finding]:
    found = _worded_addresses(text)
    for candidate in _NUMBER_THEN_WORD_RE.finditer(text):
        pos = candidate.start()
        if pos and (text[pos - 1].isalnum() or text[pos - 1] in "/."):
            continue
        finding = _address_at(text, pos)
        if finding:
            found.append(finding)
    return found
