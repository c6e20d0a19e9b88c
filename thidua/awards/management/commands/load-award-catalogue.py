from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from thidua.awards.services import load_award_catalogue


class Command(BaseCommand):
    # One job: Django's system checks (which load every URL) run with check, migrate and
    # runserver, not here; this saves about 0.8 s at each start.
    requires_system_checks: list[str] = []
    help = "Nạp (hoặc cập nhật) danh mục danh hiệu thi đua, hình thức khen thưởng; chạy lại không tạo trùng."

    def handle(self, *args: Any, **options: Any) -> None:
        created, updated = load_award_catalogue()
        self.stdout.write(f"Danh mục khen thưởng: thêm {created}, cập nhật {updated}.\n")
