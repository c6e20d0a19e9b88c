"""Every URL pattern of the project, as the matrix sees it: a key, its keyword arguments, and a way
to build the URL once the arguments are filled.

Left out, each with its reason:
- ``admin/``: Django's admin, staff only, checked by Django itself and by
  tests/core/test_readonly_admin.py;
- ``i18n/``: Django's language switch (a POST that sets a cookie, same for everyone);
- the DRF format-suffix twins (``users.json``, ``users/<pk>.json``): the same view and the same
  name as the pattern without a suffix, which the matrix does check;
- static and media files: served only with DEBUG, never by the app in production.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLResolver, get_resolver

EXCLUDED_PREFIXES = ("admin/", "i18n/", "static/", "media/")


@dataclass(frozen=True)
class Route:
    key: str  # the URL name ("scoring:sheet", "user-detail"), or the route if it has none
    route: str  # the full route, e.g. "scoring/<str:code>/<int:year>/sheets/<str:org_code>/"
    kwargs: tuple[str, ...]
    is_api: bool

    @property
    def namespace(self) -> str:
        if self.is_api:
            tail = self.route.removeprefix("api/v1/").lstrip("^")
            return "api:" + re.split(r"/\(\?P<|/?\$", tail)[0].rstrip("/")
        return self.key.split(":", 1)[0] if ":" in self.key else ""

    def build(self, values: dict[str, object]) -> str:
        """The URL with ``values`` put in place of its arguments."""
        path = self.route
        for name in self.kwargs:
            value = str(values[name])
            path = re.sub(r"\(\?P<" + name + r">[^)]*\)", value, path)
            path = re.sub(r"<(?:\w+:)?" + name + r">", value, path)
        path = re.sub(r"[\^$]", "", path)
        path = path.replace("\\.", ".")
        return "/" + path


def _walk(resolver: URLResolver, prefix: str, namespace: str | None) -> list[Route]:
    routes: list[Route] = []
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            routes += _walk(pattern, route, inner)
            continue
        kwargs = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
        names = tuple(a or b for a, b in kwargs)
        key = pattern.name or route
        if namespace and pattern.name:
            key = f"{namespace}:{pattern.name}"
        routes.append(Route(key, route, names, route.startswith("api/v1/")))
    return routes


def project_routes() -> list[Route]:
    """Every URL pattern the matrix must cover (see the module's docstring for what is not)."""
    routes = []
    for route in _walk(get_resolver(), "", None):
        if route.route.startswith(EXCLUDED_PREFIXES):
            continue
        if "format" in route.kwargs:
            continue  # the format-suffix twin of a pattern that is checked
        routes.append(route)
    return routes
