"""The roll-up's unit rows in Python: ``{% rollup_unit_rows c %}`` prints the ``<tr>`` of each
member unit of one cluster, as the template loop did, with one ``format_html`` per row instead
of a template loop over ~11 units × 20 clusters (the page's main cost)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from thidua.start_of_year.rollup import ClusterRow

register = template.Library()

_ROW = (
    '\n        <tr><td class="key key-name">{}{}</td><td>{}</td><td class="num">{}</td>'
    '<td class="num">{}</td><td>{}</td></tr>\n      '
)


@register.simple_tag
def rollup_unit_rows(cluster: ClusterRow) -> SafeString:
    """Every value is escaped by ``format_html``; counts are integers, printed as the template
    printed them (no thousands separator: ``USE_THOUSAND_SEPARATOR`` is off)."""
    head = format_html(' <span class="badge badge-head">{}</span>', cluster.head_label)
    return mark_safe(
        "".join(
            format_html(
                _ROW,
                unit.name,
                head if unit.is_head else "",
                unit.award_name or "—",
                unit.model_count,
                unit.topic_count,
                unit.status_label,
            )
            for unit in cluster.units
        )
    )
