"""The rows of the long lists printed in Python, one ``format_html`` per row instead of ~12
template nodes per row, the same HTML as the template loops they replace:
``{% cluster_list_rows page.object_list %}`` (/clusters/, rows from
``selectors.cluster_years_in_order``: ``url``, ``kind_label``, ``missing_text``,
``member_count``) and ``{% unit_list_rows page.object_list %}`` (/organizations/, rows from
``unit_views._with_row_values``: ``url``, ``kind_label``)."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from thidua.clusters.models import ClusterYear
from thidua.core.templatetags.thidua import short_date
from thidua.organizations.models import Organization

register = template.Library()

_ROW = """
      <tr>
        <td>{}</td>
        <td>{}</td>
        <td><a href="{}">{}</a> <span class="badge">{}</span></td>
        <td>{}</td>
        <td>{}</td>
        <td>{}</td>
        <td class="num">{}</td>
      </tr>
    """


@register.simple_tag
def cluster_list_rows(rows: Iterable[ClusterYear]) -> SafeString:
    """Every value is escaped by ``format_html``; the year and the count are integers, printed
    as the template printed them (no thousands separator: ``USE_THOUSAND_SEPARATOR`` is off)."""
    return mark_safe("".join(_row(cy) for cy in rows))


def _row(cy: ClusterYear) -> SafeString:
    missing = format_html('<span class="help">{}</span>', cy.missing_text)  # type: ignore[attr-defined]
    cluster = cy.cluster
    return format_html(
        _ROW,
        cy.year,
        cluster.code,
        cy.url,  # type: ignore[attr-defined]
        cluster.name,
        cy.kind_label,  # type: ignore[attr-defined]
        cluster.authority,
        cy.head if cy.head else missing,
        cy.deputy if cy.deputy else missing,
        cy.member_count,  # type: ignore[attr-defined]
    )


_UNIT_ROW = """
      <tr>
        <td><a href="{}">{}</a></td>
        <td>{}</td>
        <td>{}</td>
        <td>{}</td>
        <td>{}</td>
        <td>{}</td>
      </tr>
    """


@register.simple_tag
def unit_list_rows(rows: Iterable[Organization]) -> SafeString:
    """The units of /organizations/; the dissolution badge is the template's ``blocktranslate``
    (the same message, the date escaped, the translation trusted)."""
    active = format_html('<span class="badge badge-ok">{}</span>', gettext("đang hoạt động"))
    return mark_safe("".join(_unit_row(org, active) for org in rows))


def _unit_row(org: Organization, active: SafeString) -> SafeString:
    status = active
    if org.valid_to:
        dissolved = gettext("giải thể %(d)s") % {"d": conditional_escape(short_date(org.valid_to))}
        status = format_html('<span class="badge badge-warn">{}</span>', mark_safe(dissolved))
    return format_html(
        _UNIT_ROW,
        org.url,  # type: ignore[attr-defined]
        org.name,
        org.code,
        org.place or "—",
        org.kind_label,  # type: ignore[attr-defined]
        org.parent or "—",
        status,
    )
