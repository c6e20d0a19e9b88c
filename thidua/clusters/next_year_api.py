"""API actions on /api/v1/cluster-years/<id>/ for opening the next year and for recording a past
year's heads: the same proposal, services and permissions as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.clusters import services
from thidua.clusters.enums import HeadsStatus
from thidua.clusters.next_year import next_year_proposal
from thidua.clusters.selectors import organizations_for_user
from thidua.core.permissions import check
from thidua.organizations.models import Organization


class ProposedUnitSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="organization.pk")
    code = serializers.CharField(source="organization.code")
    name = serializers.CharField(source="organization.name")
    origin = serializers.CharField()
    checked = serializers.BooleanField()
    note = serializers.CharField()


class LeftOutSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(source="organization.pk")
    code = serializers.CharField(source="organization.code")
    name = serializers.CharField(source="organization.name")
    note = serializers.CharField()


class CarryoverOfferSerializer(serializers.Serializer[Any]):
    slug = serializers.CharField()
    title = serializers.CharField(source="label")
    description = serializers.CharField(allow_null=True)
    available = serializers.BooleanField()


class NextYearProposalSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    existing = serializers.IntegerField(source="existing.pk", allow_null=True, default=None)
    units = ProposedUnitSerializer(many=True)
    left_out = LeftOutSerializer(many=True)
    head = serializers.IntegerField(source="head.pk", allow_null=True, default=None)
    deputy = serializers.IntegerField(source="deputy.pk", allow_null=True, default=None)
    carryovers = CarryoverOfferSerializer(many=True)


class OpenNextYearSerializer(serializers.Serializer[Any]):
    members = serializers.ListField(child=serializers.IntegerField(), allow_empty=False)
    head = serializers.IntegerField(required=False, allow_null=True)
    deputy = serializers.IntegerField(required=False, allow_null=True)
    carryovers = serializers.ListField(child=serializers.CharField(), required=False)
    decision_ref = serializers.CharField(required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(required=False, allow_null=True)


class PastHeadsSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=HeadsStatus.choices)
    head = serializers.IntegerField(required=False, allow_null=True)
    deputy = serializers.IntegerField(required=False, allow_null=True)
    decision_ref = serializers.CharField(required=False, allow_blank=True, default="")
    decision_date = serializers.DateField(required=False, allow_null=True)


def _units(user: Any, ids: list[int | None]) -> dict[int, Organization]:
    """The units of ``ids`` in the user's scope; an id outside it is bad input (400)."""
    wanted = {pk for pk in ids if pk is not None}
    found = {unit.pk: unit for unit in organizations_for_user(user).filter(pk__in=wanted)}
    missing = sorted(wanted - set(found))
    if missing:
        raise ValidationError(
            _("Không có đơn vị mã số {ids}.").format(ids=", ".join(map(str, missing))),
            code="unknown_unit",
        )
    return found


class NextYearActions:
    """Mixed into ``ClusterYearViewSet`` (``get_object`` is the scoped cluster year: 404)."""

    get_object: Any
    get_serializer: Any

    @extend_schema(
        summary="Đề xuất mở năm tiếp theo: thành viên, đơn vị giải thể và kế thừa, mục sao chép",
        responses=NextYearProposalSerializer,
    )
    @action(detail=True, methods=["get"], url_path="next-year")
    def next_year(self, request: Request, pk: str | None = None) -> Response:
        cluster_year = self.get_object()
        check(request.user, "clusters.open_next_year", cluster_year)
        return Response(NextYearProposalSerializer(next_year_proposal(cluster_year)).data)

    @extend_schema(
        summary="Mở năm tiếp theo (một giao dịch, ghi nhật ký)", request=OpenNextYearSerializer
    )
    @action(detail=True, methods=["post"], url_path="open-next-year")
    def open_next_year(self, request: Request, pk: str | None = None) -> Response:
        cluster_year = self.get_object()
        data = _valid(OpenNextYearSerializer, request)
        units = _units(request.user, [*data["members"], data.get("head"), data.get("deputy")])
        new_year = services.open_next_year(
            cluster_year=cluster_year,
            members=[units[pk] for pk in data["members"]],
            head=units.get(data.get("head") or 0),
            deputy=units.get(data.get("deputy") or 0),
            carryovers=data.get("carryovers", []),
            decision_ref=data["decision_ref"],
            decision_date=data.get("decision_date"),
            user=request.user,  # type: ignore[arg-type]
        )
        return Response(self.get_serializer(new_year).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Ghi nhận đơn vị trưởng, phó của năm đã qua theo hồ sơ, hoặc “không rõ”",
        request=PastHeadsSerializer,
    )
    @action(detail=True, methods=["post"], url_path="past-heads")
    def past_heads(self, request: Request, pk: str | None = None) -> Response:
        cluster_year = self.get_object()
        data = _valid(PastHeadsSerializer, request)
        units = _units(request.user, [data.get("head"), data.get("deputy")])
        services.record_past_heads(
            cluster_year=cluster_year,
            status=data["status"],
            head=units.get(data.get("head") or 0),
            deputy=units.get(data.get("deputy") or 0),
            decision_ref=data["decision_ref"],
            decision_date=data.get("decision_date"),
            user=request.user,  # type: ignore[arg-type]
        )
        return Response(self.get_serializer(cluster_year).data)


def _valid(serializer_class: Any, request: Request) -> dict[str, Any]:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)
