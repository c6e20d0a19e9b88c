"""What a faster template engine would buy a list page (issue 13: "what it would take").

    .venv/bin/python bench/bench_template_engines.py [ROWS ...]     # default: 20 50 200

Renders the same table — a list page's rows: a link per row (URL reversed), a translated status
label, a Vietnamese short date, five escaped text cells and a number — with Django's template
language (the product's engine, cached loader, ``{% translate %}`` and ``{% url %}``) and with
Jinja2 (not used by the product; ``jinja2`` is installed as a dependency of docxtpl),
in Vietnamese, and prints microseconds per row and per page (CPU time, median of 7 runs). The
same rows and the same HTML shape; the figures say how much of a page's cost is the engine's
own work per cell. Asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django

django.setup()

import jinja2  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402
from django.utils.translation import gettext  # noqa: E402

from thidua.core.templatetags.thidua import short_date  # noqa: E402

DJANGO_ROW = """{% load i18n thidua %}<table><tbody>{% for r in rows %}
<tr><td><a href="{% url 'organizations:detail' r.pk %}">{{ r.code }}</a></td><td>{{ r.name }}</td>
<td>{{ r.authority }}</td><td>{{ r.kind }}</td><td>{{ r.address }}</td><td>{{ r.note }}</td>
<td>{% if r.active %}{% translate "Đang hoạt động" %}{% else %}{% translate "Đã giải thể" %}{% endif %}</td>
<td>{{ r.founded|short_date }}</td><td class="num">{{ r.members }}</td></tr>{% endfor %}
</tbody></table>"""

JINJA_ROW = """<table><tbody>{% for r in rows %}
<tr><td><a href="{{ url('organizations:detail', r.pk) }}">{{ r.code }}</a></td><td>{{ r.name }}</td>
<td>{{ r.authority }}</td><td>{{ r.kind }}</td><td>{{ r.address }}</td><td>{{ r.note }}</td>
<td>{% if r.active %}{{ _("Đang hoạt động") }}{% else %}{{ _("Đã giải thể") }}{% endif %}</td>
<td>{{ r.founded|short_date }}</td><td class="num">{{ r.members }}</td></tr>{% endfor %}
</tbody></table>"""


def precomputed(template: str) -> str:
    """The same table with each row's URL computed before rendering (one reverse per page)."""
    return template.replace("{% url 'organizations:detail' r.pk %}", "{{ r.url }}").replace(
        "{{ url('organizations:detail', r.pk) }}", "{{ r.url }}"
    )


def rows(n: int) -> list[dict[str, Any]]:
    return [
        {
            "pk": i + 1,
            "code": f"HN-{i:05d}",
            "name": f"Ủy ban nhân dân xã số {i} <& “kiểm tra”>",
            "authority": "Thành phố Hà Nội",
            "kind": "Cơ quan hành chính",
            "address": f"Số {i} đường Lê Lợi",
            "note": "",
            "active": i % 7 != 0,
            "founded": dt.date(2025, 7, 1),
            "members": i * 3,
            "url": f"/organizations/{i + 1}/",
        }
        for i in range(n)
    ]


def cpu_us(render: Any, context: dict[str, Any], repeat: int) -> float:
    runs = []
    for _ in range(7):
        start = time.process_time()
        for _ in range(repeat):
            render(context)
        runs.append((time.process_time() - start) / repeat * 1e6)
    return statistics.median(runs)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [20, 50, 200]
    translation.activate("vi")
    django_template = engines["django"].from_string(DJANGO_ROW)
    env = jinja2.Environment(autoescape=True)
    env.globals.update(url=lambda name, *args: reverse(name, args=args), _=gettext)
    env.filters["short_date"] = short_date
    jinja_template = env.from_string(JINJA_ROW)
    variants = {
        "URL reversed per row": (django_template, jinja_template),
        "URL precomputed": (
            engines["django"].from_string(precomputed(DJANGO_ROW)),
            env.from_string(precomputed(JINJA_ROW)),
        ),
    }
    print("rows | links | Django µs/page | µs/row | Jinja2 µs/page | µs/row | Django/Jinja2")
    print("---|---|---|---|---|---|---")
    for n in sizes:
        context = {"rows": rows(n)}
        repeat = max(5, 2000 // n)
        for name, (dtl_template, jinja2_template) in variants.items():
            dtl = cpu_us(dtl_template.render, context, repeat)
            jin = cpu_us(jinja2_template.render, context, repeat)
            print(
                f"{n} | {name} | {dtl:,.0f} | {dtl / n:.1f} | {jin:,.0f} | {jin / n:.1f} "
                f"| {dtl / jin:.1f}×"
            )


if __name__ == "__main__":
    main()
