"""Glossary: Organization = đơn vị; Authority = cơ quan tổ chức cụm/khối (Hội đồng/Ban TĐKT)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    DEPARTMENT = "department", _("Sở, ban, ngành")
    PROVINCE = "province", _("UBND tỉnh, thành phố")
    DISTRICT = "district", _("Quận, huyện, thị xã")
    COMMUNE = "commune", _("Xã, phường, đặc khu")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    OTHER = "other", _("Khác")


class AuthorityLevel(models.TextChoices):
    CENTRAL = "central", _("Trung ương")
    MINISTRY = "ministry", _("Bộ, ngành trung ương")
    PROVINCE = "province", _("Tỉnh, thành phố")
    COMMUNE = "commune", _("Xã, phường, đặc khu")


class SuccessionKind(models.TextChoices):
    """How a unit became another in a restructuring (2025 reform: merges, splits, renames)."""

    MERGE = "merge", _("Hợp nhất / sáp nhập")
    SPLIT = "split", _("Chia tách")
    RENAME = "rename", _("Đổi tên")
    TRANSFER = "transfer", _("Chuyển giao một phần")
