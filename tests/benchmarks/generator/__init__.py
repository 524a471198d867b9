"""A partnership-scale data set, built quickly and reproducibly: `generate(size, seed)`.

Sizes are in tests.benchmarks.generator.sizes (`full`: 25,000 staff and 2,000,000
completions; `tenth`; `small`, which runs inside `make test`). The same seed on the same
day gives the same rows: every random draw comes from one random.Random, and every
date counts back from the start of `today`. Pages are made through Wagtail; the large
tables are written with COPY on PostgreSQL and executemany on SQLite.

Run it from the command line with `python -m tests.benchmarks.generate`.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as clock

from django.db import transaction
from django.utils import timezone

from learning.learnable import pages_completed_as_themselves
from learning.models import User
from tests.benchmarks import bulk
from tests.benchmarks.generator import pages as page_builder
from tests.benchmarks.generator import people as people_builder
from tests.benchmarks.generator import records
from tests.benchmarks.generator.loader import Loader
from tests.benchmarks.generator.sizes import SIZES, Size
from tests.factories import PASSWORD

__all__ = ["SIZES", "Generated", "Size", "generate"]


@dataclass
class Generated:
    """What was built: the named people to sign in as, and each table's rows and time."""

    size: Size
    seed: int
    today: date
    emails: dict[str, str]  # learner, supervisor, manager, lead
    ids: dict[str, int]
    password: str = PASSWORD
    totp_secret: str = people_builder.NAMED_TOTP_SECRET  # the manager's and the lead's
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    total_seconds: float = 0.0

    def summary(self) -> str:
        lines = [f"{'table':<44} {'rows':>11} {'seconds':>9}"]
        for table in sorted(
            set(self.rows) | set(self.seconds), key=lambda t: -self.seconds.get(t, 0)
        ):
            rows = self.rows.get(table)
            lines.append(
                f"{table:<44} {'' if rows is None else f'{rows:,}':>11} "
                f"{self.seconds.get(table, 0):>9.1f}"
            )
        lines.append(f"{'total':<44} {'':>11} {self.total_seconds:>9.1f}")
        return "\n".join(lines)


def generate(size: str | Size, seed: int = bulk.SEED, *, today: date | None = None) -> Generated:
    """Build the data set of `size` into the default database, which must be migrated
    and hold no generated data yet. All of it is written in one transaction."""
    size = SIZES[size] if isinstance(size, str) else size
    if User.objects.filter(email__in=people_builder.NAMED_EMAILS.values()).exists():
        raise RuntimeError("This database already holds a generated partnership: use an empty one.")
    today = today or timezone.localdate()
    now = timezone.make_aware(datetime.combine(today, clock(0)))
    rng = random.Random(seed)
    loader = Loader()
    started = time.perf_counter()
    with transaction.atomic():
        with loader.timed("wagtailcore_page (content and copies)"):
            live = page_builder.build_pages(size.pages, demo_content=size.demo_content)
            pages = list(pages_completed_as_themselves().live().order_by("path").specific())
            records.backdate_pages(pages, now=now, days=size.history_days)
        loader.count("wagtailcore_page (content and copies)", live)
        people = people_builder.build_people(rng, size, loader, now=now)
        core = records.build_requirements(rng, size, loader, people, pages, today=today)
        with loader.without_reference_checks():
            attended = records.build_team_sessions(rng, size, loader, people, pages, today=today)
            records.build_completions(rng, size, loader, people, pages, core, attended, now=now)
            records.build_external_cpd(rng, size, loader, people, today=today)
            records.build_entries(rng, size, loader, people, pages, now=now)
            records.build_attempts(rng, size, loader, people, now=now)
        loader.finish()
    ids = dict(people.named)
    return Generated(
        size=size,
        seed=seed,
        today=today,
        emails=dict(people_builder.NAMED_EMAILS),
        ids=ids,
        rows=dict(loader.rows),
        seconds=dict(loader.seconds),
        total_seconds=time.perf_counter() - started,
    )
