"""Who may manage accounts: one named permission per action (``core.permissions.action``).

A board officer manages the accounts of their authority's scope — people whose authority is
theirs or whose unit belongs to it (``Organization.authority``) — and the system administrator
manages everyone's. Which accounts a person sees at all is ``selectors.users_for_user``:
outside it a user page is a 404 before any permission is asked. Which roles a manager may give
(never one above their own) is checked by ``services.assign_role`` on the role asked for.

These predicates read ``user.role``/``user.authority``/``user.organization``, the CURRENT role;
the history is ``RoleAssignment``.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import Role
from thidua.core.permissions import action
from thidua.organizations.selectors import lineage_of_user


@rules.predicate
def is_system_admin(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_system_admin)


@rules.predicate
def is_board_officer(user: Any) -> bool:
    return bool(user.is_authenticated and user.role == Role.BOARD_OFFICER and user.authority_id)


def in_authority_scope(officer: Any, target: Any) -> bool:
    """``target``'s authority is the officer's or one it succeeded, or ``target``'s unit belongs
    to one of them (``users_for_user`` is the same as a queryset)."""
    unit = target.organization if target.organization_id else None
    own = officer.authority_id
    if own is not None and own in (target.authority_id, unit and unit.authority_id):
        return True  # the usual case, without asking the lineage
    lineage = lineage_of_user(officer)
    if lineage is None:
        return False
    return lineage.includes(target.authority_id) or (
        unit is not None and lineage.includes(unit.authority_id)
    )


@rules.predicate
def manages_account(user: Any, target: Any) -> bool:
    """The administrator manages every account; a board officer those of their authority's
    scope, except system administrators."""
    if target is None or not user.is_authenticated:
        return False
    if user.is_system_admin:
        return True
    if user.role != Role.BOARD_OFFICER or not user.authority_id or target.is_system_admin:
        return False
    return in_authority_scope(user, target)


@rules.predicate
def is_someone_else(user: Any, target: Any) -> bool:
    return bool(target is not None and target.pk != user.pk)


@rules.predicate
def account_is_active(user: Any, target: Any) -> bool:
    return bool(target is not None and target.is_active)


@rules.predicate
def account_is_inactive(user: Any, target: Any) -> bool:
    return bool(target is not None and not target.is_active)


is_account_manager = is_system_admin | is_board_officer

VIEW_USERS = action(
    "accounts.view_users",
    label=_("xem danh sách tài khoản người dùng"),
    who=is_account_manager,
)
CREATE_USER = action(
    "accounts.create_user",
    label=_("tạo tài khoản, mời người dùng"),
    who=is_account_manager,
)
IMPORT_USERS = action(
    "accounts.import_users",
    label=_("nhập danh sách người dùng từ tệp"),
    who=is_account_manager,
)
CHANGE_USER = action(
    "accounts.change_user",
    label=_("sửa thông tin tài khoản (họ tên, e-mail, chức vụ)"),
    who=manages_account,
)
ASSIGN_ROLE = action(
    "accounts.assign_role",
    label=_("giao vai trò cho người dùng"),
    who=manages_account,
    when=[(is_someone_else, _("Không thể tự đổi vai trò của chính mình."))],
)
DEACTIVATE_USER = action(
    "accounts.deactivate_user",
    label=_("khóa tài khoản"),
    who=manages_account,
    when=[
        (is_someone_else, _("Không thể tự khóa tài khoản của chính mình.")),
        (account_is_active, _("Tài khoản này đã bị khóa.")),
    ],
)
REACTIVATE_USER = action(
    "accounts.reactivate_user",
    label=_("mở khóa tài khoản"),
    who=manages_account,
    when=[(account_is_inactive, _("Tài khoản này đang hoạt động."))],
)
RESET_PASSWORD = action(
    "accounts.reset_password",
    label=_("đặt lại mật khẩu cho người dùng"),
    who=manages_account,
    when=[
        (
            is_someone_else,
            _("Để đổi mật khẩu của chính mình, hãy dùng trang “Tài khoản của tôi”."),
        ),
        (account_is_active, _("Tài khoản này đang bị khóa; hãy mở khóa trước.")),
    ],
)


# --- personal API tokens (“Mã truy cập API”, /accounts/me/tokens/) -----------------------------


@rules.predicate
def is_active_person(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def owns_token(user: Any, token: Any) -> bool:
    return bool(user.is_authenticated and token is not None and token.user_id == user.pk)


@rules.predicate
def token_not_revoked(user: Any, token: Any) -> bool:
    return bool(token is not None and token.revoked_at is None)


CREATE_API_TOKEN = action(
    "accounts.create_api_token",
    label=_("tạo mã truy cập API của mình"),
    who=is_active_person,
)
REVOKE_API_TOKEN = action(
    "accounts.revoke_api_token",
    label=_("thu hồi mã truy cập API của mình"),
    who=owns_token,
    when=[(token_not_revoked, _("Mã truy cập này đã bị thu hồi."))],
)
