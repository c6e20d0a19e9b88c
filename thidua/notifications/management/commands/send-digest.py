from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from thidua.notifications.emails import send_digest


class Command(BaseCommand):
    # One job: Django's system checks (which load every URL) run with check, migrate and
    # runserver, not here; this saves about 0.8 s at each start.
    requires_system_checks: list[str] = []
    help = (
        "Gửi thư tổng hợp: mỗi người một e-mail với các thông báo chưa gửi "
        "(chạy mỗi ngày một lần, sau send-reminders)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = send_digest()
        self.stdout.write(f"Đã gửi {report.mails} thư tổng hợp ({report.notifications} thông báo).")
        if report.failed:
            raise CommandError(
                f"{report.failed} thư chưa gửi được; các thông báo đó sẽ được gửi ở lần chạy sau."
            )
