from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from thidua.awards.models import AwardType
from thidua.awards.selectors import award_catalogue


class AwardTypeSerializer(serializers.ModelSerializer[AwardType]):
    variant_of = serializers.CharField(source="variant_of.code", allow_null=True, default=None)
    authority = serializers.CharField(
        source="authority.code",
        allow_null=True,
        default=None,
        help_text="Mã cơ quan của biến thể địa phương; null = toàn quốc.",
    )

    class Meta:
        model = AwardType
        fields = [
            "id",
            "code",
            "name",
            "category",
            "subject",
            "level",
            "deciding_authority",
            "legal_basis",
            "confidence",
            "authority",
            "variant_of",
            "rank",
            "effective_from",
            "effective_to",
            "annual",
        ]


@extend_schema_view(
    list=extend_schema(
        summary="Danh mục danh hiệu thi đua, hình thức khen thưởng; lọc: category, subject"
    ),
    retrieve=extend_schema(summary="Một danh hiệu hoặc hình thức khen thưởng"),
)
class AwardTypeViewSet(viewsets.ReadOnlyModelViewSet[AwardType]):
    serializer_class = AwardTypeSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[AwardType]:
        params = self.request.query_params
        return award_catalogue(
            category=params.get("category", ""), subject=params.get("subject", "")
        )
