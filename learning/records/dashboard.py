"""What the home page's "What to do next" says about a person's learning record
(registered through the `hub_next_steps` hook in learning/wagtail_hooks.py)."""

from __future__ import annotations

from django.urls import reverse

from learning.next_steps import NextStep
from learning.records.registration import registration_progress_for


def _mid_sentence(label: str) -> str:
    """A label as it reads inside a sentence: "Hours of CPD" becomes "hours of CPD"
    (lower-casing the whole label would give "cpd")."""
    return label[:1].lower() + label[1:]


def record_next_steps(user) -> list[NextStep]:
    """Progress against the person's regulator's requirement, first when something is
    still to do; then a pointer to the record itself."""
    if not user.is_authenticated:
        return []
    record_url = reverse("records:my_learning")
    steps = [
        NextStep(
            "See your learning record",
            record_url,
            "Your CPD hours, certificates and CPD you did elsewhere, ready to export.",
            priority=55,
        )
    ]
    progress = registration_progress_for(user)
    if progress is not None:
        if progress.complete:
            steps.append(
                NextStep(
                    f"Your CPD for {progress.body_name} is on track",
                    f"{record_url}#registration",
                    f"Everything the hub can check is done ({progress.period_name}).",
                    priority=65,
                )
            )
        else:
            outstanding = [r for r in progress.requirements if not r.met]
            steps.append(
                NextStep(
                    f"Your CPD for {progress.body_name}: {progress.met_count} of "
                    f"{len(progress.requirements)} done",
                    f"{record_url}#registration",
                    "Still to do: "
                    + "; ".join(f"{_mid_sentence(r.label)} ({r.summary})" for r in outstanding)
                    + ".",
                    priority=20,
                )
            )
    return steps
