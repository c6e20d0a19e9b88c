from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from thidua.accounts.models import RoleAssignment, User


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):
    """The role and its scope are read-only here: they change through ``services.assign_role``
    (the user's page, /accounts/users/<id>/), which keeps the role history and the audit trail."""

    list_display = ["username", "full_name", "role", "organization", "authority", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name", "email"]
    readonly_fields = ["role", "organization", "authority"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Thi Đua", {"fields": ("full_name", "position", "role", "organization", "authority")}),
    )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin[RoleAssignment]):
    """The role history, read-only: written by ``services.assign_role`` only."""

    list_display = ["user", "role", "organization", "authority", "valid_from", "valid_to"]
    list_filter = ["role"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
