"""REST API of scoring: criteria sets (read), the user's own score sheets (read, update, submit —
through the same services as the pages, with the version for conflicts) and rankings (read).

The views call the services directly; their refusals become answers in
``thidua.core.api.exception_handler`` (``PermissionDenied`` → 403, ``ValidationError`` → 400).
Only the version conflict of a sheet is answered here (409, with the differences)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.clusters.models import ClusterYear
from thidua.clusters.selectors import cluster_years_for_user
from thidua.core.numbers import is_digits
from thidua.core.permissions import check
from thidua.scoring import selectors
from thidua.scoring.models import CriteriaGroup, CriteriaSet, Criterion, ScoreSheet
from thidua.scoring.ranking import quantize
from thidua.scoring.services.common import SheetConflict
from thidua.scoring.services.sheets import EntryInput, save_sheet, submit_sheet
from thidua.scoring.validators import parse_decimal

# ----------------------------------------------------------------- criteria sets


class CriterionSerializer(serializers.ModelSerializer[Criterion]):
    class Meta:
        model = Criterion
        fields = [
            "id",
            "code",
            "name",
            "max_points",
            "method",
            "target",
            "measure_label",
            "tiers",
            "evidence_required",
            "guidance",
        ]


class GroupSerializer(serializers.ModelSerializer[CriteriaGroup]):
    parent_code = serializers.CharField(source="parent.code", allow_null=True, default=None)
    criteria = CriterionSerializer(many=True)

    class Meta:
        model = CriteriaGroup
        fields = ["code", "name", "section", "max_points", "parent_code", "criteria"]


class CriteriaSetSerializer(serializers.ModelSerializer[CriteriaSet]):
    cluster = serializers.CharField(source="cluster_year.cluster.code")
    year = serializers.IntegerField(source="cluster_year.year")
    groups = GroupSerializer(many=True)

    class Meta:
        model = CriteriaSet
        fields = [
            "id",
            "cluster",
            "year",
            "version",
            "name",
            "description",
            "status",
            "max_total",
            "bonus_cap",
            "penalty_cap",
            "adopted_on",
            "pledge_ref",
            "change_reason",
            "groups",
        ]


CLUSTER_PARAMS = [
    OpenApiParameter("cluster", str, description="Mã cụm/khối, ví dụ HN-C06"),
    OpenApiParameter("year", int, description="Năm"),
]


@extend_schema_view(
    list=extend_schema(
        summary="Các bộ tiêu chí chấm điểm trong phạm vi người dùng (lọc: cluster, year)",
        parameters=CLUSTER_PARAMS,
    ),
    retrieve=extend_schema(summary="Một bộ tiêu chí với các nhóm và tiêu chí"),
)
class CriteriaSetViewSet(viewsets.ReadOnlyModelViewSet[CriteriaSet]):
    serializer_class = CriteriaSetSerializer

    def get_queryset(self) -> QuerySet[CriteriaSet]:
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return CriteriaSet.objects.none()
        # Drafts only to those who run the year, as on the pages.
        qs = selectors.criteria_sets_visible_to(self.request.user)  # type: ignore[arg-type]
        params = self.request.query_params
        if params.get("cluster"):
            qs = qs.filter(cluster_year__cluster__code=params["cluster"])
        if is_digits(params.get("year") or ""):
            qs = qs.filter(cluster_year__year=int(params["year"]))
        groups = CriteriaGroup.objects.select_related("parent").prefetch_related(
            Prefetch("criteria", queryset=Criterion.objects.order_by("position", "id"))
        )
        return (
            qs.select_related("cluster_year__cluster")
            .prefetch_related(Prefetch("groups", queryset=groups.order_by("position", "id")))
            .order_by("-cluster_year__year", "cluster_year__cluster__code", "-version")
        )


# ----------------------------------------------------------------- my sheets


class EntryOutSerializer(serializers.Serializer[Any]):
    criterion = serializers.CharField(source="criterion.code")
    self_value = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    measure = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    note = serializers.CharField()
    adjusted_value = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    adjust_reason = serializers.CharField()
    evidence = serializers.SerializerMethodField()

    def get_evidence(self, entry: Any) -> list[str]:
        return [e.original_name for e in entry.evidence.all()]


class SheetSerializer(serializers.ModelSerializer[ScoreSheet]):
    cluster = serializers.CharField(source="cluster_year.cluster.code")
    year = serializers.IntegerField(source="cluster_year.year")
    organization = serializers.CharField(source="organization.code")
    entries = EntryOutSerializer(many=True)

    class Meta:
        model = ScoreSheet
        fields = [
            "id",
            "cluster",
            "year",
            "organization",
            "status",
            "version",
            "self_report",
            "submitted_at",
            "verified_at",
            "entries",
        ]


class EntryInSerializer(serializers.Serializer[Any]):
    criterion = serializers.CharField(help_text="Mã tiêu chí, ví dụ I.2")
    value = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    measure = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SheetUpdateSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField(help_text="Phiên bản bảng điểm khi bạn đọc nó")
    self_report = serializers.CharField(required=False, allow_blank=True)
    entries = EntryInSerializer(many=True, required=False, default=list)


def _decimal_text(value: Decimal | None) -> str | None:
    """Like DRF's DecimalField output: "30.00"."""
    return None if value is None else str(quantize(value))


@extend_schema_view(
    list=extend_schema(summary="Các bảng tự chấm điểm của đơn vị người dùng"),
    retrieve=extend_schema(summary="Một bảng tự chấm điểm của đơn vị người dùng"),
)
class MySheetViewSet(viewsets.ReadOnlyModelViewSet[ScoreSheet]):
    serializer_class = SheetSerializer

    def get_queryset(self) -> QuerySet[ScoreSheet]:
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return ScoreSheet.objects.none()
        user: Any = self.request.user
        if not user.organization_id:
            return ScoreSheet.objects.none()
        years = cluster_years_for_user(user).values("pk")
        return (
            ScoreSheet.objects.filter(organization_id=user.organization_id, cluster_year__in=years)
            .select_related("cluster_year__cluster", "organization")
            .prefetch_related("entries__criterion", "entries__evidence")
            .order_by("-cluster_year__year")
        )

    def _sheet(self) -> ScoreSheet:
        sheet = self.get_object()
        cluster_year = selectors.scoring_cluster_years(self.request.user).get(  # type: ignore[arg-type]
            pk=sheet.cluster_year_id
        )
        sheet.cluster_year = cluster_year
        return sheet

    @extend_schema(
        summary="Lưu bảng tự chấm (gửi kèm version; 409 nếu người khác vừa lưu)",
        request=SheetUpdateSerializer,
        responses={200: SheetSerializer},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Refusals come from the service: 403 (``scoring.edit_sheet``), 400 (bad values)."""
        sheet = self._sheet()
        payload = SheetUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        criteria_set = selectors.adopted_set(sheet.cluster_year)
        if criteria_set is None:
            raise Http404
        entries = _entry_inputs(selectors.criteria_table(criteria_set), data["entries"])
        try:
            save_sheet(
                cluster_year=sheet.cluster_year,
                organization=sheet.organization,
                user=request.user,
                expected_version=data["version"],
                entries=entries,
                self_report=data.get("self_report"),
            )
        except SheetConflict as exc:
            return _conflict(exc)
        return Response(SheetSerializer(self.get_queryset().get(pk=sheet.pk)).data)

    @extend_schema(summary="Nộp bảng tự chấm điểm", request=None, responses={200: SheetSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        sheet = self._sheet()
        submit_sheet(sheet=sheet, user=request.user)
        return Response(SheetSerializer(self.get_queryset().get(pk=sheet.pk)).data)


def _entry_inputs(table: selectors.CriteriaTable, items: list[dict[str, Any]]) -> list[EntryInput]:
    entries = []
    for item in items:
        criterion = table.by_code.get(item["criterion"])
        if criterion is None:
            raise DjangoValidationError(
                _("Mã tiêu chí “{code}” không có trong bộ tiêu chí.").format(
                    code=item["criterion"]
                ),
                code="unknown_criterion",
            )
        label = _("Tiêu chí {code}").format(code=criterion.code)
        entries.append(
            EntryInput(
                criterion_id=criterion.pk,
                value=parse_decimal(item.get("value"), label=label),
                measure=parse_decimal(item.get("measure"), label=label),
                note=item.get("note", ""),
            )
        )
    return entries


def _conflict(exc: SheetConflict) -> Response:
    """409: someone saved the sheet since the given version; the criteria that differ."""
    return Response(
        {
            "detail": exc.messages[0],
            "code": "conflict",
            "current_version": exc.current_version,
            "conflicts": [
                {
                    "criterion": item.code,
                    "theirs": _decimal_text(item.theirs),
                    "yours": _decimal_text(item.yours),
                }
                for item in exc.items
            ],
        },
        status=status.HTTP_409_CONFLICT,
    )


# ----------------------------------------------------------------- rankings


class RankingRowSerializer(serializers.Serializer[Any]):
    rank = serializers.IntegerField()
    tied = serializers.BooleanField()
    organization = serializers.CharField()
    name = serializers.CharField()
    groups = serializers.DictField(child=serializers.CharField())
    criteria_total = serializers.CharField()
    bonus = serializers.CharField()
    penalty = serializers.CharField()
    total = serializers.CharField()
    classification = serializers.CharField()


class RankingSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    cluster = serializers.CharField()
    year = serializers.IntegerField()
    approved = serializers.BooleanField()
    tie_break = serializers.ListField(child=serializers.CharField())
    rows = RankingRowSerializer(many=True)


def ranking_payload(cluster_year: ClusterYear) -> dict[str, Any]:
    data = selectors.ranking_data(cluster_year)
    return {
        "id": cluster_year.pk,
        "cluster": cluster_year.cluster.code,
        "year": cluster_year.year,
        "approved": data.approved,
        "tie_break": data.tie_break,
        "rows": [
            {
                "rank": line.row.rank,
                "tied": line.row.tied,
                "organization": line.organization.code,
                "name": line.organization.name,
                "groups": {k: str(v) for k, v in line.row.score.group_scores.items()},
                "criteria_total": str(line.row.score.criteria_total),
                "bonus": str(line.row.score.bonus),
                "penalty": str(line.row.score.penalty),
                "total": str(line.row.score.total),
                "classification": line.row.classification,
            }
            for line in data.lines
        ],
    }


class RankingViewSet(viewsets.ViewSet):
    """The ranking of a cluster year (id of the cluster year); 403 before it is published to
    users who do not manage the cluster."""

    lookup_value_regex = r"\d+"

    def _years(self) -> QuerySet[ClusterYear]:
        return selectors.scoring_cluster_years(self.request.user).filter(  # type: ignore[arg-type]
            scoring_round__isnull=False
        )

    @extend_schema(
        summary="Các cụm/khối-năm có kết quả chấm điểm mà người dùng được xem",
        parameters=CLUSTER_PARAMS,
        responses={200: RankingSerializer(many=True)},
    )
    def list(self, request: Request) -> Response:
        years = self._years()
        if request.query_params.get("cluster"):
            years = years.filter(cluster__code=request.query_params["cluster"])
        if is_digits(request.query_params.get("year") or ""):
            years = years.filter(year=int(request.query_params["year"]))
        visible = [cy for cy in years if request.user.has_perm("scoring.view_ranking", cy)]
        return Response([ranking_payload(cy) for cy in visible[:20]])

    @extend_schema(
        summary="Xếp hạng một cụm/khối-năm: hạng, tổng điểm, điểm theo nhóm, xếp loại",
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description="Mã cụm/khối-năm")
        ],
        responses={200: RankingSerializer},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        cluster_year = (
            self._years().filter(pk=int(pk)).first() if pk is not None and is_digits(pk) else None
        )
        if cluster_year is None:
            raise Http404
        check(request.user, "scoring.view_ranking", cluster_year)
        return Response(ranking_payload(cluster_year))
