from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.clusters import api_lists, unit_services
from thidua.clusters.cluster_api import ClusterYearSerializer, ClusterYearWrites
from thidua.clusters.models import ClusterYear
from thidua.clusters.next_year_api import NextYearActions
from thidua.clusters.selectors import cluster_year_detail, organizations_for_user
from thidua.core.api import CursorOption, KeysetPagination, page_of
from thidua.core.numbers import is_digits
from thidua.organizations.enums import OrganizationKind
from thidua.organizations.models import Authority, Organization
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


class OrganizationInputSerializer(serializers.Serializer[Any]):
    """A unit to add or correct; the services check the code, the dates, the scope and the
    permission (their messages, in Vietnamese). ``parent`` and ``authority`` are ids, as read."""

    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=255)
    short_name = serializers.CharField(max_length=100, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=OrganizationKind.choices)
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]  # a field named "parent"
        queryset=Organization.objects.all(), required=False, allow_null=True
    )
    authority = serializers.PrimaryKeyRelatedField(
        queryset=Authority.objects.all(), required=False, allow_null=True
    )
    province = serializers.CharField(max_length=100, required=False, allow_blank=True)
    valid_from = serializers.DateField(required=False, allow_null=True)
    valid_to = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(summary="Danh sách đơn vị trong phạm vi người dùng (q: tìm không dấu)"),
    retrieve=extend_schema(summary="Một đơn vị"),
    create=extend_schema(
        summary="Thêm đơn vị (quản trị hệ thống; cán bộ Ban TĐKT cho cơ quan của mình)",
        request=OrganizationInputSerializer,
        responses={201: OrganizationSerializer},
    ),
    partial_update=extend_schema(
        summary="Sửa thông tin đơn vị; mã không đổi. Đổi tên, sáp nhập… qua sắp xếp lại đơn vị",
        request=OrganizationInputSerializer,
        responses=OrganizationSerializer,
    ),
)
class OrganizationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Organization],
):
    """Đơn vị trong phạm vi người dùng. Thêm, sửa: quản trị hệ thống; cán bộ Ban TĐKT cho đơn vị
    của cơ quan mình. Ngoài phạm vi: 404; không có quyền: 403 (lý do); dữ liệu sai: 400."""

    serializer_class = OrganizationSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Organization]:
        qs = organizations_for_user(self.request.user)  # type: ignore[arg-type]
        query: Any = self.request.query_params.get("q", "")
        return search_organizations(qs, query).select_related("authority").order_by("sort_key")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # rows from .values(), not instances through the serializer: the same JSON (issue 13)
        page = page_of(self, api_lists.organization_page_values(self.get_queryset()))
        return self.get_paginated_response(api_lists.organization_rows(page))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = OrganizationInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = unit_services.create_unit(user=request.user, **data.validated_data)  # type: ignore[arg-type]
        return Response(OrganizationSerializer(unit).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        unit = self.get_object()
        data = OrganizationInputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        if changes.pop("code", unit.code) != unit.code:
            raise serializers.ValidationError({"code": ["Không đổi được mã của đơn vị."]})
        unit_services.update_unit(organization=unit, user=request.user, **changes)  # type: ignore[arg-type]
        return Response(OrganizationSerializer(unit).data)


class ClusterYearCursor(KeysetPagination):
    """``?cursor=`` on the cluster years: newest year first, then by cluster code (unique per
    year), the order of limit/offset; the index ``cluster_year_newest_first`` finds the year."""

    ordering = (("-year", int), ("cluster__code", str))


@extend_schema_view(
    list=extend_schema(
        summary="Các cụm/khối-năm trong phạm vi người dùng (lọc: year, cluster)",
        parameters=[
            OpenApiParameter(
                "cursor",
                OpenApiTypes.STR,
                description=(
                    "Phân trang theo con trỏ: bỏ trống (cursor=) để lấy trang đầu, rồi đi theo "
                    "liên kết next/previous. Trang sâu nhanh như trang đầu; trả về next, "
                    "previous, results (không có count). Không có cursor: limit/offset."
                ),
            )
        ],
    ),
    retrieve=extend_schema(summary="Một cụm/khối-năm với thành viên, trưởng và phó"),
)
class ClusterYearViewSet(
    CursorOption, NextYearActions, ClusterYearWrites, viewsets.ReadOnlyModelViewSet[ClusterYear]
):
    """Cụm/khối-năm trong phạm vi người dùng: thành viên, trưởng, phó, chủ đề năm. Ngoài phạm vi:
    404; không có quyền: 403 (lý do); dữ liệu sai: 400."""

    serializer_class = ClusterYearSerializer
    cursor_pagination_class = ClusterYearCursor

    def get_queryset(self) -> QuerySet[ClusterYear]:
        qs = cluster_year_detail(self.request.user)  # type: ignore[arg-type]
        year = self.request.query_params.get("year")
        if is_digits(year):
            qs = qs.filter(year=int(year))
        code = self.request.query_params.get("cluster")
        if code:
            qs = qs.filter(cluster__code=code)
        return qs.order_by("-year", "cluster__code")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # rows from .values(), members in one query, no instances or serializer: same JSON
        page = page_of(self, api_lists.cluster_year_page_values(self.get_queryset()))
        return self.get_paginated_response(api_lists.cluster_year_rows(page))
