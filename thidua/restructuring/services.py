"""Restructuring units: one service per kind, each one audited transaction, permission checked.

``merge_units`` (n → 1), ``split_unit`` (1 → n), ``rename_unit``, ``move_unit`` (to another
authority) and ``dissolve_unit`` build a :class:`~thidua.restructuring.plan.Spec`; ``preview``
returns its plan without writing, ``restructure`` checks, plans again inside its transaction and
applies exactly that plan (see ``plan.py`` for which memberships move), then stores the plan on
the ``Restructuring``. ``user=None`` is a trusted caller (the command line, the import after its
own check).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.core.permissions import check
from thidua.organizations.models import Authority, Organization
from thidua.restructuring.apply import apply_plan
from thidua.restructuring.enums import RestructuringKind
from thidua.restructuring.models import Restructuring
from thidua.restructuring.plan import Decision, NewUnit, Plan, Spec, build_plan
from thidua.restructuring.validators import validate_spec

if TYPE_CHECKING:
    from thidua.accounts.models import User

PERMISSION = "restructuring.restructure"


def check_permission(user: User | None, spec: Spec) -> None:
    """The person may restructure the old units of every authority involved."""
    if user is None:
        return
    check(user, PERMISSION)
    for authority in {u.authority_id: u.authority for u in spec.units}.values():
        if authority is None and not user.is_system_admin:
            raise PermissionDenied(
                _("Chỉ quản trị hệ thống sắp xếp được đơn vị chưa thuộc cơ quan nào.")
            )
        check(user, PERMISSION, authority)


def preview(spec: Spec, *, user: User | None) -> Plan:
    """The plan of ``spec``, checked like the commit, without writing anything."""
    check_permission(user, spec)
    validate_spec(spec)
    return build_plan(spec)


def restructure(spec: Spec, *, user: User | None) -> Restructuring:
    """Apply ``spec``. Side effects: new units, old units closed (or moved), succession links,
    memberships moved/ended, heads passed on, the people of the old units moved to the successor
    or their periods ended (``people.unit_moves``), the ``Restructuring`` row, audit events."""
    return restructure_with_plan(spec, user=user)[0]


@transaction.atomic
def restructure_with_plan(spec: Spec, *, user: User | None) -> tuple[Restructuring, Plan]:
    """:func:`restructure`, also returning the plan it applied (the import reports it)."""
    check_permission(user, spec)
    # lock and re-read the old units: two restructurings of one unit run one after another, and
    # the second sees the first one's end date
    locked = Organization.objects.select_for_update(of=("self",)).select_related(
        "authority", "parent"
    )
    fresh = locked.in_bulk([u.pk for u in spec.units])
    spec = replace(spec, units=tuple(fresh.get(u.pk, u) for u in spec.units))
    validate_spec(spec)
    plan = build_plan(spec)
    restructuring = Restructuring.objects.create(
        kind=spec.kind,
        decision_number=spec.decision.number,
        decision_date=spec.decision.date,
        issuing_body=spec.decision.issuing_body,
        effective_date=spec.decision.effective_date,
        note=spec.decision.note,
        authority=spec.units[0].authority if spec.units else None,
        plan=plan.as_dict(),
        created_by=user,
    )
    applied = apply_plan(spec, plan)
    restructuring.units.set([*spec.units, *applied.successors])
    restructuring.successions.set(applied.successions)
    record_event(
        action="restructuring.commit",
        obj=restructuring,
        after=restructuring.plan,
        note=spec.decision.reference,
    )
    return restructuring, plan


def merge_units(
    *,
    units: Sequence[Organization],
    decision: Decision,
    user: User | None,
    into: Organization | None = None,
    new_unit: NewUnit | None = None,
) -> Restructuring:
    """Sáp nhập / hợp nhất: ``units`` into an existing unit (``into``) or a new one."""
    successor = into or new_unit
    return restructure(
        Spec(
            RestructuringKind.MERGE,
            decision,
            tuple(units),
            (successor,) if successor else (),
        ),
        user=user,
    )


def split_unit(
    *,
    unit: Organization,
    into: Sequence[Organization | NewUnit],
    decision: Decision,
    user: User | None,
    assignments: Mapping[int, str] | None = None,
) -> Restructuring:
    """Chia tách: ``unit`` into several; ``assignments`` says which successor (by code) takes
    each open membership (by id); the first successor takes the others."""
    spec = Spec(
        RestructuringKind.SPLIT, decision, (unit,), tuple(into), assignments=assignments or {}
    )
    return restructure(spec, user=user)


def rename_unit(
    *, unit: Organization, new_unit: NewUnit, decision: Decision, user: User | None
) -> Restructuring:
    """Đổi tên: a new unit (new code and name) takes over; history stays with the old one."""
    return restructure(Spec(RestructuringKind.RENAME, decision, (unit,), (new_unit,)), user=user)


def move_unit(
    *, unit: Organization, authority: Authority, decision: Decision, user: User | None
) -> Restructuring:
    """Chuyển cơ quan quản lý: the unit keeps its identity and leaves the old authority's
    clusters and blocs from the effective date."""
    spec = Spec(RestructuringKind.MOVE, decision, (unit,), target_authority=authority)
    return restructure(spec, user=user)


def dissolve_unit(
    *, units: Sequence[Organization], decision: Decision, user: User | None
) -> Restructuring:
    """Giải thể: the units close the day before the effective date and leave their clusters."""
    return restructure(Spec(RestructuringKind.DISSOLVE, decision, tuple(units)), user=user)
