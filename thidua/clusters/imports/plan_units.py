"""Planning the units: existing or new, consistent rows, parents first, loops refused."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.clusters.imports.columns import header_label
from thidua.clusters.imports.entries import (
    UNIT_ATTRS,
    Plan,
    Scope,
    UnitEntry,
    chunks,
    merge,
    same,
    show,
)
from thidua.clusters.imports.rows import ErrorLog
from thidua.organizations.models import Authority, Organization
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
        if key == "authority_code" or same(stored[key], value):  # the authority: of new units
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


def plan_unit_authorities(plan: Plan, errors: ErrorLog) -> None:
    """A new unit belongs to the authority written on its rows, else to that of the clusters it
    joins; none (or clusters of several authorities) is an error, never a silent default."""
    wanted = any("authority_code" in entry.data for entry in plan.creation_order)
    # Few authorities exist (one per province or ministry); codes match without letter case.
    authorities = {a.code.casefold(): a for a in Authority.objects.all()} if wanted else {}
    for entry in plan.creation_order:
        if not entry.ok:
            continue
        if "authority_code" in entry.data:
            entry.authority = _written_authority(plan.scope, entry, authorities, errors)
        else:
            entry.authority = _cluster_authority(plan, entry, errors)
        entry.ok = entry.authority is not None


def _written_authority(
    scope: Scope, entry: UnitEntry, authorities: dict[str, Authority], errors: ErrorLog
) -> Authority | None:
    code, row = entry.data["authority_code"]
    authority = authorities.get(str(code).casefold())
    if authority is None:
        errors.add(
            row,
            "authority_code",
            _("Cơ quan tổ chức “{code}” không tồn tại; hãy ghi mã của một cơ quan đã có.").format(
                code=code
            ),
        )
    elif scope.restricted and authority.pk != scope.authority_id:
        errors.add(
            row,
            "authority_code",
            _("Bạn chỉ tạo được đơn vị của {own}, không tạo được đơn vị của {other}.").format(
                own=scope.default_authority, other=authority
            ),
        )
        return None
    return authority


def _cluster_authority(plan: Plan, entry: UnitEntry, errors: ErrorLog) -> Authority | None:
    clusters = [plan.clusters.get(row.cluster_code) for row in entry.rows if row.cluster_code]
    if any(cluster is None or cluster.authority is None for cluster in clusters):
        return None  # that cluster's own problem is reported already
    found = {c.authority.pk: c.authority for c in clusters if c is not None and c.authority}
    if len(found) == 1:
        return next(iter(found.values()))
    column = header_label("authority_code")
    if found:
        message = _(
            "Đơn vị mới “{code}” tham gia cụm, khối của nhiều cơ quan ({authorities}): không rõ "
            "đơn vị thuộc cơ quan nào. Hãy ghi “{column}”."
        ).format(
            code=entry.code,
            authorities=", ".join(a.code for a in found.values()),
            column=column,
        )
    else:
        message = _(
            "Chưa rõ đơn vị mới “{code}” thuộc cơ quan tổ chức nào: hãy ghi “{column}” "
            "(ví dụ {example}) hoặc ghi cụm, khối mà đơn vị tham gia."
        ).format(code=entry.code, column=column, example=_example_code(plan))
    errors.add(entry.define_row, "authority_code", message)
    return None


def _example_code(plan: Plan) -> str:
    authority = plan.scope.default_authority
    return authority.code if authority is not None else "HN"
