"""``thidua ranking --cluster HN-C06 --year 2023`` prints rank, unit, total and class."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from thidua.scoring import selectors
from thidua.scoring.management.commands._common import cluster_year
from thidua.scoring.validators import points_text


class Command(BaseCommand):
    # One job: Django's system checks (which load every URL) run with check, migrate and
    # runserver, not here; this saves about 0.8 s at each start.
    requires_system_checks: list[str] = []
    help = "In bảng xếp hạng chấm điểm thi đua của một cụm/khối trong một năm."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cluster", required=True, help="Mã cụm/khối, ví dụ HN-C06")
        parser.add_argument("--year", required=True, type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        cy = cluster_year(options["cluster"], options["year"])
        data = selectors.ranking_data(cy)
        if data.table is None:
            raise CommandError(_("Bộ tiêu chí năm này chưa được thông qua."))
        state = _("đã phê duyệt") if data.approved else _("tạm tính, chưa phê duyệt")
        self.stdout.write(
            _("{cluster} — năm {year} ({state})").format(
                cluster=cy.cluster.name, year=cy.year, state=state
            )
        )
        width = max((len(line.organization.name) for line in data.lines), default=10)
        self.stdout.write(
            f"{_('Hạng'):>4}  {_('Đơn vị'):<{width}}  {_('Tổng'):>7}  {_('Xếp loại')}"
        )
        for line in data.lines:
            rank = f"{line.row.rank}{'=' if line.row.tied else ''}"
            self.stdout.write(
                f"{rank:>4}  {line.organization.name:<{width}}  "
                f"{points_text(line.row.score.total):>7}  {line.row.classification}"
            )
