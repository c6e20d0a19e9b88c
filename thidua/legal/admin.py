"""Rule sets are edited through the /legal/ pages (clone → edit → publish): the admin only
creates an empty draft and shows parameters read-only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from thidua.legal.models import RuleParameter, RuleSet

FIELDS = ("code", "award_code", "value_type", "operator", "article", "mark")


class RuleParameterInline(admin.TabularInline[RuleParameter, RuleSet]):
    model = RuleParameter
    extra = 0
    can_delete = False
    fields = FIELDS
    readonly_fields = FIELDS

    def has_add_permission(self, request: HttpRequest, obj: RuleSet | None = None) -> bool:
        return False


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin[RuleSet]):
    list_display = ["code", "name", "family", "status", "effective_from", "effective_to"]
    fields = ["code", "name", "legal_basis", "effective_from", "effective_to", "authority"]
    inlines = [RuleParameterInline]
