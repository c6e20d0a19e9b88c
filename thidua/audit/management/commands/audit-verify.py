from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from thidua.audit.selectors import verify_chain


class Command(BaseCommand):
    help = "Kiểm tra tính toàn vẹn của nhật ký kiểm toán (chuỗi băm)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if not result.ok:
            raise CommandError(
                f"Nhật ký bị sửa đổi: sự kiện #{result.first_bad_id} không khớp chuỗi băm "
                f"(đã kiểm tra {result.checked} sự kiện hợp lệ trước đó)."
            )
        self.stdout.write(f"Nhật ký toàn vẹn: {result.checked} sự kiện.")
