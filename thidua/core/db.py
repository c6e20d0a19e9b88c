"""Database guards that Django's constraints cannot express on both databases: "no two rows of
one key overlap in time" — a PostgreSQL exclusion constraint, or SQLite triggers.

Use from a migration: ``migrations.RunPython(guard.install, guard.uninstall)``; the error text
(``guard.name``) is what an ``IntegrityError`` carries, so a service can map it to a message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

FOREVER = "'9999-12-31'"


@dataclass(frozen=True)
class Guard:
    """Forward and backward SQL for each database vendor."""

    name: str
    postgresql: tuple[str, ...]
    postgresql_reverse: tuple[str, ...]
    sqlite: tuple[str, ...]
    sqlite_reverse: tuple[str, ...]

    def statements(self, vendor: str, *, reverse: bool = False) -> tuple[str, ...]:
        if vendor == "postgresql":
            return self.postgresql_reverse if reverse else self.postgresql
        if vendor == "sqlite":
            return self.sqlite_reverse if reverse else self.sqlite
        raise NotImplementedError(vendor)

    def install(self, apps: Any, schema_editor: Any) -> None:
        for sql in self.statements(schema_editor.connection.vendor):
            schema_editor.execute(sql)

    def uninstall(self, apps: Any, schema_editor: Any) -> None:
        for sql in self.statements(schema_editor.connection.vendor, reverse=True):
            schema_editor.execute(sql)


def no_overlap(
    *,
    table: str,
    name: str,
    keys: Sequence[str],
    start: str,
    end: str,
    condition: str = "",
    nullable_keys: Sequence[str] = (),
) -> Guard:
    """Rows with equal ``keys`` (and meeting ``condition``) must not overlap in
    ``[start, end]`` (inclusive days; a NULL ``end`` is open). ``nullable_keys`` are integer
    columns where NULL is a value of its own (compared as 0). ``condition`` is SQL with ``{p}``
    where the row prefix goes: ``"{p}status = 'published'"``."""
    pg_keys = [f"COALESCE({k}, 0) WITH =" if k in nullable_keys else f"{k} WITH =" for k in keys]
    where = f" WHERE ({condition.format(p='')})" if condition else ""
    postgresql = (
        "CREATE EXTENSION IF NOT EXISTS btree_gist",
        f"ALTER TABLE {table} ADD CONSTRAINT {name} EXCLUDE USING gist "
        f"({', '.join(pg_keys)}, daterange({start}, {end}, '[]') WITH &&){where}",
    )
    postgresql_reverse = (f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}",)
    return Guard(
        name=name,
        postgresql=postgresql,
        postgresql_reverse=postgresql_reverse,
        sqlite=tuple(
            _sqlite_trigger(
                table=table, name=name, keys=keys, start=start, end=end, condition=condition, op=op
            )
            for op in ("INSERT", "UPDATE")
        ),
        sqlite_reverse=tuple(
            f"DROP TRIGGER IF EXISTS {name}_{op.lower()}" for op in ("INSERT", "UPDATE")
        ),
    )


def _sqlite_trigger(
    *,
    table: str,
    name: str,
    keys: Sequence[str],
    start: str,
    end: str,
    condition: str,
    op: str,
) -> str:
    same = [f"o.{k} IS NEW.{k}" for k in keys]
    tests = [
        *same,
        f"o.{start} <= COALESCE(NEW.{end}, {FOREVER})",
        f"NEW.{start} <= COALESCE(o.{end}, {FOREVER})",
    ]
    if op == "UPDATE":
        tests.append("o.id <> NEW.id")
    if condition:
        tests.append(condition.format(p="o."))
    when = f" WHEN {condition.format(p='NEW.')}" if condition else ""
    # table, column and condition come from the migration's code, never from input
    clash = f"SELECT 1 FROM {table} AS o WHERE {' AND '.join(tests)}"  # noqa: S608
    return (
        f"CREATE TRIGGER {name}_{op.lower()} BEFORE {op} ON {table}{when} BEGIN "
        f"SELECT RAISE(ABORT, '{name}') WHERE EXISTS ({clash}); END"
    )
