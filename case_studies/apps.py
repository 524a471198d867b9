from django.apps import AppConfig


class CaseStudiesConfig(AppConfig):
    name = "case_studies"
    verbose_name = "Case studies"
    default_auto_field = "django.db.models.BigAutoField"
