"""REST API of the conference's ballots: the questions of the conferences a person sees (read),
opening, closing and cancelling them through the same services as the pages, and the public
board once closed. Before close no result and no ballot is served to anyone (design §4.5)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.clusters.selectors import cluster_years_for_user
from thidua.core.numbers import is_digits
from thidua.core.permissions import check
from thidua.voting.board import board_of
from thidua.voting.enums import BallotState
from thidua.voting.models import Ballot, Candidate
from thidua.voting.rules import VIEW_RESULTS
from thidua.voting.services import ballots, closing


class CandidateSerializer(serializers.ModelSerializer[Candidate]):
    name = serializers.CharField(source="label")
    unit = serializers.CharField(source="organization.code", allow_null=True, default=None)

    class Meta:
        model = Candidate
        fields = ["uuid", "name", "unit", "order", "ranking_position", "registered"]


class ResultSerializer(serializers.ModelSerializer[Candidate]):
    class Meta:
        model = Candidate
        fields = ["uuid", "yes_weight", "no_weight", "passed", "elected"]


class BallotSerializer(serializers.ModelSerializer[Ballot]):
    cluster = serializers.CharField(source="conference.cluster_year.cluster.code")
    year = serializers.IntegerField(source="conference.cluster_year.year")
    award = serializers.CharField(source="award_type.code", allow_null=True, default=None)
    candidates = CandidateSerializer(many=True)
    results = serializers.SerializerMethodField()

    class Meta:
        model = Ballot
        fields = [
            "uuid",
            "cluster",
            "year",
            "title",
            "purpose",
            "award",
            "kind",
            "seats",
            "threshold_basis",
            "threshold_operator",
            "threshold_num",
            "threshold_den",
            "threshold_source",
            "mode",
            "state",
            "round",
            "electorate_count",
            "present_count",
            "candidates",
            "results",
        ]

    def get_results(self, ballot: Ballot) -> dict[str, Any] | None:
        """Counts and per-candidate results, only once the ballot is closed."""
        if ballot.state != BallotState.CLOSED:
            return None
        return {
            "issued": ballot.issued,
            "received": ballot.received,
            "valid": ballot.valid,
            "invalid": ballot.invalid,
            "outcome": ballot.outcome,
            "board_digest": ballot.board_digest,
            "candidates": ResultSerializer(ballot.candidates.all(), many=True).data,
        }


UUID_PARAM = OpenApiParameter("uuid", str, OpenApiParameter.PATH, description="Mã phiếu biểu quyết")


class BallotViewSet(viewsets.ReadOnlyModelViewSet[Ballot]):
    """Phiếu biểu quyết của các hội nghị tổng kết mà người dùng được xem."""

    serializer_class = BallotSerializer
    lookup_field = "uuid"
    lookup_value_regex = "[0-9a-f-]{36}"

    def get_queryset(self) -> QuerySet[Ballot]:
        years = cluster_years_for_user(self.request.user)  # type: ignore[arg-type]
        queryset = (
            Ballot.objects.filter(conference__cluster_year__in=years)
            .select_related("conference__cluster_year__cluster", "award_type")
            .prefetch_related("candidates__organization")
            .order_by("-conference__cluster_year__year", "pk")
        )
        cluster = self.request.query_params.get("cluster")
        if cluster:
            queryset = queryset.filter(conference__cluster_year__cluster__code=cluster)
        year = self.request.query_params.get("year") or ""
        if is_digits(year):
            queryset = queryset.filter(conference__cluster_year__year=int(year))
        return queryset

    def _ballot(self) -> Ballot:
        try:
            return self.get_object()
        except DjangoValidationError as exc:  # a malformed uuid is not found either
            raise Http404 from exc

    @extend_schema(summary="Mở bỏ phiếu", request=None, responses={200: BallotSerializer})
    @action(detail=True, methods=["post"])
    def open(self, request: Request, uuid: str | None = None) -> Response:
        ballot = ballots.open_ballot(ballot=self._ballot(), user=request.user)
        return Response(BallotSerializer(ballot).data)

    @extend_schema(
        summary="Kết thúc bỏ phiếu và kiểm phiếu", request=None, responses={200: BallotSerializer}
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, uuid: str | None = None) -> Response:
        ballot = closing.close_ballot(ballot=self._ballot(), user=request.user)
        return Response(BallotSerializer(ballot).data)

    @extend_schema(
        summary="Bảng công khai phiếu (sau khi kết thúc): mọi phiếu theo mã phiếu",
        responses={200: dict},
    )
    @action(detail=True, methods=["get"])
    def board(self, request: Request, uuid: str | None = None) -> Response:
        ballot = self._ballot()
        check(request.user, VIEW_RESULTS.name, ballot)
        return Response(board_of(ballot))
