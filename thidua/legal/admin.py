from __future__ import annotations

from django.contrib import admin

from thidua.legal.models import RuleParameter, RuleSet


class RuleParameterInline(admin.TabularInline[RuleParameter, RuleSet]):
    model = RuleParameter
    extra = 0


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin[RuleSet]):
    list_display = ["code", "name", "effective_from", "effective_to", "authority"]
    inlines = [RuleParameterInline]
