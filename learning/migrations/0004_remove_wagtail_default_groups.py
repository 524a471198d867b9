"""Wagtail creates "Editors" and "Moderators" groups; the hub's roles replace them, and
leaving them would offer administrators two names for one job. Groups that someone has
already put people in are kept."""

from django.db import migrations


def remove_unused_default_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=["Editors", "Moderators"], user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_seed_taxonomy"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
    ]

    # Nothing to restore: Wagtail's own data migration made them, and the hub never uses them.
    operations = [migrations.RunPython(remove_unused_default_groups, migrations.RunPython.noop)]
