from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from thidua.notifications.reminders import reminder_days, send_reminders


class Command(BaseCommand):
    # One job: Django's system checks (which load every URL) run with check, migrate and
    # runserver, not here; this saves about 0.8 s at each start.
    requires_system_checks: list[str] = []
    help = (
        "Nhắc hạn: thông báo cho các đơn vị chưa làm xong một bước sắp đến hạn hoặc đã quá hạn "
        "(chạy mỗi ngày một lần; mỗi mốc chỉ nhắc một lần)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"nhắc trước hạn bao nhiêu ngày (mặc định: cài đặt, {reminder_days()})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = send_reminders(days=options["days"])
        self.stdout.write(
            f"Đã xét {report.deadlines} hạn chót, gửi {report.notifications} thông báo nhắc hạn."
        )
        for step in report.steps_without_owner:
            self.stdout.write(f"Bước “{step}” chưa có ứng dụng nào trả lời đơn vị nào còn thiếu.")
