"""Who may do what with clusters and cluster years: one named permission per action
(``core.permissions.action``). Scope (what a person sees at all) is in ``selectors``: outside it a
page is a 404 before any permission is asked.

The predicates are shared with the apps above (planning, the start of the year, scoring…): the
people who run a cluster year are the same everywhere.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import AUTHORITY_ROLES, UNIT_ROLES, Role
from thidua.clusters.models import ClusterYear
from thidua.core.permissions import action
from thidua.organizations.rules import is_system_admin
from thidua.organizations.selectors import lineage_of_user


@rules.predicate
def is_board_officer(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.BOARD_OFFICER and user.authority_id)


# ---------------------------------------------------------------- scope follows lineage
# A person of an authority (board officer, council member, viewer) sees the clusters of their
# authority and of every authority it succeeded (Nam Định → Ninh Bình from 01/7/2025), and the
# board officers run their own years and the predecessors' years from the year the work passed
# on (``organizations.selectors.Lineage``). Every rule that compares a person's authority with
# a cluster's asks one of these two; ``selectors`` says the same as querysets.


def sees_authority(user: Any, authority_id: int | None) -> bool:
    """``authority_id`` is the user's authority or one it succeeded (no query for their own)."""
    if authority_id is None or not user.authority_id:
        return False
    if user.authority_id == authority_id:
        return True
    lineage = lineage_of_user(user)
    return lineage is not None and lineage.includes(authority_id)


def runs_authority_year(user: Any, authority_id: int | None, year: int) -> bool:
    """The user's authority runs ``year`` of ``authority_id``: its own years, a predecessor's
    years from the year its work passed on (the earlier ones are closed: read-only)."""
    if authority_id is None or not user.authority_id:
        return False
    if user.authority_id == authority_id:
        return True
    lineage = lineage_of_user(user)
    return lineage is not None and lineage.manages_year(authority_id, year)


@rules.predicate
def is_board_officer_of_cluster_year(user: Any, cluster_year: Any) -> bool:
    return bool(
        cluster_year is not None
        and user.is_authenticated
        and user.role == Role.BOARD_OFFICER
        and runs_authority_year(user, cluster_year.cluster.authority_id, cluster_year.year)
    )


@rules.predicate
def is_secretariat_of_cluster_year(user: Any, cluster_year: Any) -> bool:
    """The secretariat runs the years in which the user's unit is the head (cụm trưởng)."""
    return bool(
        cluster_year is not None
        and user.is_authenticated
        and user.role == Role.CLUSTER_SECRETARIAT
        and user.organization_id is not None
        and user.organization_id == cluster_year.head_id
    )


@rules.predicate
def can_see_cluster_year(user: Any, cluster_year: Any) -> bool:
    """The same answer as the scope (``selectors.cluster_years_for_user``) for one cluster year;
    no query when its memberships are prefetched (``selectors.cluster_year_detail``)."""
    if cluster_year is None or not user.is_authenticated:
        return False
    if user.is_system_admin:
        return True
    if user.role in AUTHORITY_ROLES and user.authority_id:
        return sees_authority(user, cluster_year.cluster.authority_id)
    if user.organization_id and (user.role in UNIT_ROLES or user.role in AUTHORITY_ROLES):
        members = cluster_year.memberships.all()
        return any(m.organization_id == user.organization_id for m in members)
    return False


# The people who run a cluster year: the admin, the board officer of its authority, and the
# secretariat of its head unit. ``selectors.managed_cluster_years`` is the same as a queryset.
can_manage_cluster_year = (
    is_system_admin | is_board_officer_of_cluster_year | is_secretariat_of_cluster_year
)
is_admin_or_board_of_cluster_year = is_system_admin | is_board_officer_of_cluster_year

MANAGE_CLUSTER_YEAR = action(
    "clusters.manage_clusteryear",
    label=_("điều hành năm hoạt động của cụm, khối"),
    who=can_manage_cluster_year,
)
CHANGE_HEADS = action(
    "clusters.change_heads",
    label=_("đổi đơn vị trưởng, phó của cụm, khối"),
    who=is_admin_or_board_of_cluster_year,
)
CHANGE_MEMBERS = action(
    "clusters.change_members",
    label=_("thêm, bớt thành viên của cụm, khối"),
    who=is_admin_or_board_of_cluster_year,
)
IMPORT_UNITS = action(
    "clusters.import_units",
    label=_("nhập dữ liệu đơn vị, cụm, khối"),
    who=is_system_admin | is_board_officer,
)
# ---------------------------------------------------------------- units and new clusters
# The object is the authority (cơ quan) the new cluster, cluster year or unit belongs to: a
# board officer acts for their authority and the authorities it succeeded. Without an object
# (the menu, the "Thêm đơn vị" button) the question is "may this person ever".


@rules.predicate
def is_board_officer_of_authority(user: Any, authority: Any) -> bool:
    if not (user.is_authenticated and user.role == Role.BOARD_OFFICER and user.authority_id):
        return False
    return authority is None or sees_authority(user, authority.pk)


@rules.predicate
def is_board_officer_of_unit(user: Any, organization: Any) -> bool:
    """The unit belongs to the board officer's authority (or one it succeeded). It reads only the
    object's ``authority_id``: eligibility asks it of a check batch too."""
    return bool(
        organization is not None
        and user.is_authenticated
        and user.role == Role.BOARD_OFFICER
        and sees_authority(user, organization.authority_id)
    )


CREATE_CLUSTER = action(
    "clusters.create_cluster",
    label=_("tạo cụm, khối thi đua"),
    who=is_system_admin | is_board_officer_of_authority,
)
CREATE_UNIT = action(
    "clusters.create_unit",
    label=_("thêm đơn vị"),
    who=is_system_admin | is_board_officer_of_authority,
)
CHANGE_UNIT = action(
    "clusters.change_unit",
    label=_("sửa thông tin đơn vị"),
    who=is_system_admin | is_board_officer_of_unit,
)
SET_DEADLINE = action(
    "clusters.set_deadline",
    label=_("đặt hạn chót các bước của năm"),
    who=can_manage_cluster_year,
)
REOPEN_STEP = action(
    "clusters.reopen_step",
    label=_("mở lại hạn một bước cho đơn vị"),
    who=can_manage_cluster_year,
)


# ---------------------------------------------------------------- next year, past records


@rules.predicate
def next_year_not_opened(user: Any, cluster_year: Any) -> bool:
    return not ClusterYear.objects.filter(
        cluster_id=cluster_year.cluster_id, year=cluster_year.year + 1
    ).exists()


def _next_year_exists(user: Any, cluster_year: Any) -> str:
    return gettext("{cluster} đã có năm {year}: mở trang năm {year} để tiếp tục.").format(
        cluster=cluster_year.cluster.name, year=cluster_year.year + 1
    )


@rules.predicate
def is_secretariat_of_cluster_now(user: Any, cluster_year: Any) -> bool:
    """The secretariat of this year or of a later year of the same cluster: the head unit that
    keeps the cluster's records now also records what happened on paper before."""
    if not (
        cluster_year is not None
        and user.is_authenticated
        and user.role == Role.CLUSTER_SECRETARIAT
        and user.organization_id is not None
    ):
        return False
    if user.organization_id == cluster_year.head_id:
        return True
    return bool(
        ClusterYear.objects.filter(
            cluster_id=cluster_year.cluster_id,
            year__gt=cluster_year.year,
            head_id=user.organization_id,
        ).exists()
    )


# The people who record the cluster's past from paper: the admin, the board officer of its
# authority, the secretariat of this year or of a later one.
keeps_cluster_records = (
    is_system_admin | is_board_officer_of_cluster_year | is_secretariat_of_cluster_now
)


@rules.predicate
def year_is_past(user: Any, cluster_year: Any) -> bool:
    return bool(cluster_year.year < timezone.localdate().year)


def _year_not_past(user: Any, cluster_year: Any) -> str:
    return gettext(
        "Năm {year} chưa qua: đơn vị trưởng, phó của năm nay được đổi ở mục “Đơn vị trưởng và "
        "phó” (Ban Thi đua - Khen thưởng)."
    ).format(year=cluster_year.year)


OPEN_NEXT_YEAR = action(
    "clusters.open_next_year",
    label=_("mở năm tiếp theo của cụm, khối (Ban Thi đua - Khen thưởng, quản trị hệ thống)"),
    who=is_admin_or_board_of_cluster_year,
    when=[(next_year_not_opened, _next_year_exists)],
)
RECORD_PAST_HEADS = action(
    "clusters.record_past_heads",
    label=_("ghi nhận đơn vị trưởng, phó của năm đã qua theo hồ sơ"),
    who=keeps_cluster_records,
    when=[(year_is_past, _year_not_past)],
)
