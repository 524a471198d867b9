"""One override per finding, proposed by one person and confirmed or declined by
another (issue 13). Each earlier override, which covered every finding of a version at
once, becomes one proposal per finding it covered, awaiting a second person: none of
them covers anything until someone else confirms it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def split_overrides(apps, schema_editor):
    Override = apps.get_model("learning", "AnonymisationOverride")
    for override in Override.objects.filter(kind="").order_by("pk"):
        findings = override.findings or []
        for item in findings:
            Override.objects.create(
                page_id=override.page_id,
                revision_id=override.revision_id,
                proposed_by_id=override.proposed_by_id,
                reason=override.reason,
                created_at=override.created_at,
                kind=str(item.get("kind", ""))[:40] or "person_name",
                text=str(item.get("text", ""))[:500],
                location=str(item.get("field", ""))[:500],
            )
        override.delete()


def join_overrides(apps, schema_editor):
    # Going back, each per-finding override becomes an override of its one finding.
    Override = apps.get_model("learning", "AnonymisationOverride")
    for override in Override.objects.all():
        override.findings = [
            {"field": override.location, "kind": override.kind, "text": override.text}
        ]
        override.save(update_fields=["findings"])


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0012_team_sessions_notifications_synonyms"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(
            model_name="anonymisationoverride", old_name="user", new_name="proposed_by"
        ),
        migrations.AddField(
            model_name="anonymisationoverride",
            name="kind",
            field=models.CharField(default="", max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="anonymisationoverride",
            name="text",
            field=models.CharField(default="", max_length=500, verbose_name="identifier text"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="anonymisationoverride",
            name="location",
            field=models.CharField(
                blank=True, help_text="Where in the page it was found, for people.", max_length=500
            ),
        ),
        migrations.AddField(
            model_name="anonymisationoverride",
            name="confirmed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="anonymisationoverride",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="anonymisationoverride",
            name="declined_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="anonymisationoverride",
            name="declined_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(split_overrides, join_overrides),
        migrations.RemoveField(model_name="anonymisationoverride", name="findings"),
        migrations.AlterModelOptions(
            name="anonymisationoverride",
            options={
                "default_permissions": (),
                "ordering": ["-created_at", "-pk"],
                "permissions": [
                    (
                        "override_anonymisation_check",
                        "Can propose or confirm that a possible identifier is safe to publish",
                    )
                ],
            },
        ),
        migrations.AddIndex(
            model_name="anonymisationoverride",
            index=models.Index(
                fields=["page", "kind", "text"], name="learning_an_page_id_a21b60_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="anonymisationoverride",
            constraint=models.CheckConstraint(
                condition=models.Q(confirmed_by__isnull=True)
                | models.Q(("confirmed_by", models.F("proposed_by")), _negated=True),
                name="anonymisation_override_four_eyes",
                violation_error_message="The person who proposed an override cannot confirm it.",
            ),
        ),
        migrations.AddConstraint(
            model_name="anonymisationoverride",
            constraint=models.CheckConstraint(
                condition=models.Q(confirmed_at__isnull=True) | models.Q(declined_at__isnull=True),
                name="anonymisation_override_one_decision",
                violation_error_message="An override is either confirmed or declined, not both.",
            ),
        ),
    ]
