from __future__ import annotations

from django.contrib import admin

from thidua.awards.models import AwardDecider, AwardType, BaseSalary


@admin.register(AwardType)
class AwardTypeAdmin(admin.ModelAdmin[AwardType]):
    list_display = ["code", "name", "category", "subject", "level", "authority", "effective_from"]
    list_filter = ["category", "subject", "level", "confidence"]
    search_fields = ["code", "name"]


@admin.register(AwardDecider)
class AwardDeciderAdmin(admin.ModelAdmin[AwardDecider]):
    list_display = ["award_type", "decider", "valid_from", "valid_to", "article", "mark"]
    list_filter = ["decider", "mark"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin[BaseSalary]):
    list_display = ["amount", "valid_from", "valid_to", "article", "mark"]
