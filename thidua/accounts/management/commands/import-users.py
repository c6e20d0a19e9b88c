"""``thidua import-users FILE [--dry-run] [--no-invite]``: the import page's checks and writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.accounts.imports import ImportResult, import_users


class Command(BaseCommand):
    # One job: Django's system checks (which load every URL) run with check, migrate and
    # runserver, not here; this saves about 0.8 s at each start.
    requires_system_checks: list[str] = []
    help = (
        "Tạo tài khoản người dùng từ tệp XLSX hoặc CSV (UTF-8), mỗi dòng một người. Có một dòng "
        "sai là cả tệp bị từ chối, không tạo tài khoản nào. Xem docs/people.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Tệp .xlsx hoặc .csv")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ kiểm tra và báo cáo, không ghi dữ liệu."
        )
        parser.add_argument(
            "--no-invite",
            action="store_true",
            help="Không gửi thư mời đặt mật khẩu (đặt lại mật khẩu cho từng người sau).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp “{path}”: {exc.strerror}.") from None
        result = import_users(
            data=data,
            filename=path.name,
            user=None,
            dry_run=options["dry_run"],
            send_invitations=not options["no_invite"],
            base_url=settings.THIDUA_SITE_URL,
        )
        if not result.ok:
            self._report_errors(result)
        for person in result.people:
            scope = person.scope or "—"
            self.stdout.write(
                f"Dòng {person.row}: {person.username} · {person.role_label} · {scope}"
            )
        if result.dry_run:
            self.stdout.write(
                f"Tệp hợp lệ: {len(result.people)} tài khoản. Chỉ kiểm tra (--dry-run): chưa tạo."
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Đã tạo {result.created} tài khoản."))

    def _report_errors(self, result: ImportResult) -> None:
        for error in result.errors:
            where = f"Dòng {error.row}" if error.row else "Tệp"
            column = f", cột “{error.column}”" if error.column else ""
            self.stderr.write(f"{where}{column}: {error.message}")
        raise CommandError(
            f"Tệp “{result.filename}” bị từ chối: {len(result.errors)} lỗi; "
            "không có tài khoản nào được tạo."
        )
