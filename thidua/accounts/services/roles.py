"""Giving a person a role: the role history (``RoleAssignment``) and the current role on the
user, kept in step in one transaction."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.enums import BOARD_GRANTABLE_ROLES, ROLE_SCOPES, Role, Scope
from thidua.accounts.models import RoleAssignment, User
from thidua.audit.services import record_event, snapshot
from thidua.core.permissions import check
from thidua.organizations.selectors import lineage_of_user

if TYPE_CHECKING:
    from thidua.organizations.models import Authority, Organization

CURRENT_FIELDS = ["role", "organization_id", "authority_id"]


def validate_scope(
    role: str, organization: Organization | None, authority: Authority | None
) -> None:
    """The role exists and is held over the right kind of scope (``enums.ROLE_SCOPES``)."""
    if role not in Role.values:
        raise ValidationError({"role": _("Vai trò “{role}” không có.").format(role=role)})
    label = Role(role).label
    given = (
        Scope.NONE
        if organization is None and authority is None
        else Scope.UNIT
        if authority is None
        else Scope.AUTHORITY
        if organization is None
        else None
    )
    allowed = ROLE_SCOPES[role]
    if given in allowed:
        if organization is not None and organization.valid_to is not None:
            raise ValidationError(
                {"organization": _("Đơn vị “{unit}” đã giải thể.").format(unit=organization)}
            )
        return
    if allowed == {Scope.NONE}:
        message = _("Vai trò “{role}” không gắn với đơn vị hay cơ quan nào.")
    elif allowed == {Scope.AUTHORITY}:
        message = _("Vai trò “{role}” cần chọn một cơ quan tổ chức cụm, khối (không chọn đơn vị).")
    elif allowed == {Scope.UNIT}:
        message = _("Vai trò “{role}” cần chọn một đơn vị (không chọn cơ quan).")
    else:
        message = _("Vai trò “{role}” cần chọn một cơ quan hoặc một đơn vị (chỉ một trong hai).")
    raise ValidationError({"role": message.format(role=label)})


def check_grant(
    user: User | None, role: str, organization: Organization | None, authority: Authority | None
) -> None:
    """Nobody gives a role above their own: a board officer gives no system administrator and
    nothing outside their authority (roles over the units of the authorities it succeeded are
    in; ``PermissionDenied`` with the reason)."""
    if user is None or user.is_system_admin:
        return
    if role not in BOARD_GRANTABLE_ROLES or user.role != Role.BOARD_OFFICER:
        raise PermissionDenied(
            _("Bạn không thể giao vai trò “{role}”.").format(role=Role(role).label)
        )
    mine = user.authority_id
    if authority is not None and authority.pk != mine:
        raise PermissionDenied(
            _("Cơ quan “{authority}” không thuộc phạm vi quản lý của bạn.").format(
                authority=authority
            )
        )
    lineage = lineage_of_user(user)
    if organization is not None and not (lineage and lineage.includes(organization.authority_id)):
        raise PermissionDenied(
            _("Đơn vị “{unit}” không thuộc phạm vi quản lý của bạn.").format(unit=organization)
        )


def open_assignment(
    *,
    target: User,
    role: str,
    organization: Organization | None,
    authority: Authority | None,
    valid_from: dt.date,
    assigned_by: User | None,
    note: str = "",
) -> RoleAssignment:
    """Close the open assignment (the day before ``valid_from``) and open the new one."""
    current = target.role_assignments.filter(valid_to__isnull=True).first()
    if current is not None:
        if valid_from < current.valid_from:
            raise ValidationError(
                {
                    "valid_from": _(
                        "Vai trò hiện tại bắt đầu từ {day}; vai trò mới phải bắt đầu từ ngày đó "
                        "trở đi."
                    ).format(day=f"{current.valid_from:%d/%m/%Y}")
                }
            )
        current.valid_to = max(current.valid_from, valid_from - dt.timedelta(days=1))
        current.save(update_fields=["valid_to", "updated"])
    return RoleAssignment.objects.create(
        user=target,
        role=role,
        organization=organization,
        authority=authority,
        valid_from=valid_from,
        assigned_by=assigned_by,
        note=note,
    )


@transaction.atomic
def assign_role(
    *,
    user: User | None,
    target: User,
    role: str,
    organization: Organization | None = None,
    authority: Authority | None = None,
    valid_from: dt.date | None = None,
    note: str = "",
) -> RoleAssignment:
    """Give ``target`` the role ``role`` over a unit or an authority from ``valid_from`` (today).

    Side effects: the open assignment is closed the day before, a new one opened, the user's
    current role and scope updated; one ``accounts.assign_role`` audit event.
    """
    if user is not None:
        check(user, "accounts.assign_role", target)
    validate_scope(role, organization, authority)
    check_grant(user, role, organization, authority)
    today = timezone.localdate()
    valid_from = valid_from or today
    if valid_from > today:
        raise ValidationError({"valid_from": _("Ngày bắt đầu không được sau hôm nay.")})
    if (target.role, target.organization_id, target.authority_id) == (
        role,
        organization.pk if organization else None,
        authority.pk if authority else None,
    ):
        raise ValidationError(_("Người dùng đang giữ đúng vai trò này."))
    before = snapshot(target, CURRENT_FIELDS)
    assignment = open_assignment(
        target=target,
        role=role,
        organization=organization,
        authority=authority,
        valid_from=valid_from,
        assigned_by=user,
        note=note,
    )
    target.role, target.organization, target.authority = role, organization, authority
    target.save(update_fields=["role", "organization", "authority"])
    record_event(
        action="accounts.assign_role",
        obj=target,
        before=before,
        after={**snapshot(target, CURRENT_FIELDS), "valid_from": valid_from},
        note=note,
        actor=user,
    )
    return assignment
