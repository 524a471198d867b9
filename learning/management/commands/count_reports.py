"""Count every report for the whole partnership, without filters, and keep each that
takes long enough to be worth keeping (learning.reports.snapshots), so that the first
board manager to open one each day does not wait for the count.

Run it early each morning, after midnight has turned the day the kept counts are for:

    15 0 * * * cd /srv/hub && .venv/bin/python manage.py count_reports

A filtered view is still counted the first time someone asks for it, then kept.
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from learning.permissions import ReportScope
from learning.reports.filters import ReportFilters
from learning.reports.registry import report_types
from learning.reports.snapshots import build_and_keep


class Command(BaseCommand):
    help = (
        "Count every report partnership-wide, without filters, and keep those slow enough "
        "to keep, so that nobody waits for the first count of the day. Run it after "
        "midnight from cron, e.g. `15 0 * * * cd /srv/hub && .venv/bin/python manage.py "
        "count_reports`."
    )

    def handle(self, *args, **options) -> None:
        board = ReportScope(organisation_id=None, names=False)
        today = timezone.localdate()
        for report_kind in report_types():
            started = time.perf_counter()
            build_and_keep(report_kind, scope=board, filters=ReportFilters(), today=today)
            self.stdout.write(
                f"{report_kind.title}: counted in {time.perf_counter() - started:.1f} s"
            )
