"""On PostgreSQL the database itself refuses to change or delete an audit entry, so the
trail stays append-only even for code (or a person at a database shell using the site's
role) that goes round the model. TRUNCATE, which test databases are emptied with, does
not fire row triggers. SQLite, for development, relies on the model's guards alone."""

from django.db import migrations

TABLE = "learning_auditentry"

CREATE = f"""
CREATE OR REPLACE FUNCTION learning_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Audit entries are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER learning_auditentry_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION learning_auditentry_append_only();
"""

DROP = f"""
DROP TRIGGER IF EXISTS learning_auditentry_append_only ON {TABLE};
DROP FUNCTION IF EXISTS learning_auditentry_append_only();
"""


def _on_postgresql(sql: str):
    def run(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # No placeholders: % is literal.

    return run


class Migration(migrations.Migration):
    dependencies = [("learning", "0017_personal_version")]

    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
