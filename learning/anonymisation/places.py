"""Places that locate a person: postcodes, street addresses, named settings and house names.

Postcodes and numbered addresses have a format. Named places have none, so they are found
by their last word ("Care Home", "Surgery", "Ward", "Cottage", "Avenue") and the
capitalised words before it, or by a cue ("a bungalow called ...", "..., a nursing
home"). A name made only of descriptive words ("the dementia care home", "a Leeds GP
surgery") or of a large place is a kind of setting, not a place, and passes.

Cannot check: a place named by one invented word with no cue ("she lived at Greystones"),
a town or village on its own (only beside an exact age, see ``quasi``), or a setting
described so that locals would know it without its name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from learning.anonymisation.kinds import Finding, Kind
from learning.anonymisation.places_addresses import address_findings, postcode_findings
from learning.anonymisation.places_named import cued_findings, setting_findings
from learning.anonymisation.places_words import is_large_place, lowered, norm, word_list

__all__ = ["find", "is_large_place"]


# --- Text in capitals -----------------------------------------------------------------------
# Forms and letter headings shout ("ST HILDA'S NURSING HOME"). Runs of two or more words in
# capitals are rewritten as "St Hilda's Nursing Home" (same length, so offsets hold) and
# scanned like ordinary text; a lone capitalised word is usually an acronym (NHS, GP).
# Each pattern may start only where a run of capitals, apostrophes and hyphens starts, so a
# long run ("O'O'O'...") is walked once rather than once from each of its letters.
_RUN_START = r"(?<![\w'\u2019-])"
_CAPS_WORD = r"[A-Z][A-Z'\u2019]*[A-Z](?:-[A-Z][A-Z'\u2019]*)*"
_CAPS_RUN_RE = re.compile(
    rf"{_RUN_START}{_CAPS_WORD}(?:[ ]+(?:{_CAPS_WORD}|[A-Z]\b))*[ ]+{_CAPS_WORD}\b"
)
# A cheap test run first: most text has no shouting at all.
_CAPS_PAIR_RE = re.compile(rf"{_RUN_START}[A-Z][A-Z'\u2019]*[A-Z][ ]+[A-Z][A-Z]")


def _title_case_shouting(text: str) -> str:
    if not _CAPS_PAIR_RE.search(text):
        return text

    def soften(match: re.Match[str]) -> str:
        run = match.group()
        return "".join(
            char if i == 0 or run[i - 1] in " -" else char.lower() for i, char in enumerate(run)
        )

    return _CAPS_RUN_RE.sub(soften, text)


def _is_public_setting(finding: Finding) -> bool:
    """A setting a national inquiry has already named ("Whorlton Hall")."""
    return " ".join(norm(word) for word in finding.text.split()) in word_list(
        "places_public_settings.txt"
    )


def _without_places_inside_addresses(findings: list[Finding]) -> list[Finding]:
    """Drop "Wharfside Cottages" when "2 Wharfside Cottages" is found: the numbered address
    is the strong finding, and an overridable place inside it would only confuse."""
    addresses = sorted((f.start, f.end) for f in findings if f.kind is Kind.STREET_ADDRESS)
    if not addresses:
        return findings
    starts = [start for start, _end in addresses]
    # The furthest any address reaches among those starting at or before each one.
    reach = list(accumulate((end for _start, end in addresses), max))

    def inside(finding: Finding) -> bool:
        i = bisect_right(starts, finding.start) - 1
        return i >= 0 and reach[i] >= finding.end

    return [f for f in findings if f.kind is not Kind.PLACE or not inside(f)]


def find(text: str) -> list[Finding]:
    scanned = _title_case_shouting(text)
    lower = lowered(scanned)
    findings = (
        postcode_findings(text)
        + address_findings(scanned)
        + setting_findings(scanned, lower)
        + cued_findings(scanned, lower)
    )
    findings = _without_places_inside_addresses([f for f in findings if not _is_public_setting(f)])
    if scanned is text:
        return findings
    # Report what the editor wrote, not the softened copy.
    return [Finding(f.kind, text[f.start : f.end], f.start, f.end, f.suggestion) for f in findings]
