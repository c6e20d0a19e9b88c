from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from thidua.accounts.models import User
from thidua.core.admin import ReadOnlyAdminMixin


@admin.register(User)
class UserAdmin(ReadOnlyAdminMixin, BaseUserAdmin[User]):
    """Read-only: people and their roles are managed in the product (audited)."""

    list_display = ["username", "full_name", "role", "organization", "authority", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Thi Đua", {"fields": ("full_name", "position", "role", "organization", "authority")}),
    )
