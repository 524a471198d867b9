"""The registry of what holds personal data.

An exporter yields ExportSections: one kind of record (completions, reflective entries),
as rows of plain values. The subject access export writes each section as JSON and as
CSV. An eraser removes a person's free text and identity from one kind of record and
says how much it removed (or, with apply=False, how much it would remove), so the
administrator's confirmation can name what will go.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ExportSection:
    # File name without extension, e.g. "completions".
    name: str
    # What the section holds, in words, for the export's README.
    title: str
    rows: Iterable[dict[str, Any]]


@dataclass(frozen=True)
class ErasureCount:
    # What goes, in words: "reflective entries: their titles and text".
    label: str
    count: int


Exporter = Callable[[Any], Iterable[ExportSection]]
Eraser = Callable[..., list[ErasureCount]]  # (user, *, apply: bool) -> counts

_exporters: dict[str, Exporter] = {}
_erasers: dict[str, Eraser] = {}


def register_exporter(key: str, exporter: Exporter) -> None:
    """Register (or replace, so an app's ready() may run twice) an exporter."""
    _exporters[key] = exporter


def register_eraser(key: str, eraser: Eraser) -> None:
    _erasers[key] = eraser


def exporters() -> list[tuple[str, Exporter]]:
    return sorted(_exporters.items())


def erasers() -> list[tuple[str, Eraser]]:
    return sorted(_erasers.items())
