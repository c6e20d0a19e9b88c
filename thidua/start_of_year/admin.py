"""Read-only admin: every change of the start of the year goes through the services (the
permission, the state machine, the audit trail). In particular a superuser cannot sign a pledge,
write or submit a registration in a unit's place from here: a unit's own act is recorded for it
only through the explicit, audited on-behalf actions (docs/on-behalf-and-lineage.md)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from thidua.start_of_year.models import (
    EmulationModel,
    Pledge,
    PledgeItem,
    PledgeSignature,
    Registration,
    Topic,
    YearSettings,
)


class ReadOnly:
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class PledgeItemInline(ReadOnly, admin.TabularInline[PledgeItem, Pledge]):
    model = PledgeItem
    extra = 0


@admin.register(Pledge)
class PledgeAdmin(ReadOnly, admin.ModelAdmin[Pledge]):
    list_display = ["cluster_year", "version", "status", "opened_at", "in_force_at"]
    list_filter = ["status"]
    inlines = [PledgeItemInline]


@admin.register(PledgeSignature)
class PledgeSignatureAdmin(ReadOnly, admin.ModelAdmin[PledgeSignature]):
    list_display = ["pledge", "organization", "signer_name", "signed_at", "method"]


@admin.register(Registration)
class RegistrationAdmin(ReadOnly, admin.ModelAdmin[Registration]):
    list_display = ["cluster_year", "organization", "award", "status"]
    list_filter = ["status"]


@admin.register(YearSettings, EmulationModel, Topic)
class ReadOnlyAdmin(ReadOnly, admin.ModelAdmin[Any]):
    pass
