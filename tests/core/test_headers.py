"""Security headers and deployment behind a proxy (issue 12, item 8)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from tests.factories import UserFactory
from thidua.accounts.models import UserSession
from thidua.audit.models import AuditEvent
from thidua.audit.services import record_event
from thidua.core.http import client_ip
from thidua.core.middleware import RequestIdMiddleware

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)


# ---------------------------------------------------------------- Content-Security-Policy


@pytest.mark.django_db
def test_every_page_carries_the_strict_content_security_policy(client: Any) -> None:
    assert client.get("/accounts/login/")["Content-Security-Policy"] == CSP
    client.force_login(UserFactory(role="system_admin", is_superuser=True, is_staff=True))
    assert client.get("/")["Content-Security-Policy"] == CSP
    assert client.get("/api/v1/")["Content-Security-Policy"] == CSP


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


def served_templates() -> list[Path]:
    """Every HTML template of a page (official documents and e-mails are not served)."""
    root = Path(__file__).resolve().parents[2] / "thidua"
    return [
        path
        for path in root.rglob("templates/**/*.html")
        if "/email/" not in path.as_posix() and "/templates/documents/" not in path.as_posix()
    ]


def test_no_served_template_has_inline_script_or_style() -> None:
    offenders = []
    for path in served_templates():
        text = path.read_text(encoding="utf-8")
        if (
            INLINE_SCRIPT.search(text)
            or "<style" in text
            or 'style="' in text
            or " on" + "click=" in text
        ):
            offenders.append(path.name)
    assert offenders == []


# ---------------------------------------------------------------- client address behind a proxy


def request_from(remote: str, forwarded: str | None = None) -> HttpRequest:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_proxy_the_forwarded_header_is_ignored(settings: Any) -> None:
    settings.THIDUA_BEHIND_PROXY = False
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        # the client wrote the left part: only the proxy's right-most entry is believed
        (1, "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        (1, " 2001:DB8::1 ", "2001:db8::1"),
        (2, "1.2.3.4, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
        # missing, too short or not an address: the proxy's own address
        (1, None, "10.0.0.1"),
        (2, "198.51.100.7", "10.0.0.1"),
        (1, "1.2.3.4, not-an-ip", "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_behind_a_proxy_the_client_is_the_proxys_right_most_entry(
    settings: Any, count: int, forwarded: str | None, expected: str
) -> None:
    settings.THIDUA_BEHIND_PROXY = True
    settings.THIDUA_PROXY_COUNT = count
    assert client_ip(request_from("10.0.0.1", forwarded)) == expected


@pytest.mark.django_db
def test_a_sign_in_behind_the_proxy_records_the_forwarded_address(
    client: Any, settings: Any
) -> None:
    settings.THIDUA_BEHIND_PROXY = True
    user = UserFactory(username="proxied")
    response = client.post(
        "/accounts/login/",
        {"username": "proxied", "password": "pw"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7",
    )
    assert response.status_code == 302
    assert list(UserSession.objects.filter(user=user).values_list("ip", flat=True)) == [
        "198.51.100.7"
    ]


# ---------------------------------------------------------------- request ids


def _audited(request: HttpRequest) -> HttpResponse:
    record_event(action="test.headers", object_type="x")
    return HttpResponse()


@pytest.mark.django_db
@pytest.mark.parametrize("sent", ["req-abc_1.2", "A" * 64])
def test_a_sane_request_id_reaches_the_audit_log(sent: str) -> None:
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID=sent)
    response = RequestIdMiddleware(_audited)(request)
    assert response["X-Request-ID"] == sent
    assert AuditEvent.objects.get(action="test.headers").request_id == sent


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent", ["A" * 65, "two words", "x<script>", "đ-unicode", "id\twith-tab", "a/b", ""]
)
def test_an_odd_request_id_is_replaced_before_the_audit_log(sent: str) -> None:
    request = RequestFactory().get("/", HTTP_X_REQUEST_ID=sent)
    response = RequestIdMiddleware(_audited)(request)
    stored = AuditEvent.objects.get(action="test.headers").request_id
    assert stored == response["X-Request-ID"] != sent
    assert len(stored) == 32 and int(stored, 16) >= 0


# ---------------------------------------------------------------- API schema and docs


@pytest.mark.django_db
def test_anonymous_visitors_get_no_api_schema_or_docs(client: Any) -> None:
    assert client.get("/api/schema/").status_code == 401
    docs = client.get("/api/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/accounts/login/")
    script = client.get("/api/docs/?script=")
    assert script.status_code == 302


@pytest.mark.django_db
def test_a_signed_in_user_reads_the_schema_and_docs_without_inline_script(client: Any) -> None:
    client.force_login(UserFactory(username="reader"))
    assert client.get("/api/schema/").status_code == 200
    page = client.get("/api/docs/").content.decode()
    assert "<script>" not in page and "<style>" not in page
    assert 'src="/api/docs/?script=' in page
    script = client.get("/api/docs/?script=")
    assert (script.status_code, script["Content-Type"]) == (200, "application/javascript")


# ---------------------------------------------------------------- settings from the environment


def production_setting(tmp_path: Path, expression: str, **env: str) -> str:
    environ = {
        **os.environ,
        "THIDUA_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
        **env,
    }
    code = (
        f"import django; django.setup(); from django.conf import settings as s; print({expression})"
    )
    result = subprocess.run(  # noqa: S603 -- our own interpreter and a fixed expression
        [sys.executable, "-c", code], env=environ, capture_output=True, text=True, check=False
    )
    return (result.stdout + result.stderr).strip()


@pytest.mark.django_db(databases=[])
@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"THIDUA_HSTS_SECONDS": "31536000"}, "False"),
        ({"THIDUA_HSTS_SECONDS": "31536000", "THIDUA_HSTS_PRELOAD": "true"}, "True"),
        ({"THIDUA_HSTS_SECONDS": "0", "THIDUA_HSTS_PRELOAD": "true"}, "False"),
    ],
)
def test_hsts_preload_only_when_asked_for(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    assert production_setting(tmp_path, "s.SECURE_HSTS_PRELOAD", **env) == expected


@pytest.mark.django_db(databases=[])
def test_behind_a_proxy_https_is_read_from_x_forwarded_proto(tmp_path: Path) -> None:
    expression = "s.SECURE_PROXY_SSL_HEADER, s.THIDUA_PROXY_COUNT"
    assert production_setting(tmp_path, expression) == "None 1"
    assert (
        production_setting(tmp_path, expression, THIDUA_BEHIND_PROXY="true", THIDUA_PROXY_COUNT="2")
        == "('HTTP_X_FORWARDED_PROTO', 'https') 2"
    )
    refused = production_setting(tmp_path, "1", THIDUA_PROXY_COUNT="0")
    assert "THIDUA_PROXY_COUNT must be at least 1" in refused
