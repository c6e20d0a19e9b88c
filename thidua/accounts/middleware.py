"""Keeps “my sessions” up to date without a query on every request: the last activity of a
session is written at most once every ``TOUCH_EVERY`` (the time of the last write is kept in the
session itself, which the authentication middleware has loaded anyway)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from thidua.accounts.models import UserSession
from thidua.accounts.services.sessions import TOUCH_EVERY, record_sign_in, touch_session
from thidua.core.http import client_ip

SEEN_KEY = "_thidua_seen"


def _client(request: HttpRequest) -> dict[str, Any]:
    return {
        "ip": client_ip(request),
        "user_agent": request.META.get("HTTP_USER_AGENT", ""),
    }


# What a person with a temporary password may still open: the page to change it, signing out,
# the password links, static files, the language switch and the API (its clients are programs).
OPEN_WITH_TEMPORARY_PASSWORD = (
    "/accounts/me/",
    "/accounts/logout/",
    "/accounts/password-reset/",
    "/static/",
    "/i18n/",
    "/api/",
)


class TemporaryPasswordMiddleware:
    """A person signed in with a temporary password is sent to “my account” to choose their
    own before anything else (no query: the flag is on the user already loaded)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "must_change_password", False)
            and not request.path.startswith(OPEN_WITH_TEMPORARY_PASSWORD)
        ):
            return redirect("accounts:me")
        return self.get_response(request)


class SessionActivityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is None or not user.is_authenticated or session is None:
            return response
        key = session.session_key
        now = timezone.now().timestamp()
        seen = session.get(SEEN_KEY)
        if key and (not isinstance(seen, int | float) or now - seen > TOUCH_EVERY.seconds):
            touch_session(user=user, session_key=key, **_client(request))
            session[SEEN_KEY] = now
        return response


@receiver(user_logged_in, dispatch_uid="accounts.record_sign_in")
def _on_sign_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if request is None or session is None:
        return
    if session.session_key is None:
        session.save()
    record_sign_in(user=user, session_key=session.session_key or "", **_client(request))
    session[SEEN_KEY] = timezone.now().timestamp()


@receiver(user_logged_out, dispatch_uid="accounts.forget_session")
def _on_sign_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        UserSession.objects.filter(session_key=session.session_key).delete()
