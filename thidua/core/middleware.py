"""Request id and audit context: every audit event knows which request made it and who; the
security headers; the locale; refusing NUL characters in what a request carries."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any
from urllib.parse import unquote, unquote_plus

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


# A NUL character (U+0000) in a query string, a form value or a JSON string: PostgreSQL refuses
# it in every text it is given (a DataError, a 500), SQLite stores it. One check here answers
# 400 before any view sees it. JSON escapes it as ``\u0000`` (an odd run of backslashes before
# ``u0000``: ``\\u0000`` is a backslash followed by "u0000").
_NUL = "\x00"
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000|\x00")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def has_nul(request: HttpRequest) -> bool:
    """Whether the path, the query string, a cookie, a form field (name, value, file name) or a
    JSON body (up to ``DATA_UPLOAD_MAX_MEMORY_SIZE``) carries a NUL character.

    Reading the form here is what the CSRF check does next anyway (DRF reuses it); a body too big
    or malformed raises Django's own 400 as it would later.
    """
    if _NUL in request.path_info or _NUL in unquote(request.META.get("QUERY_STRING", "")):
        return True
    if any(_NUL in k or _NUL in v for k, v in request.COOKIES.items()):
        return True
    return _body_has_nul(request)


def _body_has_nul(request: HttpRequest) -> bool:
    content_type = request.content_type or ""
    if content_type in _FORM_TYPES and request.method == "POST":
        fields = request.POST.lists()
        files = request.FILES.lists()
        return any(_NUL in k or any(_NUL in v for v in vs) for k, vs in fields) or any(
            _NUL in k or any(_NUL in (f.name or "") for f in fs) for k, fs in files
        )
    if content_type == "application/x-www-form-urlencoded":  # PUT, PATCH: parsed by DRF
        return _NUL in unquote_plus(_small_body(request).decode("latin-1"))
    if content_type == "application/json" or content_type.endswith("+json"):
        return bool(_JSON_NUL.search(_small_body(request)))
    return False


def _small_body(request: HttpRequest) -> bytes:
    """The body when it is within Django's bound for reading it into memory, else nothing (Django
    refuses a larger one where it is read)."""
    from django.conf import settings

    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return b""
    if length <= 0 or (limit is not None and length > limit):
        return b""
    return request.body


class RejectNulMiddleware:
    """400 with a Vietnamese message for any request carrying a NUL character (``has_nul``),
    JSON for the API, a short page otherwise; nothing reaches a view or the database."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if has_nul(request):
            return nul_refusal(request)
        return self.get_response(request)


def nul_refusal(request: HttpRequest) -> HttpResponse:
    from django.http import HttpResponseBadRequest, JsonResponse
    from django.utils.html import escape
    from django.utils.translation import gettext as _

    message = _("Yêu cầu chứa ký tự không hợp lệ.")
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"detail": message, "code": "nul_character"},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    page = (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{m}</title></head>'
        '<body><h1>{m}</h1><p><a href="/">{home}</a></p></body></html>'
    ).format(m=escape(message), home=escape(_("Về trang chủ")))
    return HttpResponseBadRequest(page)
