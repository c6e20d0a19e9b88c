"""API: the board records a unit's paper self-scoring sheet on its behalf (ghi thay đơn vị,
có lý do) — ``POST /api/v1/scoring/sheets-on-behalf/`` with the cluster, the year, the unit,
the scores as on paper, the report, the reason and the paper's reference. The same service and
permission as the page (``scoring.submit_sheet_on_behalf``): 404 outside the person's scope,
403 refused (not you / not now), 400 bad input; the answer is the submitted sheet."""

from __future__ import annotations

import json
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from thidua.clusters.selectors import cluster_year_or_404
from thidua.scoring import selectors
from thidua.scoring.api import EntryInSerializer, SheetSerializer, _entry_inputs
from thidua.scoring.models import ScoreSheet
from thidua.scoring.services.on_behalf import submit_sheet_on_behalf


class SheetOnBehalfSerializer(serializers.Serializer[Any]):
    cluster = serializers.CharField(help_text="Mã cụm, khối")
    year = serializers.IntegerField()
    organization = serializers.CharField(help_text="Mã đơn vị được ghi thay")
    entries = EntryInSerializer(many=True)
    self_report = serializers.CharField()
    reason = serializers.CharField(help_text="Lý do ghi thay")
    paper_ref = serializers.CharField(help_text="Số, ngày văn bản giấy của đơn vị")
    scan = serializers.FileField(
        required=False,
        help_text="Bản chụp văn bản giấy (multipart; entries khi đó là chuỗi JSON)",
    )


def _payload(request: Request) -> Any:
    """JSON as it is; a multipart form (to send the scan) carries ``entries`` as a JSON string."""
    raw: Any = request.data
    if not hasattr(raw, "getlist"):
        return raw
    data = {key: raw.get(key) for key in raw}
    try:
        data["entries"] = json.loads(raw.get("entries") or "[]")
    except ValueError:
        raise serializers.ValidationError(
            {"entries": [_("Danh sách tiêu chí (entries) phải là JSON.")]}
        ) from None
    return data


class SheetOnBehalfViewSet(viewsets.ViewSet):
    @extend_schema(
        summary="Ghi thay đơn vị bảng tự chấm điểm (có lý do, số văn bản giấy)",
        request=SheetOnBehalfSerializer,
        responses={200: SheetSerializer},
    )
    def create(self, request: Request) -> Response:
        payload = SheetOnBehalfSerializer(data=_payload(request))
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        user: Any = request.user
        cluster_year = cluster_year_or_404(
            user, data["cluster"], data["year"], selectors.scoring_cluster_years(user)
        )
        organization = next(
            (
                m.organization
                for m in cluster_year.memberships.all()
                if m.organization.code == data["organization"]
            ),
            None,
        )
        criteria_set = selectors.adopted_set(cluster_year)
        if organization is None or criteria_set is None:
            raise Http404
        sheet = submit_sheet_on_behalf(
            cluster_year=cluster_year,
            organization=organization,
            user=user,
            entries=_entry_inputs(selectors.criteria_table(criteria_set), data["entries"]),
            self_report=data["self_report"],
            reason=data["reason"],
            paper_ref=data["paper_ref"],
            scan=data.get("scan"),
        )
        saved = (
            ScoreSheet.objects.select_related("cluster_year__cluster", "organization")
            .prefetch_related("entries__criterion", "entries__evidence")
            .get(pk=sheet.pk)
        )
        return Response(SheetSerializer(saved).data)
