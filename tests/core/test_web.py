from __future__ import annotations

import pytest
from django.contrib.messages import SUCCESS, get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.test import RequestFactory

from thidua.core.web import run_service

pytestmark = [pytest.mark.unit]


def posted() -> HttpRequest:
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    return request


def shown(request: HttpRequest) -> list[tuple[int, str]]:
    return [(message.level, message.message) for message in get_messages(request)]


def test_success_string_is_added_when_the_service_succeeds() -> None:
    request = posted()
    outcome = run_service(request, lambda: 42, success="Đã lưu.")
    assert outcome.ok and outcome.value == 42
    assert shown(request) == [(SUCCESS, "Đã lưu.")]


def test_success_callable_gets_the_service_value() -> None:
    request = posted()
    run_service(request, lambda: "Kế hoạch 2026", success=lambda name: f"Đã lưu “{name}”.")
    assert shown(request) == [(SUCCESS, "Đã lưu “Kế hoạch 2026”.")]


def test_no_success_message_when_the_service_refuses_or_fails() -> None:
    def invalid() -> int:
        raise ValidationError("Thiếu tên.")

    def refused() -> int:
        raise PermissionDenied("Đã quá hạn.")

    called: list[int] = []

    def message(value: int) -> str:
        called.append(value)
        return "Đã lưu."

    request = posted()
    assert not run_service(request, invalid, success="Đã lưu.")
    assert not run_service(request, refused, success=message)
    assert called == []
    assert [text for _, text in shown(request)] == ["Thiếu tên.", "Đã quá hạn."]


def test_without_success_nothing_is_added() -> None:
    request = posted()
    assert run_service(request, lambda: None)
    assert shown(request) == []
