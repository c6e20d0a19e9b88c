from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets

from thidua.organizations.models import Organization
from thidua.organizations.selectors import organizations_for_user, search_organizations


class OrganizationSerializer(serializers.ModelSerializer[Organization]):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "kind",
            "kind_label",
            "parent",
            "authority",
            "province",
            "valid_from",
            "valid_to",
        ]


@extend_schema_view(
    list=extend_schema(summary="Danh sách đơn vị trong phạm vi người dùng (q: tìm không dấu)"),
    retrieve=extend_schema(summary="Một đơn vị"),
)
class OrganizationViewSet(viewsets.ReadOnlyModelViewSet[Organization]):
    serializer_class = OrganizationSerializer

    def get_queryset(self) -> QuerySet[Organization]:
        qs = organizations_for_user(self.request.user)  # type: ignore[arg-type]
        query: Any = self.request.query_params.get("q", "")
        return search_organizations(qs, query).order_by("sort_key")
