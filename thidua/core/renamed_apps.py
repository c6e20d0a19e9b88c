"""Carry an existing database over when a Django app is renamed (Django has no app rename).

``settings.THIDUA_RENAMED_APPS`` maps an old app label to its new one (``{"cycle":
"start_of_year"}``). A database migrated under the old label has tables ``<old>_*``, rows
``django_migrations.app = <old>`` and ``django_content_type.app_label = <old>``; left alone,
``migrate`` would create empty ``<new>_*`` tables next to the old data. The project's
``migrate`` command therefore calls :func:`adopt_renamed_apps` first: for each renamed app that
the database knows only under its old label, it renames the tables and both kinds of rows in one
transaction (the schema editor's ``alter_db_table``, so SQLite and PostgreSQL alike). Other apps'
rows and the audit trail are not touched (audit events are hash-chained: old events keep the old
``object_type``).
"""

from __future__ import annotations

from collections.abc import Mapping

from django.apps import apps
from django.conf import settings
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model


def adopt_renamed_apps(
    *, using: str = "default", renamed: Mapping[str, str] | None = None
) -> list[tuple[str, str]]:
    """Move every renamed app still recorded under its old label; returns the (old, new) moved."""
    renamed = getattr(settings, "THIDUA_RENAMED_APPS", {}) if renamed is None else renamed
    connection = connections[using]
    recorder = MigrationRecorder(connection)
    if not renamed or not recorder.has_table():
        return []
    moved = []
    for old, new in renamed.items():
        applied = recorder.migration_qs
        if applied.filter(app=old).exists() and not applied.filter(app=new).exists():
            _move(connection, old, new)
            moved.append((old, new))
    return moved


def _move(connection: BaseDatabaseWrapper, old: str, new: str) -> None:
    tables = [t for t in connection.introspection.table_names() if t.startswith(f"{old}_")]
    with connection.schema_editor(atomic=True) as editor:
        for table in tables:
            # alter_db_table also rewrites the foreign keys that point at the table (SQLite
            # rewrites them in the referencing tables' definitions; PostgreSQL keeps them by oid).
            renamed = new + table[len(old) :]
            editor.alter_db_table(_model_of(renamed), table, renamed)
        with connection.cursor() as cursor:
            cursor.execute("UPDATE django_migrations SET app = %s WHERE app = %s", [new, old])
            if "django_content_type" in connection.introspection.table_names(cursor):
                cursor.execute(
                    "UPDATE django_content_type SET app_label = %s WHERE app_label = %s",
                    [new, old],
                )


def _model_of(table: str) -> type[Model]:
    """The model now stored in ``table`` (a table of a model deleted by a later migration has
    none; the built-in backends only use the table names)."""
    return next(
        (m for m in apps.get_models(include_auto_created=True) if m._meta.db_table == table),
        Model,
    )
