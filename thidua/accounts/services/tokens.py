"""Personal API tokens: created and revoked by their owner, audited; only a SHA-256 of the secret
is stored. A token is its owner in the API (same role, same scope), nothing more.

The secret is 32 random bytes, so a plain SHA-256 is enough (nothing to guess from the hash) and a
token is found by an index lookup of its hash: no password hashing on every API call.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import ApiToken
from thidua.audit.services import record_event
from thidua.core.permissions import check

if TYPE_CHECKING:
    from thidua.accounts.models import User

# Every token starts so: a secret-scanning tool (or a person) recognises one in a log or a file.
TOKEN_START = "thidua_"  # noqa: S105 -- a marker, not a secret
PREFIX_LENGTH = len(TOKEN_START) + 6
# The last use is written at most once a minute, not on every call.
LAST_USED_EVERY = dt.timedelta(minutes=1)
MAX_LIVE_TOKENS = 20


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _live(user: User, now: dt.datetime) -> int:
    return (
        ApiToken.objects.filter(user=user, revoked_at__isnull=True)
        .exclude(expires_at__lte=now)
        .count()
    )


@transaction.atomic
def create_api_token(*, user: User, name: str, expires_at: dt.datetime | None = None) -> NewToken:
    """A new token of ``user``, named by them. Side effects: ``accounts.create_api_token`` event
    (name, prefix, expiry; never the secret)."""
    check(user, "accounts.create_api_token")
    name = name.strip()
    now = timezone.now()
    if not name:
        raise ValidationError({"name": _("Hãy đặt tên cho mã (dùng ở đâu, cho việc gì).")})
    if expires_at is not None and expires_at <= now:
        raise ValidationError({"expires_at": _("Ngày hết hạn phải sau hôm nay.")})
    if _live(user, now) >= MAX_LIVE_TOKENS:
        raise ValidationError(
            _("Bạn đã có {count} mã đang dùng; hãy thu hồi mã không cần nữa.").format(
                count=MAX_LIVE_TOKENS
            )
        )
    secret = TOKEN_START + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=secret[:PREFIX_LENGTH],
        key_hash=hash_secret(secret),
        expires_at=expires_at,
    )
    record_event(
        action="accounts.create_api_token",
        obj=token,
        after={
            "user": user.pk,
            "name": token.name,
            "prefix": token.prefix,
            "expires_at": expires_at,
        },
        actor=user,
    )
    return NewToken(token=token, secret=secret)


@transaction.atomic
def revoke_api_token(*, user: User, token: ApiToken) -> ApiToken:
    """The owner stops a token: from now on it answers 401. Side effects:
    ``accounts.revoke_api_token`` event."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    check(user, "accounts.revoke_api_token", token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_event(
        action="accounts.revoke_api_token",
        obj=token,
        before={"revoked_at": None},
        after={"revoked_at": token.revoked_at, "prefix": token.prefix},
        actor=user,
    )
    return token


def token_user(secret: str) -> User | None:
    """The active owner of the live token ``secret``, or ``None``; notes its use (at most once a
    minute: a bookkeeping write, not audited, like the last activity of a session)."""
    if not secret.startswith(TOKEN_START) or len(secret) > 200:
        return None
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user__organization", "user__authority")
        .filter(key_hash=hash_secret(secret))
        .first()
    )
    if token is None or not token.is_live(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
