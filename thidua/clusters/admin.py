"""Read-only lists: clusters, their years, members and deadlines change through the services
(the cluster pages, the import, the API), never here."""

from __future__ import annotations

from django.contrib import admin

from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear, Deadline
from thidua.core.admin import ReadOnlyAdminMixin


@admin.register(Cluster)
class ClusterAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Cluster]):
    list_display = ["code", "name", "kind", "authority"]
    list_filter = ["kind", "authority"]
    search_fields = ["code", "name"]


@admin.register(ClusterYear)
class ClusterYearAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[ClusterYear]):
    list_display = ["cluster", "year", "head", "deputy"]
    list_filter = ["year"]


@admin.register(ClusterMembership)
class ClusterMembershipAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[ClusterMembership]):
    list_display = ["organization", "cluster_year", "joined_on", "left_on"]
    list_filter = ["year", "kind"]
    search_fields = ["organization__name", "cluster_year__cluster__code"]


@admin.register(Deadline)
class DeadlineAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Deadline]):
    list_display = ["cluster_year", "step", "key", "due_at"]
    list_filter = ["step"]
