"""Failed sign-ins: counted and locked out by django-axes (per account and per address,
``settings.AXES_*``); this module writes the audit event of a lockout."""

from __future__ import annotations

from django.db import transaction

from thidua.accounts.models import User
from thidua.audit.services import record_event


@transaction.atomic
def record_lockout(*, username: str, ip: str | None, failures: int, cooloff_minutes: int) -> None:
    """An account or an address has just been locked out after ``failures`` wrong passwords.
    Side effects: ``accounts.login_locked_out`` event on the account (when the name is one) —
    the name typed and the address, never a password."""
    account = User.objects.filter(username=username).first() if username else None
    after = {
        "username": username[:150],
        "ip": ip,
        "failures": failures,
        "cooloff_minutes": cooloff_minutes,
    }
    if account is not None:
        record_event(action="accounts.login_locked_out", obj=account, after=after, actor=None)
    else:
        record_event(
            action="accounts.login_locked_out",
            object_type="accounts.user",
            object_repr=username[:300],
            after=after,
            actor=None,
        )
