from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from thidua.clusters.models import ClusterYear
from thidua.clusters.next_year_api import NextYearActions
from thidua.clusters.selectors import cluster_year_detail, organizations_for_user
from thidua.organizations.models import Organization
from thidua.organizations.selectors import search_organizations


class OrganizationSerializer(serializers.ModelSerializer[Organization]):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "code",
            "name",
            "label",  # “Sở Nội vụ — HN-SNV · Hà Nội”: tells apart units of the same name
            "short_name",
            "kind",
            "kind_label",
            "parent",
            "authority",
            "province",
            "valid_from",
            "valid_to",
        ]


@extend_schema_view(
    list=extend_schema(summary="Danh sách đơn vị trong phạm vi người dùng (q: tìm không dấu)"),
    retrieve=extend_schema(summary="Một đơn vị"),
)
class OrganizationViewSet(viewsets.ReadOnlyModelViewSet[Organization]):
    serializer_class = OrganizationSerializer

    def get_queryset(self) -> QuerySet[Organization]:
        qs = organizations_for_user(self.request.user)  # type: ignore[arg-type]
        query: Any = self.request.query_params.get("q", "")
        return search_organizations(qs, query).select_related("authority").order_by("sort_key")


class MemberSerializer(serializers.Serializer[object]):
    id = serializers.IntegerField(source="organization.id")
    code = serializers.CharField(source="organization.code")
    name = serializers.CharField(source="organization.name")


class ClusterYearSerializer(serializers.ModelSerializer[ClusterYear]):
    cluster_code = serializers.CharField(source="cluster.code")
    cluster_name = serializers.CharField(source="cluster.name")
    kind = serializers.CharField(source="cluster.kind")
    authority = serializers.CharField(source="cluster.authority.code")
    head = serializers.CharField(source="head.code", allow_null=True, default=None)
    deputy = serializers.CharField(source="deputy.code", allow_null=True, default=None)
    heads_status = serializers.CharField(source="effective_heads_status", read_only=True)
    members = MemberSerializer(source="memberships", many=True)

    class Meta:
        model = ClusterYear
        fields = [
            "id",
            "cluster_code",
            "cluster_name",
            "kind",
            "authority",
            "year",
            "theme",
            "head",
            "deputy",
            "heads_status",
            "head_decision_ref",
            "head_decision_date",
            "members",
        ]


@extend_schema_view(
    list=extend_schema(summary="Các cụm/khối-năm trong phạm vi người dùng (lọc: year, cluster)"),
    retrieve=extend_schema(summary="Một cụm/khối-năm với thành viên, trưởng và phó"),
)
class ClusterYearViewSet(NextYearActions, viewsets.ReadOnlyModelViewSet[ClusterYear]):
    serializer_class = ClusterYearSerializer

    def get_queryset(self) -> QuerySet[ClusterYear]:
        qs = cluster_year_detail(self.request.user)  # type: ignore[arg-type]
        year = self.request.query_params.get("year")
        if year and year.isdigit():
            qs = qs.filter(year=int(year))
        code = self.request.query_params.get("cluster")
        if code:
            qs = qs.filter(cluster__code=code)
        return qs.order_by("-year", "cluster__code")
