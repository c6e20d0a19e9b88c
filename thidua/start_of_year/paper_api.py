"""POST /api/v1/pledges/<id>/paper-signing/: a pledge signed on paper at a dated conference,
through the same service and permission as the page (``signatures.record_paper_signing``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.organizations.models import Organization
from thidua.start_of_year.services import signatures


class PaperSignatureSerializer(serializers.Serializer[Any]):
    organization = serializers.IntegerField(help_text="mã số (id) của đơn vị thành viên")
    signer_name = serializers.CharField()
    signer_position = serializers.CharField()
    signed_on = serializers.DateField(required=False, allow_null=True)


class PaperSigningSerializer(serializers.Serializer[Any]):
    conference_date = serializers.DateField()
    conference_place = serializers.CharField(required=False, allow_blank=True, default="")
    place = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    signatures = PaperSignatureSerializer(many=True)


class PaperSigningActions:
    """Mixed into ``PledgeViewSet`` (``get_object`` is the scoped pledge version: 404)."""

    get_object: Any
    get_queryset: Any
    get_serializer: Any

    @extend_schema(
        summary="Ghi nhận giao ước đã ký trên giấy tại hội nghị (ngày, nơi; người ký từng đơn vị)",
        request=PaperSigningSerializer,
    )
    @action(detail=True, methods=["post"], url_path="paper-signing")
    def paper_signing(self, request: Request, pk: str | None = None) -> Response:
        pledge = self.get_object()
        incoming = PaperSigningSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        members = {
            unit.pk: unit
            for unit in Organization.objects.filter(
                cluster_memberships__cluster_year_id=pledge.cluster_year_id
            )
        }
        unknown = [
            row["organization"] for row in data["signatures"] if row["organization"] not in members
        ]
        if unknown:
            raise ValidationError(
                _("Không phải đơn vị thành viên: {ids}.").format(ids=", ".join(map(str, unknown))),
                code="not_a_member",
            )
        signatures.record_paper_signing(
            pledge=pledge,
            by=request.user,  # type: ignore[arg-type]
            conference_date=data["conference_date"],
            conference_place=data["conference_place"],
            place=data.get("place"),
            signatures=[
                signatures.PaperSignature(
                    organization=members[row["organization"]],
                    signer_name=row["signer_name"],
                    signer_position=row["signer_position"],
                    signed_on=row.get("signed_on"),
                )
                for row in data["signatures"]
            ],
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=pledge.pk)).data)
