from __future__ import annotations

from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand

# Each app that has demo data provides ``demo.load(stdout) -> None``; order matters.
DEMO_MODULES = [
    "thidua.clusters.demo",
    "thidua.awards.demo",
    "thidua.planning.demo",
    "thidua.start_of_year.demo",
    "thidua.scoring.demo",
]


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu từ các bản tin Cụm 6, 7, 10 Hà Nội (chạy lại nhiều lần không tạo trùng)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        for name in DEMO_MODULES:
            try:
                module = import_module(name)
            except ModuleNotFoundError:
                continue
            module.load(self.stdout)
        from thidua.clusters.demo import print_logins

        print_logins(self.stdout)
