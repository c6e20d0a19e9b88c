"""Who may import award history (docs/dev/awards-design.md §7): the system administrator and
the board officers, for the units of their authority and of those it succeeded (the import
reads the rows naming other units as unknown)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from thidua.clusters.rules import is_board_officer
from thidua.core.permissions import action
from thidua.organizations.rules import is_system_admin

IMPORT_HISTORY = action(
    "awards.import_history",
    label=_("nhập lịch sử thi đua, khen thưởng từ tệp"),
    who=is_system_admin | is_board_officer,
)
