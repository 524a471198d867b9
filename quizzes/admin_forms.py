"""The admin edit form for knowledge checks."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator

from learning.publishing_guard.forms import LearningPageForm

PASS_MARK_MESSAGE = "The pass mark must be a whole number from 1 to 100."


class KnowledgeCheckPageForm(LearningPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("pass_mark")
        if field is not None:
            # The positive-integer field's own "greater than or equal to 0" would
            # otherwise answer a negative pass mark; one message covers every case.
            field.validators = [
                validator
                for validator in field.validators
                if not isinstance(validator, MinValueValidator | MaxValueValidator)
            ] + [
                MinValueValidator(1, message=PASS_MARK_MESSAGE),
                MaxValueValidator(100, message=PASS_MARK_MESSAGE),
            ]
            field.widget.attrs.update(min=1, max=100)
