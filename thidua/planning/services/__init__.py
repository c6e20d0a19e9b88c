"""Writes for planning, one module per entity: ``plans`` (versions of the work plan and the
rules, adoption and correcting its date), ``comments``, ``movements``, ``drives`` and
``reports`` (a unit's report on a drive, reopening its deadline); ``files`` keeps the
attachments and evidence.

Each service asks its permission first (``core.permissions.check``: ``PermissionDenied`` with
the reason), validates everything before writing (nothing is written on error, files included),
writes in one transaction and records an audit event. The names below are the app's service
API; callers write ``services.draft_plan_version(…)``.
"""

from thidua.planning.services.comments import MAX_COMMENT_LENGTH, add_plan_comment
from thidua.planning.services.drives import create_drive, update_drive
from thidua.planning.services.movements import launch_movement, update_movement
from thidua.planning.services.plans import (
    adopt_plan_version,
    correct_plan_adoption,
    draft_plan_version,
    update_plan_version,
)
from thidua.planning.services.reports import (
    reopen_drive_report,
    submit_drive_report,
    update_drive_report,
)

__all__ = [
    "MAX_COMMENT_LENGTH",
    "add_plan_comment",
    "adopt_plan_version",
    "correct_plan_adoption",
    "create_drive",
    "draft_plan_version",
    "launch_movement",
    "reopen_drive_report",
    "submit_drive_report",
    "update_drive",
    "update_drive_report",
    "update_movement",
    "update_plan_version",
]
