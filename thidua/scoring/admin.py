"""Read-only admin: every change to scoring goes through the services (validation, audit,
the state machine), so the admin only shows."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from thidua.scoring.models import CriteriaSet, CrossSheet, ResultRow, ScoreSheet, ScoringRound


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CriteriaSet)
class CriteriaSetAdmin(ReadOnlyAdmin):
    list_display = ["name", "cluster_year", "version", "status", "adopted_on", "max_total"]
    list_filter = ["status", "cluster_year__year"]
    list_select_related = ["cluster_year__cluster"]


@admin.register(ScoringRound)
class ScoringRoundAdmin(ReadOnlyAdmin):
    list_display = ["cluster_year", "verification_mode", "aggregation", "status", "approved_at"]
    list_filter = ["status", "verification_mode"]
    list_select_related = ["cluster_year__cluster"]


@admin.register(ScoreSheet)
class ScoreSheetAdmin(ReadOnlyAdmin):
    list_display = ["organization", "cluster_year", "status", "version", "submitted_at"]
    list_filter = ["status", "cluster_year__year"]
    list_select_related = ["organization", "cluster_year__cluster"]


@admin.register(CrossSheet)
class CrossSheetAdmin(ReadOnlyAdmin):
    list_display = ["scorer", "target", "cluster_year", "status", "submitted_at"]
    list_filter = ["status"]
    list_select_related = ["scorer", "target", "cluster_year__cluster"]


@admin.register(ResultRow)
class ResultRowAdmin(ReadOnlyAdmin):
    list_display = ["organization", "scoring_round", "rank", "total", "classification"]
    list_select_related = ["organization", "scoring_round__cluster_year__cluster"]
