"""The admin dashboard panel listing override proposals that await a second person, so
someone who may confirm them finds them without being told. Registered in
learning/wagtail_hooks.py."""

from __future__ import annotations

from django.urls import reverse
from wagtail.admin.ui.components import Component

from learning.publishing_guard import selectors
from learning.publishing_guard.services import can_override

PANEL_LIMIT = 10


class OverridesAwaitingPanel(Component):
    """Pending proposals someone else made, oldest first, each linking to its page's
    findings screen, where it is confirmed or declined."""

    name = "anonymisation_overrides_awaiting"
    template_name = "learning/anonymisation/awaiting_panel.html"
    order = 95  # near the top: a page cannot go live until someone decides

    def __init__(self, overrides: list, total: int) -> None:
        self.overrides = overrides
        self.total = total

    def get_context_data(self, parent_context=None) -> dict:
        return {
            "heading": f"Overrides awaiting a second person ({self.total})",
            "rows": [
                {
                    "override": override,
                    "url": reverse("anonymisation_findings", args=[override.page_id]),
                }
                for override in self.overrides
            ],
            "total": self.total,
            "report_url": reverse("anonymisation_overrides"),
        }


def awaiting_panel_for(user) -> OverridesAwaitingPanel | None:
    """The panel for someone who may confirm overrides, when any await them; else None."""
    if not can_override(user):
        return None
    waiting = selectors.overrides_awaiting(user)
    overrides = list(waiting[:PANEL_LIMIT])
    if not overrides:
        return None
    total = len(overrides) if len(overrides) < PANEL_LIMIT else waiting.count()
    return OverridesAwaitingPanel(overrides, total)
