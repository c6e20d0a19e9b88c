"""``thidua scores export --cluster HN-C06 --year 2023 -o FILE.xlsx`` — the score table (criteria
as rows, units as columns, totals, ranks); ``thidua scores blank --unit HN-SNV …`` — a unit's
blank self-scoring sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from thidua.scoring import excel, selectors
from thidua.scoring.management.commands._common import cluster_year


class Command(BaseCommand):
    # One job: Django's system checks (which load every URL) run with check, migrate and
    # runserver, not here; this saves about 0.8 s at each start.
    requires_system_checks: list[str] = []
    help = "Xuất bảng điểm thi đua ra Excel (export: bảng tổng hợp; blank: bảng tự chấm trống)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for name, text in (
            ("export", "Bảng tổng hợp điểm: tiêu chí theo hàng, đơn vị theo cột, tổng, xếp hạng"),
            ("blank", "Bảng tự chấm điểm trống của một đơn vị"),
        ):
            p = sub.add_parser(name, help=text)
            p.add_argument("--cluster", required=True, help="Mã cụm/khối, ví dụ HN-C06")
            p.add_argument("--year", required=True, type=int)
            p.add_argument("-o", "--output", required=True, help="Tệp XLSX cần ghi")
            if name == "blank":
                p.add_argument("--unit", required=True, help="Mã đơn vị, ví dụ HN-SNV")

    def handle(self, *args: Any, **options: Any) -> None:
        cy = cluster_year(options["cluster"], options["year"])
        if options["action"] == "export":
            content = excel.score_table_xlsx(selectors.ranking_data(cy))
        else:
            criteria_set = selectors.adopted_set(cy)
            if criteria_set is None:
                raise CommandError(_("Bộ tiêu chí năm này chưa được thông qua."))
            unit = next(
                (
                    m.organization
                    for m in cy.memberships.all()
                    if m.organization.code == options["unit"]
                ),
                None,
            )
            if unit is None:
                raise CommandError(
                    _("{unit} không phải thành viên của {noun} năm này.").format(
                        unit=options["unit"], noun=cy.noun
                    )
                )
            content = excel.unit_sheet_xlsx(
                table=selectors.criteria_table(criteria_set), cluster_year=cy, organization=unit
            )
        Path(options["output"]).write_bytes(content)
        self.stdout.write(
            _("Đã ghi {file} ({size} byte).").format(file=options["output"], size=len(content))
        )
