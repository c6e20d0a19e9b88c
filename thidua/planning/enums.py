"""Glossary of the planning app (code → Vietnamese term):

- ``PlanDocument`` — văn bản của cụm trong năm: kế hoạch công tác thi đua, khen thưởng
  (``PlanKind.WORK_PLAN``), quy chế hoạt động và nguyên tắc bình xét (``PlanKind.RULES``) — the
  documents of the plan step at the start of the year — or báo cáo tổng kết
  (``PlanKind.SUMMARY_REPORT``), drafted by the head unit and adopted at the year-end conference.
- ``PlanVersion`` — bản (dự thảo / đã thông qua) of a plan document; ``PlanComment`` — ý kiến góp ý.
- ``Movement`` — phong trào thi đua, launched (phát động) by an authority; ``MovementKind``.
- ``Drive`` — đợt thi đua of a cluster year; ``DriveReport`` — báo cáo kết quả đợt thi đua of a
  member unit, with ``DriveEvidence`` (minh chứng). The report deadline (hạn báo cáo) is a
  ``clusters.Deadline`` of the step ``drive_report``; mở lại hạn for one unit is its
  ``DeadlineExtension``, as for every step of the year.
- ``StepCompletion`` — a step of the cluster year marked done (bước đã hoàn thành).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanKind(models.TextChoices):
    WORK_PLAN = "work-plan", _("Kế hoạch công tác thi đua, khen thưởng")
    RULES = "rules", _("Quy chế hoạt động và nguyên tắc bình xét")
    SUMMARY_REPORT = "summary-report", _("Báo cáo tổng kết")


# The documents of the plan step (bước "Thông qua kế hoạch, quy chế", start of the year); the
# summary report belongs to the year-end conference and neither completes nor holds up that step.
PLAN_STEP_KINDS = (PlanKind.WORK_PLAN, PlanKind.RULES)

# Short labels for summaries: "Kế hoạch: đã thông qua 30/03/2021 · Quy chế: bản 2, chờ thông qua".
PLAN_SHORT_LABELS = {
    PlanKind.WORK_PLAN: _("Kế hoạch"),
    PlanKind.RULES: _("Quy chế"),
    PlanKind.SUMMARY_REPORT: _("Báo cáo tổng kết"),
}


class MovementKind(models.TextChoices):
    REGULAR = "regular", _("Thường xuyên")
    THEMATIC = "thematic", _("Theo chuyên đề")
