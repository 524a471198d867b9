"""Measure the anonymisation guard against the corpus in this folder.

Each ``identifying_*.tsv`` line is ``category<TAB>sentence<TAB>identifier``: the guard
must report a finding overlapping the identifier. Each ``safe_*.tsv`` line is
``category<TAB>sentence``: the guard must report nothing. Run it to see the figures
and every miss and false alarm:

    .venv/bin/python tests/learning/anonymisation_corpus/measure.py [--list]
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Example:
    source: str  # file:line
    category: str
    text: str
    identifier: str = ""  # empty for safe text


@dataclass
class Tally:
    total: int = 0
    hits: int = 0
    examples: list = field(default_factory=list)  # the misses, or the false alarms

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 0.0


def load(prefix: str, directory: Path = CORPUS_DIR) -> list[Example]:
    """Every example in the ``<prefix>_*.tsv`` files; a malformed line is an error."""
    examples = []
    for path in sorted(directory.glob(f"{prefix}_*.tsv")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            source = f"{path.name}:{number}"
            if prefix == "identifying":
                if len(parts) != 3 or parts[2] not in parts[1]:
                    raise ValueError(f"{source}: expected category, sentence, identifier")
                examples.append(Example(source, parts[0].strip(), parts[1], parts[2]))
            else:
                if len(parts) != 2:
                    raise ValueError(f"{source}: expected category, sentence")
                examples.append(Example(source, parts[0].strip(), parts[1]))
    return examples


def is_found(example: Example, findings) -> bool:
    start = example.text.index(example.identifier)
    end = start + len(example.identifier)
    return any(f.start < end and f.end > start for f in findings)


def measure(
    directory: Path = CORPUS_DIR,
) -> tuple[dict[str, Tally], dict[str, Tally]]:
    """(recall by category, false alarms by category), each with an "all" row."""
    from learning.anonymisation import find_identifiers

    recall: dict[str, Tally] = defaultdict(Tally)
    alarms: dict[str, Tally] = defaultdict(Tally)
    for example in load("identifying", directory):
        findings = find_identifiers(example.text)
        found = is_found(example, findings)
        for key in (example.category, "all"):
            recall[key].total += 1
            recall[key].hits += found
            if not found:
                recall[key].examples.append((example, findings))
    for example in load("safe", directory):
        findings = find_identifiers(example.text)
        for key in (example.category, "all"):
            alarms[key].total += 1
            alarms[key].hits += bool(findings)
            if findings:
                alarms[key].examples.append((example, findings))
    return dict(recall), dict(alarms)


def table(recall: dict[str, Tally], alarms: dict[str, Tally]) -> str:
    lines = ["identifying category            examples  found  recall"]
    for name in sorted(recall, key=lambda n: (n == "all", n)):
        t = recall[name]
        lines.append(f"  {name:30} {t.total:8} {t.hits:6} {t.rate:7.1%}")
    lines.append("safe category                   examples  flagged  false alarms")
    for name in sorted(alarms, key=lambda n: (n == "all", n)):
        t = alarms[name]
        lines.append(f"  {name:30} {t.total:8} {t.hits:8} {t.rate:7.1%}")
    return "\n".join(lines)


def _describe(findings) -> str:
    return "; ".join(f"{f.kind}: {f.text!r}" for f in findings) or "nothing found"


if __name__ == "__main__":
    sys.path.insert(0, str(CORPUS_DIR.parents[2]))
    directory = Path(sys.argv[sys.argv.index("--dir") + 1]) if "--dir" in sys.argv else CORPUS_DIR
    recall, alarms = measure(directory)
    if "--list" in sys.argv:
        print("MISSES")
        for example, findings in recall["all"].examples if "all" in recall else []:
            print(
                f"  [{example.category}] {example.text}  -> want {example.identifier!r}; "
                f"got {_describe(findings)}"
            )
        print("FALSE ALARMS")
        for example, findings in alarms["all"].examples if "all" in alarms else []:
            print(f"  [{example.category}] {example.text}  -> {_describe(findings)}")
    print(table(recall, alarms))
