from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "briefings"
    verbose_name = "Briefings and reviews"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # A review's report document follows the review: public only while it is live.
        from briefings import report_documents

        report_documents.connect()
