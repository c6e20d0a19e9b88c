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
Two queries whatever the numbers: the distinct day counts of the years' settings, then the count
(in SQL, with the cluster years' queryset as a subquery).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Model, QuerySet
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
    Pledge,
    PledgeSignature,
    ProgressUpdate,
    Registration,
    Topic,
    YearSettings,
)


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _when(at: dt.datetime) -> Any:
    """``at`` as the database compares it with a stored date and time."""
    return connection.ops.adapt_datetimefield_value(at)


def _due(step: str, cluster_year_id: str) -> tuple[str, list[Any]]:
    """The latest deadline of ``step`` of the cluster year whose id is the column
    ``cluster_year_id`` of the enclosing query."""
    sql = (
        f"(SELECT d.due_at FROM {_table(Deadline)} d"  # noqa: S608 -- names from the models
        f" WHERE d.cluster_year_id = {cluster_year_id} AND d.step = %s"
        " ORDER BY d.due_at DESC LIMIT 1)"
    )
    return sql, [str(step)]


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
) -> tuple[str, list[Any]]:
    """EXISTS a late model (or topic) of the accepted registration of the membership ``m``."""
    column = "emulation_model_id" if item_class is EmulationModel else "topic_id"
    updates = _table(ProgressUpdate)
    default = YearSettings._meta.get_field("progress_stale_days").default
    progress_due, due_params = _due(CycleStep.PROGRESS, "r.cluster_year_id")
    last = (
        f"(SELECT u.reported_at FROM {updates} u WHERE u.{column} = i.id"  # noqa: S608
        " ORDER BY u.reported_at DESC LIMIT 1)"
    )
    stale_days = (
        f"COALESCE((SELECT s.progress_stale_days FROM {_table(YearSettings)} s"  # noqa: S608
        " WHERE s.cluster_year_id = r.cluster_year_id LIMIT 1), %s)"
    )
    sql = (
        f"EXISTS (SELECT 1 FROM {_table(item_class)} i"  # noqa: S608
        f" JOIN {_table(Registration)} r ON r.id = i.registration_id"
        " WHERE r.cluster_year_id = m.cluster_year_id AND r.organization_id = m.organization_id"
        f" AND r.status = %s AND (({progress_due} < %s AND NOT EXISTS (SELECT 1 FROM {updates} u"
        f" WHERE u.{column} = i.id AND u.reported_at <= {progress_due}))"
    )
    params: list[Any] = [str(RegistrationStatus.ACCEPTED), *due_params, _when(at), *due_params]
    for n in sorted(days_values):
        sql += f" OR ({stale_days} = %s AND COALESCE({last}, r.decided_at) < %s)"
        params += [default, n, _when(at - dt.timedelta(days=n))]
    return sql + "))", params


def late_unit_count_in_db(
    cluster_years: QuerySet[ClusterYear], *, at: dt.datetime | None = None
) -> int:
    """``late_unit_count(late_rows(cluster_years, at=at))``, counted in the database.

    The count is written in SQL (every value a bound parameter): built with the ORM, the nested
    subqueries cost more to assemble and compile than the database takes to count them."""
    at = at or timezone.now()
    days_values = _stale_days_values(cluster_years)
    try:
        scope, scope_params = cluster_years.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:
        return 0
    registration_due, registration_params = _due(CycleStep.REGISTRATION, "m.cluster_year_id")
    pledge_due, pledge_params = _due(CycleStep.PLEDGE, "m.cluster_year_id")
    registered = ", ".join(["%s"] * len(REGISTERED_STATUSES))
    current = ", ".join(["%s"] * len(CURRENT_PLEDGE_STATUSES))
    models_sql, models_params = _late_items(EmulationModel, at, days_values)
    topics_sql, topics_params = _late_items(Topic, at, days_values)
    sql = (
        f"SELECT COUNT(*) FROM {_table(ClusterMembership)} m"  # noqa: S608
        f" WHERE m.cluster_year_id IN ({scope}) AND ("
        f"({registration_due} < %s AND NOT EXISTS (SELECT 1 FROM {_table(Registration)} r"
        " WHERE r.cluster_year_id = m.cluster_year_id AND r.organization_id = m.organization_id"
        f" AND r.status IN ({registered})))"
        f" OR ({pledge_due} < %s AND NOT EXISTS (SELECT 1 FROM {_table(PledgeSignature)} s"
        f" JOIN {_table(Pledge)} p ON p.id = s.pledge_id"
        " WHERE p.cluster_year_id = m.cluster_year_id AND s.organization_id = m.organization_id"
        f" AND p.status IN ({current})))"
        f" OR {models_sql} OR {topics_sql})"
    )
    params = [
        *scope_params,
        *registration_params,
        _when(at),
        *map(str, REGISTERED_STATUSES),
        *pledge_params,
        _when(at),
        *map(str, CURRENT_PLEDGE_STATUSES),
        *models_params,
        *topics_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (count,) = cursor.fetchone()
    return int(count)
