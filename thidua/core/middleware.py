"""Request id and audit context: every audit event knows which request made it and who."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

from thidua.core.http import client_ip

# What a proxy's X-Request-ID may look like to be kept (it is stored in the audit trail and echoed
# back in a header): anything else is replaced by an id of our own.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

_request_id: ContextVar[str | None] = ContextVar("thidua_request_id", default=None)
_actor: ContextVar[Any] = ContextVar("thidua_actor", default=None)
_ip: ContextVar[str | None] = ContextVar("thidua_ip", default=None)


def current_request_id() -> str | None:
    return _request_id.get()


def current_actor() -> Any:
    return _actor.get()


def current_ip() -> str | None:
    return _ip.get()


def act_as(user: Any) -> None:
    """The actor of the audit events written during the rest of this request: for an API client
    authenticated by DRF (a token) after the middleware ran. ``AuditContextMiddleware`` restores
    the previous value when the request ends."""
    _actor.set(user if user is not None and user.is_authenticated else None)


class RequestIdMiddleware:
    """Gives each request an id (or keeps a sane X-Request-ID from a proxy) and echoes it back."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]  # set for views and logs
        token = _request_id.set(request_id)
        ip_token = _ip.set(client_ip(request))
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
            _ip.reset(ip_token)
        response["X-Request-ID"] = request_id
        return response


class ContentSecurityPolicyMiddleware:
    """Sends ``settings.CONTENT_SECURITY_POLICY`` with every response that has none of its own.

    A fixed policy without nonces: the pages have no inline script or style (keep it that way),
    so a dozen lines of our own do what django-csp would, without another dependency.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class AuditContextMiddleware:
    """Makes the logged-in user the default actor of audit events written during the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        token = _actor.set(user if user is not None and user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            _actor.reset(token)


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the person chose another language (cookie set by the language switch).

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is ignored: an office PC with an
    English Windows must still show the Vietnamese interface.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language  # as LocaleMiddleware does
        # Scoped to this request: the thread goes back to the default language afterwards.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
