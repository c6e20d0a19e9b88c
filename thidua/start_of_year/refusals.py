"""Why an action of the start of the year is refused: the Vietnamese reasons of the conditions in
``rules`` (each names what it is about: the unit, the version, the status, the deadline). The
functions take the person and the object and are called only when their condition fails."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.clusters.enums import CycleStep
from thidua.clusters.models import Deadline
from thidua.start_of_year.enums import RegistrationAction


def signatures_of(pledge: Any) -> Any:
    """The pledge's signatures: the prefetched ones, else a queryset."""
    signed = getattr(pledge, "_prefetched_objects_cache", {}).get("signatures")
    return signed if signed is not None else pledge.signatures.all()


NO_REGISTRATION = _("Đơn vị chưa có đăng ký thi đua.")
NO_PLEDGE = _("Chưa có giao ước để sửa. Hãy tạo dự thảo giao ước trước.")
NO_DRAFT = _("Không có dự thảo giao ước để mở ký.")


def _moment(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")


def step_late(cluster_year: Any, step: str) -> str:
    """The step's deadline has passed (and was not reopened for the unit): when it was."""
    deadline = Deadline.objects.filter(cluster_year=cluster_year, step=step, key="").first()
    return gettext(
        "Đã quá hạn “{step}” ({due}). Hãy đề nghị đơn vị trưởng mở lại hạn cho đơn vị."
    ).format(step=CycleStep(step).label, due=_moment(deadline.due_at) if deadline else "—")


def not_a_member(organization: Any, cluster_year: Any) -> str:
    return gettext("{unit} không phải thành viên của {cluster} năm {year}.").format(
        unit=organization.name, cluster=cluster_year.cluster.name, year=cluster_year.year
    )


def already_signed(pledge: Any, organization: Any) -> str:
    """``organization`` has signed ``pledge``: when (from the prefetched signatures if any)."""
    signature = next(
        (s for s in signatures_of(pledge) if s.organization_id == organization.pk), None
    )
    if signature is None:  # a concurrent signature not visible here
        return gettext("{unit} đã ký giao ước phiên bản {v}; không ký lại.").format(
            unit=organization.name, v=pledge.version
        )
    return gettext("{unit} đã ký giao ước phiên bản {v} lúc {at}; không ký lại.").format(
        unit=organization.name, v=pledge.version, at=_moment(signature.signed_at)
    )


def pledge_is_a_draft(user: Any, pledge: Any) -> str:
    return gettext("Giao ước phiên bản {v} còn là dự thảo, chưa mở ký.").format(v=pledge.version)


def pledge_is_superseded(user: Any, pledge: Any) -> str:
    return gettext(
        "Giao ước phiên bản {v} đã được thay bằng phiên bản mới; hãy ký phiên bản hiện hành."
    ).format(v=pledge.version)


def pledge_exists(user: Any, cluster_year: Any) -> str:
    return gettext("{cluster} năm {year} đã có giao ước; hãy sửa giao ước hiện có.").format(
        cluster=cluster_year.cluster.name, year=cluster_year.year
    )


def already_signed_by_own_unit(user: Any, pledge: Any) -> str:
    return already_signed(pledge, user.organization)


def pledge_late(user: Any, pledge: Any) -> str:
    return step_late(pledge.cluster_year, CycleStep.PLEDGE)


def registration_late(user: Any, registration: Any) -> str:
    return step_late(registration.cluster_year, CycleStep.REGISTRATION)


def registration_unit_not_a_member(user: Any, registration: Any) -> str:
    return not_a_member(registration.organization, registration.cluster_year)


def not_editable(user: Any, registration: Any) -> str:
    return gettext(
        "Đăng ký thi đua của {unit} đang ở trạng thái “{status}”, không sửa được; chỉ "
        "sửa khi đang soạn hoặc bị trả lại."
    ).format(unit=registration.organization.name, status=registration.get_status_display())


# Why a transition does not leave the registration's status (``enums.TRANSITIONS``).
_TRANSITION_REFUSALS = {
    RegistrationAction.SUBMIT: _("Đăng ký của {unit} đang “{status}”, không gửi lại được."),
    RegistrationAction.ACCEPT: _(
        "Chỉ chấp nhận được đăng ký đã gửi; đăng ký của {unit} đang “{status}”."
    ),
    RegistrationAction.RETURN: _(
        "Chỉ trả lại được đăng ký đã gửi hoặc đã chấp nhận; đăng ký của {unit} đang “{status}”."
    ),
}


def transition_refused(action_: str) -> Any:
    def transition_refused(user: Any, registration: Any) -> str:
        return str(_TRANSITION_REFUSALS[RegistrationAction(action_)]).format(
            unit=registration.organization.name, status=registration.get_status_display()
        )

    return transition_refused
