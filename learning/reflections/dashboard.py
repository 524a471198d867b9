"""What the home page's "What to do next" says about reflection and supervision
(registered through the `hub_next_steps` hook in learning/wagtail_hooks.py)."""

from __future__ import annotations

from django.urls import reverse

from learning.next_steps import NextStep
from learning.reflections.selectors import awaiting_review_count


def reflection_next_steps(user) -> list[NextStep]:
    """For a supervisor, how many shared entries wait for their review (near the top);
    for everyone, a pointer to their reflective log."""
    if not user.is_authenticated:
        return []
    steps = [
        NextStep(
            "Write in your reflective log",
            reverse("reflections:entry_list"),
            "Reflect on what you have learned. Entries are private unless you share them "
            "with your supervisor.",
            priority=58,
        )
    ]
    waiting = awaiting_review_count(supervisor=user)
    if waiting:
        noun = "entry is" if waiting == 1 else "entries are"
        steps.append(
            NextStep(
                f"{waiting} reflective {noun} waiting for your review",
                reverse("supervision:my_team") + "#awaiting-review",
                "Your supervisees have shared them with you: read, comment and mark them reviewed.",
                priority=15,
            )
        )
    return steps
