"""What the conference tells people (``thidua.notifications``): a question is open to the vote.
The officers and the leader of every unit on the roll as present are told, with a link to the
delegates' page; never a choice, a code or a receipt (design §4.6).

``services.ballots.open_ballot`` calls :func:`ballot_opened` in one line, inside its transaction
(the e-mails leave after the commit)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from thidua.accounts.enums import Role
from thidua.notifications.enums import NotificationKind
from thidua.notifications.models import Notification
from thidua.notifications.services import notify_unit
from thidua.voting.models import Ballot, Eligibility

ROLES: tuple[str, ...] = (Role.UNIT_OFFICER, Role.UNIT_LEADER)


def ballot_opened(ballot: Ballot) -> list[Notification]:
    """Notify the present units of ``ballot`` that it is open (once per person and question)."""
    cy = ballot.conference.cluster_year
    present = Eligibility.objects.filter(ballot=ballot, present=True).select_related("organization")
    sent: list[Notification] = []
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Phiếu đã mở: {title} — {cluster} năm {year}").format(
            title=ballot.title, cluster=cy.cluster.name, year=cy.year
        )
        body = _(
            "Hội nghị tổng kết đang bỏ phiếu nội dung “{title}”. Đại biểu của đơn vị bỏ phiếu "
            "bằng thẻ biểu quyết tại trang bỏ phiếu."
        ).format(title=ballot.title)
        for line in present:
            sent += notify_unit(
                organization=line.organization,
                roles=ROLES,
                kind=NotificationKind.BALLOT_OPEN,
                title=title,
                body=body,
                link=reverse("voting:delegate"),
                obj=ballot,
                dedup_key=f"voting.ballot_open:{ballot.uuid}",
            )
    return sent
