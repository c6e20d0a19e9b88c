"""Read API of the law: versions with their parameters in words, and a comparison."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.legal.models import RuleParameter, RuleSet
from thidua.legal.pages import diff, visible_rule_sets
from thidua.legal.wording import row


class ParameterSerializer(serializers.Serializer[RuleParameter]):
    """A parameter in words (``value_text``), with its citation and mark."""

    code = serializers.CharField(read_only=True)
    award_code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    value_type = serializers.CharField(read_only=True)
    operator = serializers.CharField(read_only=True, allow_null=True)
    value_text = serializers.CharField(read_only=True)
    citation = serializers.CharField(read_only=True)
    mark = serializers.CharField(read_only=True)
    note = serializers.CharField(read_only=True)

    def to_representation(self, instance: RuleParameter) -> dict[str, Any]:
        r = row(instance)
        return {
            "code": r.code,
            "award_code": r.award_code,
            "name": r.name,
            "value_type": instance.value_type,
            "operator": instance.operator,
            "value_text": r.value,
            "citation": r.citation,
            "mark": r.mark,
            "note": r.note,
        }


class RuleSetSerializer(serializers.ModelSerializer[RuleSet]):
    authority = serializers.CharField(source="authority.code", allow_null=True, default=None)
    instruments: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="short_name", many=True, read_only=True
    )
    parameters = ParameterSerializer(many=True, read_only=True)

    class Meta:
        model = RuleSet
        fields = [
            "code",
            "name",
            "family",
            "version",
            "status",
            "authority",
            "legal_basis",
            "effective_from",
            "effective_to",
            "achievement_year_from",
            "achievement_year_to",
            "instruments",
            "change_note",
            "parameters",
        ]


@extend_schema_view(
    list=extend_schema(summary="Các bộ quy định (phiên bản) với tham số bằng lời"),
    retrieve=extend_schema(
        summary="Một phiên bản bộ quy định",
        parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH)],
    ),
)
class RuleSetViewSet(viewsets.ReadOnlyModelViewSet[RuleSet]):
    serializer_class = RuleSetSerializer
    lookup_field = "code"
    pagination_class = None

    def get_queryset(self) -> QuerySet[RuleSet]:
        return visible_rule_sets(self.request.user)

    @extend_schema(
        summary="So sánh hai phiên bản: tham số thêm, bỏ, sửa",
        parameters=[OpenApiParameter("a", str), OpenApiParameter("b", str)],
    )
    @action(detail=False)
    def compare(self, request: Request) -> Response:
        if not request.GET.get("a") or not request.GET.get("b"):
            return Response(
                {"detail": "Hãy cho biết hai phiên bản cần so sánh: ?a=MÃ&b=MÃ."}, status=400
            )
        sets = {
            s.code: s
            for s in self.get_queryset().filter(
                code__in=[request.GET.get("a"), request.GET.get("b")]
            )
        }
        a, b = sets.get(request.GET.get("a", "")), sets.get(request.GET.get("b", ""))
        if a is None or b is None:
            return Response({"detail": "Không có phiên bản a hoặc b."}, status=404)
        changes = diff(list(a.parameters.all()), list(b.parameters.all()))
        return Response(
            [
                {
                    "kind": c.kind,
                    "name": c.name,
                    "award": c.award,
                    "old": c.old.value if c.old else None,
                    "old_citation": c.old.citation if c.old else None,
                    "new": c.new.value if c.new else None,
                    "new_citation": c.new.citation if c.new else None,
                }
                for c in changes
            ]
        )
