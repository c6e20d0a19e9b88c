"""API authentication by personal token: ``Authorization: Bearer <token>`` (or ``Token``).

First in ``REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"]``, so an API call without valid
credentials answers 401 with ``WWW-Authenticate: Bearer``; the browser keeps its session
(``SessionAuthentication``, second). HTTP Basic is not accepted: no password reaches the API.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from thidua.accounts.models import User
from thidua.accounts.services.tokens import token_user
from thidua.core.middleware import act_as

KEYWORDS = (b"bearer", b"token")


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[User, None] | None:
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None  # not ours (no header, or another scheme): unauthenticated, 401
        if len(parts) != 2:  # the keyword and the token
            raise AuthenticationFailed(_("Tiêu đề Authorization phải là “Bearer <mã>”."))
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise AuthenticationFailed(_("Mã truy cập API không hợp lệ.")) from exc
        user = token_user(secret)
        if user is None:
            raise AuthenticationFailed(_("Mã truy cập API không đúng, đã hết hạn hoặc bị thu hồi."))
        act_as(user)  # the audit events of this call are the token owner's
        return (user, None)

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The security scheme of the OpenAPI schema (drf-spectacular)."""

    target_class = "thidua.accounts.api_auth.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "Mã truy cập API cá nhân, tạo ở “Tài khoản của tôi → Mã truy cập API”: "
                    "Authorization: Bearer <mã>."
                )
            ),
        }
