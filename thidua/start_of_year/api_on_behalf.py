"""API: the board records a member unit's paper signature on the pledge or its paper
registration on its behalf (ghi thay đơn vị, có lý do):

- ``POST /api/v1/pledge-signatures-on-behalf/`` — cluster, year, organization, signer's name and
  position, reason, paper_ref (``start_of_year.sign_pledge_on_behalf``);
- ``POST /api/v1/registrations-on-behalf/`` — cluster, year, organization, award (code), goals,
  models and topics (names), reason, paper_ref (``start_of_year.submit_registration_on_behalf``).

The same services and permissions as the pages: 404 outside the person's scope, 403 refused
(not you / not now), 400 bad input."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.awards.models import AwardType
from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_year_detail, cluster_year_or_404
from thidua.organizations.models import Organization
from thidua.start_of_year.api import RegistrationSerializer, SignatureSerializer
from thidua.start_of_year.enums import CURRENT_PLEDGE_STATUSES
from thidua.start_of_year.models import Pledge, PledgeSignature, Registration
from thidua.start_of_year.services.on_behalf import (
    sign_pledge_on_behalf,
    submit_registration_on_behalf,
)


class _UnitOfYear(serializers.Serializer[Any]):
    cluster = serializers.CharField(help_text="Mã cụm, khối")
    year = serializers.IntegerField()
    organization = serializers.CharField(help_text="Mã đơn vị được ghi thay")
    reason = serializers.CharField(help_text="Lý do ghi thay")
    paper_ref = serializers.CharField(help_text="Số, ngày văn bản giấy của đơn vị")


class SignOnBehalfSerializer(_UnitOfYear):
    signer_name = serializers.CharField()
    signer_position = serializers.CharField()


class RegistrationOnBehalfSerializer(_UnitOfYear):
    award = serializers.CharField(help_text="Mã danh hiệu, hình thức khen thưởng")
    goals = serializers.CharField(required=False, allow_blank=True, default="")
    models = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    topics = serializers.ListField(child=serializers.CharField(), required=False, default=list)


def _unit_of_year(request: Request, data: dict[str, Any]) -> tuple[ClusterYear, Organization]:
    """The cluster year in the person's scope and one of its members (404 otherwise)."""
    user: Any = request.user
    cluster_year = cluster_year_or_404(
        user, data["cluster"], data["year"], queryset=cluster_year_detail(user)
    )
    organization = next(
        (
            m.organization
            for m in cluster_year.memberships.all()
            if m.organization.code == data["organization"]
        ),
        None,
    )
    if organization is None:
        raise Http404
    return cluster_year, organization


class SignatureOnBehalfViewSet(viewsets.ViewSet):
    @extend_schema(
        summary="Ghi thay đơn vị chữ ký giao ước (có lý do, số văn bản giấy)",
        request=SignOnBehalfSerializer,
        responses={200: SignatureSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = SignOnBehalfSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        cluster_year, organization = _unit_of_year(request, data)
        pledge = Pledge.objects.filter(
            cluster_year=cluster_year, status__in=CURRENT_PLEDGE_STATUSES
        ).first()
        if pledge is None:
            raise Http404
        signature = sign_pledge_on_behalf(
            pledge=pledge,
            organization=organization,
            by=request.user,  # type: ignore[arg-type]
            signer_name=data["signer_name"],
            signer_position=data["signer_position"],
            reason=data["reason"],
            paper_ref=data["paper_ref"],
        )
        saved = PledgeSignature.objects.select_related(
            "pledge__cluster_year__cluster", "organization"
        ).get(pk=signature.pk)
        return Response(SignatureSerializer(saved).data)


class RegistrationOnBehalfViewSet(viewsets.ViewSet):
    @extend_schema(
        summary="Ghi thay đơn vị đăng ký thi đua và gửi (có lý do, số văn bản giấy)",
        request=RegistrationOnBehalfSerializer,
        responses={200: RegistrationSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = RegistrationOnBehalfSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        cluster_year, organization = _unit_of_year(request, data)
        award = AwardType.objects.filter(code=data["award"]).first()
        if award is None:
            raise serializers.ValidationError({"award": [_("Không có danh hiệu với mã này.")]})
        registration = submit_registration_on_behalf(
            cluster_year=cluster_year,
            organization=organization,
            by=request.user,  # type: ignore[arg-type]
            award=award,
            goals=data["goals"],
            models=data["models"],
            topics=data["topics"],
            reason=data["reason"],
            paper_ref=data["paper_ref"],
        )
        saved = (
            Registration.objects.select_related("cluster_year__cluster", "organization", "award")
            .prefetch_related("emulation_models", "topics", "events")
            .get(pk=registration.pk)
        )
        return Response(RegistrationSerializer(saved).data)
