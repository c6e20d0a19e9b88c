"""Creating accounts, and switching them off and on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.accounts.services.passwords import generate_password, send_password_link
from thidua.accounts.services.roles import check_grant, open_assignment, validate_scope
from thidua.accounts.services.sessions import end_sessions_of
from thidua.audit.services import record_event, snapshot
from thidua.core.permissions import check

if TYPE_CHECKING:
    from thidua.organizations.models import Authority, Organization

PROFILE_FIELDS = ["username", "full_name", "email", "position", "role"]
PROFILE_FIELDS += ["organization_id", "authority_id", "is_active"]


@dataclass(frozen=True)
class NewAccount:
    """A created account; ``password`` is the temporary password, to show once (or ``None`` when
    an invitation e-mail was sent)."""

    user: User
    password: str | None


def validate_identity(username: str, email: str, *, invite: bool) -> None:
    errors: dict[str, str] = {}
    try:
        User._meta.get_field("username").run_validators(username)
    except ValidationError:
        errors["username"] = _(
            "Tên đăng nhập chỉ gồm chữ không dấu, số và các ký tự @ . + - _ (tối đa 150 ký tự)."
        )
    if not username:
        errors["username"] = _("Hãy nhập tên đăng nhập.")
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = _("Tên đăng nhập “{username}” đã có người dùng.").format(
            username=username
        )
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Địa chỉ e-mail “{email}” không hợp lệ.").format(email=email)
    elif invite:
        errors["email"] = _("Cần địa chỉ e-mail để gửi thư mời đặt mật khẩu.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_user(
    *,
    user: User | None,
    username: str,
    full_name: str,
    role: str,
    email: str = "",
    position: str = "",
    organization: Organization | None = None,
    authority: Authority | None = None,
    invite: bool = False,
    send_invitation: bool = True,
    base_url: str = "",
) -> NewAccount:
    """Create an account with its first role over a unit or an authority.

    ``invite``: no password until its owner sets one through the link e-mailed once the
    transaction commits (``send_invitation=False``: a reset link is sent later); otherwise a
    temporary password, returned to be shown once. Side effects: the first ``RoleAssignment``
    (from today), one ``accounts.create_user`` audit event (never the password).
    """
    if user is not None:
        check(user, "accounts.create_user")
    username, email = username.strip(), email.strip()
    validate_identity(username, email, invite=invite and send_invitation)
    validate_scope(role, organization, authority)
    check_grant(user, role, organization, authority)
    account = User(username=username, full_name=full_name.strip(), email=email)
    account.position, account.role = position.strip(), role
    account.organization, account.authority = organization, authority
    password = None
    if invite:
        account.set_unusable_password()
    else:
        password = generate_password()
        account.set_password(password)
        account.must_change_password = True
    account.save()
    open_assignment(
        target=account,
        role=role,
        organization=organization,
        authority=authority,
        valid_from=timezone.localdate(),
        assigned_by=user,
    )
    record_event(
        action="accounts.create_user",
        obj=account,
        after={**snapshot(account, PROFILE_FIELDS), "invited": invite},
        actor=user,
    )
    if invite and send_invitation:
        transaction.on_commit(lambda: send_password_link(account, base_url, invite=True))
    return NewAccount(user=account, password=password)


@transaction.atomic
def set_active(*, user: User | None, target: User, active: bool, note: str = "") -> User:
    """Switch an account off (``active=False``: it can no longer sign in, its sessions end) or on.

    Side effects: one ``accounts.deactivate_user`` / ``accounts.reactivate_user`` audit event.
    The role history is kept as it is.
    """
    perm = "accounts.reactivate_user" if active else "accounts.deactivate_user"
    if user is not None:
        check(user, perm, target)
    target.is_active = active
    target.save(update_fields=["is_active"])
    if not active:
        end_sessions_of(target)
    record_event(
        action=perm,
        obj=target,
        before={"is_active": not active},
        after={"is_active": active},
        note=note,
        actor=user,
    )
    return target


@transaction.atomic
def update_profile(
    *, user: User | None, target: User, full_name: str, email: str, position: str
) -> User:
    """Correct a person's name, e-mail or position (the username and the role stay).

    Side effects: one ``accounts.change_user`` audit event with the fields before and after.
    """
    if user is not None:
        check(user, "accounts.change_user", target)
    email = email.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError(
                {"email": _("Địa chỉ e-mail “{email}” không hợp lệ.").format(email=email)}
            ) from None
    if not full_name.strip():
        raise ValidationError({"full_name": _("Hãy nhập họ và tên.")})
    fields = ["full_name", "email", "position"]
    before = snapshot(target, fields)
    target.full_name, target.email, target.position = full_name.strip(), email, position.strip()
    target.save(update_fields=[*fields, *target.text_key_fields()])
    record_event(
        action="accounts.change_user",
        obj=target,
        before=before,
        after=snapshot(target, fields),
        actor=user,
    )
    return target
