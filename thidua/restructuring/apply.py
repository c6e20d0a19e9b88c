"""Applying a plan: the writes of ``services.restructure``, in its transaction, exactly as planned."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.organizations.enums import SuccessionKind
from thidua.organizations.models import Organization, Succession
from thidua.organizations.services import (
    create_organization,
    record_succession,
    update_organization,
)
from thidua.people.unit_moves import move_unit_people
from thidua.restructuring.enums import MembershipAction, PeopleAction, RestructuringKind
from thidua.restructuring.plan import ONE_DAY, NewUnit, Plan, Spec

SUCCESSION_KINDS = {
    RestructuringKind.MERGE: SuccessionKind.MERGE,
    RestructuringKind.SPLIT: SuccessionKind.SPLIT,
    RestructuringKind.RENAME: SuccessionKind.RENAME,
}
MEMBERSHIP_FIELDS = ["cluster_year_id", "organization_id", "joined_on", "left_on", "note"]


@dataclass
class Applied:
    successors: list[Organization]
    successions: list[Succession]


def apply_plan(spec: Spec, plan: Plan) -> Applied:
    effective = plan.effective_date
    successors = [_successor(spec, s) for s in spec.successors]
    by_code = {s.code: s for s in successors}
    successions: list[Succession] = []
    for unit in spec.units:
        successions.extend(
            record_succession(
                predecessor=unit,
                successor=successor,
                kind=SUCCESSION_KINDS[RestructuringKind(spec.kind)],
                effective_date=effective,
                decision_ref=spec.decision.reference,
                note=spec.decision.note,
            )
            for successor in successors
        )
        if spec.kind == RestructuringKind.DISSOLVE:
            update_organization(organization=unit, valid_to=effective - ONE_DAY)
        elif spec.kind == RestructuringKind.MOVE:
            update_organization(organization=unit, authority=spec.target_authority)
    _apply_memberships(spec, plan, by_code)
    _apply_heads(plan, by_code)
    _apply_people(spec, plan, by_code)
    return Applied(successors=successors, successions=successions)


def _successor(spec: Spec, successor: Organization | NewUnit) -> Organization:
    if isinstance(successor, Organization):
        return successor
    first = spec.units[0]
    return create_organization(
        code=successor.code,
        name=successor.name,
        kind=successor.kind or first.kind,
        short_name=successor.short_name,
        parent=first.parent,
        authority=first.authority,
        province=first.province,
        valid_from=spec.decision.effective_date,
        note=spec.decision.reference,
    )


def _apply_memberships(spec: Spec, plan: Plan, by_code: dict[str, Organization]) -> None:
    changes = plan.changes
    rows = ClusterMembership.objects.select_related("cluster_year", "organization").in_bulk(
        [c.membership_id for c in changes]
    )
    notes = _inherit_notes(plan, rows, spec)
    for change in changes:
        membership = rows[change.membership_id]
        before = snapshot(membership, MEMBERSHIP_FIELDS)
        left = plan.effective_date - ONE_DAY
        if change.action == MembershipAction.DROP:
            membership.delete()
        elif change.action == MembershipAction.MOVE:
            membership.organization = by_code[change.successor or ""]
            membership.note = notes[(change.cluster_year_id, change.successor)][:300]
            membership.save(update_fields=["organization", "note", "updated"])
        else:  # end, join
            membership.left_on = left
            membership.save(update_fields=["left_on", "updated"])
        if change.action == MembershipAction.JOIN:
            _join(
                membership.cluster_year,
                by_code[change.successor or ""],
                plan.effective_date,
                notes[(change.cluster_year_id, change.successor)],
            )
        record_event(
            action=f"cluster_year.member.restructure.{change.action}",
            obj=membership.cluster_year,
            before=before,
            after=None
            if change.action == MembershipAction.DROP
            else snapshot(membership, MEMBERSHIP_FIELDS),
            note=spec.decision.reference,
        )


def _inherit_notes(
    plan: Plan, rows: dict[int, ClusterMembership], spec: Spec
) -> dict[tuple[int, str | None], str]:
    """ "Kế thừa Xã A, Xã B (Quyết định số …)" for each membership a successor takes."""
    names: dict[tuple[int, str | None], list[str]] = defaultdict(list)
    for change in plan.changes:
        if change.successor:
            names[(change.cluster_year_id, change.successor)].append(
                rows[change.membership_id].organization.name
            )
    return {
        key: _("Kế thừa {units} ({decision})").format(
            units=", ".join(units), decision=spec.decision.reference
        )
        for key, units in names.items()
    }


def _join(
    cluster_year: ClusterYear, organization: Organization, joined_on: dt.date, note: str
) -> None:
    ClusterMembership.objects.create(
        cluster_year=cluster_year,
        organization=organization,
        year=cluster_year.year,
        authority_id=cluster_year.cluster.authority_id,
        kind=cluster_year.cluster.kind,
        joined_on=joined_on,
        note=note[:300],
    )


def _apply_people(spec: Spec, plan: Plan, by_code: dict[str, Organization]) -> None:
    """The people of the old units continue at the successor, or their periods end."""
    units = {u.code: u for u in spec.units}
    moves = {
        units[change.unit]: by_code[change.successor] if change.successor else None
        for change in plan.people
        if change.action in (PeopleAction.MOVE, PeopleAction.END)
    }
    if moves:
        move_unit_people(
            moves=moves, effective_date=plan.effective_date, note=spec.decision.reference
        )


def _apply_heads(plan: Plan, by_code: dict[str, Organization]) -> None:
    by_year: dict[int, dict[str, str | None]] = defaultdict(dict)
    for change in plan.heads:
        by_year[change.cluster_year_id][change.role] = change.new
    years = ClusterYear.objects.in_bulk(list(by_year))
    others = Organization.objects.in_bulk(
        field_name="code",
        id_list=[c for roles in by_year.values() for c in roles.values() if c and c not in by_code],
    )
    for pk, roles in by_year.items():
        cy = years[pk]
        before = snapshot(cy, ["head_id", "deputy_id"])
        for role, code in roles.items():
            setattr(cy, role, (by_code.get(code) or others.get(code)) if code else None)
        cy.save(update_fields=["head", "deputy", "updated"])
        record_event(
            action="cluster_year.heads.restructure",
            obj=cy,
            before=before,
            after=snapshot(cy, ["head_id", "deputy_id"]),
            note=plan.decision_number,
        )
