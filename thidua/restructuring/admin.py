"""Restructurings are made by the wizard, the import, the command line or the API (audited
services); the admin only reads them."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from thidua.restructuring.models import Restructuring


@admin.register(Restructuring)
class RestructuringAdmin(admin.ModelAdmin[Restructuring]):
    list_display = ["kind", "decision_number", "decision_date", "effective_date", "authority"]
    list_filter = ["kind"]
    search_fields = ["decision_number", "units__code", "units__name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
