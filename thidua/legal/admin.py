"""Rule sets are edited through the /legal/ pages (clone → edit → publish, audited services):
the admin only lists them."""

from __future__ import annotations

from django.contrib import admin

from thidua.core.admin import ReadOnlyAdminMixin
from thidua.legal.models import RuleSet


@admin.register(RuleSet)
class RuleSetAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[RuleSet]):
    list_display = ["code", "name", "family", "status", "effective_from", "effective_to"]
    list_filter = ["family", "status"]
    fields = ["code", "name", "legal_basis", "effective_from", "effective_to", "authority"]
