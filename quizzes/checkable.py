"""Which learning pages a knowledge check may be attached to: every learnable page
type except the quiz types themselves (a check of a check means nothing)."""

from __future__ import annotations

from learning.learnable import learnable_page_models


def checkable_page_models() -> list[type]:
    # Imported here: the page models import this module while they load.
    from quizzes.models import KnowledgeCheckPage, MythBusterPage

    return [
        model
        for model in learnable_page_models()
        if not issubclass(model, (KnowledgeCheckPage, MythBusterPage))
    ]
