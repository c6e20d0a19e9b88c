"""Authorities under /api/v1/authorities/: everyone reads those in their scope (like the pages);
system administrators create and update them and record successors, through the same services
and permissions (``organizations.manage_authority``, ``organizations.record_authority_succession``).
A refusal is a 403 with the reason, bad input a 400 (``core.api.exception_handler``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.clusters.authority_selectors import authority_list
from thidua.organizations import authority_services as services
from thidua.organizations.models import Authority, AuthoritySuccession


class SuccessionLinkSerializer(serializers.ModelSerializer[AuthoritySuccession]):
    predecessor = serializers.CharField(source="predecessor.code", read_only=True)
    successor = serializers.CharField(source="successor.code", read_only=True)

    class Meta:
        model = AuthoritySuccession
        fields = [
            "predecessor",
            "successor",
            "effective_date",
            "decision_number",
            "decision_date",
            "note",
        ]


class AuthoritySerializer(serializers.ModelSerializer[Authority]):
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    parent = serializers.SlugRelatedField(  # type: ignore[assignment]  # a field named "parent"
        slug_field="code", queryset=Authority.objects.all(), allow_null=True, required=False
    )
    predecessors = SuccessionLinkSerializer(source="predecessor_links", many=True, read_only=True)
    successors = SuccessionLinkSerializer(source="successor_links", many=True, read_only=True)

    class Meta:
        model = Authority
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "level",
            "level_label",
            "province",
            "parent",
            "valid_from",
            "valid_to",
            "predecessors",
            "successors",
        ]
        # the services check codes, levels and dates (their messages, in Vietnamese)
        extra_kwargs: dict[str, dict[str, Any]] = {"code": {"validators": []}}


class SuccessionInputSerializer(serializers.Serializer[Any]):
    successor = serializers.SlugRelatedField(slug_field="code", queryset=Authority.objects.all())
    effective_date = serializers.DateField()
    decision_number = serializers.CharField(required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    close_predecessor = serializers.BooleanField(required=False, default=True)


@extend_schema_view(
    list=extend_schema(
        summary="Cơ quan tổ chức cụm, khối trong phạm vi người dùng (lọc: level, q không dấu)",
        parameters=[
            OpenApiParameter(
                "level", OpenApiTypes.STR, description="central | ministry | province | commune"
            ),
            OpenApiParameter("q", OpenApiTypes.STR, description="Tìm kiếm không cần dấu"),
        ],
    ),
    retrieve=extend_schema(summary="Một cơ quan, với cơ quan tiền thân và kế thừa"),
    create=extend_schema(summary="Tạo cơ quan (quản trị hệ thống)"),
    update=extend_schema(summary="Sửa cơ quan; mã không đổi (quản trị hệ thống)"),
    partial_update=extend_schema(summary="Sửa một phần thông tin cơ quan (quản trị hệ thống)"),
)
class AuthorityViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Authority],
):
    serializer_class = AuthoritySerializer

    def get_queryset(self) -> QuerySet[Authority]:
        links = AuthoritySuccession.objects.select_related("predecessor", "successor")
        params = self.request.query_params
        return (
            authority_list(
                self.request.user,  # type: ignore[arg-type]
                # A NUL (PostgreSQL refuses it) never gets here: core.middleware.RejectNulMiddleware
                level=params.get("level", ""),
                query=params.get("q", ""),
            )
            .prefetch_related(None)  # both directions here, with both ends
            .prefetch_related(
                Prefetch("predecessor_links", queryset=links),
                Prefetch("successor_links", queryset=links),
            )
            .order_by("sort_key")
        )

    def _answer(self, authority: Authority, code: int = status.HTTP_200_OK) -> Response:
        return Response(AuthoritySerializer(self.get_queryset().get(pk=authority.pk)).data, code)

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = AuthoritySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        authority = services.create_authority(user=request.user, **data)  # type: ignore[arg-type]
        return self._answer(authority, status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        authority = self.get_object()
        partial = kwargs.get("partial", False)
        serializer = AuthoritySerializer(authority, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        if changes.pop("code", authority.code) != authority.code:
            raise serializers.ValidationError({"code": ["Không đổi được mã của cơ quan."]})
        services.update_authority(
            authority=authority,
            user=request.user,  # type: ignore[arg-type]
            **changes,
        )
        return self._answer(authority)

    @extend_schema(
        summary="Ghi nhận cơ quan kế thừa cơ quan này (quản trị hệ thống)",
        request=SuccessionInputSerializer,
        responses=AuthoritySerializer,
    )
    @action(detail=True, methods=["post"], url_path="successors")
    def successors(self, request: Request, pk: str | None = None) -> Response:
        authority = self.get_object()
        data = SuccessionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.record_authority_succession(
            predecessor=authority,
            user=request.user,  # type: ignore[arg-type]
            **data.validated_data,
        )
        return self._answer(authority, status.HTTP_201_CREATED)
