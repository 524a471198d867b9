"""Each person's status against each requirement: the one place it is computed.

A status is never stored, so it follows every change to a requirement, a team, a role,
an exemption or a completion the moment it is made. The one rule below is written three
ways, each where it is cheapest, and tests hold them to the same answers day by day
(tests/learning/required/test_status_in_memory.py): as SQL annotations on any queryset
of people (`annotate_status`: reminders, lists that filter on it); applied in Python to
a few people's records read once (`statuses_for_person`, `statuses_for_people`: a
person's own pages, a supervisor's team); and set-wise for everyone at once
(`status_statement`: the compliance report). Dates a row shows come from `cycles`.

The rules, for a person in a requirement's audience (see `audience_q`):

- **Exempt** while an exemption from it (or from all required learning) runs.
- **Complete** when every page of the requirement has a completion of any kind
  (confirmed, passed check, team session) in the current cycle. A one-off requirement
  has one cycle; "every N months" counts completions from N months ago; a yearly window
  counts completions since the window last opened.
- Otherwise it is due on a date: the days allowed after the person's anchor (the later
  of the requirement's start and the day they joined, or for "after being assigned" the
  day it came to apply to them: learning.required.assignments), and no earlier than the
  end of the current window or the day their last completion expired (plus the days
  allowed).
  **Overdue** after that date; **due** within DUE_SOON_DAYS of it; **not started**
  before that.

One concern a module, all re-exported here so callers import from
`learning.required.status`:

- `choices`: the Status values and DUE_SOON_DAYS.
- `audience`: who a requirement applies to (`audience_q`).
- `cycles`: cycle starts, expiry and due dates, the constant dates of each rule.
- `annotations`: the status as SQL annotations on a queryset of people (with its
  dates, alone for counting, or only whether it is complete or exempt), and the
  latest completion of each page for lists that mark pages done this cycle.
- `counts`: statuses counted across requirements, and summed up in words.
- `over_time`: who is complete or exempt in everything on each of several days,
  counted set-wise for a trend.
- `in_memory`: the same rule applied in Python to a few people's records read once,
  for pages about one person or a team.
- `person`: one person's statuses with their dates, ready to show.
- `set_wise`: everyone's status against every requirement on one day as one statement,
  for the compliance report to count (`cte` has what it and over_time build with).
"""

from learning.required.status.annotations import (
    annotate_status,
    expiring_soon,
    latest_completions,
    status_annotations,
    status_only,
)
from learning.required.status.audience import (
    AUDIENCE_PREFETCH,
    audience_q,
    requirements_for_person,
)
from learning.required.status.choices import DUE_SOON_DAYS, OUTSTANDING, Status
from learning.required.status.counts import (
    COUNTS,
    StatusCounts,
    status_count_annotations,
    status_summary,
)
from learning.required.status.cycles import (
    anchor_date,
    counted_until,
    cycle_start,
    done_in_cycle,
    due_date,
    expiry_of,
)
from learning.required.status.in_memory import (
    Standing,
    StatusRecords,
    read_status_records,
    standing_of,
)
from learning.required.status.over_time import DoneCount, done_counts
from learning.required.status.person import (
    PersonStatus,
    page_due_again,
    person_status,
    required_page_ids,
    status_from_standing,
    statuses_for_people,
    statuses_for_person,
)
from learning.required.status.set_wise import (
    DONE_SQL,
    OUTSTANDING_SQL,
    StatusStatement,
    status_statement,
    statuses_on,
)

__all__ = [
    "AUDIENCE_PREFETCH",
    "COUNTS",
    "DONE_SQL",
    "DUE_SOON_DAYS",
    "OUTSTANDING",
    "OUTSTANDING_SQL",
    "DoneCount",
    "PersonStatus",
    "Standing",
    "Status",
    "StatusCounts",
    "StatusRecords",
    "StatusStatement",
    "anchor_date",
    "annotate_status",
    "audience_q",
    "counted_until",
    "cycle_start",
    "done_counts",
    "done_in_cycle",
    "due_date",
    "expiring_soon",
    "expiry_of",
    "latest_completions",
    "page_due_again",
    "person_status",
    "read_status_records",
    "required_page_ids",
    "requirements_for_person",
    "standing_of",
    "status_annotations",
    "status_count_annotations",
    "status_from_standing",
    "status_only",
    "status_statement",
    "status_summary",
    "statuses_for_people",
    "statuses_for_person",
    "statuses_on",
]
