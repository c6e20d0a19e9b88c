"""Addresses of list rows without a ``reverse()`` per row: ``url_filler`` reverses a view once
with marker arguments and returns a function that puts each row's values in their place."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote as _quote

from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS

# no argument of our URL patterns contains these (checked: each marker must occur once)
_MARKER = "9182736450{}"


def url_filler(viewname: str, *names: str) -> Callable[..., str]:
    """``url_filler("clusters:year", "code", "year")(code="HN-C06", year=2024)`` ==
    ``reverse("clusters:year", kwargs={"code": "HN-C06", "year": 2024})``.

    Values are quoted as ``reverse`` quotes them. Unlike ``reverse``, a value is not checked
    against the pattern's converter: pass only values read from the database for that field."""
    markers = {name: _MARKER.format(i) for i, name in enumerate(names)}
    path = reverse(viewname, kwargs=markers)
    template = path.replace("{", "{{").replace("}", "}}")
    for name, marker in markers.items():
        if template.count(marker) != 1:
            raise ValueError(f"{viewname}: the argument {name} is not once in {path}")
        template = template.replace(marker, "{" + name + "}")

    def fill(**values: object) -> str:
        return template.format(
            **{k: _quote(str(v), safe=RFC3986_SUBDELIMS + "~:@") for k, v in values.items()}
        )

    return fill
