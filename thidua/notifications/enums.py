"""Glossary: ``Notification`` = thông báo (in the app, and by e-mail); ``NotificationPreference``
= cài đặt nhận thông báo; a reminder (nhắc hạn) is a notification of a deadline; the daily digest
(thư tổng hợp hằng ngày) is one e-mail with the day's notifications."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    DEADLINE_SOON = "deadline_soon", _("Sắp đến hạn")
    DEADLINE_PASSED = "deadline_passed", _("Đã quá hạn")
    RETURNED = "returned", _("Hồ sơ bị trả lại (đăng ký, bảng điểm)")
    AWAITING_SIGNATURE = "awaiting_signature", _("Giao ước chờ ký")
    BALLOT_OPEN = "ballot_open", _("Mở phiếu bầu, biểu quyết")


class EmailChoice(models.TextChoices):
    OFF = "off", _("Không gửi e-mail")
    IMMEDIATE = "immediate", _("Gửi e-mail ngay")
    DIGEST = "digest", _("Gộp vào thư tổng hợp hằng ngày")


class EmailState(models.TextChoices):
    """Where a notification stands on the way to the person's mailbox."""

    NOT_WANTED = "not_wanted", _("Không gửi e-mail")
    PENDING = "pending", _("Chờ gửi")
    SENT = "sent", _("Đã gửi")
    NO_ADDRESS = "no_address", _("Người nhận chưa có e-mail")


# What a person receives before they change anything (docs/notifications.md): every kind in
# the app; by e-mail, the daily digest — except a pledge waiting for the leader's signature and a
# ballot that opens, which are mailed at once (they wait on that one person).
DEFAULT_IN_APP = True
DEFAULT_EMAIL: dict[str, str] = {
    NotificationKind.DEADLINE_SOON: EmailChoice.DIGEST,
    NotificationKind.DEADLINE_PASSED: EmailChoice.DIGEST,
    NotificationKind.RETURNED: EmailChoice.DIGEST,
    NotificationKind.AWAITING_SIGNATURE: EmailChoice.IMMEDIATE,
    NotificationKind.BALLOT_OPEN: EmailChoice.IMMEDIATE,
}
