"""Person names: the word lists and what a word is.

Loads the gazetteer and curated lists once, folds words for lookup, classifies each
word (stop word, ordinary English, ambiguous, known name, unknown), and holds the
titles, relationship words and regex fragments the name finders share.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from learning.anonymisation.data_files import entries
from learning.anonymisation.kinds import Finding, Kind


def _words(text: str) -> frozenset[str]:
    """A set of words written as a block of text, which is easier to read and edit."""
    return frozenset(text.split())


# --- Word lists --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    given: frozenset[str]
    surnames: frozenset[str]
    ordinary: frozenset[str]  # lower-case English words
    stop: frozenset[str]  # words never part of a name (curated)
    phrases: frozenset[str]  # places and organisations that read like names
    public: frozenset[str]  # public figures
    shorthand: frozenset[str]  # case-note abbreviations ("hosp", "appt", "su")


@cache
def _lexicon() -> _Lexicon:
    not_names = entries("names_not_names")
    stop = {
        word for line in not_names if " " not in line or _is_word_row(line) for word in line.split()
    }
    phrases = {line for line in not_names if " " in line and not _is_word_row(line)}
    return _Lexicon(
        given=frozenset(entries("names_given")),
        surnames=frozenset(entries("names_surnames")),
        ordinary=frozenset(entries("names_ordinary_words")),
        stop=frozenset(stop),
        phrases=frozenset(phrases),
        public=frozenset(entries("names_public_figures")),
        shorthand=frozenset(w for line in entries("names_abbreviations") for w in line.split()),
    )


def is_vocabulary(word: str) -> bool:
    """Whether a word is ordinary English written in lower case, or in any case one of
    the hub's own words that are never part of a name ("Adult", "Board"), for detectors
    outside names."""
    lex = _lexicon()
    return (word.islower() and word in lex.ordinary) or word.lower() in lex.stop


def _is_word_row(line: str) -> bool:
    # Rows listing single words are long; phrase rows have two to four words.
    return len(line.split()) > 4


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    """Lower case without accents or a possessive ending: "Siobhán's" -> "siobhan"."""
    word = word.lower()
    if word.endswith(("'s", "\u2019s")):
        word = word[:-2]
    if word.isascii():
        return word.replace("\u2019", "'")
    decomposed = unicodedata.normalize("NFKD", word.replace("\u2019", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# What a word is, for deciding whether a run of words is a name.
_STOP, _ORDINARY, _AMBIGUOUS, _KNOWN, _UNKNOWN = range(5)
_NAME_PREFIX_RE = re.compile(r"^(?:o|d|n)'[a-z]|^(?:mc|mac)[a-z]{3}")


@lru_cache(maxsize=65536)
def _class(folded: str) -> int:
    lex = _lexicon()
    if folded in lex.stop:
        return _STOP
    parts = [p for p in re.split(r"[-']", folded) if p]
    if len(parts) > 1 or _NAME_PREFIX_RE.match(folded):
        if _NAME_PREFIX_RE.match(folded) or folded in lex.surnames:
            return _KNOWN
        classes = [_class(p) for p in parts if len(p) > 1]
        if not classes or _STOP in classes or classes.count(_ORDINARY) == len(classes):
            return _STOP if _STOP in classes else _ORDINARY
        if _ORDINARY in classes:
            return _ORDINARY
        return _KNOWN if _KNOWN in classes or _AMBIGUOUS in classes else _UNKNOWN
    known = folded in lex.given or folded in lex.surnames
    if folded in lex.ordinary:
        return _AMBIGUOUS if known else _ORDINARY
    return _KNOWN if known else _UNKNOWN


# --- Shared patterns ---------------------------------------------------------------------

# A capitalised word with at least one lower-case letter, so initials ("Mr H", "Adult A")
# never qualify. Covers O'Brien, McDonald, Smith-Jones and accented Latin letters.
_LOWER = r"a-z\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f"
_UPPER = r"A-Z\u00c0-\u00d6\u00d8-\u00de"
_PART = rf"[{_UPPER}](?:['\u2019][{_UPPER}])?[{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?"
_NAME_WORD = rf"{_PART}(?:-{_PART})*"
_WORD_RE = re.compile(r"\S+")

# Case notes and forms often shout names ("MRS SMITH"). A capitals-only name must start
# with a word of three letters or more, because two capitals after a title ("Mr AB",
# "Mrs CD") are how anonymised judgments and reviews write initials.
_CAPS_PART = rf"[{_UPPER}](?:['\u2019][{_UPPER}])?[{_UPPER}]+"
_CAPS_WORD = rf"{_CAPS_PART}(?:-{_CAPS_PART})*"
_CAPS_FIRST = rf"[{_UPPER}](?:['\u2019][{_UPPER}])?[{_UPPER}]{{2,}}(?:-{_CAPS_PART})*"
_ANY_WORD = rf"(?:{_NAME_WORD}|{_CAPS_WORD})"
_TITLED_NAMES = rf"(?:{_NAME_WORD}|{_CAPS_FIRST})(?:[ ]+{_ANY_WORD}){{0,2}}"

_TITLES = (
    "Mrs",
    "Mr",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Sir",
    "Dame",
    "Lady",
    "Lord",
    "Rev",
    "Revd",
    "Reverend",
)
# Titles of an office: the next word is a name only if it is not an ordinary word
# ("Nurse Practitioner", "Inspector Calls").
_ROLE_TITLES = (
    "PC",
    "DC",
    "DS",
    "DI",
    "DCI",
    "DSI",
    "PCSO",
    "Sgt",
    "Sergeant",
    "Inspector",
    "Constable",
    "Detective",
    "Nurse",
    "Sister",
    "Matron",
    "Midwife",
    "Paramedic",
    "Doctor",
    "Father",
    "Fr",
    "Imam",
    "Rabbi",
    "Pastor",
    "Canon",
    "Vicar",
    "Bishop",
    "Deacon",
    "Chaplain",
    "Pandit",
    "Sheikh",
    "Councillor",
    "Cllr",
    "Judge",
    "Captain",
    "Capt",
    # Titles of two or three words, written whole before a surname ("Detective Sergeant
    # Okafor"); alone, the second word would be read as the start of the name.
    "Detective Sergeant",
    "Detective Constable",
    "Detective Inspector",
    "Detective Chief Inspector",
    "Detective Superintendent",
    "Detective Chief Superintendent",
    "Police Constable",
    "Police Sergeant",
    "Police Inspector",
    "Police Officer",
    "Staff Nurse",
    "Charge Nurse",
    "Ward Sister",
    "Ward Manager",
    "Station Officer",
    "Station Manager",
    "Watch Manager",
    "Crew Manager",
    "Probation Officer",
    "Social Worker",
    "Senior Social Worker",
)
# How families address their elders: the next word may be a nickname ("Nana Pops").
_FAMILY_TITLES = (
    "Auntie",
    "Aunty",
    "Aunt",
    "Uncle",
    "Nan",
    "Nana",
    "Nanna",
    "Nanny",
    "Gran",
    "Granny",
    "Grandma",
    "Grandad",
    "Granddad",
    "Grandpa",
    "Cousin",
    "Mama",
    "Papa",
    "Mamma",
)
_ROLE_SET = frozenset(t.lower() for t in _ROLE_TITLES)
_FAMILY_SET = frozenset(t.lower() for t in _FAMILY_TITLES)
# Each word of a title, so "Staff Nurse Okafor" declared as "Okafor" is still declared;
# "Ward" stays out, being a common surname as well.
_TITLE_SET = frozenset(
    word
    for title in (*_TITLES, *_ROLE_TITLES, *_FAMILY_TITLES)
    for word in title.lower().split()
    if word != "ward"
)


_RELATIVE_WORDS = _words(
    """
    son daughter husband wife partner mother mum father dad brother sister sibling twin
    child grandson granddaughter grandchild grandmother grandfather grandma grandad
    granddad grandpa gran nan niece nephew aunt auntie aunty uncle cousin carer
    neighbour friend boyfriend girlfriend fiancé fiancée fiance fiancee spouse lodger
    flatmate housemate landlord landlady tenant colleague associate acquaintance
    befriender companion relative
    """
)

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
# Particles inside a name ("Siobhán Ní Bhriain", "Rupert St John-Smythe") that would
# otherwise end the run; they do not count as one of its words.
_PARTICLES = _words(
    """
    ni nic mac de da di del della der den van von le la st al el bin bint ibn abu ap
    """
)


def _lowered(text: str) -> str:
    lowered = text.lower()
    # A few letters change length in lower case ("\u0130"); positions must line up.
    return lowered if len(lowered) == len(text) else text


def _finding(text: str, start: int, end: int) -> Finding:
    return Finding(Kind.PERSON_NAME, text[start:end], start, end)
