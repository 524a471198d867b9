from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Knowledge checks and myth-busters"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Attempts and answers are part of a person's subject access export.
        from quizzes import privacy

        privacy.register()

        # A pass marks the check (and what it completes) done on the person's own pages,
        # which are cached under their personal version (learning.personal_cache).
        from learning.personal_cache.registry import its_person, register
        from quizzes.models import Attempt

        register(Attempt, its_person)
