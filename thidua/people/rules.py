"""Who may write a person's facts: one named permission per service. The object of each is the
unit concerned (an ``Organization``): the system administrator; the board officers of the
unit's authority or of an authority that succeeded it (``clusters.rules.sees_authority``); and
the unit's own officers for their unit (discipline: its leader). A dissolved unit takes no new
facts (D-14). Who may *see* a person is the scope (``selectors.people_for_user``)."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import Role
from thidua.clusters.rules import is_board_officer_of_unit
from thidua.core.permissions import action
from thidua.organizations.rules import is_system_admin


@rules.predicate
def is_officer_of_unit(user: Any, organization: Any) -> bool:
    return bool(
        organization is not None
        and user.is_authenticated
        and user.role == Role.UNIT_OFFICER
        and user.organization_id == organization.pk
    )


@rules.predicate
def is_leader_of_unit(user: Any, organization: Any) -> bool:
    return bool(
        organization is not None
        and user.is_authenticated
        and user.role == Role.UNIT_LEADER
        and user.organization_id == organization.pk
    )


@rules.predicate
def unit_not_dissolved(user: Any, organization: Any) -> bool:
    return organization is None or organization.valid_to is None


def _dissolved(user: Any, organization: Any) -> str:
    return gettext("{unit} đã giải thể ngày {day}: không ghi nhận thêm dữ liệu cá nhân.").format(
        unit=organization.name, day=f"{organization.valid_to:%d/%m/%Y}"
    )


manages_people_of_unit = is_system_admin | is_board_officer_of_unit | is_officer_of_unit
OPEN_UNIT = [(unit_not_dissolved, _dissolved)]

CREATE_PERSON = action(
    "people.create_person",
    label=_("thêm cá nhân của đơn vị"),
    who=manages_people_of_unit,
    when=OPEN_UNIT,
)
RECORD_EMPLOYMENT = action(
    "people.record_employment",
    label=_("ghi nhận quá trình công tác tại đơn vị"),
    who=manages_people_of_unit,
    when=OPEN_UNIT,
)
END_EMPLOYMENT = action(
    "people.end_employment",
    label=_("kết thúc quá trình công tác tại đơn vị"),
    who=manages_people_of_unit,
)
RECORD_RATING = action(
    "people.record_rating",
    label=_("ghi nhận xếp loại năm của cá nhân"),
    who=manages_people_of_unit,
)
RECORD_DISCIPLINE = action(
    "people.record_discipline",
    label=_("ghi nhận kỷ luật của cá nhân"),
    who=is_system_admin | is_board_officer_of_unit | is_leader_of_unit,
)
VIEW_DISCIPLINE = action(
    "people.view_discipline",
    label=_("xem kỷ luật của cá nhân"),
    who=is_system_admin | is_board_officer_of_unit | is_leader_of_unit | is_officer_of_unit,
)
RECORD_INITIATIVE = action(
    "people.record_initiative",
    label=_("ghi nhận sáng kiến"),
    who=manages_people_of_unit,
)
