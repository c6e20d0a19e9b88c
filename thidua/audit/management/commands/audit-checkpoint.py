"""``thidua audit-checkpoint``: a signed note of the audit chain's end, to keep elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from thidua.audit import chain
from thidua.audit.selectors import verify_chain


class Command(BaseCommand):
    # One job: Django's system checks (which load every URL) run with check, migrate and
    # runserver, not here; this saves about 0.8 s at each start.
    requires_system_checks: list[str] = []
    help = (
        "Xuất một điểm kiểm đã ký (số thứ tự, mã băm, thời điểm) của nhật ký kiểm toán để lưu "
        "ở nơi khác; sau này audit-verify --checkpoint phát hiện mọi việc viết lại trước nó."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", type=Path, help="tệp ghi ra (mặc định: màn hình)")
        parser.add_argument(
            "--public-key",
            action="store_true",
            help="chỉ in khóa công khai dùng để kiểm chữ ký của các điểm kiểm",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["public_key"]:
            self.stdout.write(chain.public_key_text())
            return
        result = verify_chain()
        if not result.ok:
            raise CommandError(
                f"Nhật ký không toàn vẹn (sự kiện #{result.first_bad_sequence}): không ký điểm "
                "kiểm. Chạy thidua audit-verify để biết chi tiết."
            )
        checkpoint = chain.sign_checkpoint(
            sequence=result.checked, hash=result.last_hash, now=timezone.now()
        )
        if options["output"] is None:
            self.stdout.write(checkpoint.to_json(), ending="")
            return
        try:
            options["output"].write_text(checkpoint.to_json(), encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {options['output']}: {exc}") from exc
        self.stdout.write(f"Đã ghi điểm kiểm #{checkpoint.sequence} vào {options['output']}.")
