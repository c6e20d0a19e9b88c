"""REST API (read-only, plus posting a comment): movements, drives, plans and their versions.

Every queryset starts from the user's scope (``cluster_years_for_user``), exactly like the
pages: what the user may not see is a 404. Writes call the services, which ask the action's
permission: seeing without the right to comment (or commenting on an adopted version) is a 403
with the reason, bad input a 400.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_years_for_user
from thidua.core.numbers import is_digits
from thidua.organizations.models import Organization
from thidua.planning import services
from thidua.planning.models import (
    Drive,
    DriveReport,
    Movement,
    PlanAttachment,
    PlanComment,
    PlanDocument,
    PlanVersion,
)
from thidua.planning.rules import member_ids
from thidua.planning.selectors import movement_list
from thidua.planning.services.reports import report_drive_on_behalf

CLUSTER_YEAR_FILTERS = [
    OpenApiParameter("cluster", OpenApiTypes.STR, description="Mã cụm, khối (vd: HN-C10)"),
    OpenApiParameter("year", OpenApiTypes.INT, description="Năm"),
]


def _filter_cluster_year(qs: QuerySet[Any], request: Request, prefix: str) -> QuerySet[Any]:
    code = request.query_params.get("cluster")
    if code:
        qs = qs.filter(**{f"{prefix}cluster__code": code})
    year = request.query_params.get("year")
    if is_digits(year):
        qs = qs.filter(**{f"{prefix}year": int(year)})
    return qs


class ClusterYearRefSerializer(serializers.ModelSerializer[ClusterYear]):
    cluster_code = serializers.CharField(source="cluster.code")
    cluster_name = serializers.CharField(source="cluster.name")

    class Meta:
        model = ClusterYear
        fields = ["id", "cluster_code", "cluster_name", "year"]


class MovementSerializer(serializers.ModelSerializer[Movement]):
    authority = serializers.CharField(source="authority.code")
    kind_label = serializers.CharField(source="get_kind_display")
    has_document_file = serializers.SerializerMethodField()
    cluster_years = ClusterYearRefSerializer(source="visible_cluster_years", many=True)

    class Meta:
        model = Movement
        fields = [
            "id",
            "authority",
            "kind",
            "kind_label",
            "title",
            "slogan",
            "description",
            "starts_on",
            "ends_on",
            "document_number",
            "document_date",
            "has_document_file",
            "cluster_years",
        ]

    def get_has_document_file(self, obj: Movement) -> bool:
        return bool(obj.document_file)


@extend_schema_view(
    list=extend_schema(
        summary="Phong trào thi đua trong phạm vi người dùng (lọc: year, kind, q không dấu)",
        parameters=[
            OpenApiParameter("year", OpenApiTypes.INT, description="Năm diễn ra"),
            OpenApiParameter("kind", OpenApiTypes.STR, description="regular | thematic"),
            OpenApiParameter("q", OpenApiTypes.STR, description="Tìm kiếm không cần dấu"),
        ],
    ),
    retrieve=extend_schema(summary="Một phong trào thi đua với các cụm, khối tham gia"),
)
class MovementViewSet(viewsets.ReadOnlyModelViewSet[Movement]):
    serializer_class = MovementSerializer

    def get_queryset(self) -> QuerySet[Movement]:
        params = self.request.query_params
        year = params.get("year", "")
        return movement_list(
            self.request.user,  # type: ignore[arg-type]
            year=int(year) if is_digits(year) else None,
            kind=params.get("kind", ""),
            query=params.get("q", ""),
        )


class DriveReportRefSerializer(serializers.ModelSerializer[DriveReport]):
    organization_code = serializers.CharField(source="organization.code")
    organization_name = serializers.CharField(source="organization.name")

    class Meta:
        model = DriveReport
        fields = ["organization_code", "organization_name", "summary", "created", "updated"]


class DriveSerializer(serializers.ModelSerializer[Drive]):
    cluster_code = serializers.CharField(source="cluster_year.cluster.code")
    year = serializers.IntegerField(source="cluster_year.year")
    member_count = serializers.IntegerField()
    report_due_at = serializers.DateTimeField(read_only=True, allow_null=True)
    reports = DriveReportRefSerializer(many=True)

    class Meta:
        model = Drive
        fields = [
            "id",
            "cluster_code",
            "year",
            "number",
            "name",
            "starts_on",
            "ends_on",
            "occasion",
            "movement",
            "report_due_at",
            "member_count",
            "reports",
        ]


class ReportOnBehalfSerializer(serializers.Serializer[Any]):
    organization = serializers.CharField(help_text="Mã đơn vị được ghi thay")
    summary = serializers.CharField()
    reason = serializers.CharField(help_text="Lý do ghi thay")
    paper_ref = serializers.CharField(help_text="Số, ngày văn bản giấy của đơn vị")


@extend_schema_view(
    list=extend_schema(
        summary="Đợt thi đua của các cụm/khối-năm trong phạm vi (lọc: cluster, year)",
        parameters=CLUSTER_YEAR_FILTERS,
    ),
    retrieve=extend_schema(summary="Một đợt thi đua với các đơn vị đã báo cáo kết quả"),
)
class DriveViewSet(viewsets.ReadOnlyModelViewSet[Drive]):
    serializer_class = DriveSerializer

    def get_queryset(self) -> QuerySet[Drive]:
        visible = cluster_years_for_user(self.request.user).values("pk")  # type: ignore[arg-type]
        qs = Drive.objects.filter(cluster_year__in=visible)
        qs = _filter_cluster_year(qs, self.request, "cluster_year__")
        reports = DriveReport.objects.select_related("organization").order_by(
            "organization__sort_key"
        )
        return (
            qs.select_related("cluster_year__cluster", "report_deadline")
            .annotate(member_count=Count("cluster_year__memberships", distinct=True))
            .prefetch_related(Prefetch("reports", queryset=reports))
            .order_by("-cluster_year__year", "cluster_year__cluster__code", "number")
        )

    @extend_schema(
        summary="Ghi thay đơn vị báo cáo kết quả đợt thi đua (có lý do, số văn bản giấy)",
        request=ReportOnBehalfSerializer,
        responses={200: DriveSerializer},
    )
    @action(detail=True, methods=["post"], url_path="report-on-behalf")
    def report_on_behalf(self, request: Request, pk: str | None = None) -> Response:
        """``planning.report_drive_on_behalf``: 404 for a unit that is not a member, 403 refused
        (not you / not now), 400 bad input."""
        drive = self.get_object()
        payload = ReportOnBehalfSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        organization = get_object_or_404(
            Organization.objects.filter(pk__in=member_ids(drive.cluster_year)),
            code=data["organization"],
        )
        report_drive_on_behalf(
            drive=drive,
            organization=organization,
            summary=data["summary"],
            reason=data["reason"],
            paper_ref=data["paper_ref"],
            by=request.user,  # type: ignore[arg-type]
        )
        return Response(DriveSerializer(self.get_queryset().get(pk=drive.pk)).data)


class AttachmentSerializer(serializers.ModelSerializer[PlanAttachment]):
    url = serializers.SerializerMethodField()

    class Meta:
        model = PlanAttachment
        fields = ["id", "original_name", "size", "url"]

    def get_url(self, obj: PlanAttachment) -> str:
        version = obj.version
        cluster_year = version.document.cluster_year
        return reverse(
            "planning:plan_attachment",
            args=[
                cluster_year.cluster.code,
                cluster_year.year,
                version.document.kind,
                version.number,
                obj.pk,
            ],
        )


class PlanVersionSerializer(serializers.ModelSerializer[PlanVersion]):
    cluster_code = serializers.CharField(source="document.cluster_year.cluster.code")
    year = serializers.IntegerField(source="document.cluster_year.year")
    kind = serializers.CharField(source="document.kind")
    attachments = AttachmentSerializer(many=True)
    comment_count = serializers.IntegerField()

    class Meta:
        model = PlanVersion
        fields = [
            "id",
            "cluster_code",
            "year",
            "kind",
            "number",
            "title",
            "body",
            "change_note",
            "adopted_on",
            "adopted_at_meeting",
            "presented_by",
            "attachments",
            "comment_count",
        ]


class PlanVersionRefSerializer(serializers.ModelSerializer[PlanVersion]):
    class Meta:
        model = PlanVersion
        fields = ["id", "number", "title", "adopted_on"]


class PlanDocumentSerializer(serializers.ModelSerializer[PlanDocument]):
    cluster_code = serializers.CharField(source="cluster_year.cluster.code")
    year = serializers.IntegerField(source="cluster_year.year")
    kind_label = serializers.CharField(source="get_kind_display")
    versions = PlanVersionRefSerializer(many=True)

    class Meta:
        model = PlanDocument
        fields = ["id", "cluster_code", "year", "kind", "kind_label", "versions"]


@extend_schema_view(
    list=extend_schema(
        summary="Kế hoạch và quy chế của các cụm/khối-năm trong phạm vi (lọc: cluster, year)",
        parameters=CLUSTER_YEAR_FILTERS,
    ),
    retrieve=extend_schema(summary="Một kế hoạch hoặc quy chế với danh sách các bản"),
)
class PlanDocumentViewSet(viewsets.ReadOnlyModelViewSet[PlanDocument]):
    serializer_class = PlanDocumentSerializer

    def get_queryset(self) -> QuerySet[PlanDocument]:
        visible = cluster_years_for_user(self.request.user).values("pk")  # type: ignore[arg-type]
        qs = PlanDocument.objects.filter(cluster_year__in=visible)
        qs = _filter_cluster_year(qs, self.request, "cluster_year__")
        return (
            qs.select_related("cluster_year__cluster")
            .prefetch_related(Prefetch("versions", queryset=PlanVersion.objects.order_by("number")))
            .order_by("-cluster_year__year", "cluster_year__cluster__code", "kind")
        )


class CommentSerializer(serializers.ModelSerializer[PlanComment]):
    class Meta:
        model = PlanComment
        fields = ["id", "parent", "author_label", "body", "created"]
        read_only_fields = ["id", "author_label", "created"]


class CorrectAdoptionSerializer(serializers.Serializer[dict[str, Any]]):
    adopted_on = serializers.DateField(help_text="Ngày thông qua đúng (YYYY-MM-DD)")
    reason = serializers.CharField(max_length=500, help_text="Lý do sửa (bắt buộc)")


class CommentWriteSerializer(serializers.Serializer[dict[str, Any]]):
    body = serializers.CharField(max_length=services.MAX_COMMENT_LENGTH)
    parent = serializers.IntegerField(required=False, allow_null=True)  # type: ignore[assignment]  # the API name; DRF fields also have a .parent


@extend_schema_view(
    list=extend_schema(
        summary="Các bản kế hoạch, quy chế trong phạm vi (lọc: cluster, year, kind)",
        parameters=[
            *CLUSTER_YEAR_FILTERS,
            OpenApiParameter(
                "kind", OpenApiTypes.STR, description="work-plan | rules | summary-report"
            ),
        ],
    ),
    retrieve=extend_schema(summary="Một bản kế hoạch, quy chế: nội dung, tệp, thông qua"),
)
class PlanVersionViewSet(viewsets.ReadOnlyModelViewSet[PlanVersion]):
    serializer_class = PlanVersionSerializer

    def get_queryset(self) -> QuerySet[PlanVersion]:
        visible = cluster_years_for_user(self.request.user).values("pk")  # type: ignore[arg-type]
        qs = PlanVersion.objects.filter(document__cluster_year__in=visible)
        qs = _filter_cluster_year(qs, self.request, "document__cluster_year__")
        kind = self.request.query_params.get("kind")
        if kind:
            qs = qs.filter(document__kind=kind)
        return (
            qs.select_related("document__cluster_year__cluster")
            .prefetch_related("attachments")
            .annotate(comment_count=Count("comments", distinct=True))
            .order_by(
                "-document__cluster_year__year",
                "document__cluster_year__cluster__code",
                "document__kind",
                "number",
            )
        )

    @extend_schema(
        methods=["GET"],
        summary="Ý kiến góp ý của một bản (theo thời gian; parent = ý kiến được trả lời)",
        responses=CommentSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        summary="Gửi ý kiến góp ý hoặc trả lời (thành viên cụm, Ban TĐKT, đơn vị cụm trưởng)",
        request=CommentWriteSerializer,
        responses={201: CommentSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def comments(self, request: Request, pk: str | None = None) -> Response:
        version = self.get_object()
        if request.method == "GET":
            comments = PlanComment.objects.filter(version=version).order_by("created", "id")
            return Response(CommentSerializer(comments, many=True).data)
        payload = CommentWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        # The service asks ``planning.comment_plan_version`` (403 with the reason) and validates
        # (400); ``core.api.exception_handler`` answers both.
        comment = services.add_plan_comment(
            version=version,
            author=request.user,  # type: ignore[arg-type]
            body=payload.validated_data["body"],
            parent_id=payload.validated_data.get("parent"),
        )
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Sửa ngày thông qua ghi nhầm của một bản đã thông qua (có lý do, ghi nhật ký)",
        request=CorrectAdoptionSerializer,
        responses={200: PlanVersionSerializer},
    )
    @action(detail=True, methods=["post"], url_path="correct-adoption")
    def correct_adoption(self, request: Request, pk: str | None = None) -> Response:
        """``planning.correct_plan_adoption``: 404 outside the scope, 403 refused (not you; a
        draft), 400 bad input (a date outside the window, no reason)."""
        version = self.get_object()
        payload = CorrectAdoptionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.correct_plan_adoption(
            user=request.user,  # type: ignore[arg-type]
            plan=version,
            adopted_on=payload.validated_data["adopted_on"],
            reason=payload.validated_data["reason"],
        )
        return Response(PlanVersionSerializer(self.get_queryset().get(pk=version.pk)).data)
