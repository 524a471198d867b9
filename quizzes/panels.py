"""Admin panels for knowledge checks."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.admin.widgets import AdminPageChooser


class LearnablePageChooserPanel(FieldPanel):
    """A page chooser offering only the learning pages a check may be attached to.
    The types are looked up when the form is built, not when models load, because
    they live in other apps (briefings, case studies) that may load later."""

    def get_form_options(self):
        from quizzes.checkable import checkable_page_models

        options = super().get_form_options()
        options.setdefault("widgets", {})[self.field_name] = AdminPageChooser(
            target_models=checkable_page_models() or None
        )
        return options
