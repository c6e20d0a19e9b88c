"""REST API of the start of the year: pledges (with items, targets), signatures, registrations
(with submit/accept/return calling the same services as the pages), models and topics.
Scoped like the pages: only the cluster years the user sees. A service's refusal
(``PermissionDenied``) is a 403 and its ``ValidationError`` a 400, both with the service's own
message (``core.api.exception_handler``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.core.numbers import is_digits
from thidua.start_of_year.models import (
    EmulationModel,
    Pledge,
    PledgeItem,
    PledgeSignature,
    PledgeTarget,
    Registration,
    Topic,
)
from thidua.start_of_year.paper_api import PaperSigningActions
from thidua.start_of_year.selectors import pledges_for_user, registrations_for_user
from thidua.start_of_year.services import registrations


class TargetSerializer(serializers.ModelSerializer[PledgeTarget]):
    organization = serializers.CharField(source="organization.code", allow_null=True, default=None)

    class Meta:
        model = PledgeTarget
        fields = ["id", "text", "metric", "value", "unit", "organization"]


class ItemSerializer(serializers.ModelSerializer[PledgeItem]):
    targets = TargetSerializer(many=True)

    class Meta:
        model = PledgeItem
        fields = ["number", "title", "text", "targets"]


class PledgeSerializer(serializers.ModelSerializer[Pledge]):
    cluster = serializers.CharField(source="cluster_year.cluster.code")
    year = serializers.IntegerField(source="cluster_year.year")
    items = ItemSerializer(many=True)
    signed_count = serializers.IntegerField()

    class Meta:
        model = Pledge
        fields = [
            "id",
            "cluster",
            "year",
            "version",
            "status",
            "title",
            "preamble",
            "doc_number",
            "place",
            "conference_date",
            "conference_place",
            "opened_at",
            "in_force_at",
            "superseded_at",
            "change_note",
            "signed_count",
            "items",
        ]


class SignatureSerializer(serializers.ModelSerializer[PledgeSignature]):
    cluster = serializers.CharField(source="pledge.cluster_year.cluster.code")
    year = serializers.IntegerField(source="pledge.cluster_year.year")
    version = serializers.IntegerField(source="pledge.version")
    organization = serializers.CharField(source="organization.code")
    organization_name = serializers.CharField(source="organization.name")

    class Meta:
        model = PledgeSignature
        fields = [
            "id",
            "cluster",
            "year",
            "version",
            "organization",
            "organization_name",
            "signer_name",
            "signer_position",
            "signed_at",
            "method",
        ]


class RegisteredItemFields(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField()
    expected_result = serializers.CharField()


class EventSerializer(serializers.Serializer[Any]):
    action = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    actor_name = serializers.CharField()
    at = serializers.DateTimeField()
    reason = serializers.CharField()


class RegistrationSerializer(serializers.ModelSerializer[Registration]):
    cluster = serializers.CharField(source="cluster_year.cluster.code")
    year = serializers.IntegerField(source="cluster_year.year")
    organization = serializers.CharField(source="organization.code")
    organization_name = serializers.CharField(source="organization.name")
    award = serializers.CharField(source="award.code", allow_null=True, default=None)
    award_name = serializers.CharField(source="award.name", allow_null=True, default=None)
    models = RegisteredItemFields(source="emulation_models", many=True)
    topics = RegisteredItemFields(many=True)
    events = EventSerializer(many=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "cluster",
            "year",
            "organization",
            "organization_name",
            "award",
            "award_name",
            "goals",
            "status",
            "submitted_at",
            "decided_at",
            "models",
            "topics",
            "events",
        ]


class ReturnSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(help_text="Lý do trả lại (bắt buộc).", allow_blank=True)


class ItemSerializerBase(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    registration = serializers.IntegerField(source="registration_id")
    cluster = serializers.CharField(source="registration.cluster_year.cluster.code")
    year = serializers.IntegerField(source="registration.cluster_year.year")
    organization = serializers.CharField(source="registration.organization.code")
    name = serializers.CharField()
    description = serializers.CharField()
    expected_result = serializers.CharField()
    progress_count = serializers.IntegerField()


def _filter_cluster_year(qs: QuerySet[Any], request: Request, prefix: str) -> QuerySet[Any]:
    year = request.query_params.get("year", "")
    if is_digits(year):
        qs = qs.filter(**{f"{prefix}cluster_year__year": int(year)})
    code = request.query_params.get("cluster", "")
    if code:
        qs = qs.filter(**{f"{prefix}cluster_year__cluster__code": code})
    return qs


@extend_schema_view(
    list=extend_schema(
        summary="Giao ước thi đua (mọi phiên bản) trong phạm vi người dùng; lọc: cluster, year, status"
    ),
    retrieve=extend_schema(summary="Một phiên bản giao ước với nội dung cam kết và chỉ tiêu"),
)
class PledgeViewSet(PaperSigningActions, viewsets.ReadOnlyModelViewSet[Pledge]):
    serializer_class = PledgeSerializer

    def get_queryset(self) -> QuerySet[Pledge]:
        items = PledgeItem.objects.prefetch_related(
            Prefetch("targets", queryset=PledgeTarget.objects.select_related("organization"))
        ).order_by("number")
        qs = (
            pledges_for_user(self.request.user)  # type: ignore[arg-type]
            .select_related("cluster_year__cluster")
            .prefetch_related(Prefetch("items", queryset=items))
            .annotate(signed_count=Count("signatures", distinct=True))
        )
        qs = _filter_cluster_year(qs, self.request, "")
        state = self.request.query_params.get("status", "")
        if state:
            qs = qs.filter(status=state)
        return qs.order_by("cluster_year__cluster__code", "-cluster_year__year", "-version")


@extend_schema_view(
    list=extend_schema(
        summary="Chữ ký giao ước của các đơn vị; lọc: cluster, year, version, organization"
    ),
    retrieve=extend_schema(summary="Một chữ ký giao ước"),
)
class PledgeSignatureViewSet(viewsets.ReadOnlyModelViewSet[PledgeSignature]):
    serializer_class = SignatureSerializer

    def get_queryset(self) -> QuerySet[PledgeSignature]:
        qs = PledgeSignature.objects.filter(
            pledge__in=pledges_for_user(self.request.user)  # type: ignore[arg-type]
        ).select_related("pledge__cluster_year__cluster", "organization")
        qs = _filter_cluster_year(qs, self.request, "pledge__")
        version = self.request.query_params.get("version", "")
        if is_digits(version):
            qs = qs.filter(pledge__version=int(version))
        organization = self.request.query_params.get("organization", "")
        if organization:
            qs = qs.filter(organization__code=organization)
        return qs.order_by("pledge__cluster_year__cluster__code", "-pledge__version", "signed_at")


@extend_schema_view(
    list=extend_schema(
        summary="Đăng ký thi đua trong phạm vi người dùng; lọc: cluster, year, status, organization"
    ),
    retrieve=extend_schema(summary="Một đăng ký thi đua với mô hình, chuyên đề và lịch sử"),
)
class RegistrationViewSet(viewsets.ReadOnlyModelViewSet[Registration]):
    serializer_class = RegistrationSerializer

    def get_queryset(self) -> QuerySet[Registration]:
        qs = (
            registrations_for_user(self.request.user)  # type: ignore[arg-type]
            .select_related("cluster_year__cluster__authority", "organization", "award")
            .prefetch_related("emulation_models", "topics", "events")
        )
        qs = _filter_cluster_year(qs, self.request, "")
        for param, field in (("status", "status"), ("organization", "organization__code")):
            value = self.request.query_params.get(param, "")
            if value:
                qs = qs.filter(**{field: value})
        return qs.order_by(
            "cluster_year__cluster__code", "-cluster_year__year", "organization__sort_key"
        )

    def _answer(self, registration: Registration) -> Response:
        return Response(RegistrationSerializer(self.get_queryset().get(pk=registration.pk)).data)

    @extend_schema(summary="Đơn vị gửi đăng ký (cán bộ hoặc lãnh đạo của đơn vị)", request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._answer(
            registrations.submit_registration(
                registration=self.get_object(),
                by=request.user,  # type: ignore[arg-type]
            )
        )

    @extend_schema(summary="Đơn vị cụm trưởng hoặc Ban TĐKT chấp nhận đăng ký đã gửi", request=None)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        return self._answer(
            registrations.accept_registration(
                registration=self.get_object(),
                by=request.user,  # type: ignore[arg-type]
            )
        )

    @extend_schema(
        summary="Trả lại đăng ký cho đơn vị, bắt buộc ghi lý do", request=ReturnSerializer
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        reason = str(request.data.get("reason", "")) if hasattr(request.data, "get") else ""
        return self._answer(
            registrations.return_registration(
                registration=self.get_object(),
                by=request.user,  # type: ignore[arg-type]
                reason=reason,
            )
        )


class _ItemViewSet(viewsets.ReadOnlyModelViewSet[Any]):
    serializer_class = ItemSerializerBase
    model: Any = EmulationModel

    def get_queryset(self) -> QuerySet[Any]:
        qs = (
            self.model.objects.filter(
                registration__in=registrations_for_user(self.request.user)  # type: ignore[arg-type]
            )
            .select_related("registration__cluster_year__cluster", "registration__organization")
            .annotate(progress_count=Count("progress_updates"))
        )
        qs = _filter_cluster_year(qs, self.request, "registration__")
        organization = self.request.query_params.get("organization", "")
        if organization:
            qs = qs.filter(registration__organization__code=organization)
        return qs.order_by("pk")


@extend_schema_view(
    list=extend_schema(summary="Mô hình thi đua đã đăng ký; lọc: cluster, year, organization"),
    retrieve=extend_schema(summary="Một mô hình thi đua"),
)
class EmulationModelViewSet(_ItemViewSet):
    model = EmulationModel


@extend_schema_view(
    list=extend_schema(summary="Chuyên đề thi đua đã đăng ký; lọc: cluster, year, organization"),
    retrieve=extend_schema(summary="Một chuyên đề thi đua"),
)
class TopicViewSet(_ItemViewSet):
    model = Topic
