"""What the home page's "What to do next" says about a person's required learning
(registered through the `hub_next_steps` hook in learning/wagtail_hooks.py): one step
for each requirement still to complete, overdue first, straight after setting up the
second factor and before anything else."""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format

from learning.next_steps import NextStep
from learning.required import selectors
from learning.required.status import Status, statuses_for_person

# Below the second-factor step (0), above everything else (the admin is 10).
OVERDUE_PRIORITY = 1
OUTSTANDING_PRIORITY = 2

_PREFIXES = {Status.OVERDUE: "Overdue", Status.DUE: "Due soon", Status.NOT_STARTED: "Required"}


def _description(item: selectors.RequiredItem) -> str:
    if len(item.pages) == 1:
        return f"Required learning: “{item.pages[0][0].title}”."
    to_do = sum(1 for _page, done in item.pages if not done)
    return f"Required learning: {to_do} of {len(item.pages)} items still to complete."


def _url(item: selectors.RequiredItem) -> str:
    """The first item still to do; My learning when it is not published (or cannot be
    reached), where the person sees the whole requirement."""
    page = item.next_page
    url = page.get_url() if page is not None and page.live else None
    return url or f"{reverse('records:my_learning')}#required"


def required_next_steps(user) -> list[NextStep]:
    if not user.is_authenticated:
        return []
    outstanding = [status for status in statuses_for_person(user) if status.is_outstanding]
    if not outstanding:
        return []
    steps = []
    for item in selectors.required_items(outstanding, person=user):
        status = item.status
        due = date_format(status.due_on, "j F Y") if status.due_on else ""
        steps.append(
            NextStep(
                f"{_PREFIXES[status.status]}: {status.requirement.title}"
                + (f" (due {due})" if due else ""),
                _url(item),
                _description(item),
                priority=OVERDUE_PRIORITY
                if status.status == Status.OVERDUE
                else OUTSTANDING_PRIORITY,
            )
        )
    return steps
