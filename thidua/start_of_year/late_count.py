"""How many units are late, counted by the database: the number of ``followup.late_rows`` 's
distinct (cluster year, unit) pairs without building a row (the home panel over a whole country).

The rule is the one of ``followup`` read as SQL, for a member of a cluster year at ``at``:

- not registered: the registration deadline has passed and no registration of the unit is
  submitted or accepted;
- not signed: the pledge deadline has passed and the unit has not signed the version open or in
  force (or none is);
- no progress: a model or topic of its accepted registration was not reported on by the
  progress deadline once passed (no report at or before it), or has had no report for the year's
  ``progress_stale_days`` (since it was accepted, when never reported; 0 = not followed).

A step's deadline is its latest one, as ``followup`` keeps the last of those ordered by date.
Two queries whatever the numbers: the distinct day counts of the years' settings, then the count.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterMembership, ClusterYear, Deadline
from thidua.start_of_year.enums import (
    CURRENT_PLEDGE_STATUSES,
    REGISTERED_STATUSES,
    RegistrationStatus,
)
from thidua.start_of_year.models import (
    EmulationModel,
    PledgeSignature,
    ProgressUpdate,
    Registration,
    Topic,
    YearSettings,
)


def _due(step: str, cluster_year: Any) -> Subquery:
    """The latest deadline of ``step`` of the cluster year ``cluster_year`` (an outer reference)."""
    latest = Deadline.objects.filter(cluster_year_id=cluster_year, step=step).order_by("-due_at")
    return Subquery(latest.values("due_at")[:1])


def _stale_days_values(cluster_years: QuerySet[ClusterYear]) -> set[int]:
    """The numbers of days the years follow (their settings, and the default for years without)."""
    default = YearSettings._meta.get_field("progress_stale_days").default
    chosen = (
        YearSettings.objects.filter(cluster_year__in=cluster_years)
        .order_by()
        .values_list("progress_stale_days", flat=True)
        .distinct()
    )
    return {*chosen, default} - {0}


def _late_items(
    item_class: type[EmulationModel | Topic], at: dt.datetime, days_values: set[int]
) -> Exists:
    """A late model (or topic) of the outer membership's accepted registration."""
    item_field = "emulation_model" if item_class is EmulationModel else "topic"
    updates = ProgressUpdate.objects.filter(**{item_field: OuterRef("pk")})
    default = YearSettings._meta.get_field("progress_stale_days").default
    days = Coalesce(
        Subquery(
            YearSettings.objects.filter(
                cluster_year_id=OuterRef("registration__cluster_year_id")
            ).values("progress_stale_days")[:1]
        ),
        Value(default),
        output_field=IntegerField(),
    )
    last = Subquery(updates.order_by("-reported_at").values("reported_at")[:1])
    items = item_class.objects.filter(
        registration__cluster_year_id=OuterRef("cluster_year_id"),
        registration__organization_id=OuterRef("organization_id"),
        registration__status=RegistrationStatus.ACCEPTED,
    ).annotate(
        progress_due=_due(CycleStep.PROGRESS, OuterRef("registration__cluster_year_id")),
        stale_days=days,
        since=Coalesce(last, F("registration__decided_at")),
    )
    reported_by_due = updates.filter(reported_at__lte=OuterRef("progress_due"))
    late = Q(Q(progress_due__lt=at), ~Exists(reported_by_due))
    for n in sorted(days_values):
        late |= Q(stale_days=n, since__lt=at - dt.timedelta(days=n))
    return Exists(items.filter(late))


def late_unit_count_in_db(
    cluster_years: QuerySet[ClusterYear], *, at: dt.datetime | None = None
) -> int:
    """``late_unit_count(late_rows(cluster_years, at=at))``, counted in the database."""
    at = at or timezone.now()
    days_values = _stale_days_values(cluster_years)
    registered = Registration.objects.filter(
        cluster_year_id=OuterRef("cluster_year_id"),
        organization_id=OuterRef("organization_id"),
        status__in=REGISTERED_STATUSES,
    )
    signed = PledgeSignature.objects.filter(
        pledge__cluster_year_id=OuterRef("cluster_year_id"),
        pledge__status__in=CURRENT_PLEDGE_STATUSES,
        organization_id=OuterRef("organization_id"),
    )
    members = ClusterMembership.objects.filter(cluster_year__in=cluster_years).annotate(
        registration_due=_due(CycleStep.REGISTRATION, OuterRef("cluster_year_id")),
        pledge_due=_due(CycleStep.PLEDGE, OuterRef("cluster_year_id")),
    )
    late = (
        (Q(registration_due__lt=at) & ~Exists(registered))
        | (Q(pledge_due__lt=at) & ~Exists(signed))
        | _late_items(EmulationModel, at, days_values)
        | _late_items(Topic, at, days_values)
    )
    return members.filter(late).count()
