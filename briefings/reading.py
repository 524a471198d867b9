"""How long a briefing takes to read, for the editor writing it and the reader choosing
it. A seven-minute briefing that takes twenty minutes to read has lost its point, and
past about 1,200 words it no longer prints on two sheets of A4."""

from __future__ import annotations

import math
from dataclasses import dataclass

from learning.publishing_guard.texts import html_to_text

# A steady reading pace for workplace prose, slower than skimming.
WORDS_PER_MINUTE = 200
# Past this, editors are warned: the briefing is unlikely to be read in seven minutes
# or to fit one or two printed pages.
WORD_LIMIT = 1200


@dataclass(frozen=True)
class ReadingLength:
    words: int
    minutes: int
    # The CPD minutes the page credits, for reading and reflecting: reading alone should
    # take less, or the reader is credited less time than the page takes.
    cpd_minutes: int = 0

    @property
    def too_long(self) -> bool:
        return self.words > WORD_LIMIT

    @property
    def longer_than_cpd(self) -> bool:
        """Reading alone takes longer than the CPD minutes the page credits."""
        return bool(self.cpd_minutes) and self.minutes > self.cpd_minutes

    @property
    def words_display(self) -> str:
        return f"{self.words:,}"

    @property
    def limit_display(self) -> str:
        return f"{WORD_LIMIT:,}"


def count_words(text: str) -> int:
    return len(text.split())


def briefing_texts(page) -> list[str]:
    """What a reader reads: the summary, each section's heading and body, and the
    reflective questions (the parts that are printed)."""
    texts = [page.summary or ""]
    for section in page.sections:
        texts.append(section.value.heading_text())
        body = section.value.get("body")
        texts.append(html_to_text(body.source if body is not None else ""))
    texts.extend(question["text"] for question in page.reflective_question_items())
    return texts


def reading_length(page) -> ReadingLength:
    """Word count and reading time (whole minutes, rounded up) of a briefing page,
    saved or not, beside the CPD minutes it credits."""
    words = sum(count_words(text) for text in briefing_texts(page))
    return ReadingLength(
        words=words,
        minutes=math.ceil(words / WORDS_PER_MINUTE),
        cpd_minutes=page.cpd_minutes or 0,
    )
