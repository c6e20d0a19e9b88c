"""The plan of a restructuring: what it will do, computed from the database without writing.

The wizard, the API, the XLSX import and ``thidua restructure --dry-run`` show this plan as the
preview; ``services.restructure`` builds it again inside its transaction and applies exactly it,
and stores it on the ``Restructuring`` (a test asserts that the preview equals what was applied).

Which memberships move (``E`` = the effective date, ``y`` = the year of the cluster year):

- ``1/1/y >= E`` (a later year, or a year that starts on the effective date): the old unit never
  works in that year, so its membership passes to the successor (``move``) — or is dropped when
  the successor is already a member, or the unit is dissolved/moved away (``drop``);
- ``1/1/y < E < 31/12/y`` and the year is **open**: the old unit leaves on ``E − 1``
  (``left_on``) and the successor joins from ``E`` (``join``), or the old unit only leaves
  (``end``);
- otherwise (an earlier year, or ``E`` on the last day of the year), or when the year is
  **closed** — an app above says so through ``impacts.CLOSURES``: scoring closes a year when its
  results are approved — the membership stays as it was (``keep``).

Heads and deputies of the cluster years that change pass to the successor who is a member there
after the restructuring; a dissolved or moved-away head leaves the post empty.

The people of the old units (``people.Employment`` still running on the effective date): after a
merge or a rename they continue at the successor from the effective date, after a dissolution
their periods end the day before; after a split they stay and are moved one by one (the plan
cannot tell who goes where). The preview counts them among the impacts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.organizations.models import Authority, Organization
from thidua.people.unit_moves import people_counts
from thidua.restructuring.enums import MembershipAction, PeopleAction, RestructuringKind
from thidua.restructuring.impacts import closed_years, count_impacts

ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class Decision:
    """The legal basis: quyết định số … ngày … của …, in force from ``effective_date``."""

    number: str
    date: dt.date
    effective_date: dt.date
    issuing_body: str = ""
    note: str = ""

    @property
    def reference(self) -> str:
        return _("Quyết định số {number} ngày {day:%d/%m/%Y}").format(
            number=self.number, day=self.date
        )


@dataclass(frozen=True)
class NewUnit:
    """A unit the restructuring creates; authority, province and parent are the old unit's."""

    code: str
    name: str
    kind: str = ""  # empty: the kind of the (first) old unit
    short_name: str = ""


@dataclass(frozen=True)
class Spec:
    """What a person asks for (the wizard's, the API's or one group of the import's rows)."""

    kind: str
    decision: Decision
    units: tuple[Organization, ...]
    successors: tuple[Organization | NewUnit, ...] = ()
    target_authority: Authority | None = None  # move
    assignments: Mapping[int, str] = field(default_factory=dict)  # split: membership → code


@dataclass(frozen=True)
class UnitRef:
    code: str
    name: str
    authority: str


@dataclass(frozen=True)
class MembershipChange:
    membership_id: int
    cluster_year_id: int
    cluster: str
    year: int
    unit: str  # the old unit's code
    action: str  # MembershipAction
    # the successor that is a member of the cluster year afterwards: through this row (move,
    # join), or already (end, drop with the reason "đơn vị mới đã là thành viên")
    successor: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class HeadChange:
    cluster_year_id: int
    cluster: str
    year: int
    role: str  # "head" | "deputy"
    old: str
    new: str | None


@dataclass(frozen=True)
class PeopleChange:
    """The open periods of the people of one old unit (``people.Employment``)."""

    unit: str  # the old unit's code
    count: int
    action: str  # PeopleAction
    successor: str | None = None  # move: the code of the unit they continue at
    label: str = ""  # "cá nhân chuyển sang đơn vị Phường X", for the preview


@dataclass(frozen=True)
class Plan:
    kind: str
    decision_number: str
    decision_date: dt.date
    issuing_body: str
    effective_date: dt.date
    note: str
    closed: tuple[UnitRef, ...]  # old units whose valid_to becomes the day before
    created: tuple[NewUnit, ...]
    linked: tuple[UnitRef, ...]  # existing units that take over
    successions: tuple[tuple[str, str], ...]  # (old code, new code)
    moved_to_authority: str | None  # move: the new authority's code
    memberships: tuple[MembershipChange, ...]
    heads: tuple[HeadChange, ...]
    impacts: tuple[tuple[str, int], ...]
    people: tuple[PeopleChange, ...] = ()

    @property
    def changes(self) -> list[MembershipChange]:
        return [m for m in self.memberships if m.action != MembershipAction.KEEP]

    @property
    def kept(self) -> list[MembershipChange]:
        return [m for m in self.memberships if m.action == MembershipAction.KEEP]

    @property
    def affected_cluster_years(self) -> list[tuple[str, int]]:
        return sorted({(m.cluster, m.year) for m in self.changes})

    @property
    def affected_clusters(self) -> list[str]:
        return sorted({m.cluster for m in self.changes})

    def summary(self) -> str:
        """ "3 cụm, khối và 2 giao ước đang mở bị ảnh hưởng"."""
        parts = [_("{n} cụm, khối").format(n=len(self.affected_clusters))]
        parts += [f"{count} {label}" for label, count in self.impacts]
        joined = ", ".join(parts[:-1]) + _(" và ") + parts[-1] if len(parts) > 1 else parts[0]
        return _("{what} bị ảnh hưởng.").format(what=joined)

    def as_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def unit_ref(org: Organization) -> UnitRef:
    return UnitRef(
        code=org.code, name=org.name, authority=str(org.authority) if org.authority else ""
    )


def successor_code(successor: Organization | NewUnit) -> str:
    return successor.code


def build_plan(spec: Spec) -> Plan:
    """The plan of ``spec`` against the database as it is now (no write)."""
    decision = spec.decision
    successors = [successor_code(s) for s in spec.successors]
    kind = spec.kind
    closes = kind != RestructuringKind.MOVE
    memberships = _membership_changes(spec, successors)
    heads = _head_changes(spec, memberships)
    people = _people_changes(spec)
    open_years = {m.cluster_year_id for m in memberships if m.action != MembershipAction.KEEP}
    return Plan(
        kind=kind,
        decision_number=decision.number,
        decision_date=decision.date,
        issuing_body=decision.issuing_body,
        effective_date=decision.effective_date,
        note=decision.note,
        closed=tuple(unit_ref(u) for u in spec.units) if closes else (),
        created=tuple(s for s in spec.successors if isinstance(s, NewUnit)),
        linked=tuple(unit_ref(s) for s in spec.successors if isinstance(s, Organization)),
        successions=tuple((u.code, code) for u in spec.units for code in successors),
        moved_to_authority=spec.target_authority.code if spec.target_authority else None,
        memberships=tuple(memberships),
        heads=tuple(heads),
        impacts=(
            *count_impacts({u.pk for u in spec.units}, open_years),
            *_people_impacts(people),
        ),
        people=people,
    )


def _people_changes(spec: Spec) -> tuple[PeopleChange, ...]:
    """Merge and rename: the people continue at the one successor from the effective date;
    dissolve: their periods end the day before; split: they stay, to be moved one by one (the
    plan cannot tell who goes where); move: the unit stays the same unit."""
    if spec.kind == RestructuringKind.MOVE:
        return ()
    counts = people_counts([u.pk for u in spec.units], spec.decision.effective_date)
    changes = []
    for unit in spec.units:
        count = counts.get(unit.pk, 0)
        if not count:
            continue
        if spec.kind in (RestructuringKind.MERGE, RestructuringKind.RENAME):
            successor = spec.successors[0]
            label = _("cá nhân chuyển sang đơn vị {unit}").format(unit=successor.name)
            changes.append(PeopleChange(unit.code, count, PeopleAction.MOVE, successor.code, label))
        elif spec.kind == RestructuringKind.DISSOLVE:
            label = _("cá nhân kết thúc công tác (đơn vị giải thể)")
            changes.append(PeopleChange(unit.code, count, PeopleAction.END, None, label))
        else:
            label = _("cá nhân còn ghi ở {unit}: chuyển từng người sang đơn vị mới").format(
                unit=unit.name
            )
            changes.append(PeopleChange(unit.code, count, PeopleAction.STAY, None, label))
    return tuple(changes)


def _people_impacts(changes: Sequence[PeopleChange]) -> list[tuple[str, int]]:
    """One line per label, in plan order: "5 cá nhân chuyển sang đơn vị Phường X"."""
    totals: dict[str, int] = {}
    for change in changes:
        totals[change.label] = totals.get(change.label, 0) + change.count
    return list(totals.items())


@dataclass
class _Running:
    """What the planner knows while it walks the memberships."""

    closed: set[int]  # closed cluster years
    taken: set[tuple[int, str]]  # (cluster year, successor code) already a member
    clashes: set[tuple[int, int, str, str]]  # (year, authority, kind, code) of the successors


def _membership_changes(spec: Spec, successors: Sequence[str]) -> list[MembershipChange]:
    effective = spec.decision.effective_date
    rows = list(
        ClusterMembership.objects.filter(organization__in=spec.units)
        .exclude(left_on__lt=effective)
        .select_related("cluster_year__cluster", "organization")
        .order_by("year", "cluster_year__cluster__code", "organization__code")
    )
    existing = _successor_memberships(spec, {m.year for m in rows})
    running = _Running(
        closed=closed_years({m.cluster_year_id for m in rows}),
        taken={(m.cluster_year_id, code) for m, code in existing},
        clashes={(m.year, m.authority_id, m.kind, code) for m, code in existing},
    )
    changes = []
    for membership in rows:
        change = _change_for(spec, membership, successors, running)
        if change.successor and change.action in (MembershipAction.MOVE, MembershipAction.JOIN):
            running.taken.add((membership.cluster_year_id, change.successor))
            clash = (membership.year, membership.authority_id, membership.kind, change.successor)
            running.clashes.add(clash)
        changes.append(change)
    return changes


def _successor_memberships(spec: Spec, years: set[int]) -> list[tuple[ClusterMembership, str]]:
    existing = [s for s in spec.successors if isinstance(s, Organization)]
    rows = ClusterMembership.objects.filter(organization__in=existing, year__in=years)
    codes = {s.pk: s.code for s in existing}
    return [(m, codes[m.organization_id]) for m in rows]


def _kept_because(spec: Spec, membership: ClusterMembership, running: _Running) -> str | None:
    cy = membership.cluster_year
    if spec.decision.effective_date >= dt.date(cy.year, 12, 31):
        return _("năm đã qua")
    if cy.pk in running.closed:
        return _("năm đã phê duyệt kết quả")
    if spec.kind == RestructuringKind.MOVE and membership.authority_id != _old_authority(spec):
        return _("cụm, khối của cơ quan khác")
    return None


def _change_for(
    spec: Spec, membership: ClusterMembership, successors: Sequence[str], running: _Running
) -> MembershipChange:
    cy = membership.cluster_year

    def change(action: str, successor: str | None = None, reason: str = "") -> MembershipChange:
        code = membership.organization.code
        return MembershipChange(
            membership.pk, cy.pk, cy.cluster.name, cy.year, code, action, successor, reason
        )

    if (kept := _kept_because(spec, membership, running)) is not None:
        return change(MembershipAction.KEEP, reason=kept)
    whole_year = dt.date(cy.year, 1, 1) >= spec.decision.effective_date
    leaves = MembershipAction.DROP if whole_year else MembershipAction.END
    target = _successor_for(spec, membership, successors)
    if target is None:
        return change(leaves, reason=_("đơn vị không còn trong cụm"))
    if (cy.pk, target) in running.taken:
        reason = _("đơn vị mới đã là thành viên")
        return change(leaves, target, reason)
    if (cy.year, membership.authority_id, membership.kind, target) in running.clashes:
        reason = _("đơn vị mới đã thuộc cụm, khối khác cùng loại năm {year}").format(year=cy.year)
        return change(leaves, reason=reason)
    action = MembershipAction.MOVE if whole_year else MembershipAction.JOIN
    return change(action, target)


def _old_authority(spec: Spec) -> int | None:
    return spec.units[0].authority_id if spec.units else None


def _successor_for(
    spec: Spec, membership: ClusterMembership, successors: Sequence[str]
) -> str | None:
    if spec.kind in (RestructuringKind.DISSOLVE, RestructuringKind.MOVE) or not successors:
        return None
    if spec.kind == RestructuringKind.SPLIT:
        return spec.assignments.get(membership.pk, successors[0])
    return successors[0]


def _head_changes(spec: Spec, changes: Sequence[MembershipChange]) -> list[HeadChange]:
    """Heads and deputies held by an old unit in a changed cluster year pass to the successor that
    is a member there afterwards (or the post becomes empty); head and deputy stay different."""
    old_codes = {u.code for u in spec.units}
    moving = [c for c in changes if c.action != MembershipAction.KEEP]
    member_after: dict[int, str | None] = {}
    for change in moving:
        member_after[change.cluster_year_id] = change.successor or member_after.get(
            change.cluster_year_id
        )
    years = ClusterYear.objects.filter(pk__in=member_after).select_related(
        "cluster", "head", "deputy"
    )
    heads = []
    for cy in years.order_by("year", "cluster__code"):
        before = {"head": _code(cy.head), "deputy": _code(cy.deputy)}
        after = {
            role: member_after[cy.pk] if code in old_codes else code
            for role, code in before.items()
        }
        if after["deputy"] is not None and after["deputy"] == after["head"]:
            after["deputy"] = None
        heads += [
            HeadChange(cy.pk, cy.cluster.name, cy.year, role, before[role] or "", after[role])
            for role in ("head", "deputy")
            if after[role] != before[role]
        ]
    return heads


def _code(org: Organization | None) -> str | None:
    return org.code if org is not None else None
