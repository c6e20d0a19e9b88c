"""Read-mostly admin: domain changes go through the pages (services, audit), not the admin."""

from __future__ import annotations

from django.contrib import admin

from thidua.planning.models import (
    Drive,
    DriveReport,
    Movement,
    PlanComment,
    PlanDocument,
    PlanVersion,
    StepCompletion,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(PlanDocument)
class PlanDocumentAdmin(ReadOnlyAdmin):
    list_display = ["cluster_year", "kind"]
    list_filter = ["kind"]


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAdmin):
    list_display = ["title", "document", "number", "adopted_on"]
    list_filter = ["document__kind"]


@admin.register(PlanComment)
class PlanCommentAdmin(ReadOnlyAdmin):
    list_display = ["author_label", "version", "created"]


@admin.register(Movement)
class MovementAdmin(ReadOnlyAdmin):
    list_display = ["title", "authority", "kind", "starts_on", "ends_on"]
    list_filter = ["kind", "authority"]
    search_fields = ["title"]


@admin.register(Drive)
class DriveAdmin(ReadOnlyAdmin):
    list_display = ["name", "cluster_year", "number", "starts_on", "ends_on", "report_due_at"]


@admin.register(DriveReport)
class DriveReportAdmin(ReadOnlyAdmin):
    list_display = ["drive", "organization", "updated"]


@admin.register(StepCompletion)
class StepCompletionAdmin(ReadOnlyAdmin):
    list_display = ["cluster_year", "step", "done_on"]
