from __future__ import annotations

from django.contrib import admin

from thidua.awards.models import AwardType


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin[AwardType]):
    list_display = ["code", "name", "category", "subject", "level", "province", "effective_from"]
    list_filter = ["category", "subject", "level", "confidence"]
    search_fields = ["code", "name"]
