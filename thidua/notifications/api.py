"""A person's own notifications under /api/v1/notifications/ (list, one, mark read)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.notifications import services
from thidua.notifications.models import Notification
from thidua.notifications.selectors import notifications_for_user


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "body",
            "link",
            "object_type",
            "object_id",
            "created_at",
            "read_at",
            "is_read",
        ]


@extend_schema_view(
    list=extend_schema(summary="Thông báo của chính người dùng, mới nhất trước (lọc: unread=1)"),
    retrieve=extend_schema(summary="Một thông báo của chính người dùng"),
)
class NotificationViewSet(viewsets.ReadOnlyModelViewSet[Notification]):
    serializer_class = NotificationSerializer

    def get_queryset(self) -> QuerySet[Notification]:
        qs = notifications_for_user(self.request.user)
        if self.request.query_params.get("unread") == "1":
            qs = qs.filter(read_at__isnull=True)
        return qs

    @extend_schema(summary="Đánh dấu đã đọc", request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        notification = self.get_object()
        services.mark_read(notification=notification, user=request.user)  # type: ignore[arg-type]
        return Response(NotificationSerializer(notification).data)

    @extend_schema(
        summary="Đánh dấu đã đọc tất cả",
        request=None,
        responses=inline_serializer("ReadAll", {"marked": serializers.IntegerField()}),
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        count: Any = services.mark_all_read(user=request.user)  # type: ignore[arg-type]
        return Response({"marked": count})
