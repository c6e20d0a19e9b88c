"""Who may do what with plans, movements and drives, and when: one named permission per action
(``thidua.core.permissions.action``), asked by the views, the templates, the API and the services.

Scope (what is visible at all, else 404) is in ``selectors.py``. Here ``who`` names the people
who may act on the object and each ``when`` the state it must be in (a draft, not adopted; a
drive whose report deadline, or its reopening for the user's unit, is still open), with the
message a person reads when that is what stops them.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from thidua.accounts.enums import Role
from thidua.clusters.deadlines import is_deadline_open
from thidua.clusters.on_behalf import is_unit_person, may_record_on_behalf
from thidua.clusters.rules import (
    can_manage_cluster_year,
    is_board_officer_of_cluster_year,
    is_secretariat_of_cluster_year,
    is_system_admin,
    runs_authority_year,
)
from thidua.core.permissions import action


def member_ids(cluster_year: Any) -> set[int]:
    """The member units of a cluster year, from the prefetched memberships when there are some
    (``cluster_year_detail`` prefetches them), cached on the object: one query at most."""
    cached = getattr(cluster_year, "_planning_member_ids", None)
    if cached is None:
        cached = {m.organization_id for m in cluster_year.memberships.all()}
        cluster_year._planning_member_ids = cached
    return cached


# ---------------------------------------------------------------- who


@rules.predicate
def is_member_unit_user(user: Any, cluster_year: Any) -> bool:
    """A user of a member unit (unit officer, unit leader, or a secretariat of another cluster)."""
    return bool(
        cluster_year is not None
        and is_unit_user(user)
        and user.organization_id in member_ids(cluster_year)
    )


@rules.predicate
def is_unit_user(user: Any) -> bool:
    """One of a unit's own people; never a system administrator (``clusters.on_behalf``)."""
    return bool(is_unit_person(user))


@rules.predicate
def is_board_officer_of_authority(user: Any, authority: Any) -> bool:
    """A board officer of ``authority`` (``None``: of some authority, to offer the button)."""
    return bool(
        user.is_authenticated
        and user.role == Role.BOARD_OFFICER
        and user.authority_id is not None
        and (authority is None or user.authority_id == authority.pk)
    )


@rules.predicate
def is_board_officer_of_movement(user: Any, movement: Any) -> bool:
    """A board officer of the movement's authority, or of its successor while the movement is
    open work (it runs into the year the succession took effect or later)."""
    if movement is None or not user.is_authenticated or user.role != Role.BOARD_OFFICER:
        return False
    last_year = movement.ends_on.year if movement.ends_on else timezone.localdate().year
    return runs_authority_year(user, movement.authority_id, last_year)


can_comment_on_plan = (
    is_system_admin
    | is_board_officer_of_cluster_year
    | is_secretariat_of_cluster_year
    | is_member_unit_user
)


@rules.predicate
def manages_plans_of_version(user: Any, version: Any) -> bool:
    return bool(version is not None and can_manage_cluster_year(user, _year_of_version(version)))


@rules.predicate
def comments_on_plans_of_version(user: Any, version: Any) -> bool:
    return bool(version is not None and can_comment_on_plan(user, _year_of_version(version)))


@rules.predicate
def manages_drives_of_drive(user: Any, drive: Any) -> bool:
    return bool(drive is not None and can_manage_cluster_year(user, drive.cluster_year))


def _year_of_version(version: Any) -> Any:
    return version.document.cluster_year


# ---------------------------------------------------------------- when


@rules.predicate
def version_is_draft(user: Any, version: Any) -> bool:
    return version.adopted_on is None


@rules.predicate
def version_is_adopted(user: Any, version: Any) -> bool:
    return version.adopted_on is not None


@rules.predicate
def unit_is_member_of_drive_year(user: Any, drive: Any) -> bool:
    return user.organization_id in member_ids(drive.cluster_year)


@rules.predicate
def drive_has_started(user: Any, drive: Any) -> bool:
    return bool(drive.starts_on <= timezone.localdate())


@rules.predicate
def drive_report_open_for_unit(user: Any, drive: Any) -> bool:
    """No report deadline, not passed yet, or reopened for the user's unit until later."""
    return is_deadline_open(drive.report_deadline, organization=user.organization)


@rules.predicate
def drive_has_report_deadline(user: Any, drive: Any) -> bool:
    return drive.report_deadline_id is not None


# A report recorded on a unit's behalf is asked about the unsaved ``DriveReport(drive, unit)``.


@rules.predicate
def report_unit_is_member(user: Any, report: Any) -> bool:
    return report.organization_id in member_ids(report.drive.cluster_year)


@rules.predicate
def report_drive_has_started(user: Any, report: Any) -> bool:
    return bool(drive_has_started(user, report.drive))


@rules.predicate
def report_open_for_its_unit(user: Any, report: Any) -> bool:
    return is_deadline_open(report.drive.report_deadline, organization=report.organization)


@rules.predicate
def unit_has_not_reported(user: Any, report: Any) -> bool:
    return report.pk is None


def _locked_for_edit(user: Any, version: Any) -> str:
    return _(
        "Bản {number} đã được thông qua ngày {day:%d/%m/%Y} nên không thể sửa. "
        "Muốn thay đổi, hãy tạo bản mới và thông qua lại."
    ).format(number=version.number, day=version.adopted_on)


def _already_adopted(user: Any, version: Any) -> str:
    return _("Bản {number} đã được thông qua ngày {day:%d/%m/%Y}.").format(
        number=version.number, day=version.adopted_on
    )


def _not_adopted_yet(user: Any, version: Any) -> str:
    return _(
        "Bản {number} chưa được thông qua nên chưa có ngày thông qua để sửa; "
        "hãy ghi nhận thông qua."
    ).format(number=version.number)


def _closed_for_comments(user: Any, version: Any) -> str:
    return _(
        "Bản {number} đã được thông qua nên không nhận thêm ý kiến; "
        "hãy góp ý vào bản sửa đổi tiếp theo."
    ).format(number=version.number)


def _not_a_member(user: Any, drive: Any) -> str:
    cluster_year = drive.cluster_year
    return _("{unit} không phải thành viên của {cluster} năm {year}.").format(
        unit=user.organization.name, cluster=cluster_year.cluster.name, year=cluster_year.year
    )


def _not_started(user: Any, drive: Any) -> str:
    return _("Đợt “{drive}” chưa bắt đầu (từ {start:%d/%m/%Y}).").format(
        drive=drive.name, start=drive.starts_on
    )


def _report_deadline_passed(user: Any, drive: Any) -> str:
    return _(
        "Đã quá hạn báo cáo kết quả “{drive}” ({due}). "
        "Hãy đề nghị đơn vị trưởng mở lại hạn cho đơn vị."
    ).format(
        drive=drive.name,
        due=timezone.localtime(drive.report_due_at).strftime("%H:%M %d/%m/%Y"),
    )


def _no_report_deadline(user: Any, drive: Any) -> str:
    return _("Đợt “{drive}” không đặt hạn báo cáo nên không cần mở lại.").format(drive=drive.name)


# ---------------------------------------------------------------- actions: plans and rules
# Labels complete "Bạn không có quyền …" (context "permission" in the catalogue).

# Object: the cluster year. Drafting the first version or an amendment after adoption (the
# secretariat, the board, the admin — the people who manage the cluster year).
DRAFT_PLAN = action(
    "planning.draft_plan",
    label=pgettext_lazy("permission", "soạn kế hoạch, quy chế của cụm"),
    who=can_manage_cluster_year,
)
# Object: the version, for the next three.
EDIT_PLAN_VERSION = action(
    "planning.edit_plan_version",
    label=pgettext_lazy("permission", "sửa dự thảo kế hoạch, quy chế"),
    who=manages_plans_of_version,
    when=[(version_is_draft, _locked_for_edit)],
)
ADOPT_PLAN_VERSION = action(
    "planning.adopt_plan_version",
    label=pgettext_lazy("permission", "ghi nhận thông qua kế hoạch, quy chế"),
    who=manages_plans_of_version,
    when=[(version_is_draft, _already_adopted)],
)
# A date recorded wrongly at adoption (a 2025 plan "adopted" on 01/01/2024) is corrected by the
# people who record adoptions, with a reason (audited); the rest of the version stays locked.
CORRECT_PLAN_ADOPTION = action(
    "planning.correct_plan_adoption",
    label=pgettext_lazy("permission", "sửa ngày thông qua kế hoạch, quy chế đã ghi nhầm"),
    who=manages_plans_of_version,
    when=[(version_is_adopted, _not_adopted_yet)],
)
COMMENT_PLAN_VERSION = action(
    "planning.comment_plan_version",
    label=pgettext_lazy("permission", "góp ý kế hoạch, quy chế của cụm"),
    who=comments_on_plans_of_version,
    when=[(version_is_draft, _closed_for_comments)],
)

# ---------------------------------------------------------------- actions: movements

# Object: the authority that launches (``None``: some authority of the user, for the button).
LAUNCH_MOVEMENT = action(
    "planning.launch_movement",
    label=pgettext_lazy("permission", "phát động phong trào thi đua"),
    who=is_system_admin | is_board_officer_of_authority,
)
CHANGE_MOVEMENT = action(
    "planning.change_movement",
    label=pgettext_lazy("permission", "sửa phong trào thi đua"),
    who=is_system_admin | is_board_officer_of_movement,
)

# ---------------------------------------------------------------- actions: drives

# Object: the cluster year.
CREATE_DRIVE = action(
    "planning.create_drive",
    label=pgettext_lazy("permission", "thêm đợt thi đua"),
    who=can_manage_cluster_year,
)
# Object: the drive, for the next three.
CHANGE_DRIVE = action(
    "planning.change_drive",
    label=pgettext_lazy("permission", "sửa đợt thi đua"),
    who=manages_drives_of_drive,
)
# A member unit reports (and corrects) its own result while the deadline, or its reopening for
# the unit, is open.
REPORT_DRIVE = action(
    "planning.report_drive",
    label=pgettext_lazy("permission", "báo cáo kết quả đợt thi đua"),
    who=is_unit_user,
    when=[
        (unit_is_member_of_drive_year, _not_a_member),
        (drive_has_started, _not_started),
        (drive_report_open_for_unit, _report_deadline_passed),
    ],
)
REOPEN_DRIVE_REPORT = action(
    "planning.reopen_drive_report",
    label=pgettext_lazy("permission", "mở lại hạn báo cáo kết quả đợt thi đua"),
    who=manages_drives_of_drive,
    when=[(drive_has_report_deadline, _no_report_deadline)],
)
# The board records a member unit's report sent on paper (ghi thay đơn vị, có lý do:
# ``clusters.on_behalf``): the unit's own conditions, for that unit; once (no editing on behalf).
REPORT_DRIVE_ON_BEHALF = action(
    "planning.report_drive_on_behalf",
    label=pgettext_lazy("permission", "ghi thay đơn vị báo cáo kết quả đợt thi đua (có lý do)"),
    who=may_record_on_behalf,
    when=[
        (
            report_unit_is_member,
            lambda user, report: _("{unit} không phải thành viên của {cluster} năm {year}.").format(
                unit=report.organization.name,
                cluster=report.drive.cluster_year.cluster.name,
                year=report.drive.cluster_year.year,
            ),
        ),
        (report_drive_has_started, lambda user, report: _not_started(user, report.drive)),
        (
            report_open_for_its_unit,
            lambda user, report: _report_deadline_passed(user, report.drive),
        ),
        (
            unit_has_not_reported,
            lambda user, report: _("{unit} đã báo cáo kết quả “{drive}”.").format(
                unit=report.organization.name, drive=report.drive.name
            ),
        ),
    ],
)
