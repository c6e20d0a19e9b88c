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

from typing import Any

import rules
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.accounts.enums import Role
from thidua.clusters.deadlines import is_step_open
from thidua.clusters.enums import CycleStep
from thidua.clusters.on_behalf import may_record_on_behalf, speaks_for_unit
from thidua.clusters.rules import (
    can_manage_cluster_year,
    can_see_cluster_year,
    is_board_officer,
    is_system_admin,
    keeps_cluster_records,
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
from thidua.start_of_year.refusals import (
    NO_DRAFT,
    NO_PLEDGE,
    NO_REGISTRATION,
    already_signed,
    already_signed_by_own_unit,
    not_a_member,
    not_editable,
    pledge_exists,
    pledge_is_a_draft,
    pledge_is_superseded,
    pledge_late,
    registration_late,
    registration_unit_not_a_member,
    signatures_of,
    step_late,
    transition_refused,
)

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
        and speaks_for_unit(user, user.organization_id)
        and is_member_unit(user, pledge.cluster_year)
    )


@rules.predicate
def works_for_registered_unit(user: Any, registration: Any) -> bool:
    """Officers and leaders of the unit (and the head unit's secretariat for its own unit);
    never a system administrator (``clusters.on_behalf``)."""
    return bool(registration is not None and speaks_for_unit(user, registration.organization_id))


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


@rules.predicate
def unit_has_not_signed(user: Any, pledge: Any) -> bool:
    if pledge.pk is None:
        return True
    signed = getattr(pledge, "_prefetched_objects_cache", {}).get("signatures")
    if signed is not None:
        return all(s.organization_id != user.organization_id for s in signed)
    return not pledge.signatures.filter(organization_id=user.organization_id).exists()


@rules.predicate
def keeps_records_of_pledge_year(user: Any, pledge: Any) -> bool:
    """Who records the cluster's paper past: the admin, the board officer, the secretariat of
    the pledge's year or of a later one (``clusters.rules.keeps_cluster_records``)."""
    return bool(pledge is not None and keeps_cluster_records(user, pledge.cluster_year))


@rules.predicate
def pledge_step_open_for_unit(user: Any, pledge: Any) -> bool:
    return is_step_open(
        cluster_year=pledge.cluster_year, step=CycleStep.PLEDGE, organization=user.organization
    )


# On behalf: asked about the unsaved PledgeSignature (pledge, unit), the unit's own states.


def _of_the_pledge(predicate: Any) -> Any:
    """``predicate`` asked of the signature's pledge."""
    return rules.predicate(lambda user, sig: predicate.test(user, sig.pledge), name=predicate.name)


@rules.predicate
def signature_unit_is_member(user: Any, signature: Any) -> bool:
    members = signature.pledge.cluster_year.memberships.all()
    return any(m.organization_id == signature.organization_id for m in members)


@rules.predicate
def signature_unit_has_not_signed(user: Any, signature: Any) -> bool:
    return all(
        s.organization_id != signature.organization_id for s in signatures_of(signature.pledge)
    )


@rules.predicate
def pledge_step_open_for_signature_unit(user: Any, signature: Any) -> bool:
    return is_step_open(
        cluster_year=signature.pledge.cluster_year,
        step=CycleStep.PLEDGE,
        organization=signature.organization,
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
    when=[(year_has_no_pledge, pledge_exists)],
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


# ---------------------------------------------------------------- background exports (ExportJob)


@rules.predicate
def requested_export(user: Any, job: Any = None) -> bool:
    """The person who queued the export (nobody else sees it or its file)."""
    return bool(job is not None and user.is_authenticated and job.requested_by_id == user.pk)


EXPORT_ROLLUP = action(
    "start_of_year.export_rollup",
    label=_("xuất Excel tổng hợp giao ước, đăng ký thi đua"),
    who=is_system_admin | is_board_officer,
)
EXPORT_FOLLOW_UP = action(
    "start_of_year.export_follow_up",
    label=_("xuất Excel danh sách đơn vị chậm tiến độ của mọi cụm, khối"),
    who=may_run_cluster_years,
)
DOWNLOAD_EXPORT = action(
    "start_of_year.download_export",
    label=_("xem và tải tệp đã xuất"),
    who=requested_export,
)

# ---------------------------------------------------------------- the pledge

SIGN_PLEDGE = action(
    "start_of_year.sign_pledge",
    label=_("ký giao ước thay mặt đơn vị (chỉ thủ trưởng đơn vị thành viên)"),
    who=leads_a_member_unit,
    when=[
        (pledge_is_not_draft, pledge_is_a_draft),
        (pledge_is_current, pledge_is_superseded),
        (unit_has_not_signed, already_signed_by_own_unit),
        (pledge_step_open_for_unit, pledge_late),
    ],
)

RECORD_PAPER_SIGNING = action(
    "start_of_year.record_paper_signing",
    label=_(
        "ghi nhận giao ước đã ký trên giấy tại hội nghị (thư ký cụm, Ban Thi đua - Khen thưởng, "
        "quản trị hệ thống)"
    ),
    who=keeps_records_of_pledge_year,
    when=[
        (
            pledge_is_not_draft,
            lambda user, pledge: (
                pledge_is_a_draft(user, pledge)
                + " "
                + gettext("Hãy mở ký giao ước rồi ghi nhận chữ ký trên giấy.")
            ),
        ),
        (pledge_is_current, pledge_is_superseded),
    ],
)

# The board records a unit's signature given on paper (ghi thay, có lý do: clusters.on_behalf).
SIGN_PLEDGE_ON_BEHALF = action(
    "start_of_year.sign_pledge_on_behalf",
    label=_(
        "ghi thay đơn vị chữ ký giao ước (có lý do; quản trị hệ thống, Ban Thi đua - Khen thưởng)"
    ),
    who=may_record_on_behalf,
    when=[
        (
            _of_the_pledge(pledge_is_not_draft),
            lambda user, sig: pledge_is_a_draft(user, sig.pledge),
        ),
        (_of_the_pledge(pledge_is_current), lambda user, s: pledge_is_superseded(user, s.pledge)),
        (
            signature_unit_is_member,
            lambda user, sig: not_a_member(sig.organization, sig.pledge.cluster_year),
        ),
        (
            signature_unit_has_not_signed,
            lambda user, sig: already_signed(sig.pledge, sig.organization),
        ),
        (
            pledge_step_open_for_signature_unit,
            lambda user, sig: step_late(sig.pledge.cluster_year, CycleStep.PLEDGE),
        ),
    ],
)

# ---------------------------------------------------------------- registrations

EDIT_REGISTRATION = action(
    "start_of_year.edit_registration",
    label=_("sửa đăng ký thi đua của đơn vị (chỉ cán bộ, lãnh đạo của đơn vị)"),
    who=works_for_registered_unit,
    when=[
        (registration_unit_is_member, registration_unit_not_a_member),
        (registration_is_editable, not_editable),
        (registration_step_open, registration_late),
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
            transition_refused(RegistrationAction.SUBMIT),
        ),
        (registration_step_open, registration_late),
    ],
)
# The board records and submits a unit's registration sent on paper (ghi thay, có lý do): the
# states and the deadline of the unit's own editing and submission.
SUBMIT_REGISTRATION_ON_BEHALF = action(
    "start_of_year.submit_registration_on_behalf",
    label=_(
        "ghi thay đơn vị đăng ký thi đua (có lý do; quản trị hệ thống, Ban Thi đua - Khen thưởng)"
    ),
    who=may_record_on_behalf,
    when=EDIT_REGISTRATION.conditions,
)
ACCEPT_REGISTRATION = action(
    "start_of_year.accept_registration",
    label=_("chấp nhận đăng ký thi đua (thư ký cụm, Ban Thi đua - Khen thưởng, quản trị hệ thống)"),
    who=manages_registration_year,
    when=[
        (registration_exists, NO_REGISTRATION),
        (
            _status_allows(RegistrationAction.ACCEPT),
            transition_refused(RegistrationAction.ACCEPT),
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
            transition_refused(RegistrationAction.RETURN),
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
