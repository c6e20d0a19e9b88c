"""E-mail of notifications: one mail at once for the kinds a person wants immediately, and one
daily digest per person with the rest (``thidua send-digest``). Vietnamese, plain text and simple
HTML, with links to the site (``settings.THIDUA_SITE_URL``). The backend is Django's (``EMAIL_*``
settings: SMTP in production, the console in development)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.accounts.models import User
from thidua.notifications.enums import EmailChoice, EmailState
from thidua.notifications.models import Notification

logger = logging.getLogger(__name__)


def site_url(path: str = "/") -> str:
    """An absolute address on the site for a path (links in mails point to the site)."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.THIDUA_SITE_URL.rstrip("/") + "/" + path.lstrip("/")


@dataclass(frozen=True)
class MailReport:
    mails: int
    notifications: int
    failed: int = 0


def _send(user: User, subject: str, template: str, context: dict[str, object]) -> None:
    context = {
        **context,
        "user": user,
        "list_url": site_url(reverse("notifications:list")),
        "preferences_url": site_url(reverse("notifications:preferences")),
    }
    text = render_to_string(f"notifications/email/{template}.txt", context)
    html = render_to_string(f"notifications/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
    message.attach_alternative(html, "text/html")
    message.send()


def _mark_sent(notifications: Iterable[Notification]) -> None:
    Notification.objects.filter(
        pk__in=[n.pk for n in notifications], email_state=EmailState.PENDING
    ).update(email_state=EmailState.SENT, emailed_at=timezone.now())


def _items(notifications: list[Notification]) -> list[dict[str, object]]:
    return [
        {
            "n": n,
            "text_body": n.body.replace("\n", "\n  "),  # indented under its title
            "url": site_url(n.link) if n.link else "",
            "at": timezone.localtime(n.created_at),
        }
        for n in notifications
    ]


def send_immediate(ids: Iterable[int]) -> MailReport:
    """Mail each pending notification of ``ids`` whose person wants it at once (one mail each)."""
    rows = list(
        Notification.objects.filter(
            pk__in=list(ids), email_state=EmailState.PENDING, email_mode=EmailChoice.IMMEDIATE
        ).select_related("recipient")
    )
    failed = 0
    with translation.override("vi"):
        for notification in rows:
            subject = _("[Thi Đua] {title}").format(title=notification.title)
            try:
                _send(
                    notification.recipient,
                    subject,
                    "single",
                    {"items": _items([notification])},
                )
            except OSError:
                logger.exception("notification %s: the e-mail was not sent", notification.pk)
                failed += 1
                continue
            _mark_sent([notification])
    return MailReport(mails=len(rows) - failed, notifications=len(rows) - failed, failed=failed)


# A mail wanted "at once" that is still waiting after this long was not sent by the worker
# (``db_worker`` stopped, SMTP down): the digest takes it, so nothing is lost.
IMMEDIATE_GRACE = dt.timedelta(hours=1)


def digest_queue(now: dt.datetime | None = None) -> list[Notification]:
    """The notifications waiting for the digest, grouped by person (oldest first in each): those
    meant for it, and those meant to go at once that are still waiting."""
    stale = (now or timezone.now()) - IMMEDIATE_GRACE
    return list(
        Notification.objects.filter(email_state=EmailState.PENDING)
        .filter(
            Q(email_mode=EmailChoice.DIGEST)
            | Q(email_mode=EmailChoice.IMMEDIATE, created_at__lt=stale)
        )
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )


def send_digest() -> MailReport:
    """One mail per person with every notification of theirs not mailed yet (the day's, or
    more when a run was missed). A mail that fails leaves that person's notifications waiting
    for the next run."""
    mails = sent = failed = 0
    today = timezone.localdate().strftime("%d/%m/%Y")
    with translation.override("vi"):
        for _user_id, group in groupby(digest_queue(), key=lambda n: n.recipient_id):
            notifications = list(group)
            user = notifications[0].recipient
            subject = _("[Thi Đua] {count} thông báo mới — {date}").format(
                count=len(notifications), date=today
            )
            try:
                _send(user, subject, "digest", {"items": _items(notifications), "date": today})
            except OSError:
                logger.exception("digest for user %s was not sent", user.pk)
                failed += 1
                continue
            _mark_sent(notifications)
            mails += 1
            sent += len(notifications)
    return MailReport(mails=mails, notifications=sent, failed=failed)
