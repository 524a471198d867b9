"""Counts written out for people: "1 item", "3 items"."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str) -> str:
    """``count`` followed by the noun in the right number."""
    return f"{count} {singular if count == 1 else plural}"
