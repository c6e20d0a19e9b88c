"""API: one check (POST subject, award, year, dossier date → verdict and reasons as JSON). It
writes nothing; outside the user's scope a code is reported as not found (404)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.core.permissions import check
from thidua.eligibility import rules
from thidua.eligibility.engine import Result
from thidua.eligibility.engine.evaluate import RULES
from thidua.eligibility.preload import check_one
from thidua.eligibility.selectors import may_check


class CheckRequestSerializer(serializers.Serializer[dict[str, Any]]):
    subject_code = serializers.CharField(max_length=60)
    award_code = serializers.ChoiceField(choices=list(RULES))
    achievement_year = serializers.IntegerField(min_value=1990)
    received_on = serializers.DateField(required=False, allow_null=True)


def result_json(result: Result) -> dict[str, Any]:
    c = result.candidate
    return {
        "subject_code": c.subject_code,
        "award_code": c.award_code,
        "achievement_year": c.year,
        "received_on": c.received_on.isoformat(),
        "rule_set": result.rule_set,
        "verdict": str(result.verdict),
        "verdict_words": result.verdict_words,
        "reasons": [r.as_dict() for r in result.reasons],
    }


class CheckViewSet(viewsets.ViewSet):
    @extend_schema(request=CheckRequestSerializer, responses={200: dict})
    def create(self, request: Request) -> Response:
        check(request.user, rules.CHECK.name)
        serializer = CheckRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not may_check(request.user, data["subject_code"], data["award_code"]):
            detail = _("Không tìm thấy mã đối tượng “{code}” trong phạm vi của bạn.")
            return Response(
                {"detail": detail.format(code=data["subject_code"])},
                status=status.HTTP_404_NOT_FOUND,
            )
        result = check_one(
            data["subject_code"],
            data["award_code"],
            data["achievement_year"],
            data.get("received_on"),
        )
        return Response(result_json(result))
