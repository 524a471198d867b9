"""Small numbers: no report, chart or export shows a group of fewer than five people,
nor a number from which one could be worked out by subtraction.

Three rules, applied to each set of sibling rows (the teams of one organisation, the
organisations of the partnership) before anything is shown:

1. Primary: a row whose group has 1 to 4 people is suppressed whole (all its figures
   read "fewer than 5"), and any count of 1 to 4 people in a shown row is suppressed.
2. Complement: a count in a shown row is a group, and so are the rest of that row's
   people: 20 people of whom 18 completed says 2 did not. A count whose rest is 1 to 4
   people is withheld too, and reads "all but fewer than 5" (so does a share of it).
3. Secondary: where a total of the siblings is shown (a total row, or the organisation
   whose teams the rows are), the withheld rows together could be recovered as the
   total minus the others, so more rows are withheld, smallest first, until those
   withheld hold no one or at least five people between them, and their rests too
   (`protect_column`); the same for each count column.

4. Narrowing: a report narrowed by team, role or registration body could be set beside
   the same report without those filters, and the difference read off as the people
   the filters leave out. Each row is compared with its wider self (`compare_wider`);
   a row where any figure differs by 1 to 4 is withheld whole, and, beside a total,
   more rows until the withheld ones differ by none or at least five between them.

Sibling rows are the ones that add up to a figure shown elsewhere: a report with teams
suppresses each organisation's teams as one set, against that organisation's figures.
Figures that are shares of a shown group are published as such, and no names go with
them.

A withheld figure is SUPPRESSED or NEARLY_ALL, which every template, chart and export
renders by its text (`str(value)`), and which percentages and sums treat as unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

SMALL_GROUP = 5
SUPPRESSED_TEXT = f"fewer than {SMALL_GROUP}"
NARROWED_NOTE = (
    "With a team, role or registration body chosen, a figure that differs by fewer than "
    f"{SMALL_GROUP} people from the same report without that choice is withheld, so that "
    "the people left out cannot be worked out by setting the two side by side."
)


class _Withheld:
    """A figure withheld because it would tell of fewer than five people; its text is
    what every table, chart and export shows in its place."""

    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.name

    def __bool__(self) -> bool:
        return False

    def __copy__(self) -> _Withheld:
        return self

    def __deepcopy__(self, memo: dict) -> _Withheld:
        return self


# A group, or a count, of 1 to 4 people.
SUPPRESSED = _Withheld(SUPPRESSED_TEXT, "SUPPRESSED")
# A count whose group has 1 to 4 people besides it.
NEARLY_ALL = _Withheld(f"all but {SUPPRESSED_TEXT}", "NEARLY_ALL")


def is_suppressed(value: Any) -> bool:
    """Whether a figure is withheld (for either reason)."""
    return isinstance(value, _Withheld)


def is_small(count: int | None) -> bool:
    """A count of people small enough to identify them: 1 to 4 (0 says nobody did)."""
    return count is not None and 0 < count < SMALL_GROUP


def suppress_count(count: int | None) -> int | _Withheld | None:
    return SUPPRESSED if is_small(count) else count


def compare_wider(
    rows: Sequence[dict],
    wider_rows: Sequence[dict],
    *,
    key: Callable[[dict], Hashable],
    figures: Iterable[str],
) -> list[dict]:
    """`rows` (a report narrowed by person filters), each with `gaps`: how far each of
    its `figures` falls short of the same row in `wider_rows` (the report without those
    filters; rows matched by `key`). suppress_rows withholds a row with a gap of 1 to 4."""
    figures = tuple(figures)
    wider = {key(row): row for row in wider_rows}
    result = []
    for row in rows:
        other = wider.get(key(row))
        gaps = {name: (other[name] - row[name]) if other else 0 for name in figures}
        result.append(dict(row, gaps=gaps))
    return result


def is_narrowed(row: dict) -> bool:
    """Whether compare_wider found a figure of the row within 1 to 4 of its wider self."""
    return any(is_small(gap) for gap in row.get("gaps", {}).values())


def _protect_gaps(result: list[dict], rows: Sequence[dict]) -> None:
    """Beside a total, withhold more rows until, for each figure, the withheld rows'
    gaps together are none or at least five (the totals' gap less the shown rows' gaps
    would give them back)."""
    names = {name for row in rows for name in row.get("gaps", {})}
    for name in sorted(names):
        while True:
            hidden = sum(
                raw.get("gaps", {}).get(name, 0)
                for row, raw in zip(result, rows, strict=True)
                if row["suppressed"]
            )
            if not is_small(hidden):
                break
            candidates = [
                index
                for index, (row, raw) in enumerate(zip(result, rows, strict=True))
                if not row["suppressed"] and raw.get("gaps", {}).get(name, 0) > 0
            ]
            if not candidates:
                break  # the total's own gap is then small, and it is withheld
            smallest = min(candidates, key=lambda index: rows[index]["gaps"][name])
            result[smallest]["suppressed"] = True


def _only_one_nearly_all(size: int, count: int) -> bool:
    """Whether "all but fewer than 5" of a group this size could stand for one count
    only (6 people: 1 to 4 read "fewer than 5", so it could only be 5, and the one left
    would be known): the row is then withheld whole instead."""
    if not is_small(size - count) or is_small(count):
        return False
    return max(SMALL_GROUP, size - SMALL_GROUP + 1) == size - 1


def suppress_rows(
    rows: Sequence[dict],
    *,
    size_key: str,
    count_keys: Iterable[str] = (),
    figure_keys: Iterable[str] = (),
    has_total: bool = True,
) -> list[dict]:
    """Sibling rows with small groups withheld (see the module docstring).

    `size_key` holds each row's number of people; `count_keys` hold counts of those
    people (withheld when 1 to 4, or when 1 to 4 of the row's people are not in them);
    `figure_keys` hold figures derived from the group, such as a percentage, withheld
    along with a suppressed row. Rows are dicts, with `gaps` where compare_wider set
    them; new dicts are returned, each with `suppressed` True or False (the whole row
    withheld)."""
    count_keys, figure_keys = tuple(count_keys), tuple(figure_keys)
    result = [dict(row, suppressed=is_small(row[size_key]) or is_narrowed(row)) for row in rows]
    if has_total:
        _protect_gaps(result, rows)
        marked = [dict(row) for row in result]
        for row in marked:
            if row["suppressed"]:
                row[size_key] = SUPPRESSED
        protect_column(marked, rows, key=size_key, hide=(size_key,))
        for row, protected in zip(result, marked, strict=True):
            row["suppressed"] = is_suppressed(protected[size_key])
    for row, raw in zip(result, rows, strict=True):
        row.pop("gaps", None)
        if not row["suppressed"] and any(
            _only_one_nearly_all(raw[size_key], raw[key]) for key in count_keys
        ):
            row["suppressed"] = True
        if row["suppressed"]:
            for key in (size_key, *count_keys, *figure_keys):
                row[key] = SUPPRESSED
            continue
        for key in count_keys:
            if is_small(raw[key]):
                row[key] = SUPPRESSED
            elif is_small(raw[size_key] - raw[key]):
                row[key] = NEARLY_ALL
    if has_total:
        # Each count column is summed somewhere too (a total row, the organisation the
        # rows are teams of), so its withheld cells must not be recoverable either.
        for key in count_keys:
            protect_column(result, rows, key=key, hide=(key,), size_key=size_key)
    return result


def protect_column(
    rows: list[dict],
    raw: Sequence[dict],
    *,
    key: str,
    hide: tuple[str, ...],
    size_key: str | None = None,
) -> bool:
    """Withhold more of column `key` in `rows` (already through suppress_rows; `raw`
    holds the same rows' true figures, in the same order) until the withheld cells
    together hold 0 or at least five people, and, with `size_key` (the column of the
    groups these are counts of), until the rest of those groups do too. Each further row
    withheld is the one whose cell adds least to the sum still too small, and loses
    every column in `hide`. Returns True when nothing is left to withhold, so the total
    of the column must be withheld as well."""

    def rest(index: int) -> int:
        return raw[index][size_key] - raw[index][key] if size_key else 0

    while True:
        hidden = [index for index, row in enumerate(rows) if is_suppressed(row[key])]
        if not is_small(sum(raw[index][key] for index in hidden)):
            measure = rest
            if not is_small(sum(rest(index) for index in hidden)):
                return False
        else:
            measure = lambda index: raw[index][key]  # noqa: E731
        candidates = [
            index
            for index, row in enumerate(rows)
            if not is_suppressed(row[key]) and measure(index) > 0
        ]
        if not candidates:
            return True
        smallest = min(candidates, key=measure)
        for name in hide:
            rows[smallest][name] = SUPPRESSED


def protect_parts(row: dict, raw: dict, keys: Iterable[str]) -> bool:
    """Counts in `row` that add up to a total shown beside them (`raw` holds their true
    values): the withheld ones together are the total less those shown, so the smallest
    shown goes too until those withheld hold none or at least five. Returns whether
    anything more was withheld."""
    keys = tuple(keys)
    changed = False
    while is_small(sum(raw[key] for key in keys if is_suppressed(row[key]))):
        shown = [key for key in keys if not is_suppressed(row[key]) and raw[key]]
        if not shown:
            break
        row[min(shown, key=lambda key: raw[key])] = SUPPRESSED
        changed = True
    return changed


def protect_parts_and_columns(
    rows: list[dict], raw: Sequence[dict], *, parts: Iterable[str], size_key: str
) -> None:
    """Sibling rows (through suppress_rows) whose `parts` add up to each row's
    `size_key`, and whose columns add up to a total shown elsewhere. A withheld cell
    alone in its row would follow from the row's size, and alone in its column from the
    column's total, and once known would give away the others: so each row and each
    column holds no withheld cell or at least two, besides the sums protect_parts and
    protect_column require. More cells go, smallest first, until that holds."""
    parts = tuple(parts)
    shown_rows = [index for index, row in enumerate(rows) if not row["suppressed"]]

    def withheld_count() -> int:
        return sum(is_suppressed(rows[index][key]) for index in shown_rows for key in parts)

    def hide_smallest(cells: list[tuple[int, str]]) -> None:
        candidates = [
            (raw[index][key], index, key)
            for index, key in cells
            if not is_suppressed(rows[index][key]) and raw[index][key]
        ]
        if candidates:
            _, index, key = min(candidates)
            rows[index][key] = SUPPRESSED

    while True:
        before = withheld_count()
        for index in shown_rows:
            protect_parts(rows[index], raw[index], parts)
            if sum(is_suppressed(rows[index][key]) for key in parts) == 1:
                hide_smallest([(index, key) for key in parts])
        for key in parts:
            protect_column(rows, raw, key=key, hide=(key,), size_key=size_key)
            if sum(is_suppressed(rows[index][key]) for index in shown_rows) == 1:
                hide_smallest([(index, key) for index in shown_rows])
        if withheld_count() == before:
            return


def percentage(part: Any, whole: Any) -> float | _Withheld | None:
    """part / whole as a percentage to one decimal place; SUPPRESSED if either is, None
    when there is nobody to count."""
    if part is NEARLY_ALL and not is_suppressed(whole):
        return NEARLY_ALL
    if is_suppressed(part) or is_suppressed(whole):
        return SUPPRESSED
    if not whole:
        return None
    return round(100 * part / whole, 1)
