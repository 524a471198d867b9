from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Knowledge checks and myth-busters"
    default_auto_field = "django.db.models.BigAutoField"
