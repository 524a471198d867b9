"""Optional structures for a reflective entry. Choosing one starts the Markdown body
with the structure's headings; the prompts under each heading are shown beside the
text box as guidance rather than written into the entry."""

from __future__ import annotations

from dataclasses import dataclass

from learning.models import EntryStructure


@dataclass(frozen=True)
class Heading:
    title: str
    prompt: str


STRUCTURES: dict[str, tuple[Heading, ...]] = {
    EntryStructure.GIBBS: (
        Heading("Description", "What happened? Who was involved and what was your part?"),
        Heading("Feelings", "What were you thinking and feeling at the time, and since?"),
        Heading("Evaluation", "What went well, and what went less well?"),
        Heading(
            "Analysis",
            "Why did things turn out as they did? What do the six principles, the law or "
            "what you have read help you understand?",
        ),
        Heading("Conclusion", "What else could you, or others, have done?"),
        Heading(
            "Action plan",
            "What will you do differently next time, and what do you still need to learn?",
        ),
    ),
    EntryStructure.WHAT_SO_WHAT: (
        Heading("What?", "Describe the situation: what happened and what you did."),
        Heading(
            "So what?",
            "What does it mean? What did you learn about the person, yourself and your practice?",
        ),
        Heading("Now what?", "What will you do next, and how will you know it made a difference?"),
    ),
}


def headings_for(structure: str) -> tuple[Heading, ...]:
    """The structure's headings; none for free writing or an unknown structure."""
    return STRUCTURES.get(structure, ())


def starting_text(structure: str) -> str:
    """The Markdown an entry in this structure starts from: one top-level heading per
    part, each followed by a blank line to write in. "" for free writing."""
    return "".join(f"# {heading.title}\n\n\n" for heading in headings_for(structure))
