"""Background jobs of the start of the year (django-tasks: ``thidua db_worker`` in production,
the immediate backend in tests)."""

from __future__ import annotations

from django_tasks import task

from thidua.start_of_year.services.exports import execute_export


@task()
def run_export(job_id: int) -> str:
    """Build a queued export (``services.exports.execute_export``); returns its final status."""
    return execute_export(job_id)
