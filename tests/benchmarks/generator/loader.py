"""Writes generated rows into a table as fast as the database allows: COPY on
PostgreSQL (psycopg's cursor.copy()), executemany on SQLite. Rows arrive as tuples in
the order of the columns named; every other column takes its model default, worked out
once per table. Keeps the time and row count of each table for the summary.

PostgreSQL checks each foreign key of a copied row with a trigger at commit; when the
connection may (a superuser), the checks are switched off while copying
(session_replication_role = replica), since the generator makes every reference from
rows it has just written. `finish()` then analyses the tables and moves the sequences
of tables given explicit ids past the largest one.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connection
from django.db.models import JSONField, Max, Model
from django.utils import timezone

SQLITE_BATCH = 2_000


class Loader:
    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.seconds: dict[str, float] = defaultdict(float)
        self.rows: dict[str, int] = defaultdict(int)
        self._explicit_ids: set[type[Model]] = set()
        self._tables: set[str] = set()
        self._now = timezone.now()

    def next_id(self, model: type[Model]) -> int:
        """The first free integer primary key of `model`."""
        return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    @contextmanager
    def timed(self, label: str):
        """Time work that is not a copy (pages, the ORM's bulk_create) under `label`."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[label] += time.perf_counter() - started

    def count(self, label: str, rows: int) -> None:
        self.rows[label] += rows

    def write(self, model: type[Model], columns: Sequence[str], rows: Iterable[tuple]) -> int:
        """Insert `rows` (tuples of `columns`, by attribute name) into `model`'s table.
        Returns how many were written."""
        fields = {field.attname: field for field in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model.__name__} has no column {sorted(unknown)}")
        rest = [
            field
            for name, field in fields.items()
            if name not in columns
            and not (field.primary_key and field.get_internal_type().endswith("AutoField"))
        ]
        defaults = tuple(self._default(model, field) for field in rest)
        names = [*columns, *(field.attname for field in rest)]
        if model._meta.pk.attname in columns and model._meta.pk.get_internal_type().endswith(
            "AutoField"
        ):
            self._explicit_ids.add(model)
        label = model._meta.db_table
        self._tables.add(label)
        started = time.perf_counter()
        if self.postgres:
            written = self._copy(label, names, rows, defaults)
        else:
            written = self._insert(label, [fields[name] for name in names], rows, defaults)
        self.seconds[label] += time.perf_counter() - started
        self.rows[label] += written
        return written

    def _default(self, model: type[Model], field):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return self._now
        if field.has_default():
            value = field.get_default()
        elif field.null:
            return None
        elif field.blank and field.get_internal_type() in ("CharField", "TextField"):
            return ""
        else:
            raise ValueError(f"{model.__name__}.{field.attname} needs a value")
        return json.dumps(value) if isinstance(field, JSONField) else value

    def _copy(self, table: str, names: list[str], rows: Iterable[tuple], defaults: tuple) -> int:
        quote = connection.ops.quote_name
        sql = f"COPY {quote(table)} ({', '.join(map(quote, names))}) FROM STDIN"
        written = 0
        with connection.cursor() as cursor, cursor.copy(sql) as copy:
            write = copy.write_row
            for row in rows:
                write(row + defaults)
                written += 1
        return written

    def _insert(self, table: str, fields: list, rows: Iterable[tuple], defaults: tuple) -> int:
        quote = connection.ops.quote_name
        sql = (
            f"INSERT INTO {quote(table)} ({', '.join(quote(field.column) for field in fields)}) "
            f"VALUES ({', '.join('%s' for _ in fields)})"
        )

        def prepare(field):
            if isinstance(field, JSONField):
                return lambda value: value  # already JSON text
            return lambda value: field.get_db_prep_save(value, connection)

        preparers = [prepare(field) for field in fields]
        written, batch = 0, []
        with connection.cursor() as cursor:
            for row in rows:
                batch.append([p(v) for p, v in zip(preparers, row + defaults, strict=True)])
                if len(batch) == SQLITE_BATCH:
                    cursor.executemany(sql, batch)
                    written += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                written += len(batch)
        return written

    @contextmanager
    def without_reference_checks(self):
        """Foreign-key triggers off while copying, when this connection is allowed."""
        if not self.postgres or not _is_superuser():
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET session_replication_role = DEFAULT")

    def finish(self) -> None:
        """Sequences past the explicit ids, and fresh planner statistics (PostgreSQL)."""
        if not self.postgres:
            return
        with self.timed("sequences and ANALYZE"), connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(
                no_style(), sorted(self._explicit_ids, key=lambda model: model._meta.db_table)
            ):
                cursor.execute(sql)
            for table in sorted(self._tables):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _is_superuser() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])
