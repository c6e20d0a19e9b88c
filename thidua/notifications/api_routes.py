"""A person's notifications under /api/v1/ (registered by thidua.api_urls)."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter

from thidua.notifications.api import NotificationViewSet


def register(router: DefaultRouter) -> None:
    router.register("notifications", NotificationViewSet, basename="notification")
