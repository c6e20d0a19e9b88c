"""Reads for clusters, and the scope of every page: ``cluster_years_for_user`` (the cluster years a
person may see) and ``organizations_for_user`` (the units), both decided by cluster memberships.
Anything outside the scope is a 404 (``cluster_year_or_404``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.db.models.sql.where import AND

from thidua.accounts.enums import AUTHORITY_ROLES, UNIT_ROLES, Role
from thidua.clusters.enums import ClusterKind, HeadsStatus
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear
from thidua.core.http import get_object_for_user_or_404
from thidua.core.urlfill import url_filler
from thidua.core.vntext import search_terms
from thidua.organizations.models import Organization
from thidua.organizations.selectors import lineage_cte, lineage_ids_subquery, passed_year_sql

if TYPE_CHECKING:
    from thidua.accounts.models import User


# The condition that narrows a queryset of ``cluster_years_for_user`` to the user's scope, kept
# on its SQL query (Django copies a query's attributes to every clone, and a filter's condition
# stays the same object): ``cluster_year_or_404`` then knows it need not narrow it again.
_SCOPE_MARK = "thidua_user_scope"


def cluster_years_for_user(user: User) -> QuerySet[ClusterYear]:
    qs = ClusterYear.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.is_system_admin:
        return qs
    if user.role in AUTHORITY_ROLES and user.authority_id:
        # the user's authority and every authority it succeeded (no query of its own)
        return _marked(
            qs.filter(cluster__authority_id__in=lineage_ids_subquery(user.authority_id)), user
        )
    if user.organization_id and (user.role in UNIT_ROLES or user.role in AUTHORITY_ROLES):
        own = ClusterMembership.objects.filter(
            cluster_year=OuterRef("pk"), organization_id=user.organization_id
        )
        return _marked(qs.filter(Exists(own)), user)
    return qs.none()


def _marked(scoped: QuerySet[ClusterYear], user: User) -> QuerySet[ClusterYear]:
    """``scoped`` (a one-condition filter of every cluster year) with its condition marked."""
    (condition,) = scoped.query.where.children
    setattr(scoped.query, _SCOPE_MARK, (user.pk, condition))
    return scoped


def _already_in_scope(queryset: QuerySet[ClusterYear], user: User) -> bool:
    """True when ``queryset`` is built on ``cluster_years_for_user(user)`` and its scope condition
    is still one of the conditions every row must meet (a top-level AND, not OR-combined away,
    not a union): narrowing it again would only repeat the condition in the SQL."""
    if user.is_authenticated and user.is_system_admin:
        return True  # the scope is every cluster year
    query = queryset.query
    mark = getattr(query, _SCOPE_MARK, None)
    if mark is None or mark[0] != user.pk or query.combinator is not None:
        return False
    where = query.where
    return (
        where.connector == AND
        and not where.negated
        and any(child is mark[1] for child in where.children)
    )


def cluster_year_or_404(
    user: User, code: str, year: int, queryset: QuerySet[ClusterYear] | None = None
) -> ClusterYear:
    """The cluster year ``code``/``year`` if the user may see it, else 404 (missing looks the same).

    ``queryset`` adds what the page needs (``select_related``, ``prefetch_related``, annotations);
    it is always narrowed to the user's scope here (once: a queryset built on
    ``cluster_years_for_user(user)``, as ``cluster_year_detail`` is, already is). Without it: the
    cluster, its authority, the head and the deputy.
    """
    in_scope = cluster_years_for_user(user)
    if queryset is None:
        scoped = in_scope.select_related("cluster__authority", "head", "deputy")
    elif _already_in_scope(queryset, user):
        scoped = queryset
    else:
        scoped = queryset.filter(pk__in=in_scope.values("pk"))
    return get_object_for_user_or_404(scoped, cluster__code=code, year=year)


def managed_cluster_years(user: User) -> QuerySet[ClusterYear]:
    """The cluster years the user runs (``clusters.manage_clusteryear``), as a queryset: all
    (admin), the authority's and its predecessors' open ones (board officer), those headed by
    the user's unit (secretariat)."""
    qs = cluster_years_for_user(user)
    if not user.is_authenticated:
        return qs.none()
    if user.is_system_admin:
        return qs
    if user.role == Role.BOARD_OFFICER and user.authority_id:
        return qs.filter(_runs_years_of_lineage(user.authority_id))
    if user.role == Role.CLUSTER_SECRETARIAT and user.organization_id:
        return qs.filter(head_id=user.organization_id)
    return qs.none()


def _runs_years_of_lineage(authority_id: int) -> Q:
    """The years the board officers of ``authority_id`` run (``rules.runs_authority_year``): its
    own, and each predecessor's from the year its work passed on — in SQL, no query of its own."""
    cte, params = lineage_cte(authority_id)
    year_sql, year_params = passed_year_sql("l.passed_on")
    years = connection.ops.quote_name(ClusterYear._meta.db_table)
    clusters = connection.ops.quote_name(Cluster._meta.db_table)
    select = (
        f"SELECT cy.id FROM {years} cy JOIN {clusters} c ON c.id = cy.cluster_id "  # noqa: S608
        f"JOIN lineage l ON l.authority_id = c.authority_id "
        f"WHERE l.passed_on IS NOT NULL AND {year_sql} <= cy.year"
    )
    sql = cte + select  # table names from the models; every value is a bound parameter
    open_years = RawSQL(sql, (*params, *year_params))  # noqa: S611 -- bound parameters only
    return Q(cluster__authority_id=authority_id) | Q(pk__in=open_years)


def cluster_years_run_by(authority_id: int) -> QuerySet[ClusterYear]:
    """The cluster years an authority runs: its own, and its predecessors' from the year their
    work passed to it (no query of its own). Not a user's scope: callers check who asks."""
    return ClusterYear.objects.filter(_runs_years_of_lineage(authority_id))


def organizations_for_user(user: User) -> QuerySet[Organization]:
    """The units a person may see: all (admin); the units of the authority and of the
    authorities it succeeded, and every member of their clusters (authority roles); their own
    unit and the units it shares a cluster year with."""
    qs = Organization.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.is_system_admin:
        return qs
    if user.role in AUTHORITY_ROLES and user.authority_id:
        in_authority_cluster = ClusterMembership.objects.filter(
            organization=OuterRef("pk"),
            authority_id__in=lineage_ids_subquery(user.authority_id),
        )
        return qs.filter(
            Q(authority_id__in=lineage_ids_subquery(user.authority_id))
            | Exists(in_authority_cluster)
        )
    if user.organization_id and (user.role in UNIT_ROLES or user.role in AUTHORITY_ROLES):
        # Own unit and the units it shares a cluster year with (peers are visible, read-only).
        own_years = ClusterMembership.objects.filter(organization_id=user.organization_id).values(
            "cluster_year_id"
        )
        peer = ClusterMembership.objects.filter(
            organization=OuterRef("pk"), cluster_year_id__in=own_years
        )
        return qs.filter(Q(pk=user.organization_id) | Exists(peer))
    return qs.none()


def cluster_year_list(
    user: User,
    *,
    year: int | None = None,
    authority_id: int | None = None,
    kind: str = "",
    query: str = "",
) -> QuerySet[ClusterYear]:
    """Rows of the /clusters/ page: one per cluster year in scope, with head and deputy, newest
    year first, then by authority and cluster in Vietnamese order. No member count: cut the
    page first (on ``values_list("pk")``), then ``cluster_years_in_order`` (the count of every
    membership of the scope would be grouped and sorted before the page is cut)."""
    qs = cluster_years_for_user(user)
    if year:
        qs = qs.filter(year=year)
    if authority_id:
        qs = qs.filter(cluster__authority_id=authority_id)
    if kind:
        qs = qs.filter(cluster__kind=kind)
    for term in search_terms(query):
        qs = qs.filter(cluster__search_text__contains=term)
    return qs.select_related("cluster__authority", "head", "deputy").order_by(
        "-year",
        "cluster__authority__sort_key",
        "cluster__sort_key",
    )


def cluster_years_in_order(ids: Sequence[int]) -> list[ClusterYear]:
    """The cluster years ``ids`` (a page of ``cluster_year_list(...).values_list("pk")``, so
    already in scope), in that order, with cluster, authority, head, deputy and
    ``member_count``: one query on those rows only. The page is cut on the narrow rows (the ids
    and the sort keys), then the wide rows of the page are read — only the columns the list
    prints. Each row also gets what the page prints of it, computed once per page instead of
    once per cell: ``url``, ``kind_label`` and ``missing_text`` (where no head is recorded)."""
    members = (
        ClusterMembership.objects.filter(cluster_year=OuterRef("pk"))
        .order_by()
        .values("cluster_year")
        .annotate(n=Count("pk"))
        .values("n")
    )
    found = (
        ClusterYear.objects.filter(pk__in=list(ids))
        .select_related("cluster__authority", "head", "deputy")
        .only(*LIST_ROW_FIELDS)
        .annotate(member_count=Coalesce(Subquery(members), 0))
    )
    by_id = {cy.pk: cy for cy in found}
    rows: list[ClusterYear] = [by_id[pk] for pk in ids if pk in by_id]
    url = url_filler("clusters:year", "code", "year")
    kinds = {value: str(label) for value, label in ClusterKind.choices}
    unknown, not_chosen = str(HeadsStatus.UNKNOWN.label), str(HeadsStatus.NOT_CHOSEN_YET.label)
    for cy in rows:
        cy.url = url(code=cy.cluster.code, year=cy.year)  # type: ignore[attr-defined]
        cy.kind_label = kinds.get(cy.cluster.kind, cy.cluster.kind)  # type: ignore[attr-defined]
        cy.missing_text = unknown if cy.heads_unknown else not_chosen  # type: ignore[attr-defined]
    return rows


# the columns of the /clusters/ rows (``cluster_years_in_order``)
LIST_ROW_FIELDS = (
    "year",
    "heads_status",
    "cluster__code",
    "cluster__name",
    "cluster__kind",
    "cluster__authority__name",
    "cluster__authority__short_name",
    "head__name",
    "head__short_name",
    "deputy__name",
    "deputy__short_name",
)


def with_member_counts(cluster_years: Iterable[ClusterYear]) -> list[ClusterYear]:
    """The cluster years (a page's rows), each with ``member_count``: one grouped query over
    their ids, whatever the number of memberships elsewhere."""
    rows = list(cluster_years)
    counts = dict(
        ClusterMembership.objects.filter(cluster_year_id__in=[cy.pk for cy in rows])
        .order_by()
        .values("cluster_year_id")
        .annotate(n=Count("pk"))
        .values_list("cluster_year_id", "n")
    )
    for cy in rows:
        cy.member_count = counts.get(cy.pk, 0)  # type: ignore[attr-defined]
    return rows


def cluster_year_detail(user: User) -> QuerySet[ClusterYear]:
    """Cluster years in scope with what the cluster-year page shows, members in Vietnamese order."""
    members = ClusterMembership.objects.select_related("organization__authority").order_by(
        "organization__sort_key"
    )
    return (
        cluster_years_for_user(user)
        .select_related("cluster__authority", "head", "deputy")
        .prefetch_related(Prefetch("memberships", queryset=members))
    )


def member_history(organization_id: int, user: User) -> QuerySet[ClusterMembership]:
    """The clusters a unit belonged to, year by year, limited to what the user may see."""
    visible = cluster_years_for_user(user).values("pk")
    return (
        ClusterMembership.objects.filter(
            organization_id=organization_id, cluster_year_id__in=visible
        )
        .select_related(
            "cluster_year__cluster__authority", "cluster_year__head", "cluster_year__deputy"
        )
        .order_by("-year", "cluster_year__cluster__sort_key")
    )


def available_years(user: User) -> list[int]:
    return list(
        cluster_years_for_user(user).order_by("-year").values_list("year", flat=True).distinct()
    )


# ------------------------------------------------------------------- unit selects of a cluster year


def units_active_in_year(
    year: int, queryset: QuerySet[Organization] | None = None
) -> QuerySet[Organization]:
    """Units active at some time in ``year`` (the rule of ``Organization.is_active_in_year`` and of
    ``services.check_can_join``): valid_from ≤ 31/12/year and (no valid_to, or ≥ 1/1/year).
    Ordered by name, with the authority loaded for ``Organization.label``."""
    qs = Organization.objects.all() if queryset is None else queryset
    return (
        qs.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=dt.date(year, 12, 31)),
            Q(valid_to__isnull=True) | Q(valid_to__gte=dt.date(year, 1, 1)),
        )
        .select_related("authority")
        .order_by("sort_key")
    )


def cluster_year_units(cluster_year: ClusterYear) -> QuerySet[Organization]:
    """What every unit select of a cluster year offers (head, deputy, scorer, target, a pledge
    target, a reopened step…): its members active in its year."""
    members = Organization.objects.filter(cluster_memberships__cluster_year=cluster_year)
    return units_active_in_year(cluster_year.year, members)


def member_candidates(
    cluster_year: ClusterYear, within: QuerySet[Organization] | None = None
) -> QuerySet[Organization]:
    """What the “Thêm thành viên” picker offers: the units of the cluster's authority or of an
    authority it succeeded (``authority_lineage``), active in the year, in no cluster of the same
    kind and authority that year (this one included); only those of ``within`` when given (the
    person's scope, ``organizations_for_user``). No query of its own."""
    taken = ClusterMembership.objects.filter(
        year=cluster_year.year,
        authority_id=cluster_year.cluster.authority_id,
        kind=cluster_year.cluster.kind,
    ).values("organization_id")
    units = Organization.objects.all() if within is None else within
    units = units.filter(authority_id__in=lineage_ids_subquery(cluster_year.cluster.authority_id))
    return units_active_in_year(cluster_year.year, units).exclude(pk__in=taken)


def in_cluster_authority(cluster_year: ClusterYear, organization: Organization) -> bool:
    """Whether ``organization`` belongs to the cluster's authority or to one it succeeded."""
    authority_id = cluster_year.cluster.authority_id
    return organization.authority_id is not None and (
        organization.authority_id == authority_id
        or Organization.objects.filter(
            pk=organization.pk, authority_id__in=lineage_ids_subquery(authority_id)
        ).exists()
    )
