"""The rows of /clusters/ in Python: ``{% cluster_list_rows page.object_list %}`` prints the
``<tr>`` of each cluster year (from ``selectors.cluster_years_in_order``: ``url``,
``kind_label``, ``missing_text``, ``member_count``) as the template loop did, one
``format_html`` per row instead of ~12 template nodes per row."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from thidua.clusters.models import ClusterYear

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
