"""Notifications are written by the services (``notify``), preferences chosen by each person on
/notifications/preferences/ (audited): the admin only lists them."""

from __future__ import annotations

from django.contrib import admin

from thidua.core.admin import ReadOnlyAdminMixin
from thidua.notifications.models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Notification]):
    list_display = ["created_at", "recipient", "kind", "title", "read_at", "email_state"]
    list_filter = ["kind", "email_state"]
    search_fields = ["title", "recipient__username"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[NotificationPreference]):
    list_display = ["user", "kind", "in_app", "email"]
