from __future__ import annotations

import datetime as dt
from typing import Any

import rules
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import AUTHORITY_ROLES, Role
from thidua.core.models import TimestampedModel
from thidua.core.permissions import ACTIONS
from thidua.core.sortkeys import SortKeyed
from thidua.core.vntext import sort_key


class User(SortKeyed, AbstractUser):
    """A person who signs in. ``role``, ``organization`` and ``authority`` are the CURRENT role
    and its scope (what every permission reads); the history is ``RoleAssignment``."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices, default=Role.VIEWER)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    authority = models.ForeignKey(
        "organizations.Authority",
        verbose_name=_("hội đồng / ban thi đua"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("Bắt buộc với cán bộ Ban TĐKT, thành viên Hội đồng và người xem cấp hội đồng."),
    )
    must_change_password = models.BooleanField(
        _("phải đổi mật khẩu"),
        default=False,
        help_text=_("Mật khẩu tạm thời: người dùng phải đặt mật khẩu mới trước khi làm việc khác."),
    )
    search_text = models.TextField(editable=False, default="")

    sort_source = "full_name"
    search_sources = ("full_name", "username", "email")

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

    def derive_text_keys(self) -> None:
        """Sorted by the full name, or by the username when the name is empty."""
        super().derive_text_keys()
        self.sort_key = sort_key(self.display_name)

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        """Actions of the platform (``core.permissions``) are decided by their rule alone, for
        superusers too: a state or a deadline binds everyone. Django's own model permissions
        (the admin site) keep Django's behaviour."""
        if perm in ACTIONS:
            return bool(self.is_active and rules.has_perm(perm, self, obj))
        return super().has_perm(perm, obj)

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def is_system_admin(self) -> bool:
        return self.is_superuser or self.role == Role.SYSTEM_ADMIN

    @property
    def has_authority_scope(self) -> bool:
        return self.role in AUTHORITY_ROLES and self.authority_id is not None


class RoleAssignment(TimestampedModel):
    """One role a person held over one scope (an authority or a unit), from one day to another.

    The open assignment (``valid_to`` empty) is the user's current role, copied on the user
    (``accounts.services.assign_role`` keeps both in step, in one transaction).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("người dùng"),
    )
    role = models.CharField(_("vai trò"), max_length=30, choices=Role.choices)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    authority = models.ForeignKey(
        "organizations.Authority",
        verbose_name=_("cơ quan tổ chức cụm, khối"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
    )
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người giao"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("phân công vai trò")
        verbose_name_plural = _("phân công vai trò")
        ordering = ["user", "-valid_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="role_assignment_dates_in_order",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(valid_to__isnull=True),
                name="one_open_role_assignment_per_user",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"

    @property
    def scope(self) -> Any:
        return self.organization or self.authority

    def covers_year(self, year: int) -> bool:
        return self.valid_from.year <= year and (
            self.valid_to is None or self.valid_to.year >= year
        )

    def is_open_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class UserSession(models.Model):
    """A signed-in session of a person, for “my sessions”: where from and when last seen.

    Written at sign-in and refreshed by ``accounts.middleware.SessionActivityMiddleware`` at most
    once every few minutes; the session itself is Django's (``django_session``).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    ip = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    user_agent = models.CharField(_("trình duyệt"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("đăng nhập lúc"), auto_now_add=True)
    last_activity = models.DateTimeField(_("hoạt động gần nhất"))

    class Meta:
        verbose_name = _("phiên đăng nhập")
        verbose_name_plural = _("phiên đăng nhập")
        ordering = ["-last_activity"]

    def __str__(self) -> str:
        return f"{self.user} · {self.ip or '?'}"


class ApiToken(models.Model):
    """A personal API access token (“mã truy cập API”): another way for its owner to be
    themselves in the API, with the same role and scope. Only a SHA-256 of the secret is kept;
    the secret is shown once, when it is created. ``prefix`` (the first characters of the
    secret) lets the owner tell their tokens apart."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("người dùng"),
    )
    name = models.CharField(_("tên"), max_length=100)
    prefix = models.CharField(_("đầu mã"), max_length=16)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng gần nhất"), null=True, blank=True)
    expires_at = models.DateTimeField(_("hết hạn"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_live(self, at: dt.datetime) -> bool:
        return self.revoked_at is None and (self.expires_at is None or at < self.expires_at)
