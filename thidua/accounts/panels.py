"""Home-page panels contributed by other apps (late units, pending signatures, score sheets…).

An app registers ``fn(request) -> {"title", "url", "summary"} | None`` in its ``AppConfig.ready``.
Panels must run a constant number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

PanelFn = Callable[[HttpRequest], "dict[str, Any] | None"]
_PANELS: list[tuple[int, PanelFn]] = []


def register_panel(order: int, fn: PanelFn) -> None:
    _PANELS.append((order, fn))
    _PANELS.sort(key=lambda item: item[0])


def panels_for(request: HttpRequest) -> list[dict[str, Any]]:
    return [panel for _order, fn in _PANELS if (panel := fn(request))]
