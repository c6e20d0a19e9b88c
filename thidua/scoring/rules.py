"""Who may do what in scoring, in which state and until which deadline: one named permission per
action (``thidua.core.permissions.action``). Views, templates (``{% has_perm %}``), the API and
the services ask the same permission; services call ``check`` first. An action's page answers
403 to people outside its ``who`` (``core.web.require_person``) and, to the right person, says
which ``when`` stops them now (``core.web.refusal``); the messages name their object (the year,
the set, the unit, the due date).

Scope (which cluster years a user sees at all) is in the selectors; these predicates decide
inside that scope. They run no query when the cluster year comes with ``scoring_round`` and
``memberships`` loaded (``selectors.scoring_cluster_years``), except the deadline conditions
(one query for the step's deadline) and the few that look at another row (noted below).

Conflicts of interest are conditions with their own message: nobody verifies or cross-scores
their own unit; in head-unit verification the head unit's own sheet is verified by the deputy.

| permission                  | object        | who                         | when (in order)                                     |
|-----------------------------|---------------|-----------------------------|-----------------------------------------------------|
| scoring.view_sheet          | score sheet   | own unit, manager, verifier, cross reader; anyone once published |                |
| scoring.edit_sheet          | score sheet   | the sheet's own unit        | results open, draft, self-scoring step open         |
| scoring.submit_sheet        | score sheet   | the sheet's own unit        | results open, draft, self-scoring step open         |
| scoring.submit_sheet_on_behalf | score sheet | admin, board officer (not the secretariat) | as submit_sheet              |
| scoring.reopen_sheet        | score sheet   | manager                     | results open, submitted or step closed for the unit |
| scoring.view_verification   | score sheet   | manager, named verifier     | not own unit, submitted or verified                 |
| scoring.verify_sheet        | score sheet   | manager, named verifier     | not own unit, results open, submitted               |
| scoring.unverify_sheet      | score sheet   | manager, named verifier     | not own unit, results open, verified                |
| scoring.view_ranking        | cluster year  | anyone in scope             | published, or the person manages the year           |
| scoring.approve_results     | cluster year  | manager                     | results open                                        |
| scoring.reopen_results      | cluster year  | board officer, admin        | results approved                                    |
| scoring.manage_round        | cluster year  | manager                     | results open                                        |
| scoring.view_draft_criteria | cluster year  | manager                     |                                                     |
| scoring.create_criteria     | cluster year  | manager                     | results open, no criteria set yet (1 query)         |
| scoring.edit_criteria       | criteria set  | manager                     | draft                                               |
| scoring.adopt_criteria      | criteria set  | manager                     | draft, results open                                 |
| scoring.revise_criteria     | criteria set  | manager                     | results open, adopted, no other draft (1 query)     |
| scoring.view_cross          | cluster year  | member unit, manager        | cross-scoring year                                  |
| scoring.view_cross_matrix   | cluster year  | manager                     | cross-scoring year                                  |
| scoring.view_cross_sheet    | cross sheet   | the scorer unit             | cross-scoring year, not itself                      |
| scoring.cross_score         | cross sheet   | the scorer unit             | cross year, not itself, member, results open, verification step open, target submitted (1 query), draft |
| scoring.reopen_cross_sheet  | cross sheet   | manager                     | results open, submitted                             |

"Manager" is whoever manages the cluster year (system admin, board officer of its authority,
secretariat of its head unit).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.clusters.deadlines import check_step_open
from thidua.clusters.enums import CycleStep
from thidua.clusters.on_behalf import may_record_on_behalf
from thidua.core.permissions import action
from thidua.scoring.predicates import (
    can_manage,
    cluster_year_of,
    criteria_is_adopted,
    criteria_is_draft,
    cross_is_draft,
    cross_is_submitted,
    cross_not_itself,
    is_board_or_admin,
    is_cross_reader_of_sheet,
    is_cross_year,
    is_member_unit_user,
    is_own_unit_sheet,
    is_scorer_unit_user,
    is_verifier_of_sheet,
    no_criteria_set_yet,
    no_other_draft,
    not_own_unit,
    results_open,
    results_published,
    scorer_is_member,
    self_scoring_open,
    sheet_is_draft,
    sheet_is_submitted,
    sheet_is_verified,
    sheet_needs_reopening,
    sheet_was_handed_in,
    target_has_submitted,
    verification_open_for_scorer,
)

# ----------------------------------------------------------------- the messages
# A message that names the object (the year, the set, the unit, the due date) is a function of
# the person and the object, called only when its condition is what stops the person.


def _results_locked(user: Any, obj: Any) -> str:
    return gettext(
        "Kết quả chấm điểm năm {year} đã được phê duyệt và khóa. Muốn thay đổi, cán bộ Ban Thi "
        "đua - Khen thưởng phải mở lại kết quả (ghi rõ lý do)."
    ).format(year=cluster_year_of(obj).year)


def _deadline_passed(step: str, unit: Callable[[Any], Any]) -> Callable[[Any, Any], str]:
    """The standard message of ``clusters.deadlines`` (the step and its due date) for the
    deadline of ``step`` that has passed for the unit ``unit(obj)`` (1 query)."""

    def message(user: Any, obj: Any) -> str:
        try:
            check_step_open(cluster_year=obj.cluster_year, step=step, organization=unit(obj))
        except ValidationError as exc:
            return str(exc.messages[0])
        return ""  # reopened meanwhile: nothing to say

    return message


def _not_cross_year(user: Any, obj: Any) -> str:
    return gettext("Năm {year} không thẩm định bằng hình thức chấm chéo.").format(
        year=cluster_year_of(obj).year
    )


def _adopted_is_locked(user: Any, criteria_set: Any) -> str:
    return gettext(
        "Bộ tiêu chí “{name}” (phiên bản {version}) đã được thông qua, không sửa trực tiếp được. "
        "Hãy tạo phiên bản mới và ghi lý do thay đổi."
    ).format(name=criteria_set.name, version=criteria_set.version)


def _year_has_criteria(user: Any, obj: Any) -> str:
    return gettext(
        "Năm {year} đã có bộ tiêu chí. Hãy sửa bản dự thảo, hoặc tạo phiên bản mới của bộ đã "
        "thông qua."
    ).format(year=cluster_year_of(obj).year)


def _target_not_submitted(user: Any, cross: Any) -> str:
    return gettext("{unit} chưa nộp bảng tự chấm điểm, chưa chấm chéo được.").format(
        unit=cross.target.name
    )


SHEET_HANDED_IN = _(
    "Bảng tự chấm điểm đã nộp, không sửa được nữa. Nếu cần sửa, hãy đề nghị đơn vị trưởng mở lại "
    "(có ghi lý do)."
)
SELF_SCORING_CLOSED = _deadline_passed(CycleStep.SELF_SCORING, lambda sheet: sheet.organization)
VERIFICATION_CLOSED = _deadline_passed(CycleStep.VERIFICATION, lambda cross: cross.scorer)
OWN_UNIT = _("Đơn vị không được thẩm định bảng điểm của chính mình.")
CROSS_ITSELF = _("Đơn vị không được chấm chéo cho chính mình.")

# ----------------------------------------------------------------- score sheets

can_view_sheet = (
    is_own_unit_sheet
    | can_manage
    | (is_verifier_of_sheet & not_own_unit)
    | results_published
    | is_cross_reader_of_sheet
)

VIEW_SHEET = action("scoring.view_sheet", label=_("xem bảng điểm này"), who=can_view_sheet)
EDIT_SHEET = action(
    "scoring.edit_sheet",
    label=_("sửa bảng tự chấm điểm của đơn vị này"),
    who=is_own_unit_sheet,
    when=[
        (results_open, _results_locked),
        (sheet_is_draft, SHEET_HANDED_IN),
        (self_scoring_open, SELF_SCORING_CLOSED),
    ],
)
SUBMIT_SHEET = action(
    "scoring.submit_sheet",
    label=_("nộp bảng tự chấm điểm của đơn vị này"),
    who=is_own_unit_sheet,
    when=EDIT_SHEET.conditions,
)
# The board records a unit's sheet that only came on paper, with a reason and the paper's
# reference (``clusters.on_behalf``): the same states and deadline as the unit's own submission.
SUBMIT_SHEET_ON_BEHALF = action(
    "scoring.submit_sheet_on_behalf",
    label=_("ghi thay đơn vị bảng tự chấm điểm (có lý do)"),
    who=may_record_on_behalf,
    when=EDIT_SHEET.conditions,
)
REOPEN_SHEET = action(
    "scoring.reopen_sheet",
    label=_("mở lại bảng tự chấm điểm cho đơn vị"),
    who=can_manage,
    when=[
        (results_open, _results_locked),
        (sheet_needs_reopening, _("Bảng điểm của đơn vị đang mở, không cần mở lại.")),
    ],
)

# ----------------------------------------------------------------- verification

VIEW_VERIFICATION = action(
    "scoring.view_verification",
    label=_("thẩm định bảng điểm này"),
    who=is_verifier_of_sheet,
    when=[
        (not_own_unit, OWN_UNIT),
        (sheet_was_handed_in, _("Đơn vị chưa nộp bảng tự chấm điểm, chưa thẩm định được.")),
    ],
)
VERIFY_SHEET = action(
    "scoring.verify_sheet",
    label=_("thẩm định bảng điểm này"),
    who=is_verifier_of_sheet,
    when=[
        (not_own_unit, OWN_UNIT),
        (results_open, _results_locked),
        (
            sheet_is_submitted,
            _("Chỉ điều chỉnh được bảng điểm đã nộp và chưa xác nhận thẩm định."),
        ),
    ],
)
UNVERIFY_SHEET = action(
    "scoring.unverify_sheet",
    label=_("hủy xác nhận thẩm định"),
    who=is_verifier_of_sheet,
    when=[
        (not_own_unit, OWN_UNIT),
        (results_open, _results_locked),
        (sheet_is_verified, _("Bảng điểm chưa được xác nhận thẩm định.")),
    ],
)

# ----------------------------------------------------------------- the year: results, settings

VIEW_RANKING = action(
    "scoring.view_ranking",
    label=_("xem xếp hạng"),
    who=rules.is_authenticated,  # scope (who sees the year at all) is in the selectors
    when=[(can_manage | results_published, _("Kết quả chưa được phê duyệt, công bố."))],
)
APPROVE_RESULTS = action(
    "scoring.approve_results",
    label=_("phê duyệt kết quả"),
    who=can_manage,
    when=[(results_open, _results_locked)],
)
REOPEN_RESULTS = action(
    "scoring.reopen_results",
    label=_("mở lại kết quả đã phê duyệt"),
    who=is_board_or_admin,
    when=[(results_published, _("Kết quả chấm điểm chưa được phê duyệt, không có gì để mở lại."))],
)
MANAGE_ROUND = action(
    "scoring.manage_round",
    label=_("đặt cấu hình chấm điểm"),
    who=can_manage,
    when=[(results_open, _results_locked)],
)

# ----------------------------------------------------------------- the criteria set

VIEW_DRAFT_CRITERIA = action(
    "scoring.view_draft_criteria", label=_("xem bộ tiêu chí dự thảo"), who=can_manage
)
CREATE_CRITERIA = action(
    "scoring.create_criteria",
    label=_("soạn bộ tiêu chí"),
    who=can_manage,
    when=[
        (results_open, _results_locked),
        (no_criteria_set_yet, _year_has_criteria),
    ],
)
EDIT_CRITERIA = action(
    "scoring.edit_criteria",
    label=_("sửa bộ tiêu chí"),
    who=can_manage,
    when=[(criteria_is_draft, _adopted_is_locked)],
)
ADOPT_CRITERIA = action(
    "scoring.adopt_criteria",
    label=_("thông qua bộ tiêu chí"),
    who=can_manage,
    when=[
        (criteria_is_draft, _("Bộ tiêu chí này không phải bản dự thảo, không thông qua được.")),
        (results_open, _results_locked),
    ],
)
REVISE_CRITERIA = action(
    "scoring.revise_criteria",
    label=_("tạo phiên bản mới của bộ tiêu chí"),
    who=can_manage,
    when=[
        (results_open, _results_locked),
        (criteria_is_adopted, _("Chỉ tạo phiên bản mới từ bộ tiêu chí đang được áp dụng.")),
        (
            no_other_draft,
            _("Đã có một phiên bản dự thảo đang soạn; hãy hoàn thiện và thông qua bản đó."),
        ),
    ],
)

# ----------------------------------------------------------------- cross-scoring

VIEW_CROSS = action(
    "scoring.view_cross",
    label=_("xem chấm chéo"),
    who=is_member_unit_user | can_manage,
    when=[(is_cross_year, _not_cross_year)],
)
VIEW_CROSS_MATRIX = action(
    "scoring.view_cross_matrix",
    label=_("xem tình trạng chấm chéo của cụm"),
    who=can_manage,
    when=[(is_cross_year, _not_cross_year)],
)
VIEW_CROSS_SHEET = action(
    "scoring.view_cross_sheet",
    label=_("xem phiếu chấm chéo này"),
    who=is_scorer_unit_user,
    when=[(is_cross_year, _not_cross_year), (cross_not_itself, CROSS_ITSELF)],
)
CROSS_SCORE = action(
    "scoring.cross_score",
    label=_("chấm chéo"),
    who=is_scorer_unit_user,
    when=[
        (is_cross_year, _not_cross_year),
        (cross_not_itself, CROSS_ITSELF),
        (scorer_is_member, _("Chỉ cán bộ của đơn vị thành viên được chấm chéo.")),
        (results_open, _results_locked),
        (verification_open_for_scorer, VERIFICATION_CLOSED),
        (target_has_submitted, _target_not_submitted),
        (cross_is_draft, _("Phiếu chấm chéo đã gửi, không sửa được nữa.")),
    ],
)
REOPEN_CROSS_SHEET = action(
    "scoring.reopen_cross_sheet",
    label=_("mở lại phiếu chấm chéo"),
    who=can_manage,
    when=[
        (results_open, _results_locked),
        (cross_is_submitted, _("Phiếu chấm chéo chưa gửi, không cần mở lại.")),
    ],
)
