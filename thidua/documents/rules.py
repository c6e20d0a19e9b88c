"""Who may print which document and take document numbers (one permission per action).

A document kind names the permission that decides who may print it (``registry.DocumentKind``):
the kinds of other apps use their own (``cycle.view_pledge``, ``scoring.view_ranking``).
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import UNIT_ROLES
from thidua.clusters.rules import can_manage_cluster_year, can_see_cluster_year, is_system_admin
from thidua.core.permissions import action


@rules.predicate
def is_user_of_issuer(user: Any, issuer: Any) -> bool:
    """A person of the issuing unit takes its numbers (its officer, leader or secretariat)."""
    return bool(
        issuer is not None
        and user.is_authenticated
        and user.role in UNIT_ROLES
        and user.organization_id == issuer.pk
    )


PRINT_MEMBER_LIST = action(
    "documents.print_member_list",
    label=_("in danh sách thành viên cụm, khối"),
    who=can_see_cluster_year,
)
VIEW_HISTORY = action(
    "documents.view_history",
    label=_("xem lịch sử văn bản đã tạo của cụm, khối"),
    who=can_manage_cluster_year,
)
ISSUE_DOCUMENT = action(
    "documents.issue_document",
    label=_("cấp số và ngày cho văn bản của cụm, khối"),
    who=can_manage_cluster_year,
)
ISSUE_NUMBER = action(
    "documents.issue_number",
    label=_("lấy số văn bản của đơn vị"),
    who=is_system_admin | is_user_of_issuer,
)
