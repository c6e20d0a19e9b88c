"""The award catalogue changes through /awards/catalogue/ and its loader (audited services); the
admin only lists it."""

from __future__ import annotations

from django.contrib import admin

from thidua.awards.models import AwardDecider, AwardType, BaseSalary
from thidua.core.admin import ReadOnlyAdminMixin


@admin.register(AwardType)
class AwardTypeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[AwardType]):
    list_display = ["code", "name", "category", "subject", "level", "authority", "effective_from"]
    list_filter = ["category", "subject", "level", "confidence"]
    search_fields = ["code", "name"]


@admin.register(AwardDecider)
class AwardDeciderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[AwardDecider]):
    list_display = ["award_type", "decider", "valid_from", "valid_to", "article", "mark"]
    list_filter = ["decider", "mark"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[BaseSalary]):
    list_display = ["amount", "valid_from", "valid_to", "article", "mark"]
