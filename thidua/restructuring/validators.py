"""Checks of a restructuring request, with Vietnamese messages (bad input → ``ValidationError``)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from thidua.organizations.enums import OrganizationKind
from thidua.organizations.models import Organization
from thidua.organizations.validators import validate_code
from thidua.people.unit_moves import validate_dissolution
from thidua.restructuring.enums import RestructuringKind
from thidua.restructuring.plan import NewUnit, Spec

# kind → (fewest old units, most old units, fewest successors, most successors)
SHAPES = {
    RestructuringKind.MERGE: (1, 1000, 1, 1),
    RestructuringKind.SPLIT: (1, 1, 2, 50),
    RestructuringKind.RENAME: (1, 1, 1, 1),
    RestructuringKind.MOVE: (1, 1, 0, 0),
    RestructuringKind.DISSOLVE: (1, 1000, 0, 0),
}


def validate_spec(spec: Spec) -> None:
    if spec.kind not in RestructuringKind.values:
        raise ValidationError(_("Hình thức sắp xếp không hợp lệ: {kind}.").format(kind=spec.kind))
    _validate_decision(spec)
    _validate_shape(spec)
    _validate_old_units(spec)
    _validate_successors(spec)
    if spec.kind == RestructuringKind.MOVE:
        _validate_move(spec)
    if spec.kind == RestructuringKind.DISSOLVE:
        validate_dissolution(spec.units, spec.decision.effective_date)


def _validate_decision(spec: Spec) -> None:
    decision = spec.decision
    if not decision.number.strip():
        raise ValidationError({"decision_number": _("Cần nhập số quyết định.")})
    if decision.date > decision.effective_date:
        # a decision takes effect on or after the day it is signed
        raise ValidationError(
            {"effective_date": _("Ngày hiệu lực không được trước ngày quyết định.")}
        )


def _validate_shape(spec: Spec) -> None:
    fewest, most, fewest_new, most_new = SHAPES[RestructuringKind(spec.kind)]
    label = RestructuringKind(spec.kind).label
    if not fewest <= len(spec.units) <= most:
        raise ValidationError(
            {
                "units": _("{kind}: cần chọn từ {a} đến {b} đơn vị cũ.").format(
                    kind=label, a=fewest, b=most
                )
                if most > 1
                else _("{kind}: chọn đúng một đơn vị.").format(kind=label)
            }
        )
    if len({u.pk for u in spec.units}) != len(spec.units):
        raise ValidationError({"units": _("Một đơn vị được chọn hai lần.")})
    if (
        spec.kind == RestructuringKind.MERGE
        and len(spec.units) < 2
        and spec.successors
        and isinstance(spec.successors[0], NewUnit)
    ):
        raise ValidationError(
            {
                "units": _(
                    "Hợp nhất thành đơn vị mới cần ít nhất hai đơn vị cũ; đổi tên dùng hình thức “Đổi tên”."
                )
            }
        )
    if spec.kind == RestructuringKind.RENAME and not all(
        isinstance(s, NewUnit) for s in spec.successors
    ):
        raise ValidationError(
            {
                "successors": _(
                    "Đổi tên tạo một đơn vị mới (mã, tên mới); để nhập vào đơn vị có sẵn, dùng “Sáp nhập”."
                )
            }
        )
    if not fewest_new <= len(spec.successors) <= most_new:
        message = (
            _("Chia tách cần ít nhất hai đơn vị mới.")
            if spec.kind == RestructuringKind.SPLIT
            else _("{kind}: cần đúng một đơn vị mới hoặc đơn vị tiếp nhận.").format(kind=label)
            if most_new
            else _("{kind} không tạo đơn vị mới.").format(kind=label)
        )
        raise ValidationError({"successors": message})


def _validate_old_units(spec: Spec) -> None:
    effective = spec.decision.effective_date
    for unit in spec.units:
        if unit.valid_to is not None:
            raise ValidationError(
                {
                    "units": _("{unit} ({code}) đã ngừng hoạt động từ ngày {day:%d/%m/%Y}.").format(
                        unit=unit.name, code=unit.code, day=unit.valid_to
                    )
                }
            )
        if unit.valid_from is not None and effective <= unit.valid_from:
            raise ValidationError(
                {
                    "effective_date": _(
                        "Ngày hiệu lực phải sau ngày {unit} ({code}) bắt đầu hoạt động ({day:%d/%m/%Y})."
                    ).format(unit=unit.name, code=unit.code, day=unit.valid_from)
                }
            )


def _validate_successors(spec: Spec) -> None:
    old = {u.pk for u in spec.units}
    codes: set[str] = set()
    for successor in spec.successors:
        if successor.code in codes:
            raise ValidationError(
                {"successors": _("Mã đơn vị “{code}” dùng hai lần.").format(code=successor.code)}
            )
        codes.add(successor.code)
        if isinstance(successor, NewUnit):
            _validate_new_unit(successor)
        elif successor.pk in old:
            raise ValidationError({"successors": _("Đơn vị tiếp nhận không thể là một đơn vị cũ.")})
        elif not successor.is_active_on(spec.decision.effective_date):
            raise ValidationError(
                {
                    "successors": _("{unit} ({code}) không hoạt động vào ngày hiệu lực.").format(
                        unit=successor.name, code=successor.code
                    )
                }
            )
    valid = set(codes)
    if any(code not in valid for code in spec.assignments.values()):
        raise ValidationError(
            {
                "assignments": _(
                    "Đơn vị nhận thành viên cụm phải là một đơn vị mới của lần chia tách này."
                )
            }
        )


def _validate_new_unit(unit: NewUnit) -> None:
    validate_code(unit.code)
    if not unit.name.strip():
        raise ValidationError(
            {"successors": _("Cần nhập tên đơn vị mới ({code}).").format(code=unit.code)}
        )
    if unit.kind and unit.kind not in OrganizationKind.values:
        raise ValidationError(
            {"successors": _("Loại đơn vị không hợp lệ: {kind}.").format(kind=unit.kind)}
        )
    if Organization.objects.filter(code=unit.code).exists():
        raise ValidationError(
            {
                "successors": _(
                    "Mã đơn vị “{code}” đã tồn tại; chọn “đơn vị có sẵn” để sáp nhập vào đơn vị đó."
                ).format(code=unit.code)
            }
        )


def _validate_move(spec: Spec) -> None:
    target = spec.target_authority
    if target is None:
        raise ValidationError({"target_authority": _("Cần chọn cơ quan quản lý mới.")})
    if spec.units[0].authority_id == target.pk:
        raise ValidationError({"target_authority": _("Đơn vị đã thuộc cơ quan này.")})
