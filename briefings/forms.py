"""Admin edit forms for the briefings app's pages."""

from __future__ import annotations

from learning.models import LearningPage


class ReviewPageForm(LearningPage.base_form_class):
    """A review is either mandatory or discretionary: the radios offer just those two,
    without Django's empty "---------" choice, and one must be chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("review_type")
        if field is not None:
            from briefings.models import ReviewType

            field.choices = ReviewType.choices
            field.error_messages["required"] = "Choose the type of review"
