"""The admin dashboard panel listing override proposals that await a second person, so
someone who may confirm them finds them without being told. Registered in
learning/wagtail_hooks.py."""

from __future__ import annotations

from django.urls import reverse
from wagtail.admin.ui.components import Component

from learning.publishing_guard import selectors
from learning.publishing_guard.services import can_override, unresolved_findings

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
    """The panel for someone who may confirm overrides, when any await them; else None.

    Only proposals whose finding is still unresolved in the page's latest version are
    listed: once the editor has changed the text, confirming would do nothing, and the
    panel would be asking for a decision that no longer matters. Each page is scanned
    once, however many proposals it has."""
    if not can_override(user):
        return None
    unresolved: dict[int, set[tuple[str, str, str]]] = {}
    waiting = []
    for override in selectors.overrides_awaiting(user):
        if override.page_id not in unresolved:
            unresolved[override.page_id] = _unresolved_keys(override.page)
        if _still_found(override, unresolved[override.page_id]):
            waiting.append(override)
    if not waiting:
        return None
    return OverridesAwaitingPanel(waiting[:PANEL_LIMIT], len(waiting))


def _unresolved_keys(page) -> set[tuple[str, str, str]]:
    """The (kind, text, location) of each finding blocking the page's latest version."""
    revision = page.get_latest_revision()
    if revision is None:
        return set()
    return {finding.key for finding in unresolved_findings(page, revision)}


def _still_found(override, keys: set[tuple[str, str, str]]) -> bool:
    # Overrides recorded before locations were kept match the text wherever it is.
    if override.location:
        return (override.kind, override.text, override.location) in keys
    return any(key[:2] == (override.kind, override.text) for key in keys)
