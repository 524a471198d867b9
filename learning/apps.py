from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles_after_migrate(sender, **kwargs) -> None:
    from learning.role_setup import sync_role_groups

    sync_role_groups()


class LearningConfig(AppConfig):
    name = "learning"
    verbose_name = "Safeguarding learning"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(_sync_roles_after_migrate, sender=self, dispatch_uid="hub_roles")
        import learning.records.receivers  # noqa: F401  (connects the records receivers)
