"""Who may write award history: one named permission per service. The unit that answers is the
collective itself or the person's unit in the achievement year: the system administrator; the
board officers of its authority or of one that succeeded it; the unit's own officer for the
grassroots awards of their unit (and its collective years, its initiatives' use)."""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.awards.enums import AwardLevel
from thidua.clusters.rules import is_board_officer_of_unit
from thidua.core.permissions import action
from thidua.organizations.rules import is_system_admin
from thidua.people.rules import is_officer_of_unit


@rules.predicate
def is_board_officer_of_record(user: Any, record: Any) -> bool:
    return record is not None and bool(is_board_officer_of_unit.test(user, record.unit))


@rules.predicate
def is_officer_for_grassroots_award(user: Any, record: Any) -> bool:
    return bool(
        record is not None
        and record.award_type.level == AwardLevel.GRASSROOTS
        and is_officer_of_unit.test(user, record.unit)
    )


@rules.predicate
def year_not_future(user: Any, record: Any) -> bool:
    return record is None or record.achievement_year <= timezone.localdate().year


def _future(user: Any, record: Any) -> str:
    return gettext("Năm {year} chưa đến: chỉ ghi nhận khen thưởng đến năm {current}.").format(
        year=record.achievement_year, current=timezone.localdate().year
    )


@rules.predicate
def not_revoked(user: Any, record: Any) -> bool:
    return record is None or record.revoked_on is None


def _revoked(user: Any, record: Any) -> str:
    return gettext("Khen thưởng này đã bị thu hồi ({ref}).").format(ref=record.revocation_ref)


RECORD_AWARD = action(
    "awards.record_award",
    label=_("ghi nhận khen thưởng đã nhận"),
    who=is_system_admin | is_board_officer_of_record | is_officer_for_grassroots_award,
    when=[(year_not_future, _future)],
)
REVOKE_AWARD = action(
    "awards.revoke_award",
    label=_("thu hồi khen thưởng"),
    who=is_system_admin | is_board_officer_of_record,
    when=[(not_revoked, _revoked)],
)
RECORD_COLLECTIVE_YEAR = action(
    "awards.record_collective_year",
    label=_("ghi nhận số liệu năm của tập thể"),
    who=is_system_admin | is_board_officer_of_unit | is_officer_of_unit,
)
USE_INITIATIVE = action(
    "awards.use_initiative",
    label=_("ghi nhận sử dụng sáng kiến cho khen thưởng"),
    who=is_system_admin | is_board_officer_of_unit | is_officer_of_unit,
)
