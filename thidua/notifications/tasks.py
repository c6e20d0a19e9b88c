"""Background jobs (django-tasks; ``thidua db_worker`` runs them in production, the immediate
backend in tests). ``send_reminders_task`` and ``send_digest_task`` do what the commands do, for a
deployment that prefers to enqueue them from its own scheduler."""

from __future__ import annotations

from django_tasks import task

from thidua.notifications import emails, reminders


@task()
def send_immediate_emails(ids: list[int]) -> int:
    return emails.send_immediate(ids).mails


@task()
def send_digest_task() -> int:
    return emails.send_digest().mails


@task()
def send_reminders_task() -> int:
    return reminders.send_reminders().notifications
