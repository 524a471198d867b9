from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Knowledge checks and myth-busters"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Attempts and answers are part of a person's subject access export.
        from quizzes import privacy

        privacy.register()
