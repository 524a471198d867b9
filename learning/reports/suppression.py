"""Small numbers: no report, chart or export shows a group of fewer than five people,
nor a number from which one could be worked out by subtraction.

Two rules, applied to each set of sibling rows (the teams of one organisation, the
organisations of the partnership) before anything is shown:

1. Primary: a row whose group has 1 to 4 people is suppressed whole (all its figures
   read "fewer than 5"), and any count of 1 to 4 people in a shown row is suppressed.
2. Secondary: where a total of the siblings is shown (a total row, or the organisation
   whose teams the rows are), the suppressed rows together could be recovered as the
   total minus the others, so more rows are suppressed, smallest first, until those
   suppressed hold no one or at least five people between them (`protect_column`); and
   the same for each count column.

Sibling rows are the ones that add up to a figure shown elsewhere: a report with teams
suppresses each organisation's teams as one set, against that organisation's figures.
What this does not hide: the difference between a group's size and a count in it
(20 people, 18 complete says 2 are not); figures that are shares of a shown group are
published as such, and no names go with them.

A suppressed figure is `SUPPRESSED`, which every template, chart and export renders as
"fewer than 5", and which percentages and sums treat as unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

SMALL_GROUP = 5
SUPPRESSED_TEXT = f"fewer than {SMALL_GROUP}"


class _Suppressed:
    """A figure withheld because it describes fewer than five people."""

    _instance: _Suppressed | None = None

    def __new__(cls) -> _Suppressed:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __str__(self) -> str:
        return SUPPRESSED_TEXT

    def __repr__(self) -> str:
        return "SUPPRESSED"

    def __bool__(self) -> bool:
        return False


SUPPRESSED = _Suppressed()


def is_suppressed(value: Any) -> bool:
    return value is SUPPRESSED


def is_small(count: int | None) -> bool:
    """A count of people small enough to identify them: 1 to 4 (0 says nobody did)."""
    return count is not None and 0 < count < SMALL_GROUP


def suppress_count(count: int | None) -> int | _Suppressed | None:
    return SUPPRESSED if is_small(count) else count


def suppress_rows(
    rows: Sequence[dict],
    *,
    size_key: str,
    count_keys: Iterable[str] = (),
    figure_keys: Iterable[str] = (),
    has_total: bool = True,
) -> list[dict]:
    """Sibling rows with small groups suppressed (see the module docstring).

    `size_key` holds each row's number of people; `count_keys` hold counts of people
    (suppressed when 1 to 4); `figure_keys` hold figures derived from the group, such as
    a percentage, suppressed along with a suppressed row. Rows are dicts; new dicts are
    returned, each with `suppressed` True or False."""
    count_keys, figure_keys = tuple(count_keys), tuple(figure_keys)
    result = [dict(row, suppressed=is_small(row[size_key])) for row in rows]
    if has_total:
        marked = [dict(row) for row in result]
        for row in marked:
            if row["suppressed"]:
                row[size_key] = SUPPRESSED
        protect_column(marked, rows, key=size_key, hide=(size_key,))
        for row, protected in zip(result, marked, strict=True):
            row["suppressed"] = is_suppressed(protected[size_key])
    for row in result:
        if row["suppressed"]:
            for key in (size_key, *count_keys, *figure_keys):
                row[key] = SUPPRESSED
        else:
            for key in count_keys:
                row[key] = suppress_count(row[key])
    if has_total:
        # Each count column is summed somewhere too (a total row, the organisation the
        # rows are teams of), so its withheld cells must not be recoverable either.
        for key in count_keys:
            protect_column(result, rows, key=key, hide=(key,))
    return result


def protect_column(
    rows: list[dict], raw: Sequence[dict], *, key: str, hide: tuple[str, ...]
) -> bool:
    """Withhold more of column `key` in `rows` (already through suppress_rows; `raw`
    holds the same rows' true figures, in the same order) until the withheld cells
    together hold 0 or at least five people; each further row withheld is the smallest
    non-zero one shown, and loses every column in `hide`. Returns True when nothing is
    left to withhold, so the total of the column must be withheld as well."""
    while True:
        hidden = [index for index, row in enumerate(rows) if is_suppressed(row[key])]
        hidden_sum = sum(raw[index][key] for index in hidden)
        if hidden_sum == 0 or hidden_sum >= SMALL_GROUP:
            return False
        candidates = [
            index
            for index, row in enumerate(rows)
            if not is_suppressed(row[key]) and raw[index][key] > 0
        ]
        if not candidates:
            return True
        smallest = min(candidates, key=lambda index: raw[index][key])
        for name in hide:
            rows[smallest][name] = SUPPRESSED


def percentage(part: Any, whole: Any) -> float | _Suppressed | None:
    """part / whole as a percentage to one decimal place; SUPPRESSED if either is, None
    when there is nobody to count."""
    if is_suppressed(part) or is_suppressed(whole):
        return SUPPRESSED
    if not whole:
        return None
    return round(100 * part / whole, 1)
