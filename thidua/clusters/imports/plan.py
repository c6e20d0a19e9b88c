"""Checking the rows against each other and against the database, before anything is written.

The plan groups rows by unit (``plan_units``), by cluster and by cluster year
(``plan_clusters``); ``apply`` then carries it out through the services.
"""

from __future__ import annotations

from thidua.clusters.imports.entries import ClusterEntry, Plan, Scope, UnitEntry, YearEntry
from thidua.clusters.imports.plan_clusters import plan_clusters, plan_years
from thidua.clusters.imports.plan_units import plan_parents, plan_unit_authorities, plan_units
from thidua.clusters.imports.rows import ErrorLog, Row

__all__ = ["ClusterEntry", "Plan", "Scope", "UnitEntry", "YearEntry", "build_plan"]


def build_plan(rows: list[Row], scope: Scope, errors: ErrorLog) -> Plan:
    plan = Plan(scope=scope)
    for row in rows:
        if row.code:
            plan.units.setdefault(row.code, UnitEntry(code=row.code)).rows.append(row)
        if row.cluster_code and row.membership_ok:
            cluster = plan.clusters.setdefault(
                row.cluster_code, ClusterEntry(code=row.cluster_code)
            )
            cluster.rows.append(row)
    plan_units(plan, errors)
    plan_parents(plan, errors)
    plan_clusters(plan, errors)
    plan_years(plan, [r for r in rows if r.cluster_code and r.membership_ok], errors)
    plan_unit_authorities(plan, errors)
    return plan
