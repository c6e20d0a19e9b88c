"""Who may manage the authorities (cơ quan tổ chức cụm, khối) and their successor links: the
system administrators. ``is_system_admin`` lives here, the lowest app that knows people, and is
shared by the apps above (``clusters.rules`` re-exports it)."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import action


@rules.predicate
def is_system_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_system_admin)


MANAGE_AUTHORITY = action(
    "organizations.manage_authority",
    label=_("tạo, sửa cơ quan tổ chức cụm, khối"),
    who=is_system_admin,
)
RECORD_AUTHORITY_SUCCESSION = action(
    "organizations.record_authority_succession",
    label=_("ghi nhận cơ quan kế thừa"),
    who=is_system_admin,
)
