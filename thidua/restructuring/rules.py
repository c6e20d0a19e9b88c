"""Who may restructure units: the system administrator everywhere, and the board officer (cán bộ
Ban TĐKT) of the authority of the old units. The object is that authority; without an object
(the menu, the list page, the import) the question is "may this person restructure anything"."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import Role
from thidua.clusters.rules import is_system_admin
from thidua.core.permissions import action


@rules.predicate
def is_board_officer_of_authority(user: Any, authority: Any) -> bool:
    if not (user.is_authenticated and user.role == Role.BOARD_OFFICER and user.authority_id):
        return False
    return authority is None or user.authority_id == authority.pk


RESTRUCTURE = action(
    "restructuring.restructure",
    label=_("sắp xếp lại đơn vị (sáp nhập, chia tách, đổi tên, chuyển, giải thể)"),
    who=is_system_admin | is_board_officer_of_authority,
)
