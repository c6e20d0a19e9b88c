from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from thidua.core.sortkeys import rebuild_sort_keys


class Command(BaseCommand):
    # One job: Django's system checks (which load every URL) run with check, migrate and
    # runserver, not here; this saves about 0.8 s at each start.
    requires_system_checks: list[str] = []
    help = "Tính lại khóa sắp xếp tiếng Việt (sau khi nâng cấp ICU) và chỉ mục tìm kiếm không dấu."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = rebuild_sort_keys()
        parts = [f"{n} {model._meta.verbose_name_plural}" for model, n in counts.items()]
        self.stdout.write("Đã tính lại: " + ", ".join(parts) + ".")
