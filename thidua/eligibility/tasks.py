"""Background jobs of the eligibility app (django-tasks: ``thidua db_worker`` in production, the
immediate backend in tests)."""

from __future__ import annotations

from django_tasks import task

from thidua.eligibility.services import execute_batch


@task()
def run_batch(batch_id: int) -> str:
    """Check a queued batch (``services.execute_batch``); returns its final status."""
    return execute_batch(batch_id)
