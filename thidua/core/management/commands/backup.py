from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.core.backup import BackupError, create_backup


class Command(BaseCommand):
    # One job: Django's system checks (which load every URL) run with check, migrate and
    # runserver, not here; this saves about 0.8 s at each start.
    requires_system_checks: list[str] = []
    help = (
        "Sao lưu cơ sở dữ liệu và các tệp đã tải lên vào một tệp .tar.gz kèm manifest mã băm "
        "(không gồm SECRET_KEY, THIDUA_AUDIT_KEY, khóa bỏ phiếu)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", type=Path, help="tệp sao lưu sẽ ghi (.tar.gz)")

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        try:
            manifest = create_backup(output=output)
        except BackupError as exc:
            raise CommandError(f"Sao lưu thất bại: {exc}") from exc
        files = len(manifest["files"]) - 1
        self.stdout.write(
            f"Đã sao lưu cơ sở dữ liệu {manifest['vendor']} và {files} tệp vào {output}."
        )
