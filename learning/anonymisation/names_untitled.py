"""Person names with no cue: untitled full names in any case ("Joan Smith",
"joan smith", "JOAN SMITH") and case-note forms ("SMITH, Joan", "the D'Souza family").
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from learning.anonymisation.kinds import Finding, Kind
from learning.anonymisation.names_cued import (
    _followed_by_suffix,
    _is_public,
)
from learning.anonymisation.names_lists import (
    _AMBIGUOUS,
    _CAPS_FIRST,
    _CAPS_WORD,
    _KNOWN,
    _LOWER,
    _NAME_WORD,
    _ORDINARY,
    _PARTICLES,
    _RELATIVE_WORDS,
    _STOP,
    _TITLE_SET,
    _TOKEN_RE,
    _UNKNOWN,
    _UPPER,
    _class,
    _finding,
    _fold,
    _lexicon,
    _lowered,
    _words,
)

# --- Untitled full names -----------------------------------------------------------------

_CASE_LAW_RE = re.compile(r"[ ]+v\.?[ ]+")


def _style(token: str) -> str:
    if token.islower():
        return "lower"
    if token.isupper():
        return "caps" if len(token) > 1 else ""
    return "title" if token[0].isupper() else ""


def _runs(text: str) -> list[list[re.Match]]:
    """Runs of words of one case style separated only by spaces, ending at a possessive."""
    runs: list[list[re.Match]] = []
    current: list[re.Match] = []
    style = ""
    for token in _TOKEN_RE.finditer(text):
        word = token.group()
        word_style = _style(word)
        if word.lower() in _PARTICLES and current:
            word_style = style
        joined = current and word_style == style and text[current[-1].end() : token.start()]
        if joined and joined.strip(" ") == "" and not _possessive(current[-1].group()):
            current.append(token)
            continue
        if len(current) > 1:
            runs.append(current)
        current, style = ([token], word_style) if word_style else ([], "")
    if len(current) > 1:
        runs.append(current)
    return runs


def _possessive(word: str) -> bool:
    return word.endswith(("'s", "\u2019s"))


# Two or more capitalised words in a row: the only places a capitalised name can be.
_PARTICLE_ALTERNATIVES = "|".join(sorted(_PARTICLES))
_CAPITAL_WORD = rf"[{_UPPER}][^\W\d_]*(?:['\u2019-][^\W\d_]+)*"
# It starts only where a word starts: starting again inside "O'O'O'..." or "Xx-Xx-..."
# re-reads the rest of the chain from every capital, which is quadratic.
_CAPITAL_RUN_RE = re.compile(
    rf"(?=[{_UPPER}])(?<![\w-])(?<!\w['\u2019]){_CAPITAL_WORD}"
    rf"(?:[ ]+(?:(?:{_PARTICLE_ALTERNATIVES})[ ]+)?{_CAPITAL_WORD})+"
)
_LOWER_WORD_RE = re.compile(rf"[{_LOWER}]+(?:['\u2019-][{_LOWER}]+)*")
_PREVIOUS_WORD_RE = re.compile(rf"(?<![\w'\u2019-])([{_LOWER}'\u2019-]+)[ ]+$")
_NEXT_LOWER_RE = re.compile(rf"[ ]+([{_LOWER}]+(?:['\u2019-][{_LOWER}]+)*)(?![\w'\u2019-])")


@cache
def _known_lower() -> frozenset[str]:
    """Gazetteer names that are not English words: the anchors of lower-case names."""
    lex = _lexicon()
    return (
        frozenset(w for w in lex.given | lex.surnames if len(w) > 2 and w not in lex.ordinary)
        - lex.stop
    )


_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;\n(\"'\u201c\u2018][ ]*)$")


def _untitled(text: str) -> list[Finding]:
    findings = []
    for capitals in _CAPITAL_RUN_RE.finditer(text):
        for run in _runs(capitals.group()):
            strict = _style(run[0].group()) != "title"
            for segment in _segments(run, strict=strict):
                start = capitals.start() + segment[0].start()
                end = capitals.start() + segment[-1].end()
                words = [t.group() for t in segment]
                opens = _SENTENCE_START_RE.search(text, max(0, start - 4), start)
                # Two gazetteer names that are not English words, in capitals.
                shouted = strict and all(_class(_fold(w)) == _KNOWN for w in words)
                if _is_name(
                    words, strict=strict, opens_sentence=bool(opens)
                ) and _plausible_context(text, start, end, shouted=shouted):
                    findings.append(Finding(Kind.PERSON_NAME, text[start:end], start, end))
            # In capitals too ("ASK JOHN SMITH WHAT HE WANTED"): a gazetteer given name
            # then a gazetteer surname, neither a curated non-name word.
            if _style(run[0].group()) != "lower":
                findings += _given_and_surname(text, capitals.start(), run, caps=strict)
    findings += _lower_case(text)
    return findings


# Given names that are far more often ordinary words or places than names, so they never
# open a "Given Surname" pair on their own ("Will Power", "May Hill", "Victoria Park").
_WORDLIKE_GIVEN = _words(
    """
    will may grace hope rose bill pat joy faith sue victoria florence april june august
    summer dawn holly ivy lily daisy sunny chance chase guy ray rich art sterling
    """
)
# Common surnames the stop list keeps out of names because they are also place words;
# after a given name they are surnames ("Margaret Hall", "David Green").
_PLACE_WORD_SURNAMES = _words(
    """
    green hall hill ward wood young brook field
    """
)


def _is_given_and_surname(given: str, surname: str) -> bool:
    """Whether two folded words read as a given name then a surname, whatever else
    they mean as English words."""
    lex = _lexicon()
    return (
        given in lex.given
        and given not in _WORDLIKE_GIVEN
        and _class(given) != _STOP
        and surname in lex.surnames
        and (_class(surname) != _STOP or surname in _PLACE_WORD_SURNAMES)
        and f"{given} {surname}" not in lex.phrases
    )


def _given_and_surname(
    text: str, offset: int, run: list[re.Match], *, caps: bool = False
) -> list[Finding]:
    """A capitalised given name then a capitalised surname is a name even when both are
    English words ("John Smith", "Mark Brown"), which the general rule leaves out. In
    capitals, where every word is capitalised, only the pairs trusted in lower case
    count ("JOHN SMITH", not "MADE MORE")."""
    findings = []
    for first, second in pairwise(run):
        given, surname = _fold(first.group()), _fold(second.group())
        if _possessive(first.group()) or not _is_given_and_surname(given, surname):
            continue
        if caps and not (given in _lower_anchors() and _given_then_surname(given, surname)):
            continue
        start, end = offset + first.start(), offset + second.end()
        if _plausible_context(text, start, end, shouted=caps):
            findings.append(Finding(Kind.PERSON_NAME, text[start:end], start, end))
    return findings


def _lower_case(text: str) -> list[Finding]:
    """Names typed in lower case ("joan smith"), anchored on a gazetteer name that is not
    also an English word, so ordinary prose costs one pass and a set look-up a word."""
    anchors = _lower_anchors()
    findings = []
    for hit in _LOWER_TOKEN_RE.finditer(text):
        if hit.group() not in anchors:
            continue
        anchor, start, end = hit.group(), hit.start(), hit.end()
        previous = _PREVIOUS_WORD_RE.search(text, max(0, start - 30), start)
        following = _NEXT_LOWER_RE.match(text, end)
        if previous and _is_name([previous.group(1), anchor], strict=True):
            first, last = previous.start(1), end
        elif following and (
            _is_name([anchor, following.group(1)], strict=True)
            or _given_then_surname(anchor, following.group(1))
        ):
            first, last = start, following.end(1)
        else:
            continue
        if _plausible_context(text, first, last):
            findings.append(Finding(Kind.PERSON_NAME, text[first:last], first, last))
    return findings


_LOWER_TOKEN_RE = re.compile(
    rf"(?<![\w'\u2019-])[{_LOWER}]+(?:['\u2019-][{_LOWER}]+)*(?![\w'\u2019-])"
)


@cache
def _lower_anchors() -> frozenset[str]:
    return _known_lower() | _LOWER_GIVEN_WORDS


# Given names that are also English words but in lower-case prose are almost always a
# name ("john smith", "mark brown").
_LOWER_GIVEN_WORDS = _words(
    """
    john mark peter
    """
)


def _given_then_surname(given: str, surname: str) -> bool:
    """A lower-case given name then a surname the gazetteer knows, or one of the common
    surnames that are also English words ("david green", "john smith")."""
    return (
        _is_given_and_surname(given, surname)
        and surname not in _lexicon().shorthand
        and (_class(surname) == _KNOWN or surname in _WORD_SURNAMES)
    )


# Common British surnames that are also English words. In lower case only these are
# trusted after a given name: "peter said" is prose, "peter walker" a name.
_WORD_SURNAMES = _PLACE_WORD_SURNAMES | _words(
    """
    smith brown taylor walker white green wright cook cooper baker turner king wood
    clarke clark hughes hall hill ward young bell mason marsh fox rose shaw webb carter
    parker fisher hunter butler cole may mills lane porter price stone
    """
)


def _segments(run: list[re.Match], *, strict: bool) -> list[list[re.Match]]:
    """Split a run at words that cannot be part of a name. In lower case or capitals
    every pair of neighbouring words is a candidate, since the whole sentence is one run."""
    segments: list[list[re.Match]] = []
    current: list[re.Match] = []
    for token in run:
        folded = _fold(token.group())
        # Relationships open case-note lines ("Son Darren Smith aware"), not names.
        if (
            len(folded) < 2
            or _class(folded) in (_STOP, _ORDINARY)
            or folded in _TITLE_SET
            or folded in _RELATIVE_WORDS
        ):
            if folded in _PARTICLES and current:
                current.append(token)
                continue
            segments.append(current)
            current = []
        else:
            current.append(token)
    segments.append(current)
    if not strict:
        return [s for s in segments if 2 <= _count(s) <= 4]
    pairs = []
    for segment in segments:
        index = 0
        while index < len(segment) - 1:
            end = index + 2
            # A third word joins only if the gazetteer knows it ("rajinder singh bhatti").
            while end < len(segment) and _class(_fold(segment[end].group())) == _KNOWN:
                end += 1
            pairs.append(segment[index:end])
            index = end
    return pairs


def _count(segment: list[re.Match]) -> int:
    return sum(1 for token in segment if token.group().lower() not in _PARTICLES)


def _is_name(segment: list[str], *, strict: bool, opens_sentence: bool = False) -> bool:
    words = [_fold(word) for word in segment if word.lower() not in _PARTICLES]
    if len(words) < 2 or segment[0].lower() in _PARTICLES:
        return False
    classes = [_class(word) for word in words]
    in_gazetteer = sum(c in (_KNOWN, _AMBIGUOUS) for c in classes)
    if classes.count(_AMBIGUOUS) == len(classes):
        return False
    if in_gazetteer == 0 and (
        strict or opens_sentence or len(words) != 2 or min(map(len, words)) < 4
    ):
        # Two capitalised words mid-sentence that are neither English words nor in the
        # gazetteer are still most likely a name ("Hodan Warsame"); at the start of a
        # sentence the first may be an unusual word ("Undiagnosed Cushing's").
        return False
    if strict:
        # Lower case and capitals give no clue, so every word must be able to be a name.
        if _STOP in classes or _ORDINARY in classes or _lexicon().shorthand.intersection(words):
            return False
        # Without capitals to go on, insist on a name word that is not also an English
        # word, and distrust short unknown words (abbreviations such as "appt", "tbc").
        if _KNOWN not in classes:
            return False
        if any(c == _UNKNOWN and len(w) < 4 for c, w in zip(classes, words, strict=True)):
            return False
        if any(len(w) < 3 and c != _KNOWN for c, w in zip(classes, words, strict=True)):
            return False
    return " ".join(words) not in _lexicon().phrases


def _plausible_context(text: str, start: int, end: int, *, shouted: bool = False) -> bool:
    """Not a place ("St George's"), organisation, reported case or public figure."""
    before = text[max(0, start - 8) : start].lower()
    if re.search(r"\b(?:st\.?|saint)[ ]+$", before):
        return False
    if _CASE_LAW_RE.match(text, end) or re.search(r"[ ]v\.?[ ]+$", before):
        return False
    if _followed_by_suffix(text, end, shouted=shouted) or _is_public(text, start, end):
        return False
    # "Smith et al" cites authors. A year in brackets does not make a full name a
    # citation ("SAR: Joan Smith (2022)", "Joan Smith (1941-2022)"); cited authors are
    # written by surname alone, which this finder never reports, or are public figures.
    return not re.match(r"[ ]+et[ ]+al\b", text[end : end + 12])


# --- Case-note forms ----------------------------------------------------------------------

# Case notes file people as "SMITH, Joan" or "SMITH, JOAN" at the start of a line or
# entry, and write of "the D'Souza family".
# The name is found first (a capital fails fast) and what opens the entry checked after.
_FILED_NAME_RE = re.compile(
    rf"(?=[{_UPPER}])\b(?P<surname>{_CAPS_FIRST}),[ ]*(?P<given>{_NAME_WORD}|{_CAPS_WORD})\b"
)
_ENTRY_START_RE = re.compile(
    r"(?:^|\n)[ \t]*(?:[-\u2013\u2014*\u2022][ ]*)?$|[ ][-\u2013\u2014][ ]+$"
)
_FAMILY_WORD_RE = re.compile(r"\b(?:famil(?:y|ies)|household)\b")
_NAME_BEFORE_RE = re.compile(rf"(?<![\w'\u2019-])(?:{_NAME_WORD}|{_CAPS_FIRST})(?=[ ]+$)")


def _case_note_forms(text: str) -> list[Finding]:
    findings = []
    for match in _FILED_NAME_RE.finditer(text):
        if not _ENTRY_START_RE.search(text, max(0, match.start() - 12), match.start()):
            continue
        words = [_fold(match.group("surname")), _fold(match.group("given"))]
        classes = [_class(word) for word in words]
        if (
            _STOP not in classes
            and _ORDINARY not in classes
            and (_KNOWN in classes or _AMBIGUOUS in classes)
            and not _lexicon().shorthand.intersection(words)
        ):
            findings.append(_finding(text, match.start(), match.end()))
    for family in _FAMILY_WORD_RE.finditer(_lowered(text)):
        match = _NAME_BEFORE_RE.search(text, max(0, family.start() - 40), family.start())
        if not match:
            continue
        folded = _fold(match.group())
        # A surname the gazetteer knows, or one shaped like a surname (D'Souza,
        # Smith-Jones); words that are also English ("Foster", "Royal") are left alone.
        shaped = bool(re.search(r"[-'\u2019]", folded)) and _class(folded) != _ORDINARY
        if (
            (shaped or _class(folded) == _KNOWN)
            and folded not in _lexicon().shorthand
            and not _is_public(text, *match.span())
        ):
            findings.append(_finding(text, *match.span()))
    return findings
