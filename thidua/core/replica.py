"""Reports read from a replica when one is configured (``THIDUA_REPORTS_DATABASE_URL``).

A long report (the national roll-up or follow-up workbook, built by a background job) reads many
rows; on a production PostgreSQL with a streaming replica those reads can be sent there, leaving
the primary to the pages and writes. Only code inside ``reports_reads()`` reads from the replica,
and only when the ``reports`` database is configured: everything else, and every write, stays on
``default`` (a page must see what its person just wrote; a replica may lag by a moment, which a
report tolerates). Without the setting nothing changes.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings

REPORTS = "reports"
_reading_reports: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "thidua_reading_reports", default=False
)


def reports_database() -> str:
    """The alias reports read from now: ``reports`` inside ``reports_reads()`` when configured."""
    if _reading_reports.get() and REPORTS in settings.DATABASES:
        return REPORTS
    return "default"


@contextmanager
def reports_reads() -> Iterator[None]:
    """Reads made inside go to the reports replica (if configured); writes never do."""
    token = _reading_reports.set(True)
    try:
        yield
    finally:
        _reading_reports.reset(token)


class ReportsRouter:
    """``DATABASE_ROUTERS`` entry: reads inside ``reports_reads()`` to the replica."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        alias = reports_database()
        return alias if alias != "default" else None

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == "default"  # a replica follows its primary; it is never migrated
