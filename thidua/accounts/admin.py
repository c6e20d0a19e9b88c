from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from thidua.accounts.models import RoleAssignment, User
from thidua.core.admin import ReadOnlyAdminMixin


@admin.register(User)
class UserAdmin(ReadOnlyAdminMixin, BaseUserAdmin[User]):
    """Read-only: people and their roles are managed in the product (``accounts.services``, the
    pages under /accounts/users/), which keeps the role history and the audit trail."""

    list_display = ["username", "full_name", "role", "organization", "authority", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name", "email"]
    readonly_fields = ["role", "organization", "authority"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Thi Đua", {"fields": ("full_name", "position", "role", "organization", "authority")}),
    )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[RoleAssignment]):
    """The role history, read-only: written by ``services.assign_role`` only."""

    list_display = ["user", "role", "organization", "authority", "valid_from", "valid_to"]
    list_filter = ["role"]
