from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.notifications.enums import EmailChoice, EmailState, NotificationKind


class Notification(models.Model):
    """One message to one person: shown in the app (``in_app``) and/or mailed (``email_state``).

    ``dedup_key`` makes sending idempotent: a second notification with the same key to the same
    person is not created (a reminder of one deadline at one threshold is sent once)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("người nhận"),
    )
    kind = models.CharField(_("loại"), max_length=30, choices=NotificationKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    link = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    dedup_key = models.CharField(max_length=200, blank=True)
    in_app = models.BooleanField(_("hiện trên hệ thống"), default=True)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    email_state = models.CharField(
        _("e-mail"), max_length=12, choices=EmailState.choices, default=EmailState.NOT_WANTED
    )
    email_mode = models.CharField(
        max_length=10, choices=EmailChoice.choices, default=EmailChoice.OFF
    )
    emailed_at = models.DateTimeField(_("gửi e-mail lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "in_app", "read_at"], name="notification_unread"),
            models.Index(fields=["email_state", "email_mode"], name="notification_mail_queue"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedup_key"],
                condition=~Q(dedup_key=""),
                name="one_notification_per_dedup_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient} — {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """What one person wants of one kind; no row = the defaults of ``enums.DEFAULT_EMAIL``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("loại"), max_length=30, choices=NotificationKind.choices)
    in_app = models.BooleanField(_("hiện trên hệ thống"), default=True)
    email = models.CharField(
        _("e-mail"), max_length=10, choices=EmailChoice.choices, default=EmailChoice.DIGEST
    )

    class Meta:
        verbose_name = _("cài đặt nhận thông báo")
        verbose_name_plural = _("cài đặt nhận thông báo")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()}"
