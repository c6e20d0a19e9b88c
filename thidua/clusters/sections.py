"""A small registry: other apps add links to a cluster-year page (pledge, registrations, scoring…)
without the clusters app importing them. Each app registers in its ``AppConfig.ready``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

SectionFn = Callable[[HttpRequest, Any], "dict[str, str] | None"]
_SECTIONS: list[tuple[int, SectionFn]] = []


def register_section(order: int, fn: SectionFn) -> None:
    _SECTIONS.append((order, fn))
    _SECTIONS.sort(key=lambda item: item[0])


def sections_for(request: HttpRequest, cluster_year: Any) -> list[dict[str, str]]:
    """Each section: {"title", "url", "summary"}; a function returns None to hide itself."""
    result = []
    for _order, fn in _SECTIONS:
        section = fn(request, cluster_year)
        if section:
            result.append(section)
    return result
