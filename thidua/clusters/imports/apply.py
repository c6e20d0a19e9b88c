"""Carrying out a checked plan: units and memberships in bulk, the rest through the services.

The units are checked one by one with ``create_organization``'s rules (``NewOrganizations.add``)
and then written together (``bulk_create``, 500 a statement); each cluster year's members are
checked with ``add_member``'s rules (``NewMemberships.add``) and written together, so that its
head and deputy are then set by ``set_heads`` as before. Clusters and cluster years (one for ten
units or so) go through their services, row by row. A ``ValidationError`` becomes an error of
the row it came from and the import goes on, so that the report lists every problem; the caller
rolls the whole transaction back when any error was logged.

The audit events are those of the single-row services, with the same contents and in the same
order; ``audit.batched_events`` (``import_units``) chains them in one step when the import is
kept. The membership checks read each (year, authority, kind) group once
(``clusters.known_memberships``).

The import is one action, ``clusters.import_units``, checked once by ``import_units``; the plan
keeps it inside the importer's authority. The services run here as that trusted caller
(``user=None``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from thidua.clusters import services as cluster_services
from thidua.clusters.imports.entries import ClusterEntry, Plan, UnitEntry, YearEntry
from thidua.clusters.imports.rows import ErrorLog
from thidua.clusters.known_memberships import KnownMemberships
from thidua.clusters.new_memberships import NewMemberships
from thidua.organizations import services as org_services
from thidua.organizations.models import Organization

# Which column a service's error points at, by the error's code.
ERROR_COLUMNS = {
    "duplicate_code": "code",
    "invalid_code": "code",
    "dates_out_of_order": "valid_to",
    "dissolved": "year",
    "not_yet_active": "year",
    "invalid_year": "year",
    "duplicate_year": "year",
    "two_clusters": "cluster_code",
    "already_member": "cluster_code",
    "head_not_member": "role",
    "head_is_deputy": "role",
}
MODEL_FIELD_COLUMNS = {"parent": "parent_code", "__all__": "valid_to"}


@dataclass
class Counts:
    units: int = 0
    clusters: int = 0
    cluster_years: int = 0
    memberships: int = 0
    heads: int = 0

    @property
    def total(self) -> int:
        return self.units + self.clusters + self.cluster_years + self.memberships + self.heads


def _log(errors: ErrorLog, row: int, default: str, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):  # full_clean: field name → errors; our keys match the fields
        for key, field_errors in exc.error_dict.items():
            for error in field_errors:
                errors.add_validation(row, MODEL_FIELD_COLUMNS.get(key, key), error)
        return
    for error in exc.error_list:
        errors.add_validation(row, ERROR_COLUMNS.get(str(error.code), default), error)


def apply_plan(plan: Plan, errors: ErrorLog) -> Counts:
    counts = Counts()
    _create_units(plan, errors, counts)
    for cluster in plan.clusters.values():
        _create_cluster(cluster, errors, counts)
    known = KnownMemberships()  # each group's memberships read once, not twice per member
    for entry in plan.years.values():
        _create_year(entry, errors, counts)
        _add_members(entry, errors, counts, known)
        _set_heads(entry, errors, counts)
    return counts


def _parent(plan: Plan, unit: UnitEntry) -> tuple[bool, Organization | None]:
    code = str(unit.value("parent_code"))
    if not code:
        return True, None
    if code in plan.units:
        parent = plan.units[code]
        return parent.ok and parent.organization is not None, parent.organization
    return code in plan.parents, plan.parents.get(code)


def _create_units(plan: Plan, errors: ErrorLog, counts: Counts) -> None:
    """Check every new unit (parents first), then write the good ones together."""
    new_units = org_services.NewOrganizations(unit.code for unit in plan.creation_order)
    for unit in plan.creation_order:
        found, parent = _parent(plan, unit)
        if not unit.ok or not found:
            unit.ok = False
            continue
        try:
            unit.created = new_units.add(
                code=unit.code,
                name=unit.value("name"),
                kind=unit.value("kind"),
                short_name=unit.value("short_name"),
                parent=parent,
                authority=unit.authority,
                province=unit.value("province"),
                valid_from=unit.value("valid_from", None),
                valid_to=unit.value("valid_to", None),
            )
        except ValidationError as exc:
            _log(errors, unit.define_row, "code", exc)
            unit.ok = False
            continue
        counts.units += 1
    new_units.save()


def _create_cluster(entry: ClusterEntry, errors: ErrorLog, counts: Counts) -> None:
    if entry.existing is not None or not entry.ok or entry.authority is None:
        return
    try:
        entry.created = cluster_services.create_cluster(
            authority=entry.authority,
            kind=entry.kind,
            code=entry.code,
            name=str(entry.data["cluster_name"][0]),
            user=None,
        )
    except ValidationError as exc:
        _log(errors, entry.define_row, "cluster_code", exc)
        entry.ok = False
        return
    counts.clusters += 1


def _create_year(entry: YearEntry, errors: ErrorLog, counts: Counts) -> None:
    cluster = entry.cluster.cluster
    if entry.existing is not None or not entry.ok or cluster is None:
        entry.ok = entry.ok and entry.cluster_year is not None
        return
    first_row = min((row.number for row in entry.rows.values()), default=0)
    try:
        entry.created = cluster_services.create_cluster_year(
            cluster=cluster, year=entry.year, user=None
        )
    except ValidationError as exc:
        _log(errors, first_row, "year", exc)
        entry.ok = False
        return
    counts.cluster_years += 1


def _add_members(
    entry: YearEntry, errors: ErrorLog, counts: Counts, known: KnownMemberships
) -> None:
    """Check each member of the year, then write the good ones together."""
    cluster_year = entry.cluster_year
    if not entry.ok or cluster_year is None:
        return
    members = NewMemberships(known)
    for row, unit in entry.to_add:
        organization = unit.organization
        if not unit.ok or organization is None:
            row.membership_ok = False
            continue
        try:
            members.add(cluster_year=cluster_year, organization=organization)
        except ValidationError as exc:
            _log(errors, row.number, "cluster_code", exc)
            row.membership_ok = False
            continue
        counts.memberships += 1
        entry.added += 1
    try:
        members.save()
    except ValidationError as exc:  # lost a race with another writer: reported on the year
        _log(errors, min(row.number for row, _unit in entry.to_add), "cluster_code", exc)
        entry.ok = False


def _set_heads(entry: YearEntry, errors: ErrorLog, counts: Counts) -> None:
    """Fill the empty head and deputy places from the file; recorded ones stay (see the plan)."""
    cluster_year = entry.cluster_year
    chosen = [pick for pick in (entry.head, entry.deputy) if pick is not None]
    if cluster_year is None or not entry.ok or not chosen:
        return
    if not all(row.membership_ok and unit.organization for row, unit in chosen):
        return  # its membership failed and is reported already
    head = entry.head[1].organization if entry.head else cluster_year.head
    deputy = entry.deputy[1].organization if entry.deputy else cluster_year.deputy
    row = (entry.deputy or entry.head or chosen[0])[0]  # a clash of the two shows on the deputy
    try:
        cluster_services.set_heads(cluster_year=cluster_year, head=head, deputy=deputy, user=None)
    except ValidationError as exc:
        _log(errors, row.number, "role", exc)
        return
    counts.heads += len(chosen)
