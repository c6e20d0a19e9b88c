"""Glossary of the start of the year (đầu năm):

- ``Pledge`` = giao ước thi đua (one version of it); ``PledgeItem`` = nội dung cam kết (numbered);
  ``PledgeTarget`` = chỉ tiêu đo được of a commitment; ``PledgeSignature`` = chữ ký của đơn vị.
- ``Registration`` = đăng ký thi đua of a member unit (danh hiệu/hình thức it aims for);
  ``EmulationModel`` = mô hình thi đua; ``Topic`` = chuyên đề thi đua;
  ``ProgressUpdate`` = báo cáo tiến độ with ``Evidence`` files (minh chứng).
- ``YearSettings`` = the per-cluster-year limits (số nội dung giao ước, số mô hình, chuyên đề).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.clusters.enums import CycleStep


class PledgeStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    OPEN = "open", _("Đang ký")
    IN_FORCE = "in_force", _("Có hiệu lực")
    SUPERSEDED = "superseded", _("Đã thay bằng phiên bản mới")


CURRENT_PLEDGE_STATUSES = (PledgeStatus.OPEN, PledgeStatus.IN_FORCE)

# The steps with one deadline a year, set and reopened on the year's deadlines page. Each drive
# has its own report deadline (step ``drive_report``, key ``drive-<number>``), set and reopened
# on the drive's page (planning): the year has no deadline of that step.
YEAR_STEPS = [step for step in CycleStep if step != CycleStep.DRIVE_REPORT]


class SignatureMethod(models.TextChoices):
    IN_APP = "in_app", _("Ký trên hệ thống")
    RECORDED = "recorded", _("Ghi nhận chữ ký trên văn bản giấy")


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Bị trả lại")


# A unit "has registered" once its registration is submitted or accepted.
REGISTERED_STATUSES = (RegistrationStatus.SUBMITTED, RegistrationStatus.ACCEPTED)
# The unit may change its registration only in these states.
EDITABLE_STATUSES = (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED)


class RegistrationAction(models.TextChoices):
    SUBMIT = "submit", _("Gửi đăng ký")
    ACCEPT = "accept", _("Chấp nhận")
    RETURN = "return", _("Trả lại")


class Actor(models.TextChoices):
    """Who may take an action: the unit itself, or whoever manages the cluster year."""

    UNIT = "unit", _("Đơn vị đăng ký")
    MANAGER = "manager", _("Đơn vị trưởng, Ban TĐKT")


# The one state machine of a registration: (from, action) -> (to, who may do it).
TRANSITIONS: dict[tuple[str, str], tuple[str, str]] = {
    (RegistrationStatus.DRAFT, RegistrationAction.SUBMIT): (
        RegistrationStatus.SUBMITTED,
        Actor.UNIT,
    ),
    (RegistrationStatus.RETURNED, RegistrationAction.SUBMIT): (
        RegistrationStatus.SUBMITTED,
        Actor.UNIT,
    ),
    (RegistrationStatus.SUBMITTED, RegistrationAction.ACCEPT): (
        RegistrationStatus.ACCEPTED,
        Actor.MANAGER,
    ),
    (RegistrationStatus.SUBMITTED, RegistrationAction.RETURN): (
        RegistrationStatus.RETURNED,
        Actor.MANAGER,
    ),
    (RegistrationStatus.ACCEPTED, RegistrationAction.RETURN): (
        RegistrationStatus.RETURNED,
        Actor.MANAGER,
    ),
}


class ItemKind(models.TextChoices):
    MODEL = "model", _("Mô hình")
    TOPIC = "topic", _("Chuyên đề")


class LateKind(models.TextChoices):
    NOT_REGISTERED = "not_registered", _("Chưa đăng ký thi đua")
    NOT_SIGNED = "not_signed", _("Chưa ký giao ước")
    NO_PROGRESS = "no_progress", _("Chưa báo cáo tiến độ")


class ExportKind(models.TextChoices):
    """The national exports built in the background (``ExportJob``)."""

    ROLLUP = "rollup", _("Tổng hợp đăng ký thi đua và giao ước")
    FOLLOW_UP = "follow_up", _("Danh sách đơn vị chậm tiến độ")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo tệp")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không tạo được")


OPEN_EXPORT_STATUSES = (ExportStatus.QUEUED, ExportStatus.RUNNING)
