"""The people of units that a restructuring closes: their periods at an old unit end the day
before the effective date and, when the unit has one successor (a merge, a rename), continue at
the successor from that date. A trusted write: the caller (``restructuring``) has checked its own
permission and runs this inside its transaction. One audit event per call, with the counts.

A period that starts on or after the effective date was planned at a unit that will no longer
exist: it passes whole to the successor, and a dissolution (no successor) refuses it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.organizations.models import Organization
from thidua.people.models import Employment
from thidua.people.validators import day

ONE_DAY = dt.timedelta(days=1)


def employments_reaching(unit_ids: Collection[int], effective: dt.date) -> QuerySet[Employment]:
    """The periods at these units still running on ``effective`` or starting after it."""
    return Employment.objects.filter(organization_id__in=unit_ids).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=effective)
    )


def people_counts(unit_ids: Collection[int], effective: dt.date) -> dict[int, int]:
    """Unit id → how many of its periods a restructuring from ``effective`` moves (one query)."""
    rows = (
        employments_reaching(unit_ids, effective)
        .values("organization_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["organization_id"]: row["n"] for row in rows}


def validate_dissolution(units: Collection[Organization], effective: dt.date) -> None:
    """A dissolved unit cannot keep a period that starts on or after the day it closes."""
    late = (
        Employment.objects.filter(organization__in=units, valid_from__gte=effective)
        .select_related("person", "organization")
        .order_by("valid_from")
        .first()
    )
    if late is not None:
        raise ValidationError(
            _(
                "{name} bắt đầu công tác tại {unit} từ {date}, không trước ngày giải thể: "
                "hãy sửa quá trình công tác của người này trước."
            ).format(
                name=late.person.full_name, unit=late.organization.name, date=day(late.valid_from)
            ),
            code="employment_after_dissolution",
        )


@transaction.atomic
def move_unit_people(
    *,
    moves: Mapping[Organization, Organization | None],
    effective_date: dt.date,
    note: str = "",
    actor: Any = None,
) -> dict[str, int]:
    """Old unit → successor (``None``: the periods only end). Returns ``{"moved": n, "ended": n}``.

    Ends first, then opens: the new periods never meet the old ones (no-overlap guard)."""
    old_ids = {unit.pk: successor for unit, successor in moves.items()}
    dissolved = [unit for unit, successor in moves.items() if successor is None]
    if dissolved:
        validate_dissolution(dissolved, effective_date)
    rows = list(employments_reaching(old_ids, effective_date).select_related("organization"))
    ending, starting, passing = [], [], []
    counts: Counter[str] = Counter()
    for employment in rows:
        successor = old_ids[employment.organization_id]
        if employment.valid_from >= effective_date and successor is not None:
            employment.organization = successor  # planned at the old unit: passes whole
            passing.append(employment)
        else:
            ending.append(employment)
            if successor is not None:
                starting.append(_continued(employment, successor, effective_date))
            employment.valid_to = effective_date - ONE_DAY
        counts["moved" if successor is not None else "ended"] += 1
    now = timezone.now()
    for employment in (*ending, *passing):
        employment.updated = now  # bulk_update does not touch auto_now fields
    Employment.objects.bulk_update(ending, ["valid_to", "updated"])
    Employment.objects.bulk_update(passing, ["organization", "updated"])
    Employment.objects.bulk_create(starting)
    result = {"moved": counts["moved"], "ended": counts["ended"]}
    if rows:
        record_event(
            action="people.restructure",
            object_type="people.employment",
            object_repr=note[:300],
            after={
                **result,
                "from": day(effective_date),
                "units": {
                    unit.code: successor.code if successor else None
                    for unit, successor in moves.items()
                },
            },
            note=note,
            actor=actor,
        )
    return result


def _continued(employment: Employment, successor: Organization, start: dt.date) -> Employment:
    return Employment(
        person_id=employment.person_id,
        organization=successor,
        category=employment.category,
        position=employment.position,
        valid_from=start,
        valid_to=employment.valid_to,
    )
