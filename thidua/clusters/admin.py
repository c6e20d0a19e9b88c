from __future__ import annotations

from django.contrib import admin

from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear


class MembershipInline(admin.TabularInline[ClusterMembership, ClusterYear]):
    model = ClusterMembership
    extra = 0
    readonly_fields = ["organization"]
    can_delete = False


@admin.register(Cluster)
class ClusterAdmin(admin.ModelAdmin[Cluster]):
    list_display = ["code", "name", "kind", "authority"]
    list_filter = ["kind", "authority"]


@admin.register(ClusterYear)
class ClusterYearAdmin(admin.ModelAdmin[ClusterYear]):
    list_display = ["cluster", "year", "head", "deputy"]
    list_filter = ["year"]
    inlines = [MembershipInline]
