"""Person names.

What it checks:
- names after a title: Mr/Mrs/Ms/Miss/Mx/Dr/Prof and the like, police ranks, clinical,
  religious and civic titles (PC, Sergeant, Nurse, Sister, Father, Imam, Rabbi, Councillor,
  Judge...), whole multi-word titles ("Detective Sergeant", "Staff Nurse", "Watch
  Manager", "Probation Officer") and family forms of address ("Auntie Joan"), in any case;
- first names after a relationship ("her son Dean", "Adult M's daughter, Kelly"), also
  in case-note voice with no possessive ("Daughter Kelly states", "Neighbour (Bob)",
  "- son Dean aware", "DAUGHTER KELLY AWARE");
- case-note filing forms ("SMITH, Joan" at the start of a line or after a dash) and
  surnames before "family"/"household" ("the D'Souza family");
- nicknames after a cue ("known as 'Tubs'", "nicknamed Bex", "went by the street name
  'K-Dog'"), before one ("Sully, a nickname from school") and quoted names doing what a
  person does ("'Big Dave' visited", "'Little Man' threatened him");
- untitled full names ("Joan Smith", "joan smith", "JOAN SMITH"): two to four words, at
  least one of them a given name or surname in the gazetteer (built from Faker's
  per-locale lists, see data/NAMES_SOURCE.md), none an ordinary English word only; in
  capitals, a common given name then a common surname ("ASK JOHN SMITH WHAT HE WANTED");
- initials before a gazetteer surname ("J. Smith", "J.R. Smith") and middle initials
  ("Joan S. Smith"); an initial alone ("Mr H", "Adult A", "J.P.") is never a name;
- a pseudonym declared in the text ("Joan (not her real name)", "referred to in this
  review as Sam") is not a finding, unless it looks like a real full name.

Modules: names_lists (word lists, word classes, shared patterns), names_cued (titles,
relationships, nicknames), names_untitled (full names without a cue, case-note forms),
names_initials (names written with initials);
this module handles declared pseudonyms and is the public interface.

What it cannot check: a lone first name or surname with no title, relationship or
nickname cue ("Kelly said..."); names missing from the gazetteer written in lower case or
capitals; names that are also ordinary words on both sides ("Will Young"); misspellings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from learning.anonymisation.kinds import Finding, Kind
from learning.anonymisation.names_cued import (
    _cued,
    _titled,
)
from learning.anonymisation.names_initials import find as _with_initials
from learning.anonymisation.names_lists import (
    _ORDINARY,
    _PARTICLES,
    _STOP,
    _TITLE_SET,
    _TOKEN_RE,
    _WORD_RE,
    _class,
    _fold,
    _lowered,
    _words,
)
from learning.anonymisation.names_untitled import (
    _case_note_forms,
    _is_given_and_surname,
    _is_name,
    _style,
    _untitled,
)

# --- Names a text declares ----------------------------------------------------------------

_DECLARATION_RE = re.compile(
    r"\bpseudonym|\bnot[ ]+(?:his|her|their)[ ]+(?:real[ ]+)?name"
    r"|\bnames?[ ]+(?:was[ ]+|were[ ]+)?chosen"
    r"|\bchose[ ]+(?:the|this|a|that)[ ]+name|\bchose[ ]+it|\bname[ ]+(?:was[ ]+)?agreed"
    r"|\bas[ ]+we[ ]+(?:have[ ]+)?call|\bwe[ ]+(?:will[ ]+)?call|\bhere[ ]+called"
    r"|\bagreed[ ]+to[ ]+use|\banonymi[sz]ed"
)
# Every declaration cue contains one of these, so most texts skip the regexes.
_DECLARATION_KEYS = ("pseudonym", "name", "call", "anonymi", "agreed", "refer", "known", "use")
_NAMING_VERB_RE = re.compile(r"\b(?:call|called|named?|refer(?:s|red)?|known|use[ds]?)\b")
_DOCUMENT_RE = re.compile(
    r"\b(?:in|for|throughout|within)[ ]+(?:this|the)[ ]+(?:published[ ]+)?"
    r"(?:review|report|briefing|sar|summary|case[ ]+study|document|chronology)"
)


# Words between a declaration cue and the name it declares ("Sam, a name chosen",
# "referred to in this review as Ruby", "we call her Amira").
_FILLER = _words(
    """
    a an the is was be been being to as in this that review report briefing summary sar
    her his him them their here we have has will name names called call known referred
    refer use used using for of throughout it
    """
)
_WINDOW = 80  # characters searched either side of a cue, so the scan stays linear
_SENTENCE_BREAK_RE = re.compile(r"[.!?;\n]")
_SENTENCE_END_RE = re.compile(r"[.!?\n]")
_LONGEST_SENTENCE = 400


def _declared_in_text(text: str, lowered: str) -> set[str]:
    """Names the text itself declares as pseudonyms ("Joan (not her real name)"). Only the
    name bound to a cue counts: "Adult C (a pseudonym) lived with her son Dean" declares
    nothing about Dean."""
    if not any(key in lowered for key in _DECLARATION_KEYS):
        return set()
    declared: set[str] = set()
    for cue in _DECLARATION_RE.finditer(lowered):
        declared |= _bound_name(text, cue.start(), backwards=True)
        declared |= _bound_name(text, cue.end(), backwards=False)
    done = 0
    for cue in _DOCUMENT_RE.finditer(lowered):
        if cue.start() < done:
            continue  # this sentence has been read already
        start, end = _sentence_at(lowered, cue.start())
        done = end
        # "In this review, her son Dean was known to police": only a name AFTER the naming
        # verb ("known as Kelly", "referred to as Sam") is declared.
        for verb in _NAMING_VERB_RE.finditer(lowered, start, end):
            declared |= _bound_name(text, verb.end(), backwards=False)
    return declared


def _bound_name(text: str, at: int, *, backwards: bool) -> set[str]:
    """The first run of capitalised words next to a cue, skipping only filler words."""
    if backwards:
        window_start = max(0, at - _WINDOW)
        tokens = list(_TOKEN_RE.finditer(text, window_start, at))[::-1]
    else:
        tokens = list(_TOKEN_RE.finditer(text, at, min(len(text), at + _WINDOW)))
    name: set[str] = set()
    edge = at
    for token in tokens:
        gap = text[token.end() : edge] if backwards else text[edge : token.start()]
        if _SENTENCE_BREAK_RE.search(gap):
            break
        edge = token.start() if backwards else token.end()
        word = token.group()
        folded = _fold(word)
        if (
            _style(word) == "title"
            and _class(folded) != _STOP
            and folded not in _TITLE_SET
            and folded not in _FILLER
        ):
            name.add(folded)
        elif name or folded not in _FILLER:
            break
    return name


def _sentence_at(text: str, at: int) -> tuple[int, int]:
    """The sentence around a position, looked for no further than a long sentence
    reaches, so a text with many cues and few full stops still scans in linear time."""
    window = max(0, at - _LONGEST_SENTENCE)
    start = max(text.rfind(mark, window, at) for mark in ".!?\n") + 1 or window
    end = _SENTENCE_END_RE.search(text, at, at + _LONGEST_SENTENCE)
    return max(start, window), end.start() if end else min(len(text), at + _LONGEST_SENTENCE)


# --- Public interface --------------------------------------------------------------------


def find(text: str) -> list[Finding]:
    lowered = _lowered(text)
    unique = {
        (f.start, f.end): f
        for f in _titled(text)
        + _cued(text, lowered)
        + _untitled(text)
        + _case_note_forms(text)
        + _with_initials(text)
    }
    findings = list(unique.values())
    declared = _declared_in_text(text, lowered) if findings else set()
    if declared:
        findings = [f for f in findings if not _only_declared(f.text, declared)]
    return findings


def _only_declared(name: str, declared: set[str]) -> bool:
    """Whether a name is made only of declared words (titles aside) and is not itself a
    real-looking full name, which a pseudonym must never be."""
    words = {_fold(w.strip(".,;:'\"\u2018\u2019\u201c\u201d")) for w in name.split()}
    words -= _TITLE_SET
    return bool(words) and words <= declared and not looks_like_full_name(name)


def looks_like_full_name(name: str) -> bool:
    """Whether a declared pseudonym reads as someone's real given name and surname
    ("Margaret Holroyd"), rather than initials, a label or a first name alone."""
    tokens = [t for t in _TOKEN_RE.finditer(name or "")]
    while tokens and _fold(tokens[0].group()) in _TITLE_SET:
        tokens.pop(0)
    if len(tokens) < 2:
        return False
    folded = [_fold(t.group()) for t in tokens]
    # A given name and a surname that are both English words ("John Smith", "David
    # Green") still read as a real person's name in a pseudonym field.
    if len(folded) == 2 and _is_given_and_surname(*folded):
        return True
    if any(len(w) < 2 or _class(w) in (_STOP, _ORDINARY) for w in folded if w not in _PARTICLES):
        return False
    return _is_name([t.group() for t in tokens], strict=False)


def drop_declared(findings: list[Finding], declared_names: Iterable[str]) -> list[Finding]:
    """Leave out person names made only of words from ONE declared name (titles aside):
    declaring "Joan" and "Smith" separately does not let "Joan Smith" through."""
    declared = [{_fold(word) for word in _WORD_RE.findall(name or "")} for name in declared_names]
    declared = [words for words in declared if words]
    if not declared:
        return findings
    kept = []
    for finding in findings:
        words = {_fold(w.strip(".,;:'\"\u2018\u2019\u201c\u201d")) for w in finding.text.split()}
        words -= _TITLE_SET
        if finding.kind is Kind.PERSON_NAME and any(words <= name for name in declared):
            continue
        kept.append(finding)
    return kept
