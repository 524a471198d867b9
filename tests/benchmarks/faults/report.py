"""The fault runs' Markdown, for docs/benchmarks.md "Fault runs"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tests.benchmarks.faults import reminder
from tests.benchmarks.faults.integrity import Finding
from tests.benchmarks.faults.outage import (
    PHASES,
    Failure,
    Outage,
    Verdict,
    phase,
    window_phases,
)
from tests.benchmarks.faults.reminder import ReminderRun
from tests.benchmarks.http.stats import (
    Sample,
    Summary,
    by_window,
    markdown_table,
    summary_cells,
    window_label,
)


def _row(label: str, summary: Summary) -> list[str]:
    return [label, *summary_cells(summary, p99=False)]


HEADERS = ["requests", "errors", "req/s", "p50 ms", "p95 ms"]


def outage_section(
    title: str,
    *,
    outage: Outage,
    phases: dict[str, Summary],
    samples: Sequence[Sample],
    elapsed: float,
    window: float,
    verdicts: Sequence[Verdict],
    failures: Sequence[Failure],
    notes: Sequence[str],
) -> str:
    windows = by_window(samples, window, elapsed)
    labels = window_phases(window, elapsed, outage)
    lines = [
        f"### {title}",
        "",
        f"Stopped at {outage.stopping:.1f} s (down by {outage.stopped:.1f} s), started again "
        f"at {outage.starting:.1f} s, answering at {outage.started:.1f} s; load for "
        f"{elapsed:.1f} s. Phases count a request in flight when the service stopped as "
        "during; windows go by when requests were sent.",
        "",
        markdown_table(["phase", *HEADERS], [_row(name, phases[name]) for name in PHASES]),
        "",
        markdown_table(
            ["window", "phase", *HEADERS],
            [
                [window_label(n, window), label, *summary_cells(summary, p99=False)]
                for n, (summary, label) in enumerate(zip(windows, labels, strict=True))
            ],
        ),
        "",
        verdict_list(verdicts),
    ]
    if notes:
        lines += ["", *(f"- {note}" for note in notes)]
    stray = Counter(
        (phase(f.started, f.seconds, outage), f.kind, f.status, f.detail[:80])
        for f in failures
        if phase(f.started, f.seconds, outage) != "during"
    )
    if stray:
        lines += ["", "Errors outside the outage:", ""]
        lines += [
            f"- {count:,} x {status or 'no answer'} {kind} {name} {detail}".rstrip()
            for (name, kind, status, detail), count in sorted(stray.items())
        ]
    return "\n".join(lines)


def verdict_list(verdicts: Sequence[Verdict]) -> str:
    return "\n".join(f"- {'✅' if v.held else '❌'} {v.claim} ({v.evidence})" for v in verdicts)


def integrity_section(before: Sequence[Finding], after: Sequence[Finding], written: dict) -> str:
    rows = [
        [f.rule, f"{b.broken:,}", f"{f.broken:,}", "yes" if f.broken <= b.broken else "**no**"]
        for b, f in zip(before, after, strict=True)
    ]
    wrote = ", ".join(f"{count:,} {what}" for what, count in written.items())
    return "\n".join(
        [
            "#### Partial records",
            "",
            f"Rows the load wrote during the runs: {wrote}. Each rule counts the rows "
            "breaking it before the runs and after; a partial record written during a "
            "run would raise the count. Counts before the runs are in the data as built "
            "(the generator draws attempts and completions independently).",
            "",
            markdown_table(["rule", "before", "after", "none added"], rows),
        ]
    )


def reminder_section(run: ReminderRun) -> str:
    due = ", ".join(f"{count:,} {kind}" for kind, count in run.due.items())
    tasks = [
        [
            str(n),
            str(task["attempt"]),
            task["status"],
            ", ".join(task["workers"]),
            _returned(task["returned"]) or task["error"] or "-",
        ]
        for n, task in enumerate(run.tasks, 1)
    ]
    return "\n".join(
        [
            "### A reminder task that fails, retried",
            "",
            f"Digests due today: {due}. The mail server delivered {run.deliver_first} "
            "messages, then failed once with an unexpected error (ending that task) and "
            "refused every message after, until it came back before the retries ran.",
            "",
            markdown_table(["task", "attempt", "status", "worker", "returned"], tasks),
            "",
            verdict_list(reminder.verdicts(run)),
        ]
    )


def _returned(value) -> str:
    if not isinstance(value, dict):
        return ""
    return ", ".join(f"{key} {count}" for key, count in value.items())
