"""A person's sessions: recorded at sign-in, refreshed now and then, ended on request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from thidua.accounts.models import UserSession
from thidua.audit.services import record_event

if TYPE_CHECKING:
    from thidua.accounts.models import User

# How often the last activity of a session is written (at most): a write every few minutes
# instead of one on every request.
TOUCH_EVERY = dt.timedelta(minutes=5)


def record_sign_in(*, user: User, session_key: str, ip: str | None, user_agent: str) -> None:
    """Called at sign-in (``user_logged_in``): no audit event, only the session list. The rows of
    the person's sessions that have ended meanwhile (expired, cleared) are dropped."""
    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    UserSession.objects.filter(user=user).exclude(session_key__in=alive).delete()
    _touch(user=user, session_key=session_key, ip=ip, user_agent=user_agent)


def touch_session(*, user: User, session_key: str, ip: str | None, user_agent: str) -> None:
    """The session is still in use: its last activity (and address) is now."""
    _touch(user=user, session_key=session_key, ip=ip, user_agent=user_agent)


def _touch(*, user: User, session_key: str, ip: str | None, user_agent: str) -> None:
    UserSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "ip": ip or None,
            "user_agent": user_agent[:300],
            "last_activity": timezone.now(),
        },
    )


def _drop(keys: Iterable[str]) -> None:
    """End sessions through the session engine, so that a cached session (``cached_db`` on the
    shared cache, settings ``THIDUA_REDIS_URL``) ends in the cache as well as in the database."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for key in keys:
        store(session_key=key).delete()


def end_sessions_of(user: User, *, keep: str | None = None) -> int:
    """Sign ``user`` out everywhere (except the session ``keep``); returns how many ended."""
    keys = set(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    keys.discard(keep or "")
    _drop(keys)
    UserSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


@transaction.atomic
def end_other_sessions(*, user: User, keep: str | None, audit: bool = True) -> int:
    """A person signs out their other sessions. Side effects: ``accounts.end_sessions`` event."""
    ended = end_sessions_of(user, keep=keep)
    if audit and ended:
        record_event(action="accounts.end_sessions", obj=user, after={"ended": ended}, actor=user)
    return ended


@transaction.atomic
def end_session(*, user: User, session_key: str) -> bool:
    """A person signs out one of their own sessions (someone else's key changes nothing)."""
    row = UserSession.objects.filter(user=user, session_key=session_key).first()
    if row is None:
        return False
    _drop([session_key])
    row.delete()
    record_event(action="accounts.end_sessions", obj=user, after={"ended": 1}, actor=user)
    return True
