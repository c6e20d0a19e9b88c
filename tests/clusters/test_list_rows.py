"""The rows of /clusters/, printed in Python (``{% cluster_list_rows %}``), are the HTML the
template loop printed, escaping included."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template import engines

from thidua.clusters.models import Cluster, ClusterYear
from thidua.organizations.models import Authority, Organization

# the loop of clusters/list.html before the rows were printed in Python
TEMPLATE_LOOP = """{% for cy in rows %}
      <tr>
        <td>{{ cy.year }}</td>
        <td>{{ cy.cluster.code }}</td>
        <td><a href="{{ cy.url }}">{{ cy.cluster.name }}</a> <span class="badge">{{ cy.kind_label }}</span></td>
        <td>{{ cy.cluster.authority }}</td>
        <td>{% if cy.head %}{{ cy.head }}{% else %}<span class="help">{{ cy.missing_text }}</span>{% endif %}</td>
        <td>{% if cy.deputy %}{{ cy.deputy }}{% else %}<span class="help">{{ cy.missing_text }}</span>{% endif %}</td>
        <td class="num">{{ cy.member_count }}</td>
      </tr>
    {% endfor %}"""


def _row(name: str, head: Organization | None, deputy: Organization | None) -> ClusterYear:
    authority = Authority(name="Hội đồng <TĐKT> Hà Nội", short_name="")
    cluster = Cluster(code="HN-C06", name=name, kind="cluster", authority=authority)
    cy = ClusterYear(year=2024, cluster=cluster, head=head, deputy=deputy)
    cy.url = "/clusters/HN-C06/2024/?a=1&b=2"  # type: ignore[attr-defined]
    cy.kind_label = "Cụm"  # type: ignore[attr-defined]
    cy.missing_text = "Chưa chọn <trưởng>"  # type: ignore[attr-defined]
    cy.member_count = 1234  # type: ignore[attr-defined]
    return cy


def test_cluster_list_rows_print_what_the_template_loop_printed() -> None:
    rows = [
        _row('Cụm "số 6" & <các sở>', Organization(name="Sở Nội vụ"), Organization(name="Sở Y tế")),
        _row("Cụm thi đua số 7", None, None),
    ]
    engine = engines["django"]
    old = engine.from_string(TEMPLATE_LOOP).render({"rows": rows})
    new = engine.from_string("{% load list_rows %}{% cluster_list_rows rows %}").render(
        {"rows": rows}
    )
    assert (new, "&quot;số 6&quot; &amp; &lt;các sở&gt;" in new) == (old, True)


# the loop of clusters/units/list.html before the rows were printed in Python
UNIT_LOOP = """{% load thidua %}{% translate "đang hoạt động" as active %}{% for org in rows %}
      <tr>
        <td><a href="{{ org.url }}">{{ org.name }}</a></td>
        <td>{{ org.code }}</td>
        <td>{{ org.place|default:"—" }}</td>
        <td>{{ org.kind_label }}</td>
        <td>{{ org.parent|default:"—" }}</td>
        <td>{% if org.valid_to %}<span class="badge badge-warn">{% blocktranslate with d=org.valid_to|short_date %}giải thể {{ d }}{% endblocktranslate %}</span>{% else %}<span class="badge badge-ok">{{ active }}</span>{% endif %}</td>
      </tr>
    {% endfor %}"""


def _unit(name: str, **fields: Any) -> Organization:
    org = Organization(name=name, code="HN-SNV", kind="department", **fields)
    org.url = "/organizations/7/?x=<1>"  # type: ignore[attr-defined]
    org.kind_label = "Sở, ban, ngành"  # type: ignore[attr-defined]
    return org


def test_unit_list_rows_print_what_the_template_loop_printed() -> None:
    rows = [
        _unit('Sở "Nội vụ" & <co>', province="Hà Nội", parent=Organization(name="UBND <TP>")),
        _unit("Sở cũ", valid_to=dt.date(2025, 7, 1)),
    ]
    engine = engines["django"]
    old = engine.from_string("{% load i18n %}" + UNIT_LOOP).render({"rows": rows})
    new = engine.from_string("{% load list_rows %}{% unit_list_rows rows %}").render({"rows": rows})
    assert (new, "giải thể 01/07/2025" in new, "UBND &lt;TP&gt;" in new) == (old, True, True)
