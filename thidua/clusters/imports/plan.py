"""Checking the rows against each other and against the database, before anything is written.

The plan groups rows by unit, by cluster and by cluster year. Each group that cannot be
used is marked ``ok = False`` after its error is logged, so that rows depending on it are
skipped quietly instead of repeating the same problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.clusters.enums import HEAD_LABELS, ClusterKind
from thidua.clusters.imports.columns import RowRole, header_label, same_text
from thidua.clusters.imports.rows import ErrorLog, Row
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear
from thidua.organizations.enums import OrganizationKind
from thidua.organizations.models import Authority, Organization
from thidua.organizations.selectors import organizations_for_user
from thidua.organizations.validators import validate_code

if TYPE_CHECKING:
    from thidua.accounts.models import User

CHUNK = 500  # codes per IN (…) query; keeps far below SQLite's variable limit


@dataclass
class Scope:
    """Who imports: the command (``user=None``) and system admins reach everything; a board
    officer reaches the units and clusters of their own authority."""

    user: User | None

    @property
    def restricted(self) -> bool:
        return self.user is not None and not self.user.is_system_admin

    @property
    def authority_id(self) -> int | None:
        return self.user.authority_id if self.user is not None else None

    @property
    def default_authority(self) -> Authority | None:
        return self.user.authority if self.user is not None else None

    def visible_unit_ids(self, ids: Iterable[int]) -> set[int]:
        ids = list(ids)
        if not self.restricted or self.user is None:
            return set(ids)
        visible: set[int] = set()
        for chunk in _chunks(ids):
            visible |= set(
                organizations_for_user(self.user).filter(pk__in=chunk).values_list("pk", flat=True)
            )
        return visible


@dataclass
class UnitEntry:
    code: str
    rows: list[Row] = field(default_factory=list)
    data: dict[str, tuple[Any, int]] = field(default_factory=dict)  # value, row that gave it
    existing: Organization | None = None
    created: Organization | None = None
    authority: Authority | None = None
    ok: bool = True

    @property
    def organization(self) -> Organization | None:
        return self.existing or self.created

    @property
    def define_row(self) -> int:
        return self.data["name"][1] if "name" in self.data else self.rows[0].number

    def value(self, key: str, default: Any = "") -> Any:
        return self.data[key][0] if key in self.data else default


@dataclass
class ClusterEntry:
    code: str
    rows: list[Row] = field(default_factory=list)
    data: dict[str, tuple[Any, int]] = field(default_factory=dict)
    existing: Cluster | None = None
    created: Cluster | None = None
    authority: Authority | None = None
    kind: str = ""
    ok: bool = True

    @property
    def cluster(self) -> Cluster | None:
        return self.existing or self.created

    @property
    def name(self) -> str:
        return self.existing.name if self.existing else str(self.data.get("cluster_name", ("",))[0])

    @property
    def define_row(self) -> int:
        return self.data["cluster_name"][1] if "cluster_name" in self.data else self.rows[0].number


@dataclass
class YearEntry:
    cluster: ClusterEntry
    year: int
    existing: ClusterYear | None = None
    created: ClusterYear | None = None
    rows: dict[str, Row] = field(default_factory=dict)  # unit code → its row
    to_add: list[tuple[Row, UnitEntry]] = field(default_factory=list)
    head: tuple[Row, UnitEntry] | None = None
    deputy: tuple[Row, UnitEntry] | None = None
    ok: bool = True
    added: int = 0

    @property
    def cluster_year(self) -> ClusterYear | None:
        return self.existing or self.created

    def label(self, role: RowRole) -> str:
        head, deputy = HEAD_LABELS[ClusterKind(self.cluster.kind or ClusterKind.CLUSTER)]
        return str(head if role is RowRole.HEAD else deputy)


@dataclass
class Plan:
    scope: Scope
    units: dict[str, UnitEntry] = field(default_factory=dict)
    parents: dict[str, Organization] = field(default_factory=dict)  # in the DB, not in the file
    creation_order: list[UnitEntry] = field(default_factory=list)  # new units, parents first
    clusters: dict[str, ClusterEntry] = field(default_factory=dict)
    years: dict[tuple[str, int], YearEntry] = field(default_factory=dict)


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def build_plan(rows: list[Row], scope: Scope, errors: ErrorLog) -> Plan:
    plan = Plan(scope=scope)
    for row in rows:
        if row.code:
            plan.units.setdefault(row.code, UnitEntry(code=row.code)).rows.append(row)
        if row.cluster_code and row.membership_ok:
            cluster = plan.clusters.setdefault(
                row.cluster_code, ClusterEntry(code=row.cluster_code)
            )
            cluster.rows.append(row)
    _plan_units(plan, errors)
    _plan_parents(plan, errors)
    _plan_clusters(plan, errors)
    _plan_years(plan, [r for r in rows if r.cluster_code and r.membership_ok], errors)
    _plan_unit_authorities(plan)
    return plan


# ------------------------------------------------------------------------------- units

UNIT_ATTRS = {
    "name": "name",
    "short_name": "short_name",
    "kind": "kind",
    "province": "province",
    "valid_from": "valid_from",
    "valid_to": "valid_to",
}


def _show(key: str, value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if key == "kind" and value in OrganizationKind.values:
        return str(OrganizationKind(value).label)
    if key == "cluster_kind" and value in ClusterKind.values:
        return str(ClusterKind(value).label)
    return "" if value is None else str(value)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return same_text(a, b)
    return bool(a == b)


def _merge(entry: UnitEntry | ClusterEntry, attr: str, errors: ErrorLog, what: str) -> None:
    """Gather the values a group's rows give; two rows giving different values is an error."""
    for row in entry.rows:
        for key, value in getattr(row, attr).items():
            if key not in entry.data:
                entry.data[key] = (value, row.number)
                continue
            first, first_row = entry.data[key]
            if not _same(first, value):
                errors.add(
                    row.number,
                    key,
                    _(
                        "{what} “{code}” đã có ở dòng {row} với “{column}” là “{first}”, dòng này "
                        "ghi “{value}”. Các dòng của cùng một mã phải ghi giống nhau."
                    ).format(
                        what=what,
                        code=entry.code,
                        row=first_row,
                        column=header_label(key),
                        first=_show(key, first),
                        value=_show(key, value),
                    ),
                )
                entry.ok = False


def _existing_units(codes: list[str]) -> dict[str, Organization]:
    found: dict[str, Organization] = {}
    for chunk in _chunks(codes):
        found |= {
            o.code: o for o in Organization.objects.filter(code__in=chunk).select_related("parent")
        }
    return found


def _plan_units(plan: Plan, errors: ErrorLog) -> None:
    parent_codes = {
        str(row.unit["parent_code"])
        for entry in plan.units.values()
        for row in entry.rows
        if "parent_code" in row.unit
    }
    existing = _existing_units(sorted(set(plan.units) | parent_codes))
    visible = plan.scope.visible_unit_ids(o.pk for o in existing.values())
    for code, found in existing.items():
        if code not in plan.units and found.pk in visible:
            plan.parents[code] = found
    for code, entry in plan.units.items():
        if not all(row.unit_ok for row in entry.rows):
            entry.ok = False
            continue
        _merge(entry, "unit", errors, _("Mã đơn vị"))
        org = existing.get(code)
        if org is not None and org.pk not in visible:
            errors.add(
                entry.rows[0].number,
                "code",
                _(
                    "Mã đơn vị “{code}” thuộc một đơn vị ngoài phạm vi quản lý của bạn; "
                    "không thể dùng mã này."
                ).format(code=code),
            )
            entry.ok = False
        elif org is not None:
            entry.existing = org
            _compare_unit(entry, org, errors)
        elif entry.ok:
            _check_new_unit(entry, errors)


def _compare_unit(entry: UnitEntry, org: Organization, errors: ErrorLog) -> None:
    """An existing unit is never changed by an import: what the file says must match it."""
    stored = {key: getattr(org, attr) for key, attr in UNIT_ATTRS.items()}
    stored["parent_code"] = org.parent.code if org.parent else ""
    for key, (value, row) in entry.data.items():
        if _same(stored[key], value):
            continue
        entry.ok = False
        if key == "name":
            message = _(
                "Trùng mã: mã đơn vị “{code}” đã được dùng cho “{stored}”, tệp lại ghi tên "
                "“{value}”. Hãy dùng mã khác cho đơn vị mới, hoặc ghi đúng tên (hay để trống "
                "tên) nếu là cùng một đơn vị."
            )
        else:
            message = _(
                "Đơn vị “{code}” đã có “{column}” là “{stored}”, tệp ghi “{value}”. Nhập dữ liệu "
                "không sửa đơn vị đã có: hãy để trống cột này hoặc ghi đúng như đã có."
            )
        errors.add(
            row,
            key,
            message.format(
                code=entry.code,
                column=header_label(key),
                stored=_show(key, stored[key]) or _("(trống)"),
                value=_show(key, value),
            ),
        )


def _check_new_unit(entry: UnitEntry, errors: ErrorLog) -> None:
    if "name" not in entry.data:
        for row in entry.rows:
            errors.add(
                row.number,
                "code",
                _(
                    "Đơn vị “{code}” không tồn tại. Muốn tạo đơn vị mới, hãy ghi “{name}” "
                    "(và “{kind}”)."
                ).format(code=entry.code, name=header_label("name"), kind=header_label("kind")),
            )
        entry.ok = False
        return
    try:
        validate_code(entry.code)
    except ValidationError as exc:
        errors.add_validation(entry.define_row, "code", exc)
        entry.ok = False
    if "kind" not in entry.data:
        errors.add(
            entry.define_row,
            "kind",
            _("Cần ghi “{kind}” để tạo đơn vị mới “{name}”.").format(
                kind=header_label("kind"), name=entry.value("name")
            ),
        )
        entry.ok = False


def _plan_parents(plan: Plan, errors: ErrorLog) -> None:
    for entry in plan.units.values():
        if entry.existing is not None or not entry.ok or "parent_code" not in entry.data:
            continue
        parent_code, row = entry.data["parent_code"]
        if parent_code == entry.code:
            message = _("Đơn vị không thể là cấp trên của chính nó.")
        elif parent_code in plan.units or parent_code in plan.parents:
            continue
        else:
            message = _(
                "Đơn vị cấp trên “{code}” không tồn tại (không có trong hệ thống và không có "
                "trong tệp), hoặc ngoài phạm vi quản lý của bạn."
            ).format(code=parent_code)
        errors.add(row, "parent_code", message)
        entry.ok = False
    _order_new_units(plan, errors)


def _order_new_units(plan: Plan, errors: ErrorLog) -> None:
    """Parents before children; a loop of parents (A → B → A) is an error for each unit in it."""
    done: set[str] = set()
    for start in plan.units.values():
        chain: list[UnitEntry] = []
        entry: UnitEntry | None = start
        while entry is not None and entry.code not in done and entry.existing is None:
            codes = [member.code for member in chain]
            if entry.code in codes:
                loop = [*chain[codes.index(entry.code) :], entry]
                for member in loop[:-1]:
                    errors.add(
                        member.data["parent_code"][1],
                        "parent_code",
                        _("Vòng lặp đơn vị cấp trên: {loop}.").format(
                            loop=" → ".join(m.code for m in loop)
                        ),
                    )
                    member.ok = False
                break
            chain.append(entry)
            parent_code = str(entry.value("parent_code"))
            entry = plan.units.get(parent_code) if entry.ok and parent_code else None
        for member in reversed(chain):
            if member.code not in done:
                done.add(member.code)
                plan.creation_order.append(member)


# ------------------------------------------------------------------------------- clusters


def _plan_clusters(plan: Plan, errors: ErrorLog) -> None:
    codes = sorted(plan.clusters)
    existing: dict[str, Cluster] = {}
    for chunk in _chunks(codes):
        existing |= {
            c.code: c for c in Cluster.objects.filter(code__in=chunk).select_related("authority")
        }
    wanted = any("authority_code" in r.cluster for e in plan.clusters.values() for r in e.rows)
    # Few authorities exist (one per province or ministry); codes match without letter case.
    authorities = {a.code.casefold(): a for a in Authority.objects.all()} if wanted else {}
    for code, entry in plan.clusters.items():
        _merge(entry, "cluster", errors, _("Mã cụm"))
        cluster = existing.get(code)
        if cluster is not None:
            _check_existing_cluster(plan.scope, entry, cluster, errors)
        elif entry.ok:
            _check_new_cluster(plan.scope, entry, authorities, errors)
        if entry.kind:
            _check_role_kinds(entry, errors)


def _check_existing_cluster(
    scope: Scope, entry: ClusterEntry, cluster: Cluster, errors: ErrorLog
) -> None:
    if scope.restricted and cluster.authority_id != scope.authority_id:
        errors.add(
            entry.rows[0].number,
            "cluster_code",
            _("Cụm “{code}” thuộc {authority}, ngoài phạm vi quản lý của bạn.").format(
                code=entry.code, authority=cluster.authority
            ),
        )
        entry.ok = False
        return
    entry.existing, entry.kind, entry.authority = cluster, cluster.kind, cluster.authority
    stored = {
        "cluster_name": cluster.name,
        "cluster_kind": cluster.kind,
        "authority_code": cluster.authority.code,
    }
    for key, (value, row) in entry.data.items():
        if _same(stored[key], value):
            continue
        entry.ok = False
        errors.add(
            row,
            key,
            _(
                "Cụm “{code}” đã có “{column}” là “{stored}”, tệp ghi “{value}”. Nhập dữ liệu "
                "không sửa cụm đã có: hãy để trống cột này hoặc ghi đúng như đã có."
            ).format(
                code=entry.code,
                column=header_label(key),
                stored=_show(key, stored[key]),
                value=_show(key, value),
            ),
        )


def _check_new_cluster(
    scope: Scope, entry: ClusterEntry, authorities: dict[str, Authority], errors: ErrorLog
) -> None:
    if "cluster_name" not in entry.data:
        for row in entry.rows:
            errors.add(
                row.number,
                "cluster_code",
                _(
                    "Cụm “{code}” không tồn tại. Muốn tạo cụm mới, hãy ghi “{name}” (và “{kind}”, "
                    "“{authority}”)."
                ).format(
                    code=entry.code,
                    name=header_label("cluster_name"),
                    kind=header_label("cluster_kind"),
                    authority=header_label("authority_code"),
                ),
            )
        entry.ok = False
        return
    try:
        validate_code(entry.code)
    except ValidationError as exc:
        errors.add_validation(entry.define_row, "cluster_code", exc)
        entry.ok = False
    entry.kind = str(entry.data.get("cluster_kind", (ClusterKind.CLUSTER,))[0])
    entry.authority = _new_cluster_authority(scope, entry, authorities, errors)
    if entry.authority is None:
        entry.ok = False


def _new_cluster_authority(
    scope: Scope, entry: ClusterEntry, authorities: dict[str, Authority], errors: ErrorLog
) -> Authority | None:
    if "authority_code" not in entry.data:
        if scope.default_authority is None:
            errors.add(
                entry.define_row,
                "authority_code",
                _("Cần ghi “{column}” (cơ quan tổ chức cụm) để tạo cụm mới “{code}”.").format(
                    column=header_label("authority_code"), code=entry.code
                ),
            )
        return scope.default_authority
    code, row = entry.data["authority_code"]
    authority = authorities.get(str(code).casefold())
    if authority is None:
        errors.add(row, "authority_code", _("Cơ quan “{code}” không tồn tại.").format(code=code))
        return None
    if scope.restricted and authority.pk != scope.authority_id:
        errors.add(
            row,
            "authority_code",
            _("Bạn chỉ tạo được cụm của {own}, không tạo được cụm của {other}.").format(
                own=scope.default_authority, other=authority
            ),
        )
        return None
    return authority


def _check_role_kinds(entry: ClusterEntry, errors: ErrorLog) -> None:
    """'Khối trưởng' in a cụm (or the reverse) usually means rows of two clusters got mixed."""
    kind = ClusterKind(entry.kind)
    for row in entry.rows:
        if row.role_kind and row.role_kind != kind.value:
            right = HEAD_LABELS[kind][0 if row.role is RowRole.HEAD else 1]
            errors.add(
                row.number,
                "role",
                _(
                    "Vai trò “{role}” không khớp với “{cluster}” là {kind}; hãy ghi “{right}”."
                ).format(
                    role=HEAD_LABELS[ClusterKind(row.role_kind)][
                        0 if row.role is RowRole.HEAD else 1
                    ],
                    cluster=entry.name or entry.code,
                    kind=str(kind.label).lower(),
                    right=right,
                ),
            )
            row.membership_ok = False


# ------------------------------------------------------------------------------- years


def _existing_years(plan: Plan) -> tuple[dict[tuple[str, int], ClusterYear], set[tuple[int, int]]]:
    cluster_ids = [e.existing.pk for e in plan.clusters.values() if e.existing is not None]
    years: dict[tuple[str, int], ClusterYear] = {}
    for chunk in _chunks(cluster_ids):
        for cy in ClusterYear.objects.filter(cluster_id__in=chunk).select_related(
            "cluster__authority", "head", "deputy"
        ):
            years[(cy.cluster.code, cy.year)] = cy
    year_ids = [cy.pk for cy in years.values()]
    members: set[tuple[int, int]] = set()
    for chunk in _chunks(year_ids):
        members |= set(
            ClusterMembership.objects.filter(cluster_year_id__in=chunk).values_list(
                "cluster_year_id", "organization_id"
            )
        )
    return years, members


def _plan_years(plan: Plan, rows: list[Row], errors: ErrorLog) -> None:
    existing, members = _existing_years(plan)
    for row in rows:
        cluster = plan.clusters[row.cluster_code]
        year = int(row.year or 0)
        entry = plan.years.get((cluster.code, year))
        if entry is None:
            entry = YearEntry(
                cluster=cluster, year=year, existing=existing.get((cluster.code, year))
            )
            plan.years[(cluster.code, year)] = entry
        entry.ok = entry.ok and cluster.ok
        unit = plan.units.get(row.code)
        if unit is None or not unit.ok or not entry.ok or not row.membership_ok:
            continue
        if row.code in entry.rows:
            errors.add(
                row.number,
                "code",
                _("Đơn vị “{code}” đã được ghi vào {cluster} năm {year} ở dòng {row}.").format(
                    code=row.code,
                    cluster=cluster.name,
                    year=year,
                    row=entry.rows[row.code].number,
                ),
            )
            continue
        entry.rows[row.code] = row
        cy, org = entry.existing, unit.existing
        if cy is None or org is None or (cy.pk, org.pk) not in members:
            entry.to_add.append((row, unit))
        if row.role is not RowRole.MEMBER:
            _plan_role(entry, row, unit, errors)


def _plan_role(entry: YearEntry, row: Row, unit: UnitEntry, errors: ErrorLog) -> None:
    """One head and one deputy per cluster year; those already recorded are never replaced."""
    slot = "head" if row.role is RowRole.HEAD else "deputy"
    label = entry.label(row.role)
    taken: tuple[Row, UnitEntry] | None = getattr(entry, slot)
    current: Organization | None = getattr(entry.existing, slot) if entry.existing else None
    if taken is not None:
        errors.add(
            row.number,
            "role",
            _(
                "{cluster} năm {year} đã có {label} ở dòng {row} ({unit}); mỗi năm chỉ có một {label}."
            ).format(
                cluster=entry.cluster.name,
                year=entry.year,
                label=label,
                row=taken[0].number,
                unit=taken[1].code,
            ),
        )
    elif current is not None and (unit.existing is None or current.pk != unit.existing.pk):
        errors.add(
            row.number,
            "role",
            _(
                "{cluster} năm {year} đã có {label} là {unit}. Nhập dữ liệu không thay đổi "
                "{label} đã có; hãy đổi trên trang của cụm nếu cần."
            ).format(cluster=entry.cluster.name, year=entry.year, label=label, unit=current.name),
        )
    elif current is None:
        setattr(entry, slot, (row, unit))


def _plan_unit_authorities(plan: Plan) -> None:
    """A new unit belongs to the authority of the first cluster it joins, else the importer's."""
    for entry in plan.creation_order:
        entry.authority = plan.scope.default_authority
        for row in entry.rows:
            cluster = plan.clusters.get(row.cluster_code)
            if cluster is not None and cluster.authority is not None:
                entry.authority = cluster.authority
                break
