"""Who may check eligibility (docs/dev/awards-design.md §7). The object is the subject's unit
(an ``Organization``; ``None`` for the page itself): the system administrator; board officers
and council members of the unit's authority or one it succeeded; unit officers and leaders for
their own unit's people and the unit itself."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import Role
from thidua.clusters.rules import sees_authority
from thidua.core.permissions import action
from thidua.organizations.rules import is_system_admin


@rules.predicate
def checks_for_authority(user: Any, organization: Any = None) -> bool:
    if not user.is_authenticated or user.role not in (Role.BOARD_OFFICER, Role.COUNCIL_MEMBER):
        return False
    return organization is None or sees_authority(user, organization.authority_id)


@rules.predicate
def checks_for_own_unit(user: Any, organization: Any = None) -> bool:
    if not user.is_authenticated or user.role not in (Role.UNIT_OFFICER, Role.UNIT_LEADER):
        return False
    return organization is None or user.organization_id == organization.pk


CHECK = action(
    "eligibility.check",
    label=_("kiểm tra điều kiện khen thưởng"),
    who=is_system_admin | checks_for_authority | checks_for_own_unit,
)
