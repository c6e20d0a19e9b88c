"""Passwords: a temporary one set by a manager, a link e-mailed (invitation or reset), a person
changing their own. The audit trail records that a password changed, never the password."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from thidua.accounts.services.sessions import end_other_sessions, end_sessions_of
from thidua.audit.services import record_event
from thidua.core.permissions import check

if TYPE_CHECKING:
    from thidua.accounts.models import User

# No look-alikes (0/O, 1/l/I): the password is read off a screen and typed or dictated.
ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def generate_password() -> str:
    """A temporary password like ``k7Qm-Xr4p-Hw9z``: 12 random characters in groups of four."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(12))
    return "-".join(chars[i : i + 4] for i in range(0, 12, 4))


def password_link(target: User, base_url: str = "") -> str:
    """The set-password page of ``target`` (Django's token: it stops working once used)."""
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(target.pk)),
            "token": default_token_generator.make_token(target),
        },
    )
    return (base_url or settings.THIDUA_SITE_URL).rstrip("/") + path


def send_password_link(target: User, base_url: str = "", *, invite: bool) -> None:
    """E-mail ``target`` the link to set their password: an invitation or a reset."""
    context = {
        "user": target,
        "link": password_link(target, base_url),
        "site": base_url or settings.THIDUA_SITE_URL,
    }
    kind = "invite" if invite else "reset"
    with translation.override("vi"):
        subject = render_to_string(f"accounts/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"accounts/email/{kind}_body.txt", context)
    send_mail(subject, body, None, [target.email])


@transaction.atomic
def reset_password(
    *, user: User | None, target: User, by_email: bool, base_url: str = ""
) -> str | None:
    """A manager resets someone's password: e-mail them a link (``by_email``; returns ``None``)
    or set a temporary password (returned, to show once). Either way their sessions end.

    Side effects: one ``accounts.reset_password`` audit event (the way, never the password).
    """
    if user is not None:
        check(user, "accounts.reset_password", target)
    password = None
    if by_email:
        if not target.email:
            raise ValidationError(
                _("Người dùng chưa có địa chỉ e-mail; hãy đặt mật khẩu tạm thời.")
            )
        transaction.on_commit(lambda: send_password_link(target, base_url, invite=False))
    else:
        password = generate_password()
        target.set_password(password)
        target.must_change_password = True
        target.save(update_fields=["password", "must_change_password"])
        end_sessions_of(target)
    record_event(
        action="accounts.reset_password",
        obj=target,
        after={"way": "email" if by_email else "temporary_password"},
        actor=user,
    )
    return password


@transaction.atomic
def change_own_password(
    *, user: User, old_password: str, new_password: str, keep_session_key: str | None = None
) -> None:
    """A person changes their own password; their other sessions end (this one is kept).

    Side effects: one ``accounts.change_own_password`` audit event.
    """
    if not user.check_password(old_password):
        raise ValidationError({"old_password": _("Mật khẩu hiện tại không đúng.")})
    try:
        password_validation.validate_password(new_password, user)
    except ValidationError as exc:
        raise ValidationError({"new_password1": exc.messages}) from None
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    end_other_sessions(user=user, keep=keep_session_key, audit=False)
    record_event(action="accounts.change_own_password", obj=user, actor=user)
