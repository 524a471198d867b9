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
        # Importing these modules connects their signal receivers (sign-in, records).
        import learning.accounts.receivers
        import learning.audit.receivers
        import learning.privacy.receivers
        import learning.records.receivers
        import learning.required.receivers  # noqa: F401

        # Here rather than in wagtail_hooks, which Wagtail imports lazily: an admin form
        # class built before the override is registered would keep the plain field.
        from learning.forms_ids import guard_dependency_id_lookups, use_id_fields_in_wagtail_admin

        use_id_fields_in_wagtail_admin()
        guard_dependency_id_lookups()

        # Every site form's leftover Django messages in the hub's words.
        from learning.forms_wording import use_hub_wording_in_site_forms

        use_hub_wording_in_site_forms()

        # Spreadsheet exports: every Wagtail admin export writes text cells through the
        # hub's formula neutraliser (learning.spreadsheets explains why it is a patch).
        from learning.spreadsheets import guard_wagtail_exports

        guard_wagtail_exports()

        # Documents: the private and public collections after migrate, and new uploads
        # filed privately (learning.documents).
        from learning.documents import receivers as document_receivers

        document_receivers.connect(self)

        # What the platform holds about a person, for their subject access export.
        from learning.privacy import exporters

        exporters.register()

        # What erasing a person removes from the platform's records (learning.privacy).
        from learning.privacy.erasers import register_learning_erasers

        register_learning_erasers()

        # Shared page fragments are rebuilt after any change to published content.
        from learning.shared_cache import receivers as shared_cache_receivers

        shared_cache_receivers.connect()

        # What a person's own pages show is rebuilt after any change to their records.
        from learning.personal_cache import receivers as personal_cache_receivers

        personal_cache_receivers.connect()
