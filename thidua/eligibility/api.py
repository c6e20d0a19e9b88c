"""API: one check (POST subject, award, year, dossier date → verdict and reasons as JSON; it
writes nothing; outside the user's scope a code is reported as not found, 404) and batch checks
(POST a file → 202 with the queued batch; GET its status; GET its results, paginated)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.core.permissions import check
from thidua.eligibility import rules
from thidua.eligibility.engine import Result
from thidua.eligibility.engine.evaluate import RULES
from thidua.eligibility.enums import VerdictChoice
from thidua.eligibility.models import CheckBatch, CheckResult
from thidua.eligibility.preload import check_one
from thidua.eligibility.selectors import ResultFilters, batches_for_user, may_check, results_of
from thidua.eligibility.services import submit_batch


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


# ---------------------------------------------------------------- batch checks


class BatchUploadSerializer(serializers.Serializer[dict[str, Any]]):
    file = serializers.FileField()
    received_on = serializers.DateField(required=False, allow_null=True)

    def validate_file(self, upload: Any) -> Any:
        max_mb = settings.THIDUA_MAX_UPLOAD_MB
        if upload.size and upload.size > max_mb * 1024 * 1024:
            raise serializers.ValidationError(
                _("Tệp “{name}” quá lớn ({size:.1f} MB). Tối đa {max} MB.").format(
                    name=upload.name, size=upload.size / 1024 / 1024, max=max_mb
                )
            )
        return upload


class BatchSerializer(serializers.ModelSerializer[CheckBatch]):
    status_words = serializers.CharField(source="get_status_display", read_only=True)
    authority = serializers.CharField(source="authority.code", read_only=True, default=None)

    class Meta:
        model = CheckBatch
        fields = [
            "uuid",
            "filename",
            "sha256",
            "authority",
            "received_on",
            "status",
            "status_words",
            "total",
            "done",
            "eligible",
            "not_eligible",
            "needs_review",
            "created_at",
            "finished_at",
            "error",
        ]
        read_only_fields = fields


class ReasonSerializer(serializers.Serializer[dict[str, Any]]):
    rule = serializers.CharField()
    outcome = serializers.CharField()
    text = serializers.CharField()
    citation = serializers.CharField()
    mark = serializers.CharField()


class ResultSerializer(serializers.ModelSerializer[CheckResult]):
    reasons = ReasonSerializer(many=True, read_only=True)
    verdict_words = serializers.CharField(source="get_verdict_display", read_only=True)
    failing_rules = serializers.SerializerMethodField()

    class Meta:
        model = CheckResult
        fields = [
            "row",
            "subject_code",
            "subject_name",
            "unit_name",
            "award_code",
            "achievement_year",
            "received_on",
            "rule_set",
            "verdict",
            "verdict_words",
            "failing_rules",
            "reasons",
        ]
        read_only_fields = fields

    def get_failing_rules(self, obj: CheckResult) -> list[str]:
        return [code for code in obj.failing.split("|") if code]


class ResultPageSerializer(serializers.Serializer[dict[str, Any]]):
    """A page of results (limit/offset)."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = ResultSerializer(many=True)


class BatchViewSet(mixins.RetrieveModelMixin, viewsets.GenericViewSet[CheckBatch]):
    """Batch checks: upload a file (checked row by row; a bad file → 400 with the report and
    nothing stored), follow its status, read its results. Other people's batches → 404."""

    serializer_class = BatchSerializer
    lookup_field = "uuid"
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self) -> QuerySet[CheckBatch]:
        return batches_for_user(self.request.user).select_related("authority")

    @extend_schema(
        summary="Gửi một tệp danh sách để kiểm tra trong nền",
        request=BatchUploadSerializer,
        responses={202: BatchSerializer, 400: dict},
    )
    def create(self, request: Request) -> Response:
        check(request.user, rules.RUN_BATCH.name)
        serializer = BatchUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        submission = submit_batch(
            data=upload.read(),
            filename=upload.name or "",
            received_on=serializer.validated_data.get("received_on") or timezone.localdate(),
            user=request.user,  # type: ignore[arg-type]
        )
        if submission.batch is None:
            errors = [
                {"row": e.row, "column": e.column, "message": e.message}
                for e in submission.file.errors
            ]
            detail = _("Tệp bị từ chối — không có gì được lưu.")
            return Response(
                {"detail": detail, "errors": errors, "more_errors": submission.file.more_errors},
                status=status.HTTP_400_BAD_REQUEST,
            )
        submission.batch.refresh_from_db()
        return Response(BatchSerializer(submission.batch).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(summary="Trạng thái và số đếm của một đợt kiểm tra")
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().retrieve(request, *args, **kwargs)

    @extend_schema(
        summary="Kết quả của một đợt kiểm tra, theo dòng",
        parameters=[
            OpenApiParameter("verdict", str, enum=list(VerdictChoice.values)),
            OpenApiParameter("award", str),
            OpenApiParameter("unit", str),
            OpenApiParameter("rule", str),
        ],
        responses=ResultPageSerializer,
    )
    @action(detail=True, methods=["get"])
    def results(self, request: Request, uuid: str | None = None) -> Response:
        batch = self.get_object()
        check(request.user, rules.VIEW_BATCH.name, batch)
        filters = ResultFilters.from_query(request.query_params)
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(results_of(batch, filters), request, view=self)
        return paginator.get_paginated_response(ResultSerializer(page, many=True).data)
