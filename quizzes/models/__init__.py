"""The quizzes app's models, one module per concern."""

from quizzes.models.attempts import Attempt, AttemptAnswer
from quizzes.models.pages import KnowledgeCheckIndexPage, KnowledgeCheckPage, MythBusterPage

__all__ = [
    "Attempt",
    "AttemptAnswer",
    "KnowledgeCheckIndexPage",
    "KnowledgeCheckPage",
    "MythBusterPage",
]
