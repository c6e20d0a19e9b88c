"""Template helpers: Vietnamese dates and small formatting tools."""

from __future__ import annotations

import datetime as dt
import functools

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def vn_date(value: dt.date | dt.datetime | None) -> str:
    """'ngày 05 tháng 02 năm 2025' in Vietnamese, '5 February 2025' in English."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    if (get_language() or "vi").startswith("en"):
        return f"{value.day} {value.strftime('%B')} {value.year}"
    return f"ngày {value.day:02d} tháng {value.month:02d} năm {value.year}"


@register.filter
def short_date(value: dt.date | dt.datetime | None) -> str:
    """'05/02/2025' — the day-first short form used in Vietnamese offices."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


# The main menu: the same HTML for everyone with the same language and menu rights, so it is
# rendered once per (language, rights) and kept for the life of the process. Its links have no
# arguments and its labels come from the message catalogue: nothing in it depends on data.
MAIN_NAV_RIGHTS = {
    "rollup": "start_of_year.view_rollup",
    "check": "eligibility.check",
    "run_batch": "eligibility.run_batch",
    "authorities": "organizations.manage_authority",
    "import_units": "clusters.import_units",
    "restructure": "restructuring.restructure",
    "users": "accounts.view_users",
}


@register.simple_tag(takes_context=True)
def main_nav(context: template.Context) -> str:
    """The main menu of the signed-in ``user`` (``core/_main_nav.html``)."""
    user = context["user"]
    rights = tuple(bool(user.has_perm(perm)) for perm in MAIN_NAV_RIGHTS.values())
    return _main_nav_html(get_language() or "", _url_setup(), (*rights, bool(user.is_staff)))


def _url_setup() -> tuple[str, str]:
    """What reversing a URL depends on besides its name (a test may change either)."""
    from django.conf import settings
    from django.urls import get_script_prefix, get_urlconf

    return (get_script_prefix(), str(get_urlconf() or settings.ROOT_URLCONF))


@functools.lru_cache(maxsize=256)
def _main_nav_html(language: str, url_setup: tuple[str, str], flags: tuple[bool, ...]) -> str:
    from django.template.loader import render_to_string

    can = dict(zip([*MAIN_NAV_RIGHTS, "admin_site"], flags, strict=True))
    return render_to_string("core/_main_nav.html", {"can": can})


@register.simple_tag
def fixed_url(name: str) -> str:
    """``{% url name %}`` for a URL without arguments, reversed once per process."""
    return _fixed_url(name, _url_setup())


@functools.lru_cache(maxsize=256)
def _fixed_url(name: str, url_setup: tuple[str, str]) -> str:
    from django.urls import reverse

    return reverse(name)
