"""Reads for opening the next year ("Mở năm tiếp theo"): the proposal the page shows before the
board confirms — this year's members still active then, the dissolved ones left out with a note
and their successors proposed instead, the head and deputy (none until an election or a
decision), and what the apps above may copy (``carryovers``). The write is
``services.open_next_year``."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _

from thidua.clusters.carryovers import CarryoverOffer, offers_for
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.organizations.models import Organization
from thidua.organizations.selectors import succession_chain


class Origin(StrEnum):
    MEMBER = "member"  # a member this year
    SUCCESSOR = "successor"  # the successor of a member dissolved (or dissolving) by then


@dataclass(frozen=True)
class ProposedUnit:
    """A checkbox of the proposal: checked when the unit is proposed as a member."""

    organization: Organization
    origin: Origin
    checked: bool
    note: str = ""


@dataclass(frozen=True)
class LeftOutUnit:
    """A member of this year dissolved before the next one: not offered, with why."""

    organization: Organization
    note: str


@dataclass
class NextYearProposal:
    source: ClusterYear
    year: int
    existing: ClusterYear | None
    units: list[ProposedUnit] = field(default_factory=list)
    left_out: list[LeftOutUnit] = field(default_factory=list)
    head: Organization | None = None  # from an election when one exists; else not chosen yet
    deputy: Organization | None = None
    carryovers: list[CarryoverOffer] = field(default_factory=list)

    @property
    def checked_ids(self) -> list[int]:
        return [unit.organization.pk for unit in self.units if unit.checked]


def active_in(organization: Organization, year: int) -> bool:
    """Active at some time in ``year``: the rule of ``services.check_can_join``."""
    started = organization.valid_from is None or organization.valid_from.year <= year
    return started and (organization.valid_to is None or organization.valid_to.year >= year)


def successors_in(organization: Organization, year: int) -> list[Organization]:
    """The units that took over ``organization`` (through any number of links) and are active
    in ``year``, in Vietnamese order."""
    _earlier, later = succession_chain(organization)
    heirs = {link.successor_id: link.successor for link in later}
    return sorted(
        (unit for unit in heirs.values() if active_in(unit, year)), key=lambda u: u.sort_key
    )


def _day(organization: Organization) -> str:
    assert organization.valid_to is not None
    return organization.valid_to.strftime("%d/%m/%Y")


def _names(units: list[Organization]) -> str:
    return ", ".join(unit.name for unit in units)


def next_year_proposal(cluster_year: ClusterYear) -> NextYearProposal:
    """What opening ``cluster_year.year + 1`` would create (the page and the API preview)."""
    year = cluster_year.year + 1
    proposal = NextYearProposal(
        source=cluster_year,
        year=year,
        existing=ClusterYear.objects.filter(cluster_id=cluster_year.cluster_id, year=year).first(),
    )
    members = [
        m.organization
        for m in cluster_year.memberships.select_related("organization").order_by(
            "organization__sort_key"
        )
    ]
    heirs: dict[int, tuple[Organization, list[str], bool]] = {}
    for unit in members:
        dissolving = unit.valid_to is not None and unit.valid_to.year <= year
        found = successors_in(unit, year) if dissolving else []
        for heir in found:
            _heir, names, replaces = heirs.get(heir.pk, (heir, [], False))
            heirs[heir.pk] = (heir, [*names, unit.name], replaces or not active_in(unit, year))
        if active_in(unit, year):
            note = (
                _("Giải thể ngày {day}; đơn vị kế thừa: {heirs}.").format(
                    day=_day(unit), heirs=_names(found) or "—"
                )
                if dissolving
                else ""
            )
            proposal.units.append(ProposedUnit(unit, Origin.MEMBER, True, note))
        else:
            note = _("Đã giải thể ngày {day}, không còn hoạt động năm {year}.").format(
                day=_day(unit), year=year
            )
            note += " " + (
                _("Đơn vị kế thừa được đề xuất: {heirs}.").format(heirs=_names(found))
                if found
                else _("Không có đơn vị kế thừa.")
            )
            proposal.left_out.append(LeftOutUnit(unit, note))
    member_ids = {unit.pk for unit in members}
    proposal.units.extend(_successor_rows(cluster_year, year, heirs, member_ids))
    proposal.carryovers = offers_for(cluster_year, year)
    return proposal


def _successor_rows(
    cluster_year: ClusterYear,
    year: int,
    heirs: dict[int, tuple[Organization, list[str], bool]],
    member_ids: set[int],
) -> list[ProposedUnit]:
    """The successors not already members; unchecked when they already belong to another
    cluster of the same kind and authority that year, or when their predecessor still is
    active for part of it."""
    ids = [pk for pk in heirs if pk not in member_ids]
    taken = dict(
        ClusterMembership.objects.filter(
            organization_id__in=ids,
            year=year,
            authority_id=cluster_year.cluster.authority_id,
            kind=cluster_year.cluster.kind,
        )
        .exclude(cluster_year__cluster_id=cluster_year.cluster_id)
        .values_list("organization_id", "cluster_year__cluster__name")
    )
    rows = []
    for pk in sorted(ids, key=lambda pk: heirs[pk][0].sort_key):
        heir, names, replaces = heirs[pk]
        note = _("Kế thừa {units}.").format(units=", ".join(names))
        if pk in taken:
            note += " " + _("Đã là thành viên của {other} năm {year}.").format(
                other=taken[pk], year=year
            )
        rows.append(ProposedUnit(heir, Origin.SUCCESSOR, replaces and pk not in taken, note))
    return rows
