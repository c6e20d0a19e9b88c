"""Restructurings under /api/v1/restructurings/: the list (scoped), a preview, and the commit —
through the same services and the same permission as the wizard."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.core.numbers import is_digits
from thidua.core.permissions import check
from thidua.organizations.enums import OrganizationKind
from thidua.restructuring import services
from thidua.restructuring.enums import RestructuringKind
from thidua.restructuring.inputs import build_spec
from thidua.restructuring.models import Restructuring
from thidua.restructuring.plan import Decision, NewUnit, Spec
from thidua.restructuring.selectors import restructurings_for_user


class RestructuringSerializer(serializers.ModelSerializer[Restructuring]):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    authority = serializers.CharField(source="authority.code", default=None, read_only=True)
    units: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )

    class Meta:
        model = Restructuring
        fields = [
            "id",
            "kind",
            "kind_label",
            "decision_number",
            "decision_date",
            "issuing_body",
            "effective_date",
            "note",
            "authority",
            "units",
            "plan",
            "created",
        ]


class NewUnitSerializer(serializers.Serializer[NewUnit]):
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(OrganizationKind.choices, required=False, default="")
    short_name = serializers.CharField(max_length=100, required=False, default="")


class RestructuringRequestSerializer(serializers.Serializer[Spec]):
    kind = serializers.ChoiceField(RestructuringKind.choices)
    decision_number = serializers.CharField(max_length=100)
    decision_date = serializers.DateField()
    issuing_body = serializers.CharField(max_length=255, required=False, default="")
    effective_date = serializers.DateField()
    note = serializers.CharField(required=False, default="", allow_blank=True)
    units = serializers.ListField(child=serializers.CharField(), help_text="Mã các đơn vị cũ")
    successors = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        default=list,
        help_text="Mã các đơn vị có sẵn tiếp nhận (sáp nhập vào, chia tách cho)",
    )
    new_units = NewUnitSerializer(many=True, required=False, default=list)
    target_authority = serializers.CharField(
        required=False, default="", help_text="Mã cơ quan mới (chuyển cơ quan quản lý)"
    )
    assignments = serializers.DictField(
        child=serializers.CharField(),
        required=False,
        default=dict,
        help_text="Chia tách: id thành viên cụm → mã đơn vị mới nhận",
    )

    def spec(self, user: Any) -> Spec:
        data = self.validated_data
        return build_spec(
            kind=data["kind"],
            decision=Decision(
                number=data["decision_number"],
                date=data["decision_date"],
                effective_date=data["effective_date"],
                issuing_body=data["issuing_body"],
                note=data["note"],
            ),
            unit_codes=data["units"],
            successor_codes=data["successors"],
            new_units=[NewUnit(**unit) for unit in data["new_units"]],
            target_authority=data["target_authority"],
            assignments={int(k): v for k, v in data["assignments"].items() if is_digits(str(k))},
            user=user,
        )


@extend_schema_view(
    list=extend_schema(summary="Các lần sắp xếp lại đơn vị trong phạm vi người dùng"),
    retrieve=extend_schema(summary="Một lần sắp xếp lại đơn vị với kế hoạch đã thực hiện"),
)
class RestructuringViewSet(viewsets.ReadOnlyModelViewSet[Restructuring]):
    serializer_class = RestructuringSerializer

    def get_queryset(self) -> QuerySet[Restructuring]:
        qs = restructurings_for_user(self.request.user)  # type: ignore[arg-type]
        return qs.prefetch_related("units")

    def _spec(self, request: Request) -> Spec:
        check(request.user, services.PERMISSION)  # not a restructurer at all: 403 before input
        serializer = RestructuringRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.spec(request.user)

    @extend_schema(
        summary="Xem trước: đơn vị đóng, tạo mới, thành viên cụm chuyển/rời, trưởng/phó, "
        "giao ước và bảng điểm bị ảnh hưởng (không ghi gì)",
        request=RestructuringRequestSerializer,
        responses={200: dict},
    )
    @action(detail=False, methods=["post"])
    def preview(self, request: Request) -> Response:
        plan = services.preview(self._spec(request), user=request.user)  # type: ignore[arg-type]
        return Response({**plan.as_dict(), "summary": plan.summary()})

    @extend_schema(
        summary="Thực hiện sắp xếp lại đơn vị (một giao dịch, ghi nhật ký)",
        request=RestructuringRequestSerializer,
        responses={201: RestructuringSerializer},
    )
    def create(self, request: Request) -> Response:
        restructuring = services.restructure(self._spec(request), user=request.user)  # type: ignore[arg-type]
        return Response(RestructuringSerializer(restructuring).data, status=status.HTTP_201_CREATED)
