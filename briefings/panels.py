"""An admin panel that tells the editor how long their briefing takes to read."""

from __future__ import annotations

from wagtail.admin.panels import Panel

from briefings.reading import reading_length


class ReadingLengthPanel(Panel):
    """Read-only: the word count and reading time of the version being edited (the
    last saved draft, or what was just submitted when the form has errors), with a
    warning when it is too long to read in seven minutes or print on two pages."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "briefings/admin/reading_length_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["length"] = reading_length(self.instance)
            return context
