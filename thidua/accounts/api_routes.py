"""Users and role assignments under /api/v1/ (registered by thidua.api_urls)."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from thidua.accounts.api import RoleAssignmentViewSet, UserViewSet


def register(router: DefaultRouter) -> None:
    router.register("users", UserViewSet, basename="user")
    router.register("role-assignments", RoleAssignmentViewSet, basename="role-assignment")
