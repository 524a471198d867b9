"""Whether a reason someone gives for a consequential step (overriding the anonymisation
check, erasing a person) says something: a reason is kept for audit and read by others,
so "ok" or "yes yes yes yes yes yes" will not do. Each form words its own messages."""

from __future__ import annotations

import re
from enum import StrEnum

MIN_REASON_WORDS = 6
MIN_REASON_CHARACTERS = 30
MIN_DISTINCT_REASON_WORDS = 5
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


class ReasonProblem(StrEnum):
    MISSING = "required"
    TOO_SHORT = "too_short"
    REPETITIVE = "repetitive"


def tidy_reason(reason: str | None) -> str:
    return " ".join((reason or "").split())


def reason_problem(reason: str) -> ReasonProblem | None:
    """What is wrong with a (tidied) reason, or None if it is at least a real sentence."""
    if not reason:
        return ReasonProblem.MISSING
    words = _WORD.findall(reason)
    if len(words) < MIN_REASON_WORDS or len(reason) < MIN_REASON_CHARACTERS:
        return ReasonProblem.TOO_SHORT
    if len({word.lower() for word in words}) < MIN_DISTINCT_REASON_WORDS:
        return ReasonProblem.REPETITIVE
    return None
