"""Reads for the authority pages (/authorities/) and the API: which authorities a person sees,
and an authority's clusters. They live with the clusters because a person sees an authority
through its cluster years (the scope), like the unit pages; the registry itself (models,
services, lineage) is the ``organizations`` app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet

from thidua.accounts.enums import AUTHORITY_ROLES
from thidua.clusters.models import Cluster
from thidua.clusters.selectors import cluster_years_for_user
from thidua.core.vntext import search_terms
from thidua.organizations.enums import AuthorityLevel
from thidua.organizations.models import Authority, AuthoritySuccession
from thidua.organizations.selectors import lineage_ids_subquery

if TYPE_CHECKING:
    from thidua.accounts.models import User


def authorities_for_user(user: User) -> QuerySet[Authority]:
    """All (admin); otherwise the authorities of the cluster years the person sees, and for the
    people of an authority their authority and every one it succeeded."""
    qs = Authority.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if user.is_system_admin:
        return qs
    condition = Q(pk__in=cluster_years_for_user(user).values("cluster__authority_id"))
    if user.role in AUTHORITY_ROLES and user.authority_id:
        condition |= Q(pk__in=lineage_ids_subquery(user.authority_id))
    return qs.filter(condition)


def authority_list(user: User, *, level: str = "", query: str = "") -> QuerySet[Authority]:
    """Rows of /authorities/: in Vietnamese order, with the parent and the successors."""
    qs = authorities_for_user(user)
    if level in AuthorityLevel.values:
        qs = qs.filter(level=level)
    for term in search_terms(query):
        qs = qs.filter(search_text__contains=term)
    successors = AuthoritySuccession.objects.select_related("successor").order_by("effective_date")
    return (
        qs.select_related("parent")
        .prefetch_related(Prefetch("successor_links", queryset=successors))
        .order_by("sort_key")
    )


def clusters_of_authority(user: User, authority: Authority) -> QuerySet[Cluster]:
    """The authority's clusters that have a year the person sees, in order."""
    visible = cluster_years_for_user(user).filter(cluster__authority=authority)
    return Cluster.objects.filter(pk__in=visible.values("cluster_id")).order_by(
        "kind", "number", "sort_key"
    )
