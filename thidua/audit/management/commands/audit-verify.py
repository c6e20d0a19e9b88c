from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thidua.audit import chain
from thidua.audit.selectors import ALTERED, CHECKPOINT, HEAD, MISSING, TRUNCATED, verify_chain

PROBLEMS = {
    ALTERED: "sự kiện #{seq} bị sửa (mã băm hoặc liên kết với sự kiện trước không khớp)",
    MISSING: "sự kiện #{seq} bị xóa (chuỗi nhảy qua số thứ tự này)",
    TRUNCATED: "nhật ký dừng trước sự kiện #{seq} trong khi đầu chuỗi hoặc điểm kiểm ghi có nó "
    "(các sự kiện mới nhất bị xóa)",
    HEAD: "đầu chuỗi không khớp sự kiện #{seq} (bị xóa hoặc bị sửa)",
    CHECKPOINT: "sự kiện #{seq} khác với điểm kiểm đã ký (nhật ký bị viết lại từ đầu "
    "đến sự kiện này)",
}


class Command(BaseCommand):
    # One job: Django's system checks (which load every URL) run with check, migrate and
    # runserver, not here; this saves about 0.8 s at each start.
    requires_system_checks: list[str] = []
    help = (
        "Kiểm tra tính toàn vẹn của nhật ký kiểm toán (chuỗi băm có khóa), đối chiếu với đầu "
        "chuỗi và, nếu có, với một điểm kiểm đã ký."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoint", type=Path, help="tệp điểm kiểm (thidua audit-checkpoint)"
        )
        parser.add_argument(
            "--public-key",
            help="khóa công khai đã lưu cùng các điểm kiểm (mặc định: khóa của máy chủ này)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        checkpoint = None
        if options["checkpoint"] is not None:
            try:
                text = options["checkpoint"].read_text(encoding="utf-8")
                checkpoint = chain.load_checkpoint(text, public_key=options["public_key"])
            except (OSError, UnicodeDecodeError, chain.CheckpointError) as exc:
                raise CommandError(f"Không dùng được điểm kiểm: {exc}") from exc
        result = verify_chain(checkpoint)
        if not result.ok:
            problem = PROBLEMS[result.problem].format(seq=result.first_bad_sequence)
            raise CommandError(
                f"Nhật ký bị sửa đổi: {problem}; đã kiểm tra {result.checked} sự kiện hợp lệ "
                "trước đó."
            )
        against = f", khớp điểm kiểm #{checkpoint.sequence}" if checkpoint else ""
        self.stdout.write(f"Nhật ký toàn vẹn: {result.checked} sự kiện{against}.")
