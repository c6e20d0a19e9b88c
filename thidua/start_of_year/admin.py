from __future__ import annotations

from django.contrib import admin

from thidua.start_of_year.models import (
    EmulationModel,
    Pledge,
    PledgeItem,
    PledgeSignature,
    Registration,
    Topic,
    YearSettings,
)


class PledgeItemInline(admin.TabularInline[PledgeItem, Pledge]):
    model = PledgeItem
    extra = 0


@admin.register(Pledge)
class PledgeAdmin(admin.ModelAdmin[Pledge]):
    list_display = ["cluster_year", "version", "status", "opened_at", "in_force_at"]
    list_filter = ["status"]
    inlines = [PledgeItemInline]


@admin.register(PledgeSignature)
class PledgeSignatureAdmin(admin.ModelAdmin[PledgeSignature]):
    list_display = ["pledge", "organization", "signer_name", "signed_at", "method"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin[Registration]):
    list_display = ["cluster_year", "organization", "award", "status"]
    list_filter = ["status"]


admin.site.register(YearSettings)
admin.site.register(EmulationModel)
admin.site.register(Topic)
