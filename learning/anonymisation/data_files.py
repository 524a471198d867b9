"""The detectors' word lists in ``data/``: one entry a line; blank lines and lines
starting with ``#`` (comments) are left out."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def entries(name: str) -> tuple[str, ...]:
    """The entries of ``data/<name>.txt``, each stripped, in file order. Not cached:
    each detector keeps what it builds from them (a set, a pattern) for itself."""
    lines = (DATA / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))
