"""Planning the units: existing or new, consistent rows, parents first, loops refused."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.clusters.imports.columns import header_label
from thidua.clusters.imports.entries import (
    UNIT_ATTRS,
    Plan,
    UnitEntry,
    chunks,
    merge,
    same,
    show,
)
from thidua.clusters.imports.rows import ErrorLog
from thidua.organizations.models import Organization
from thidua.organizations.validators import validate_code


def _existing_units(codes: list[str]) -> dict[str, Organization]:
    found: dict[str, Organization] = {}
    for chunk in chunks(codes):
        found |= {
            o.code: o for o in Organization.objects.filter(code__in=chunk).select_related("parent")
        }
    return found


def plan_units(plan: Plan, errors: ErrorLog) -> None:
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
        merge(entry, "unit", errors, _("Mã đơn vị"))
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
        if same(stored[key], value):
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
                stored=show(key, stored[key]) or _("(trống)"),
                value=show(key, value),
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


def plan_parents(plan: Plan, errors: ErrorLog) -> None:
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


def plan_unit_authorities(plan: Plan) -> None:
    """A new unit belongs to the authority of the first cluster it joins, else the importer's."""
    for entry in plan.creation_order:
        entry.authority = plan.scope.default_authority
        for row in entry.rows:
            cluster = plan.clusters.get(row.cluster_code)
            if cluster is not None and cluster.authority is not None:
                entry.authority = cluster.authority
                break
