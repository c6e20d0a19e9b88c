"""``thidua import-units FILE [--dry-run]``: the import page's checks and writes, from a shell."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.clusters.imports import ImportResult, import_units, summary


class Command(BaseCommand):
    # One job: Django's system checks (which load every URL) run with check, migrate and
    # runserver, not here; this saves about 0.8 s at each start.
    requires_system_checks: list[str] = []
    help = (
        "Nhập đơn vị và thành viên cụm, khối từ tệp XLSX hoặc CSV (UTF-8). Có một dòng sai là "
        "cả tệp bị từ chối, không ghi gì. Xem docs/import.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp .xlsx hoặc .csv")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra và báo cáo, không ghi dữ liệu."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp “{path}”: {exc.strerror}.") from None
        result = import_units(data=data, filename=path.name, user=None, dry_run=options["dry_run"])
        if not result.ok:
            self._report_errors(result)
        self.stdout.write(summary(result))
        if result.dry_run:
            self.stdout.write("Tệp hợp lệ. Chỉ kiểm tra (--dry-run): chưa ghi dữ liệu nào.")
        elif result.written:
            self.stdout.write(self.style.SUCCESS("Đã nhập xong."))
        else:
            self.stdout.write("Tệp hợp lệ; mọi dữ liệu đã có sẵn, không có gì thay đổi.")

    def _report_errors(self, result: ImportResult) -> None:
        for error in result.errors:
            where = f"Dòng {error.row}" if error.row else "Tệp"
            column = f", cột “{error.column}”" if error.column else ""
            self.stderr.write(f"{where}{column}: {error.message}")
        raise CommandError(
            f"Tệp “{result.filename}” bị từ chối: {len(result.errors)} lỗi; "
            "không có dữ liệu nào được ghi."
        )
