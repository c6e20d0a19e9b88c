from __future__ import annotations

from typing import Any

import rules
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import AUTHORITY_ROLES, Role
from thidua.core.permissions import ACTIONS


class User(AbstractUser):
    """A person who signs in. Belongs to one organization and holds one role."""

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

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username

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
