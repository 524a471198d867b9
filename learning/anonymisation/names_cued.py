"""Person names found by a cue: a title ("Mrs Hill", "PC Marchetti", "Auntie Joan"),
a relationship ("her son Dean", "Daughter Kelly states...") or a nickname cue
("known as 'Tubs'"), and the checks that a cued name is not a public figure or the
start of an organisation or place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from learning.anonymisation.kinds import Finding, Kind
from learning.anonymisation.names_lists import (
    _AMBIGUOUS,
    _CAPS_FIRST,
    _CAPS_WORD,
    _FAMILY_SET,
    _FAMILY_TITLES,
    _KNOWN,
    _LOWER,
    _NAME_WORD,
    _ORDINARY,
    _RELATIVE_WORDS,
    _ROLE_SET,
    _ROLE_TITLES,
    _STOP,
    _TITLE_SET,
    _TITLED_NAMES,
    _TITLES,
    _UNKNOWN,
    _UPPER,
    _WORD_RE,
    _class,
    _finding,
    _fold,
    _lexicon,
    _words,
)


def _alternatives(titles: Iterable[str]) -> str:
    # As usual or in capitals, never in lower case: "dr" and "ms" in running text are
    # abbreviations far more often than titles.
    forms = {form for title in titles for form in (title, title.upper())}
    return "|".join(f.replace(" ", "[ ]+") for f in sorted(forms, key=len, reverse=True))


_TITLE = _alternatives((*_TITLES, *_ROLE_TITLES, *_FAMILY_TITLES))
_TITLED_NAME_RE = re.compile(
    rf"(?=[{_UPPER}])\b(?P<title>{_TITLE})\b\.?[ ]+"
    rf"(?:(?:and|AND|&)[ ]+(?:{_TITLE})\b\.?[ ]+)?"
    rf"(?:[{_UPPER}]\.?[ ]+)*(?P<names>{_TITLED_NAMES})"
)

# Capitalised words that follow a title in ordinary prose but are not part of anyone's
# name. Words that are also common surnames (Hill, Ward, Church) are deliberately
# absent: missing "Mrs Hill" matters more than flagging a stray phrase.
_TITLED_BREAK = _words(
    """
    a an and as at after before but by during for from he her his if in it its no of on
    or she so the their then there these they this those to was we when where while who
    yes later also however staff police team teams adult adults social care board act
    safeguarding services service council trust health hospital ambulance fire rescue
    emergency mental capacity personal making protection empowerment prevention
    proportionality partnership accountability review practice unit centre center
    department authority office agency housing association commission group home homes
    court justice chancellor mayor section level nhs gp clinic surgery school college
    university society monday tuesday wednesday thursday friday saturday sunday instead
    practitioner specialist consultant manager lead officer christmas general qc kc lj
    mp obe cbe mbe dbe kbe
    """
)
# Titles also start place names ("Lady Margaret Road", "Lord Street").
_STREET_ONLY_WORDS = frozenset(
    {"street", "st", "road", "rd", "avenue", "ave", "crescent", "terrace", "gardens", "mews"}
)
_POSTNOMINAL_RE = re.compile(r"[ ]+(?:QC|KC|LJ|MP|OBE|CBE|MBE|DBE|KBE)\b")


def _titled(text: str) -> list[Finding]:
    findings = []
    for match in _TITLED_NAME_RE.finditer(text):
        title = " ".join(match.group("title").lower().split())
        kept = []
        for word in _WORD_RE.finditer(match.group("names")):
            if _fold(word.group()) in _TITLED_BREAK:
                break
            kept.append(word)
        if not kept or _STREET_ONLY_WORDS.intersection(_fold(w.group()) for w in kept):
            continue
        first = _class(_fold(kept[0].group()))
        if title in _ROLE_SET and first in (_ORDINARY, _STOP):
            continue
        if title in _FAMILY_SET and first == _STOP:
            continue
        end = match.start("names") + kept[-1].end()
        if _is_public(text, match.start(), end):
            continue
        findings.append(Finding(Kind.PERSON_NAME, text[match.start() : end], match.start(), end))
    return findings


_LONGEST_PUBLIC_NAME = 6


def _is_public(text: str, start: int, end: int) -> bool:
    """A public figure named by office or work: on the curated list, or with a
    post-nominal (QC, LJ, MP...) as judges and inquiry chairs are written."""
    public = _lexicon().public
    words = [_fold(w) for w in text[start:end].split()]
    # No public name on the list is longer than this; a longer run (a shouted line of
    # initials) needs only its last few words tried, which keeps the check linear.
    for skip in range(max(0, len(words) - _LONGEST_PUBLIC_NAME), len(words)):
        if " ".join(words[skip:]) in public:
            return True
    return bool(_POSTNOMINAL_RE.match(text, end))


# --- Relatives, friends and nicknames ----------------------------------------------------


def _by_first_letter(words: Iterable[str]) -> str:
    """An alternation grouped by first letter: the regex engine then tries a handful of
    branches at each word instead of every one."""
    groups: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())


# Case notes name the person they are about the same way: "pt D'Almeida", "SU Kelly".
_SUBJECT_WORDS = _words("pt patient su client resident")
_RELATIVE = (
    rf"(?:ex-|step-?|god)?(?:{_by_first_letter(_RELATIVE_WORDS | _SUBJECT_WORDS)})"
    r"(?:-in-law)?s?"
)
# Cues are matched in lower-cased text (case-insensitive matching is twice as slow);
# the name after a cue is then matched, capitalised, in the original text.
_RELATIVE_CUE_RE = re.compile(
    rf"\b{_RELATIVE},?[ ]+(?:(?:called|named|known[ ]as)[ ]+)?\(?(?=[^ ])"
)
# What comes before the relationship: a possessive ("her", "Adult D's") and at most two
# describing words ("eldest", "twin", "late").
_RELATIVE_OWNER_RE = re.compile(
    r"(?:\b(?:her|his|their|my|our|your|the|a|an)|['\u2019]s)[ ]+"
    r"(?:(?:eldest|youngest|elder|younger|older|oldest|twin|late|only|best|former|"
    r"estranged|adult|new|close|family|teenage|long-term|then)[ ]+){0,2}$"
)
# Case notes drop the possessive: "Daughter Kelly states...", "- son Dean aware",
# "spoke with nephew Ravi". The relationship then opens a clause or follows a verb or
# preposition of contact.
_CLAUSE_START_RE = re.compile(
    r"(?:^|[\n.;:!?(=/\u2013\u2014]|[ ]-|^-|,)[ ]*$"
    r"|\b(?:with|by|from|to|and|via|per|for|informed|told|contacted|rang|phoned|called"
    r"|visited|saw|seen|met|advised|asked|says|said|states|reports|per|plus|&)[ ]+$"
)
# Nickname cues that say outright that a name follows, so even an ordinary word after
# them ("nicknamed Dizzy") is a name; after the weaker ones ("called", "known as") an
# ordinary word may instead be a service or a programme.
_STRONG_NICK = (
    r"nicknamed(?:[ ]+(?:him|her|them))?|(?:nick|street|pet)[ ]?name(?:[ ]+(?:was|of))?,?"
    r"|(?:knew|know|called|call|calls)[ ]+(?:him|her|them)(?:[ ]+\w+ly)?(?:[ ]+as)?"
    r"|(?P<subject>(?:called|call|calls)[ ]+(?:su|pt|client|patient|resident))"
    r"|went[ ]+by(?:[ ]+the[ ]+(?:nick|street[ ])?name)?|goes[ ]+by"
    r"|refer(?:s|red)?[ ]+to[ ]+(?:him|her|them)[ ]+as|signed[ ]+(?:his|her|their)[ ]+\w+"
)
_WEAK_NICK = r"known(?:[ ]+\w+ly)?[ ]+as|named|called|name[ ]+(?:is|was)"
_QUOTE = "'\"\u2018\u201c"
_NICKNAME_RE = re.compile(
    rf"\b(?:(?P<strong>{_STRONG_NICK})|(?P<weak>{_WEAK_NICK}))[ ]+"
    rf"(?P<quote>[{_QUOTE}])?(?:the[ ]+)?(?=[^ ])"
)
_OPENING_QUOTE_RE = re.compile(rf"[ ][{_QUOTE}](?:the[ ]+)?(?=[{_UPPER}])")
_BEFORE_QUOTE_RE = re.compile(r"\b(?:as|was|is|nickname)$")
# A street name may open with a single letter ("K-Dog", "J-Man").
_NAME_PHRASE_RE = re.compile(rf"(?P<names>(?:[{_UPPER}]-)?{_NAME_WORD}(?:[ ]+{_NAME_WORD}){{0,2}})")
_CLOSING_QUOTE_RE = re.compile("['\"\u2019\u201d]")


def _cued(text: str, lowered: str) -> list[Finding]:
    findings = []
    for cue in _RELATIVE_CUE_RE.finditer(lowered):
        if not (
            _RELATIVE_OWNER_RE.search(lowered, max(0, cue.start() - 40), cue.start())
            or _CLAUSE_START_RE.search(lowered, max(0, cue.start() - 30), cue.start())
        ):
            continue
        findings += _cued_finding(text, cue.end(), lenient=False, most=2, relative=True)
    for cue in _BRACKETED_RELATIVE_RE.finditer(lowered):
        findings += _named_before(text, cue.start())
    findings += _lower_case_titled(text) + _bracketed_lower_name(text)
    for cue in _NICKNAME_RE.finditer(lowered):
        # "called pt back" is a phone call; only a quoted word after it is a nickname.
        if cue.group("subject") and not cue.group("quote"):
            continue
        lenient = bool(cue.group("strong") or cue.group("quote"))
        findings += _cued_finding(text, cue.end(), lenient=lenient, most=3)
    for cue in _OPENING_QUOTE_RE.finditer(text):
        if _BEFORE_QUOTE_RE.search(lowered, max(0, cue.start() - 10), cue.start()):
            findings += _cued_finding(text, cue.end(), lenient=True, most=3, quoted=True)
    if "name" in lowered:
        for cue in _NICKNAME_AFTER_RE.finditer(lowered):
            findings += _nickname_before(text, cue.start())
    findings += _quoted_actor(text)
    return findings


# A nickname explained after it: "Tubs, a nickname from school", "'Smiler' (his street
# name)".
_NICKNAME_AFTER_RE = re.compile(
    r"['\u2019\u201d]?(?:,[ ]+|[ ]+\()(?:a|an|his|her|their|the)[ ]+"
    r"(?:(?:old|family|school|childhood)[ ]+)?(?:nick|street[ ]|pet[ ])name\b"
)
_NICKNAME_BEFORE_RE = re.compile(
    rf"(?<![\w'\u2019-])(?:[{_UPPER}]-)?{_NAME_WORD}(?:[ ]+{_NAME_WORD})?$"
)


def _nickname_before(text: str, end: int) -> list[Finding]:
    match = _NICKNAME_BEFORE_RE.search(text, max(0, end - 40), end)
    if not match:
        return []
    words = list(_WORD_RE.finditer(text, match.start(), match.end()))
    # A sentence-opening word ("The", "Then") drops off; an ordinary word stays, since
    # nicknames often are ones ("Tubs").
    while words and _fold(words[0].group()) in _lexicon().stop:
        words.pop(0)
    if not words or _is_public(text, words[0].start(), match.end()):
        return []
    return [_finding(text, words[0].start(), match.end())]


# A quoted name of one or two capitalised words that then does what a person does:
# "'Big Dave' visited the flat", "'Little Man' threatened him". Programmes, documents
# and slogans are quoted too, but are launched, published or used, not seen or told.
_QUOTED_ACTOR_RE = re.compile(
    rf"(?:^|(?<=[ (\n]))[{_QUOTE}](?P<names>(?:[{_UPPER}]-)?{_NAME_WORD}"
    rf"(?:[ ]+{_NAME_WORD})?)['\"\u2019\u201d][ ]+(?:had[ ]+)?"
    r"(?:(?P<deed>visited|arrived|threatened|turned[ ]up|hit|assaulted|punched|moved[ ]in"
    r"|phoned|rang|texted|was[ ]+(?:seen|arrested|staying|living))"
    r"|said|told|came|demanded|shouted|stayed|was[ ]+(?:present|known[ ]to|there|at[ ]the))\b"
)
# Words that say the quoted phrase before "said" or "told" is a document or programme.
_DOCUMENT_BEFORE_RE = re.compile(
    r"\b(?:report|review|document|leaflet|guidance|guide|programme|program|campaign|policy"
    r"|strategy|booklet|film|book|toolkit|titled|entitled|briefing|poster|slogan|motto)"
    r"[^.!?\n]{0,12}$"
)


def _quoted_actor(text: str) -> list[Finding]:
    findings = []
    for match in _QUOTED_ACTOR_RE.finditer(text):
        words = [_fold(w) for w in match.group("names").split()]
        if any(w in _TITLE_SET for w in words):
            continue
        classes = [_class(w) for w in words]
        # After "said" or "told" a quoted title may be a document speaking; it is a
        # person only if no word is one of the hub's own and one is a name.
        if not match.group("deed") and (
            _STOP in classes
            or all(c == _ORDINARY for c in classes)
            or _DOCUMENT_BEFORE_RE.search(text, max(0, match.start() - 40), match.start())
        ):
            continue
        if _is_public(text, match.start("names"), match.end("names")):
            continue
        findings.append(_finding(text, match.start("names"), match.end("names")))
    return findings


# A relationship in brackets after a name: "Shabnam Qureshi (sister)".
_BRACKETED_RELATIVE_RE = re.compile(
    rf"[ ]\((?:(?:her|his|their|su's|pt's)[ ]+)?(?:ex-|step-?)?"
    rf"(?:{_by_first_letter(_RELATIVE_WORDS)})(?:-in-law)?\)"
)
_NAMES_BEFORE_RE = re.compile(rf"(?<![\w'\u2019-]){_NAME_WORD}(?:[ ]+{_NAME_WORD})?$")


def _named_before(text: str, end: int) -> list[Finding]:
    match = _NAMES_BEFORE_RE.search(text, max(0, end - 40), end)
    if not match:
        return []
    words = list(_WORD_RE.finditer(text, match.start(), end))
    # Keep only the words that can be a name; a sentence-opening word drops off.
    while words and _class(_fold(words[0].group())) in (_ORDINARY, _STOP):
        words.pop(0)
    if not words or any(_class(_fold(w.group())) in (_ORDINARY, _STOP) for w in words):
        return []
    return [_finding(text, words[0].start(), end)]


def _cued_finding(
    text: str, at: int, *, lenient: bool, most: int, quoted: bool = False, relative: bool = False
) -> list[Finding]:
    match = _NAME_PHRASE_RE.match(text, at)
    if not match:
        return _shouted_relative(text, at) if relative else []
    span = _cued_name(text, match, lenient=lenient, most=most, relative=relative)
    if span and quoted:
        # A quoted nickname may end in an initial ("'Lil T'").
        initial = _INITIAL_RE.match(text, span[1])
        span = (span[0], initial.end()) if initial else span
    if not span or (quoted and not _CLOSING_QUOTE_RE.match(text, span[1])):
        return []
    return [Finding(Kind.PERSON_NAME, text[span[0] : span[1]], *span)]


_INITIAL_RE = re.compile(rf"[ ]+[{_UPPER}](?=['\"\u2019\u201d])")
_CAPS_PHRASE_RE = re.compile(rf"{_CAPS_FIRST}(?:[ ]+{_CAPS_WORD})?")


def _shouted_relative(text: str, at: int) -> list[Finding]:
    """A relative's name in capitals ("DAUGHTER KELLY AWARE"): with no case to go on,
    only gazetteer names that are not English words count."""
    match = _CAPS_PHRASE_RE.match(text, at)
    if not match:
        return []
    end = at
    for word in _WORD_RE.finditer(match.group()):
        folded = _fold(word.group())
        if _class(folded) != _KNOWN or folded in _lexicon().shorthand:
            break
        end = at + word.end()
    following = _NEXT_WORD_RE.match(text, end)
    if following and _fold(following.group(1)) in _STREET_NOUNS:
        return []
    return [_finding(text, at, end)] if end > at else []


def _cued_name(
    text: str, match: re.Match, *, lenient: bool, most: int = 3, relative: bool = False
) -> tuple[int, int] | None:
    """The part of a cued phrase that is a name, or None if it is a title, an
    organisation or ordinary words."""
    start = match.start("names")
    kept: list[re.Match] = []
    words = list(_WORD_RE.finditer(match.group("names")))[:most]
    # After a weak cue, two or more ordinary words can still be a nickname ("Big Sully").
    lenient = lenient or (
        len(words) > 1 and all(_fold(w.group()) not in _lexicon().stop for w in words)
    )
    for word in words:
        folded = _fold(word.group())
        if folded in _TITLED_BREAK or folded in _TITLE_SET:
            break
        word_class = _class(folded)
        # After a relationship ("Partner Agencies") a stop word ends the name; after
        # "named" it may be a name ("named June Ward").
        if not lenient and (word_class == _ORDINARY or (word_class == _STOP and relative)):
            break
        if relative and folded in _lexicon().shorthand:
            break
        kept.append(word)
    if not kept:
        return None
    end = start + kept[-1].end()
    if _followed_by_suffix(text, end) or _is_public(text, start, end):
        return None
    return start, end


def _followed_by_suffix(text: str, end: int, *, shouted: bool = False) -> bool:
    """Whether the words go on into an organisation, a place or a programme ("Bluebird
    Care", "Oliver McGowan Mandatory Training")."""
    following = _NEXT_WORD_RE.match(text, end)
    if not following:
        return False
    word = following.group(1)
    folded = _fold(word)
    if folded in _PLACE_NOUNS:
        return True
    if not word[0].isupper() or folded in _GRAMMAR:
        return False
    if shouted and len(word) > 1 and word.isupper():
        # In capitals the whole sentence is capitalised ("ASK DAVID HARRIS WHAT HE
        # WANTED"), so for a trusted pair only a word naming a place or body says the
        # name goes on.
        return folded in _CAPS_SUFFIXES
    return folded in _lexicon().stop or _class(folded) == _ORDINARY


# Nouns that make a place or organisation of the name before them even in lower case.
_PLACE_NOUNS = _words(
    """
    hospice hospital house court road street lane avenue centre center ward trust
    foundation charity care home lodge manor surgery practice unit
    """
)
# In capitals every word looks alike, so only these say a place follows ("ALBION PLACE").
_STREET_NOUNS = _PLACE_NOUNS | _words(
    """
    place close way drive grove park view walk square green row rise crescent terrace
    gardens mews hall farm cottage cottages estate flats tower towers
    """
)
_CAPS_SUFFIXES = _STREET_NOUNS | _words(
    """
    council partnership partnerships services service board group ltd limited plc llp
    associates school college academy university society solicitors clinic institute
    centre centres award awards fund memorial lecture report review inquiry act
    """
)
_NEXT_WORD_RE = re.compile(r"[ ]+([\w'\u2019-]+)")
_GRAMMAR = _words(
    """
    a an and as at after before but by during for from he her his if in it its no nor
    not of on or she so the their then there these they this those to was we when where
    while who yes later also however per via with without within
    """
)


# --- Names typed all in lower case in case notes ------------------------------------------

_LOWER_WORD = rf"[{_LOWER}](?:['\u2019]?[{_LOWER}])*(?:-[{_LOWER}]+)*"
# "mrs o'brien", "mr kowalski": lower-case "dr" and "ms" stay out (abbreviations far more
# often than titles), and a single letter ("mr h") is an initial.
_LOWER_TITLED_RE = re.compile(rf"(?<![\w-])(?:mrs|mr|miss)\.?[ ]+(?P<name>{_LOWER_WORD})")
# A relative's full name in brackets: "son (dean walsh)".
_BRACKETED_LOWER_RE = re.compile(rf"\b{_RELATIVE}[ ]+\((?P<name>{_LOWER_WORD}[ ]+{_LOWER_WORD})\)")


def _lower_case_titled(text: str) -> list[Finding]:
    findings = []
    for match in _LOWER_TITLED_RE.finditer(text):
        if _is_lower_surname(match.group("name"), miss=match.group().startswith("miss")):
            findings.append(_finding(text, match.start(), match.end()))
    return findings


def _is_lower_surname(word: str, *, miss: bool) -> bool:
    """Without capitals only a surname, or a word shaped like one, tells "mrs kowalski"
    from "miss the bus"; "miss" also starts "miss home visit", so no English words."""
    folded = _fold(word)
    word_class = _class(folded)
    surname = folded in _lexicon().surnames
    if any(mark in word for mark in "'\u2019-") and word_class not in (_STOP, _ORDINARY):
        return True
    return surname and (word_class == _KNOWN or (word_class == _AMBIGUOUS and not miss))


def _bracketed_lower_name(text: str) -> list[Finding]:
    findings = []
    for match in _BRACKETED_LOWER_RE.finditer(text):
        classes = [_class(_fold(w)) for w in match.group("name").split()]
        # "son (not present)", "wife (aged seventy)" are notes, not names.
        if _STOP in classes or _ORDINARY in classes or classes.count(_UNKNOWN) == 2:
            continue
        findings.append(_finding(text, match.start("name"), match.end("name")))
    return findings
