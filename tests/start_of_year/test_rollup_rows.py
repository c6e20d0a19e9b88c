"""The roll-up's unit rows, printed in Python (``{% rollup_unit_rows %}``), are the HTML the
template loop printed, escaping included."""

from __future__ import annotations

from django.template import engines

from thidua.clusters.models import ClusterYear
from thidua.start_of_year.rollup import ClusterRow, UnitRow

# the loop of rollup.html before the rows were printed in Python
TEMPLATE_LOOP = """{% for u in c.units %}
        <tr><td class="key key-name">{{ u.name }}{% if u.is_head %} <span class="badge badge-head">{{ c.head_label }}</span>{% endif %}</td><td>{{ u.award_name|default:"—" }}</td><td class="num">{{ u.model_count }}</td><td class="num">{{ u.topic_count }}</td><td>{{ u.status_label }}</td></tr>
      {% endfor %}"""


def test_rollup_unit_rows_print_what_the_template_loop_printed() -> None:
    cluster = ClusterRow(
        cluster_year=ClusterYear(),
        pledge=None,
        units=[
            UnitRow("Sở Nội vụ", True, "Cờ thi đua", 2, 1, "Đã chấp nhận"),
            UnitRow('Sở <Tư> "pháp" & co', False, "", 0, 0, "Chưa đăng ký"),
            UnitRow("Sở Y tế", False, "Bằng khen <b>", 1234, 12, "Đã gửi, chờ duyệt"),
        ],
        head_label="Cụm <trưởng>",
    )
    engine = engines["django"]
    old = engine.from_string(TEMPLATE_LOOP).render({"c": cluster})
    new = engine.from_string("{% load rollup %}{% rollup_unit_rows c %}").render({"c": cluster})
    assert (new, "&lt;Tư&gt; &quot;pháp&quot; &amp; co" in new) == (old, True)


def test_a_cluster_without_members_prints_no_row() -> None:
    cluster = ClusterRow(
        cluster_year=ClusterYear(), pledge=None, units=[], head_label="Khối trưởng"
    )
    rendered = (
        engines["django"]
        .from_string("{% load rollup %}{% rollup_unit_rows c %}")
        .render({"c": cluster})
    )
    assert rendered == ""
