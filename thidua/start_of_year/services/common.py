"""Small checks shared by the services of the start of the year."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from thidua.clusters.models import ClusterYear


def require_text(value: str, message: str) -> str:
    """The stripped text, or a ``ValidationError`` with ``message`` when it is empty."""
    value = (value or "").strip()
    if not value:
        raise ValidationError(message, code="required")
    return value


def member_ids(cluster_year: ClusterYear) -> set[int]:
    return set(cluster_year.memberships.values_list("organization_id", flat=True))
