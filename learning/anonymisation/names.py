"""Person names.

What it checks:
- names after a title: Mr/Mrs/Ms/Miss/Mx/Dr/Prof and the like, police ranks, clinical,
  religious and civic titles (PC, Sergeant, Nurse, Sister, Father, Imam, Rabbi, Councillor,
  Judge...), and family forms of address ("Auntie Joan", "Grandad Ron"), in any case;
- first names after a relationship ("her son Dean", "Adult M's daughter, Kelly"), also
  in case-note voice with no possessive ("Daughter Kelly states", "Neighbour (Bob)",
  "- son Dean aware", "DAUGHTER KELLY AWARE");
- case-note filing forms ("SMITH, Joan" at the start of a line or after a dash) and
  surnames before "family"/"household" ("the D'Souza family");
- nicknames after a cue ("known as 'Tubs'", "nicknamed Bex", "called him Smiler");
- untitled full names ("Joan Smith", "joan smith", "JOAN SMITH"): two to four words, at
  least one of them a given name or surname in the gazetteer (built from Faker's
  per-locale lists, see data/NAMES_SOURCE.md), none an ordinary English word only;
- a pseudonym declared in the text ("Joan (not her real name)", "referred to in this
  review as Sam") is not a finding, unless it looks like a real full name.

Modules: names_lists (word lists, word classes, shared patterns), names_cued (titles,
relationships, nicknames), names_untitled (full names without a cue, case-note forms);
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
)
from learning.anonymisation.names_untitled import (
    _case_note_forms,
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


def _declared_in_text(text: str, lowered: str) -> set[str]:
    """Words the text itself declares as pseudonyms ("Joan (not her real name)")."""
    if not any(key in lowered for key in _DECLARATION_KEYS):
        return set()
    sentences = {_sentence_at(lowered, m.start()) for m in _DECLARATION_RE.finditer(lowered)}
    for cue in _DOCUMENT_RE.finditer(lowered):
        start, end = _sentence_at(lowered, cue.start())
        if _NAMING_VERB_RE.search(lowered, start, end):
            sentences.add((start, end))
    declared: set[str] = set()
    for start, end in sentences:
        for token in _TOKEN_RE.finditer(text, start, end):
            word = token.group()
            if _style(word) == "title" and _class(_fold(word)) != _STOP:
                declared.add(_fold(word))
    return declared


def _sentence_at(text: str, at: int) -> tuple[int, int]:
    start = max(text.rfind(mark, 0, at) for mark in ".!?\n") + 1
    ends = [i for i in (text.find(mark, at) for mark in ".!?\n") if i != -1]
    return start, min(ends, default=len(text))


# --- Public interface --------------------------------------------------------------------


def find(text: str) -> list[Finding]:
    lowered = _lowered(text)
    unique = {
        (f.start, f.end): f
        for f in _titled(text) + _cued(text, lowered) + _untitled(text) + _case_note_forms(text)
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
    if any(len(w) < 2 or _class(w) in (_STOP, _ORDINARY) for w in folded if w not in _PARTICLES):
        return False
    return _is_name([t.group() for t in tokens], strict=False)


def drop_declared(findings: list[Finding], declared_names: Iterable[str]) -> list[Finding]:
    """Leave out person names made only of words from the declared names."""
    declared_words = {
        _fold(word) for name in declared_names for word in _WORD_RE.findall(name or "")
    }
    if not declared_words:
        return findings
    kept = []
    for finding in findings:
        words = {_fold(w.strip(".,;:'\"\u2018\u2019\u201c\u201d")) for w in finding.text.split()}
        if finding.kind is Kind.PERSON_NAME and words - _TITLE_SET <= declared_words:
            continue
        kept.append(finding)
    return kept
