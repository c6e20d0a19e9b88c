from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a user does; the scope comes from the user's organization or authority.

    - SYSTEM_ADMIN: everything.
    - BOARD_OFFICER (cán bộ Ban TĐKT / Sở Nội vụ): every cluster of ``user.authority``.
    - CLUSTER_SECRETARIAT (văn phòng đơn vị cụm trưởng): runs the cluster years whose head
      unit is the user's organization; a member-unit user for the other years.
    - UNIT_OFFICER (cán bộ TĐKT đơn vị): the user's own unit.
    - UNIT_LEADER (thủ trưởng đơn vị): the user's own unit; signs for it.
    - COUNCIL_MEMBER (thành viên Hội đồng TĐKT): reads every cluster of ``user.authority``.
    - VIEWER: reads every cluster of ``user.authority`` (or of the user's unit).
    """

    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")
    BOARD_OFFICER = "board_officer", _("Cán bộ Ban Thi đua - Khen thưởng")
    CLUSTER_SECRETARIAT = "cluster_secretariat", _("Thư ký cụm (đơn vị cụm trưởng)")
    UNIT_OFFICER = "unit_officer", _("Cán bộ thi đua đơn vị")
    UNIT_LEADER = "unit_leader", _("Thủ trưởng đơn vị")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng TĐKT")
    VIEWER = "viewer", _("Người xem")


AUTHORITY_ROLES = frozenset({Role.BOARD_OFFICER, Role.COUNCIL_MEMBER, Role.VIEWER})
UNIT_ROLES = frozenset({Role.CLUSTER_SECRETARIAT, Role.UNIT_OFFICER, Role.UNIT_LEADER})


class Scope(models.TextChoices):
    """What a role is held over: nothing (everything), an authority, a unit."""

    NONE = "none", _("toàn hệ thống")
    AUTHORITY = "authority", _("cơ quan tổ chức cụm, khối")
    UNIT = "unit", _("đơn vị")


# The scopes each role may be held over (a viewer reads an authority's clusters, or a unit's).
ROLE_SCOPES: dict[str, frozenset[str]] = {
    Role.SYSTEM_ADMIN: frozenset({Scope.NONE}),
    Role.BOARD_OFFICER: frozenset({Scope.AUTHORITY}),
    Role.COUNCIL_MEMBER: frozenset({Scope.AUTHORITY}),
    Role.VIEWER: frozenset({Scope.AUTHORITY, Scope.UNIT}),
    Role.CLUSTER_SECRETARIAT: frozenset({Scope.UNIT}),
    Role.UNIT_OFFICER: frozenset({Scope.UNIT}),
    Role.UNIT_LEADER: frozenset({Scope.UNIT}),
}
# The roles a board officer may give, within their authority (never a system administrator).
BOARD_GRANTABLE_ROLES = frozenset(ROLE_SCOPES) - {Role.SYSTEM_ADMIN}
