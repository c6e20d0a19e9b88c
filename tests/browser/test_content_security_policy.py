"""Browser: with the strict Content-Security-Policy, pages and the API docs still work and the
browser reports no violation (axe is injected through the DevTools protocol, which CSP allows)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World, assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_and_api_docs_run_under_the_policy_without_violations(
    page: Any, world: World
) -> None:
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    login(page, "board")
    assert_accessible(page)  # axe ran: page.evaluate is not subject to the page's CSP

    page.goto("/clusters/")
    page.get_by_role("link", name="Cụm thi đua số 6").click()
    page.wait_for_url("**/clusters/HN-C06/2023/")
    # htmx loaded from our own file and configured without its injected style element
    assert page.evaluate("window.htmx.config.includeIndicatorStyles") is False

    page.goto("/api/docs/")
    page.locator(".swagger-ui .info .title").wait_for()  # its script came from ?script=
    assert "Thi Đua API" in page.locator(".swagger-ui .info .title").inner_text()
    assert violations == []
