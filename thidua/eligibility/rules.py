"""Who may check eligibility (docs/dev/awards-design.md §7). The object is the subject's unit
(an ``Organization``; ``None`` for the page itself): the system administrator; board officers
and council members of the unit's authority or one it succeeded; unit officers and leaders for
their own unit's people and the unit itself.

Batch checks: ``run_batch`` (system administrator, board officers), ``view_batch`` (the creator,
board officers of the batch's authority or of one that succeeded it) and ``cancel_batch`` (the
same people, while the batch is queued or running); the object is the ``CheckBatch``."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import Role
from thidua.clusters.rules import is_board_officer, is_board_officer_of_unit, sees_authority
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


# ---------------------------------------------------------------- batch checks (§6, §7)


@rules.predicate
def is_batch_creator(user: Any, batch: Any = None) -> bool:
    return bool(batch is not None and user.is_authenticated and batch.created_by_id == user.pk)


#: A board officer of the batch's authority (or of one that succeeded it): the rule of a unit's
#: board officer, over the batch's ``authority_id``.
is_board_officer_of_batch = is_board_officer_of_unit


@rules.predicate
def batch_is_open(user: Any, batch: Any = None) -> bool:
    return bool(batch is not None and batch.is_open)


RUN_BATCH = action(
    "eligibility.run_batch",
    label=_("kiểm tra điều kiện theo danh sách"),
    who=is_system_admin | is_board_officer,
)
VIEW_BATCH = action(
    "eligibility.view_batch",
    label=_("xem đợt kiểm tra theo danh sách"),
    who=is_batch_creator | is_board_officer_of_batch,
)
CANCEL_BATCH = action(
    "eligibility.cancel_batch",
    label=_("hủy đợt kiểm tra theo danh sách"),
    who=is_batch_creator | is_board_officer_of_batch,
    when=[(batch_is_open, _("Đợt kiểm tra đã kết thúc, không hủy được nữa."))],
)
