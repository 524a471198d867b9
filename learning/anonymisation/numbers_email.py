"""Email addresses, as written ("joan.s@example.org") and as people disguise them to get
past filters: "joan [at] example [dot] org", "joan(at)example.org", "joan @ example.org",
and, after a word about email, "joan at example dot org"."""

from __future__ import annotations

import re

from learning.anonymisation.kinds import Finding, Kind
from learning.anonymisation.numbers_cues import lowered, words

_EMAIL_RE = re.compile(r"@(?=[A-Za-z0-9-]+\.)")
_EMAIL_LOCAL_RE = re.compile(r"[\w.+%-]+$")
_EMAIL_DOMAIN_RE = re.compile(r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}\b")
_EMAIL_PARTS_RE = re.compile(r"[._+-]|[ ]*[\[({<]?[ ]*\b(?i:dot)\b[ ]*[\])}>]?[ ]*")

# A disguised "@" or ".": the word in brackets, or an "@" with spaces round it. The plain
# word "at" is taken only after a word about email, since prose is full of it. Each scan
# starts on a rare character or a cue, so ordinary prose is passed over quickly.
_BRACKETED_AT_RE = re.compile(r"[ ]*[\[({<][ ]*(?i:at)[ ]*[\])}>][ ]*|[ ]*@[ ]*")
_PLAIN_AT_RE = re.compile(r"[ ]+(?i:at)[ ]+")
_BRACKET_OR_AT_RE = re.compile(r"[\[({<@]")
_DOT = r"(?:[ ]*[\[({<][ ]*(?i:dot)[ ]*[\])}>][ ]*|[ ]+(?i:dot)[ ]+|\.)"
_DISGUISED_DOT_RE = re.compile(r"[ \[({<]")
_DISGUISED_LOCAL_RE = re.compile(rf"(?:[\w+%-]+{_DOT})*[\w+%-]+$")
_DISGUISED_DOMAIN_RE = re.compile(rf"(?:[A-Za-z0-9-]+{_DOT})+(?P<tld>[A-Za-z]{{2,6}})\b")
# Endings an address really has: after a plain "at", "home dot" and the like are prose.
_MAIL_ENDINGS = frozenset(
    [
        "com",
        "org",
        "net",
        "uk",
        "gov",
        "nhs",
        "ac",
        "co",
        "io",
        "info",
        "me",
        "edu",
        "biz",
        "email",
        "mail",
        "police",
        "sch",
    ]
)
_EMAIL_CUE_RE = re.compile(r"(?:e-?mail(?:s|ed|ing)?|inbox|mailbox)\b", re.IGNORECASE)
# Found with str.find first, which outpaces a regex over prose.
_EMAIL_CUE_WORDS = ("mail", "inbox")
# A plain "at" after a pronoun is "email him at work", not an address.
_NOT_A_MAILBOX = frozenset(
    [
        "i",
        "me",
        "you",
        "him",
        "her",
        "us",
        "them",
        "it",
        "we",
        "they",
        "he",
        "she",
        "someone",
        "anyone",
        "everyone",
        "people",
    ]
)
_SENTENCE_END_RE = re.compile(r"[.!?;\n](?:\s|$)")


def _shared_mailbox(local: str) -> bool:
    """Whether an address names a role, not a person ("safeguarding.adults@", "info@"):
    every part of it is a role word and it has no digits. A board's published contact
    address would otherwise be a strong finding no editor could keep."""
    roles = set(words("numbers_email_roles"))
    parts = [part for part in _EMAIL_PARTS_RE.split(local.lower()) if part]
    return bool(parts) and all(part in roles for part in parts)


def _plain(text: str) -> list[Finding]:
    findings = []
    for at in _EMAIL_RE.finditer(text):
        local = _EMAIL_LOCAL_RE.search(text, max(0, at.start() - 64), at.start())
        domain = _EMAIL_DOMAIN_RE.match(text, at.end())
        if not local or not domain or (local.start() > 0 and text[local.start() - 1] in "+-"):
            continue
        if not _shared_mailbox(local.group()):
            start, end = local.start(), domain.end()
            findings.append(Finding(Kind.EMAIL, text[start:end], start, end))
    return findings


def _occurrences(low: str, word: str) -> list[int]:
    found, at = [], low.find(word)
    while at != -1:
        found.append(at)
        at = low.find(word, at + len(word))
    return found


def _cue_start(text: str, index: int) -> int | None:
    """Where the word holding "mail" at ``index`` starts, if it can be a cue: only "e" or
    "e-" may come before it ("email", "e-mail"). Looking back two characters at most keeps
    a long run of letters from being walked once per occurrence."""
    if text[max(0, index - 2) : index].lower() == "e-":
        index -= 2
    elif index > 0 and text[index - 1] in "eE":
        index -= 1
    if index > 0 and (text[index - 1].isalnum() or text[index - 1] == "-"):
        return None
    return index


def _disguised_ats(text: str) -> list[tuple[re.Match, bool]]:
    """Each disguised "@", and whether it is the plain word "at"."""
    ats: dict[int, tuple[re.Match, bool]] = {}
    for char in _BRACKET_OR_AT_RE.finditer(text):
        # Spaces before the bracket or "@" belong to the disguise.
        start = char.start()
        while start > 0 and text[start - 1] == " ":
            start -= 1
        at = _BRACKETED_AT_RE.match(text, start)
        if at:
            ats.setdefault(at.start(), (at, False))
    low = lowered(text)
    cues = [
        cue
        for word in _EMAIL_CUE_WORDS
        for at in _occurrences(low, word)
        if (start := _cue_start(text, at)) is not None and (cue := _EMAIL_CUE_RE.match(text, start))
    ]
    for cue in cues:
        sentence = _SENTENCE_END_RE.search(text, cue.end(), cue.end() + 80)
        stop = sentence.start() if sentence else min(len(text), cue.end() + 80)
        for at in _PLAIN_AT_RE.finditer(text, cue.end(), stop):
            ats.setdefault(at.start(), (at, True))
    return list(ats.values())


def _disguised(text: str) -> list[Finding]:
    findings = []
    for at, plain in _disguised_ats(text):
        # The domain is checked first: it is a cheap match from a fixed place, while the
        # part before the "@" is searched for in a window behind it.
        domain = _DISGUISED_DOMAIN_RE.match(text, at.end())
        if not domain or domain.group().lower().startswith("www"):
            continue
        if at.group() == "@" and not _DISGUISED_DOT_RE.search(domain.group()):
            continue  # a plain address, found by _plain
        local = _DISGUISED_LOCAL_RE.search(text, max(0, at.start() - 64), at.start())
        if not local:
            continue
        if plain and (
            domain.group("tld").lower() not in _MAIL_ENDINGS
            or local.group().lower() in _NOT_A_MAILBOX
        ):
            continue
        if not _shared_mailbox(local.group()):
            start, end = local.start(), domain.end()
            findings.append(Finding(Kind.EMAIL, text[start:end], start, end))
    return findings


def find(text: str) -> list[Finding]:
    findings = _plain(text) if "@" in text else []
    return findings + _disguised(text)
