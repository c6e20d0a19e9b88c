"""Planning clusters and cluster years: existing or new, scope, members, heads and deputies."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.clusters.enums import HEAD_LABELS, ClusterKind
from thidua.clusters.imports.columns import RowRole, header_label
from thidua.clusters.imports.entries import (
    ClusterEntry,
    Plan,
    Scope,
    UnitEntry,
    YearEntry,
    chunks,
    merge,
    same,
    show,
)
from thidua.clusters.imports.rows import ErrorLog, Row
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear
from thidua.organizations.models import Authority, Organization
from thidua.organizations.validators import validate_code


def plan_clusters(plan: Plan, errors: ErrorLog) -> None:
    codes = sorted(plan.clusters)
    existing: dict[str, Cluster] = {}
    for chunk in chunks(codes):
        existing |= {
            c.code: c for c in Cluster.objects.filter(code__in=chunk).select_related("authority")
        }
    wanted = any("authority_code" in r.cluster for e in plan.clusters.values() for r in e.rows)
    # Few authorities exist (one per province or ministry); codes match without letter case.
    authorities = {a.code.casefold(): a for a in Authority.objects.all()} if wanted else {}
    for code, entry in plan.clusters.items():
        merge(entry, "cluster", errors, _("Mã cụm"))
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
        if same(stored[key], value):
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
                stored=show(key, stored[key]),
                value=show(key, value),
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
    for chunk in chunks(cluster_ids):
        for cy in ClusterYear.objects.filter(cluster_id__in=chunk).select_related(
            "cluster__authority", "head", "deputy"
        ):
            years[(cy.cluster.code, cy.year)] = cy
    year_ids = [cy.pk for cy in years.values()]
    members: set[tuple[int, int]] = set()
    for chunk in chunks(year_ids):
        members |= set(
            ClusterMembership.objects.filter(cluster_year_id__in=chunk).values_list(
                "cluster_year_id", "organization_id"
            )
        )
    return years, members


def plan_years(plan: Plan, rows: list[Row], errors: ErrorLog) -> None:
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
