"""Read-only registers: numbers are taken through the service, history is written by downloads."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from thidua.documents.models import DocumentNumber, GeneratedDocument


class ReadOnlyAdmin(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DocumentNumber)
class DocumentNumberAdmin(ReadOnlyAdmin):
    list_display = ["number", "issuer", "year", "sequence", "kind", "issued_by", "created"]
    list_filter = ["year", "type_code"]
    search_fields = ["number", "issuer__name", "note"]
    list_select_related = ["issuer", "issued_by"]


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(ReadOnlyAdmin):
    list_display = ["generated_at", "filename", "format", "channel", "generated_by", "size"]
    list_filter = ["kind", "format", "channel"]
    search_fields = ["filename", "sha256", "cluster_year__cluster__code"]
    list_select_related = ["generated_by"]
    date_hierarchy = "generated_at"
