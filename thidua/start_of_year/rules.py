"""Every action of the start of the year, once: who may take it, in which state, before which
deadline (``core.permissions.action``). Pages, templates (``{% has_perm %}``), the API and the
services all ask these names; a service calls ``check`` first and refuses with the message of
the first condition that fails.

Scope is not here: what a user may *see* is in the selectors (a 404 outside it). The object each
action is asked about:

- the cluster year (``ClusterYear``): viewing, drafting the pledge (create, edit, open), deadlines,
  the year's settings, the follow-up list;
- one pledge version (``Pledge``): signing it;
- one unit's registration (``Registration``, unsaved while the unit has not started one): editing
  it and its models and topics, submitting, accepting, returning, reporting progress.

The progress deadline does not refuse a report: a late report is kept and marked “báo cáo sau
hạn” (docs/start-of-year.md), so it is no condition of ``report_progress``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import rules
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import UNIT_ROLES, Role
from thidua.clusters.deadlines import is_step_open
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import Deadline
from thidua.clusters.rules import (
    can_manage_cluster_year,
    can_see_cluster_year,
    is_board_officer,
    is_system_admin,
)
from thidua.core.permissions import action
from thidua.start_of_year.enums import (
    CURRENT_PLEDGE_STATUSES,
    TRANSITIONS,
    PledgeStatus,
    RegistrationAction,
    RegistrationStatus,
)
from thidua.start_of_year.models import Pledge

# ---------------------------------------------------------------- who


def is_member_unit(user: Any, cluster_year: Any) -> bool:
    """The user's unit is a member of the cluster year (uses prefetched memberships if any)."""
    if cluster_year is None or not user.is_authenticated or not user.organization_id:
        return False
    return any(m.organization_id == user.organization_id for m in cluster_year.memberships.all())


@rules.predicate
def leads_a_member_unit(user: Any, pledge: Any) -> bool:
    """The head of a member unit (thủ trưởng): the only person who signs for the unit."""
    return bool(
        pledge is not None
        and user.is_authenticated
        and user.role == Role.UNIT_LEADER
        and is_member_unit(user, pledge.cluster_year)
    )


@rules.predicate
def works_for_registered_unit(user: Any, registration: Any) -> bool:
    """Officers and leaders of the unit (and the head unit's secretariat for its own unit)."""
    return bool(
        registration is not None
        and user.is_authenticated
        and user.role in UNIT_ROLES
        and user.organization_id == registration.organization_id
    )


@rules.predicate
def manages_registration_year(user: Any, registration: Any) -> bool:
    return bool(
        registration is not None and can_manage_cluster_year(user, registration.cluster_year)
    )


@rules.predicate
def is_cluster_secretariat(user: Any) -> bool:
    """A secretariat user with a unit: it runs the cluster years its unit heads."""
    return bool(
        user.is_authenticated
        and user.role == Role.CLUSTER_SECRETARIAT
        and user.organization_id is not None
    )


# Without a cluster year (the list across clusters): the people for whom
# ``clusters.selectors.managed_cluster_years`` is not empty by role — the admin, a board officer
# of an authority, a secretariat of a unit; the list shows the years they run (maybe none).
may_run_cluster_years = is_system_admin | is_board_officer | is_cluster_secretariat


@rules.predicate
def follows_up(user: Any, cluster_year: Any = None) -> bool:
    """One cluster year: whoever manages it. Without one: whoever may run cluster years."""
    if cluster_year is not None:
        return bool(can_manage_cluster_year(user, cluster_year))
    return bool(may_run_cluster_years(user))


# ---------------------------------------------------------------- the pledge's state


@rules.predicate
def year_has_no_pledge(user: Any, cluster_year: Any) -> bool:
    return not Pledge.objects.filter(cluster_year=cluster_year).exists()


@rules.predicate
def year_has_pledge(user: Any, cluster_year: Any) -> bool:
    return Pledge.objects.filter(cluster_year=cluster_year).exists()


@rules.predicate
def year_has_draft_pledge(user: Any, cluster_year: Any) -> bool:
    return Pledge.objects.filter(cluster_year=cluster_year, status=PledgeStatus.DRAFT).exists()


@rules.predicate
def pledge_is_not_draft(user: Any, pledge: Any) -> bool:
    return bool(pledge.status != PledgeStatus.DRAFT)


@rules.predicate
def pledge_is_current(user: Any, pledge: Any) -> bool:
    return bool(pledge.status in CURRENT_PLEDGE_STATUSES)


def _signatures(pledge: Any) -> Any:
    """The pledge's signatures: the prefetched ones, else a queryset."""
    signed = getattr(pledge, "_prefetched_objects_cache", {}).get("signatures")
    return signed if signed is not None else pledge.signatures.all()


@rules.predicate
def unit_has_not_signed(user: Any, pledge: Any) -> bool:
    if pledge.pk is None:
        return True
    signed = getattr(pledge, "_prefetched_objects_cache", {}).get("signatures")
    if signed is not None:
        return all(s.organization_id != user.organization_id for s in signed)
    return not pledge.signatures.filter(organization_id=user.organization_id).exists()


@rules.predicate
def pledge_step_open_for_unit(user: Any, pledge: Any) -> bool:
    return is_step_open(
        cluster_year=pledge.cluster_year, step=CycleStep.PLEDGE, organization=user.organization
    )


# ---------------------------------------------------------------- a registration's state


def _status_allows(action_: str) -> Any:
    """The state machine (``enums.TRANSITIONS``) says whether ``action_`` leaves this status."""

    def status_allows(user: Any, registration: Any) -> bool:
        return (registration.status, action_) in TRANSITIONS

    return rules.predicate(status_allows, name=f"status_allows_{action_}")


@rules.predicate
def registration_exists(user: Any, registration: Any) -> bool:
    return registration.pk is not None


@rules.predicate
def registration_is_editable(user: Any, registration: Any) -> bool:
    """Being drafted or returned: not while it waits for the secretariat, nor once accepted."""
    return bool(registration.is_editable)


@rules.predicate
def registration_is_accepted(user: Any, registration: Any) -> bool:
    return bool(registration.status == RegistrationStatus.ACCEPTED)


@rules.predicate
def registration_unit_is_member(user: Any, registration: Any) -> bool:
    memberships = registration.cluster_year.memberships.all()  # prefetched by the pages
    return any(m.organization_id == registration.organization_id for m in memberships)


@rules.predicate
def registration_step_open(user: Any, registration: Any) -> bool:
    return is_step_open(
        cluster_year=registration.cluster_year,
        step=CycleStep.REGISTRATION,
        organization=registration.organization,
    )


# ---------------------------------------------------------------- messages
# A refusal names what it is about (the unit, the version, the status, the deadline): the
# functions take the person and the object and are called only when their condition fails.

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
    signature = next((s for s in _signatures(pledge) if s.organization_id == organization.pk), None)
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


def _pledge_exists(user: Any, cluster_year: Any) -> str:
    return gettext("{cluster} năm {year} đã có giao ước; hãy sửa giao ước hiện có.").format(
        cluster=cluster_year.cluster.name, year=cluster_year.year
    )


def _already_signed_by_own_unit(user: Any, pledge: Any) -> str:
    return already_signed(pledge, user.organization)


def _pledge_late(user: Any, pledge: Any) -> str:
    return step_late(pledge.cluster_year, CycleStep.PLEDGE)


def _registration_late(user: Any, registration: Any) -> str:
    return step_late(registration.cluster_year, CycleStep.REGISTRATION)


def _registration_unit_not_a_member(user: Any, registration: Any) -> str:
    return not_a_member(registration.organization, registration.cluster_year)


def _not_editable(user: Any, registration: Any) -> str:
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


def _transition_refused(action_: str) -> Any:
    def transition_refused(user: Any, registration: Any) -> str:
        return str(_TRANSITION_REFUSALS[RegistrationAction(action_)]).format(
            unit=registration.organization.name, status=registration.get_status_display()
        )

    return transition_refused


# ---------------------------------------------------------------- the cluster year

VIEW_PLEDGE = action(
    "start_of_year.view_pledge",
    label=_("xem giao ước và đăng ký thi đua của cụm, khối"),
    who=can_see_cluster_year,
)
CREATE_PLEDGE = action(
    "start_of_year.create_pledge",
    label=_(
        "soạn giao ước thi đua của cụm, khối (thư ký cụm, Ban Thi đua - Khen thưởng, quản trị hệ thống)"
    ),
    who=can_manage_cluster_year,
    when=[(year_has_no_pledge, _pledge_exists)],
)
EDIT_PLEDGE = action(
    "start_of_year.edit_pledge",
    label=_(
        "sửa giao ước thi đua của cụm, khối (thư ký cụm, Ban Thi đua - Khen thưởng, quản trị hệ thống)"
    ),
    who=can_manage_cluster_year,
    when=[(year_has_pledge, NO_PLEDGE)],
)
OPEN_PLEDGE = action(
    "start_of_year.open_pledge",
    label=_("mở ký giao ước thi đua (thư ký cụm, Ban Thi đua - Khen thưởng, quản trị hệ thống)"),
    who=can_manage_cluster_year,
    when=[(year_has_draft_pledge, NO_DRAFT)],
)
EDIT_SETTINGS = action(
    "start_of_year.edit_settings",
    label=_(
        "sửa cài đặt đầu năm của cụm, khối (thư ký cụm, Ban Thi đua - Khen thưởng, quản trị hệ thống)"
    ),
    who=can_manage_cluster_year,
)
VIEW_FOLLOW_UP = action(
    "start_of_year.view_follow_up",
    label=_("xem danh sách đơn vị chậm tiến độ"),
    who=follows_up,
)
VIEW_ROLLUP = action(
    "start_of_year.view_rollup",
    label=_("xem tổng hợp giao ước, đăng ký thi đua của mọi cụm, khối"),
    who=is_system_admin | is_board_officer,
)

# ---------------------------------------------------------------- the pledge

SIGN_PLEDGE = action(
    "start_of_year.sign_pledge",
    label=_("ký giao ước thay mặt đơn vị (chỉ thủ trưởng đơn vị thành viên)"),
    who=leads_a_member_unit,
    when=[
        (pledge_is_not_draft, pledge_is_a_draft),
        (pledge_is_current, pledge_is_superseded),
        (unit_has_not_signed, _already_signed_by_own_unit),
        (pledge_step_open_for_unit, _pledge_late),
    ],
)

# ---------------------------------------------------------------- registrations

EDIT_REGISTRATION = action(
    "start_of_year.edit_registration",
    label=_("sửa đăng ký thi đua của đơn vị (chỉ cán bộ, lãnh đạo của đơn vị)"),
    who=works_for_registered_unit,
    when=[
        (registration_unit_is_member, _registration_unit_not_a_member),
        (registration_is_editable, _not_editable),
        (registration_step_open, _registration_late),
    ],
)
SUBMIT_REGISTRATION = action(
    "start_of_year.submit_registration",
    label=_("gửi đăng ký thi đua của đơn vị (chỉ cán bộ, lãnh đạo của đơn vị)"),
    who=works_for_registered_unit,
    when=[
        (registration_exists, NO_REGISTRATION),
        (
            _status_allows(RegistrationAction.SUBMIT),
            _transition_refused(RegistrationAction.SUBMIT),
        ),
        (registration_step_open, _registration_late),
    ],
)
ACCEPT_REGISTRATION = action(
    "start_of_year.accept_registration",
    label=_("chấp nhận đăng ký thi đua (thư ký cụm, Ban Thi đua - Khen thưởng, quản trị hệ thống)"),
    who=manages_registration_year,
    when=[
        (registration_exists, NO_REGISTRATION),
        (
            _status_allows(RegistrationAction.ACCEPT),
            _transition_refused(RegistrationAction.ACCEPT),
        ),
    ],
)
RETURN_REGISTRATION = action(
    "start_of_year.return_registration",
    label=_("trả lại đăng ký thi đua (thư ký cụm, Ban Thi đua - Khen thưởng, quản trị hệ thống)"),
    who=manages_registration_year,
    when=[
        (registration_exists, NO_REGISTRATION),
        (
            _status_allows(RegistrationAction.RETURN),
            _transition_refused(RegistrationAction.RETURN),
        ),
    ],
)
REPORT_PROGRESS = action(
    "start_of_year.report_progress",
    label=_("báo cáo tiến độ của đơn vị (chỉ cán bộ, lãnh đạo của đơn vị)"),
    who=works_for_registered_unit,
    when=[
        (
            registration_is_accepted,
            _("Chỉ báo cáo tiến độ khi đăng ký thi đua đã được chấp nhận."),
        )
    ],
)

# The action of each transition of the state machine (``enums.TRANSITIONS``).
TRANSITION_ACTIONS = {
    RegistrationAction.SUBMIT: SUBMIT_REGISTRATION,
    RegistrationAction.ACCEPT: ACCEPT_REGISTRATION,
    RegistrationAction.RETURN: RETURN_REGISTRATION,
}
