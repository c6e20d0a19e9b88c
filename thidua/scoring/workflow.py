"""The one state machine of scoring: every status change of a criteria set, score sheet, cross
sheet or the year's results goes through ``check_transition``. Who may make it, in which state
and until which deadline is the transition's permission (``thidua.scoring.rules``); this table
adds the states it moves between and whether a written reason is required.

| transition          | object        | from                  | to          | permission                 | reason |
|---------------------|---------------|-----------------------|-------------|----------------------------|--------|
| criteria.adopt      | criteria set  | draft                 | adopted     | scoring.adopt_criteria     | no     |
| sheet.submit        | score sheet   | draft                 | submitted   | scoring.submit_sheet       | no     |
| sheet.reopen        | score sheet   | submitted, verified   | draft       | scoring.reopen_sheet       | yes    |
| sheet.verify        | score sheet   | submitted             | verified    | scoring.verify_sheet       | no     |
| sheet.unverify      | score sheet   | verified              | submitted   | scoring.unverify_sheet     | yes    |
| cross.submit        | cross sheet   | draft                 | submitted   | scoring.cross_score        | no     |
| cross.reopen        | cross sheet   | submitted             | draft       | scoring.reopen_cross_sheet | yes    |
| results.approve     | cluster year  | open                  | approved    | scoring.approve_results    | no     |
| results.reopen      | cluster year  | approved              | open        | scoring.reopen_results     | yes    |

A superseded criteria set is never a user's transition: adopting a new version supersedes the
old one inside the same service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.permissions import check
from thidua.scoring.enums import CriteriaSetStatus, CrossSheetStatus, RoundStatus, SheetStatus


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str
    permission: str
    reason_required: bool
    label: str | Promise


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition(
            "criteria.adopt",
            frozenset({CriteriaSetStatus.DRAFT}),
            CriteriaSetStatus.ADOPTED,
            "scoring.adopt_criteria",
            False,
            gettext_lazy("thông qua bộ tiêu chí"),
        ),
        Transition(
            "sheet.submit",
            frozenset({SheetStatus.DRAFT}),
            SheetStatus.SUBMITTED,
            "scoring.submit_sheet",
            False,
            gettext_lazy("nộp bảng tự chấm điểm"),
        ),
        Transition(
            "sheet.reopen",
            frozenset({SheetStatus.SUBMITTED, SheetStatus.VERIFIED}),
            SheetStatus.DRAFT,
            "scoring.reopen_sheet",
            True,
            gettext_lazy("mở lại bảng tự chấm điểm"),
        ),
        Transition(
            "sheet.verify",
            frozenset({SheetStatus.SUBMITTED}),
            SheetStatus.VERIFIED,
            "scoring.verify_sheet",
            False,
            gettext_lazy("xác nhận đã thẩm định"),
        ),
        Transition(
            "sheet.unverify",
            frozenset({SheetStatus.VERIFIED}),
            SheetStatus.SUBMITTED,
            "scoring.unverify_sheet",
            True,
            gettext_lazy("hủy xác nhận thẩm định"),
        ),
        Transition(
            "cross.submit",
            frozenset({CrossSheetStatus.DRAFT}),
            CrossSheetStatus.SUBMITTED,
            "scoring.cross_score",
            False,
            gettext_lazy("gửi phiếu chấm chéo"),
        ),
        Transition(
            "cross.reopen",
            frozenset({CrossSheetStatus.SUBMITTED}),
            CrossSheetStatus.DRAFT,
            "scoring.reopen_cross_sheet",
            True,
            gettext_lazy("mở lại phiếu chấm chéo"),
        ),
        Transition(
            "results.approve",
            frozenset({RoundStatus.OPEN}),
            RoundStatus.APPROVED,
            "scoring.approve_results",
            False,
            gettext_lazy("phê duyệt kết quả"),
        ),
        Transition(
            "results.reopen",
            frozenset({RoundStatus.APPROVED}),
            RoundStatus.OPEN,
            "scoring.reopen_results",
            True,
            gettext_lazy("mở lại kết quả đã phê duyệt"),
        ),
    ]
}


def check_transition(
    name: str, *, obj: Any, status: str, user: Any, reason: str = ""
) -> Transition:
    """Raise ``PermissionDenied`` unless ``user`` may make the transition on ``obj`` now (the
    permission covers who, the state and the deadline), ``ValidationError`` without a reason
    where one is required."""
    transition = TRANSITIONS[name]
    check(user, transition.permission, obj)
    if status not in transition.sources:  # the permission says the same (tests walk both)
        raise PermissionDenied(
            _("Không thể {action} ở trạng thái hiện tại.").format(action=transition.label)
        )
    if transition.reason_required and not (reason or "").strip():
        raise ValidationError(
            _("Cần ghi lý do khi {action}.").format(action=transition.label),
            code="reason_required",
        )
    return transition
