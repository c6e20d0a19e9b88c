"""Writes of clusters, cluster years and memberships under /api/v1/: the same services and
permissions as the pages (``clusters.create_cluster``, ``clusters.manage_clusteryear``,
``clusters.change_heads``, ``clusters.change_members``). A cluster year outside the person's
scope is a 404; a refusal a 403 with the reason; bad input a 400 (``core.api.exception_handler``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.clusters import api_lists, services
from thidua.clusters.enums import ClusterKind
from thidua.clusters.models import Cluster, ClusterYear
from thidua.clusters.next_year_api import _units
from thidua.clusters.rules import sees_authority
from thidua.clusters.selectors import cluster_years_for_user
from thidua.core.api import page_of
from thidua.organizations.models import Authority


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


class ClusterYearOfClusterSerializer(serializers.ModelSerializer[ClusterYear]):
    class Meta:
        model = ClusterYear
        fields = ["id", "year"]


class ClusterSerializer(serializers.ModelSerializer[Cluster]):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    years = ClusterYearOfClusterSerializer(many=True, read_only=True)

    class Meta:
        model = Cluster
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "kind_label",
            "number",
            "authority",
            "description",
            "years",
        ]


class ClusterInputSerializer(serializers.Serializer[Any]):
    authority = serializers.PrimaryKeyRelatedField(queryset=Authority.objects.all())
    kind = serializers.ChoiceField(choices=ClusterKind.choices)
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=255)
    number = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    year = serializers.IntegerField(help_text="Năm hoạt động đầu tiên của cụm, khối")
    theme = serializers.CharField(required=False, allow_blank=True, default="")


class ClusterYearInputSerializer(serializers.Serializer[Any]):
    cluster = serializers.CharField(help_text="Mã cụm, khối")
    year = serializers.IntegerField()
    theme = serializers.CharField(required=False, allow_blank=True, default="")
    members = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    head = serializers.IntegerField(required=False, allow_null=True)
    deputy = serializers.IntegerField(required=False, allow_null=True)
    decision_ref = serializers.CharField(required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(required=False, allow_null=True)


class ClusterYearChangeSerializer(serializers.Serializer[Any]):
    theme = serializers.CharField(required=False, allow_blank=True)
    head = serializers.IntegerField(required=False, allow_null=True)
    deputy = serializers.IntegerField(required=False, allow_null=True)
    decision_ref = serializers.CharField(required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(required=False, allow_null=True)


class MemberInputSerializer(serializers.Serializer[Any]):
    organization = serializers.IntegerField(help_text="Mã số (id) của đơn vị")
    note = serializers.CharField(required=False, allow_blank=True, default="")


def _valid(serializer_class: Any, request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _visible_cluster(user: Any, code: str) -> Cluster:
    """The cluster ``code`` if the person sees it (a year of it, or its authority); else 400."""
    cluster = Cluster.objects.select_related("authority").filter(code=code).first()
    visible = cluster is not None and (
        user.is_system_admin
        or sees_authority(user, cluster.authority_id)
        or cluster_years_for_user(user).filter(cluster=cluster).exists()
    )
    if cluster is None or not visible:
        raise ValidationError(
            _("Không có cụm, khối mã “{code}”.").format(code=code), code="unknown_cluster"
        )
    return cluster


@extend_schema_view(
    list=extend_schema(summary="Các cụm, khối có năm hoạt động trong phạm vi người dùng"),
    retrieve=extend_schema(summary="Một cụm, khối với các năm hoạt động"),
    create=extend_schema(
        summary="Tạo cụm, khối cùng năm hoạt động đầu tiên (quản trị; cán bộ Ban TĐKT của cơ quan)",
        request=ClusterInputSerializer,
        responses={201: ClusterSerializer},
    ),
)
class ClusterViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Cluster],
):
    """Cụm, khối thi đua có năm hoạt động trong phạm vi người dùng; tạo mới cùng năm đầu tiên."""

    serializer_class = ClusterSerializer

    def get_queryset(self) -> QuerySet[Cluster]:
        visible = cluster_years_for_user(self.request.user)  # type: ignore[arg-type]
        return (
            Cluster.objects.filter(pk__in=visible.values("cluster_id"))
            .prefetch_related(Prefetch("years", queryset=visible.order_by("year")))
            .order_by("authority__sort_key", "kind", "number", "sort_key")
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # rows from .values(), the visible years in one query, no serializer: same JSON
        visible = cluster_years_for_user(request.user)  # type: ignore[arg-type]
        page = page_of(self, api_lists.cluster_page_values(self.get_queryset()))
        return self.get_paginated_response(api_lists.cluster_rows(page, visible))

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _valid(ClusterInputSerializer, request)
        cluster_year = services.create_cluster_with_year(
            user=request.user,  # type: ignore[arg-type]
            **data,
        )
        cluster = cluster_year.cluster
        return Response(
            ClusterSerializer(self.get_queryset().get(pk=cluster.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class ClusterYearWrites:
    """Mixed into ``ClusterYearViewSet`` (``get_object`` is the scoped cluster year: 404)."""

    get_object: Any
    get_queryset: Any
    get_serializer: Any

    def _answer(self, cluster_year: ClusterYear, code: int = status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=cluster_year.pk)).data, code)

    @extend_schema(
        summary="Mở một năm hoạt động của cụm, khối, với thành viên, trưởng và phó",
        request=ClusterYearInputSerializer,
        responses={201: ClusterYearSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _valid(ClusterYearInputSerializer, request)
        cluster = _visible_cluster(request.user, data["cluster"])
        units = _units(request.user, [*data["members"], data.get("head"), data.get("deputy")])
        cluster_year = services.create_cluster_year(
            cluster=cluster,
            year=data["year"],
            theme=data["theme"],
            members=[units[pk] for pk in dict.fromkeys(data["members"])],
            head=units.get(data.get("head") or 0),
            deputy=units.get(data.get("deputy") or 0),
            decision_ref=data["decision_ref"],
            decision_date=data.get("decision_date"),
            user=request.user,  # type: ignore[arg-type]
        )
        return self._answer(cluster_year, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Sửa chủ đề năm; đổi đơn vị trưởng, phó (khi có head hoặc deputy)",
        request=ClusterYearChangeSerializer,
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        cluster_year = self.get_object()
        data = _valid(ClusterYearChangeSerializer, request)
        user: Any = request.user
        with transaction.atomic():
            if "theme" in data:
                services.update_theme(cluster_year=cluster_year, theme=data["theme"], user=user)
            if "head" in data or "deputy" in data:
                head_id = data.get("head", cluster_year.head_id)
                deputy_id = data.get("deputy", cluster_year.deputy_id)
                units = _units(user, [head_id, deputy_id])
                services.set_heads(
                    cluster_year=cluster_year,
                    head=units.get(head_id or 0),
                    deputy=units.get(deputy_id or 0),
                    decision_ref=data["decision_ref"],
                    decision_date=data.get("decision_date"),
                    user=user,
                )
        return self._answer(cluster_year)

    @extend_schema(
        summary="Thêm đơn vị thành viên vào năm của cụm, khối",
        request=MemberInputSerializer,
        responses={201: ClusterYearSerializer},
    )
    @action(detail=True, methods=["post"], url_path="members")
    def members(self, request: Request, pk: str | None = None) -> Response:
        cluster_year = self.get_object()
        data = _valid(MemberInputSerializer, request)
        unit = _units(request.user, [data["organization"]])[data["organization"]]
        services.add_member(
            cluster_year=cluster_year,
            organization=unit,
            note=data["note"],
            user=request.user,  # type: ignore[arg-type]
        )
        return self._answer(cluster_year, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Đưa đơn vị ra khỏi năm của cụm, khối (cần lý do: tham số reason)",
        parameters=[
            OpenApiParameter("reason", OpenApiTypes.STR, description="Lý do", required=True)
        ],
        request=None,
        responses={200: ClusterYearSerializer},
    )
    @action(detail=True, methods=["delete"], url_path=r"members/(?P<org_id>[0-9]+)")
    def remove_member(
        self, request: Request, pk: str | None = None, org_id: str | None = None
    ) -> Response:
        cluster_year = self.get_object()
        reason = request.query_params.get("reason") or (
            request.data.get("reason", "") if hasattr(request.data, "get") else ""
        )
        membership = cluster_year.memberships.filter(organization_id=int(org_id or 0)).first()
        if membership is None:
            raise ValidationError(
                _("Đơn vị mã số {id} không phải thành viên.").format(id=org_id), code="not_member"
            )
        services.remove_member(
            cluster_year=cluster_year,
            organization=membership.organization,
            reason=str(reason),
            user=request.user,  # type: ignore[arg-type]
        )
        return self._answer(cluster_year)
