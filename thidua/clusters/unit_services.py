"""A person's writes of one unit ("Thêm đơn vị", "Sửa đơn vị", the API): the permission
(``clusters.create_unit``, ``clusters.change_unit``: the system administrator anywhere, the board
officer for the units of their authority and the authorities it succeeded) and the scope of the
parent unit, then ``organizations.services`` (the validation, the row, the audit event).

The permissions live here and not in ``organizations`` because who runs an authority is known
from the people (``accounts``), a higher layer. The import, the demo and the restructuring call
``organizations.services`` directly as trusted callers. Renames, merges, splits and moves with
their legal basis are the restructuring wizard's (``/restructuring/``): editing a unit's name
here is for fixing a typo.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.clusters.rules import CHANGE_UNIT, CREATE_UNIT
from thidua.clusters.selectors import organizations_for_user
from thidua.core.permissions import check
from thidua.organizations import services as org_services
from thidua.organizations.models import Authority, Organization

if TYPE_CHECKING:
    from thidua.accounts.models import User

EDITABLE = frozenset(
    {
        "name",
        "short_name",
        "kind",
        "parent",
        "authority",
        "province",
        "valid_from",
        "valid_to",
        "note",
    }
)


def _check_authority(user: User, authority: Authority | None) -> None:
    """The unit's authority must be one the user may add units to; only the system
    administrator leaves a unit without an authority."""
    if authority is None and not user.is_system_admin:
        check(user, CREATE_UNIT.name)  # not a board officer at all: the refusal says so
        raise ValidationError(
            {"authority": _("Hãy chọn cơ quan tổ chức cụm, khối quản lý đơn vị.")},
            code="no_authority",
        )
    check(user, CREATE_UNIT.name, authority)


def _check_parent(user: User, parent: Organization | None, unit: Organization | None) -> None:
    if parent is None:
        return
    if not organizations_for_user(user).filter(pk=parent.pk).exists():
        raise ValidationError(
            {"parent": _("Không tìm thấy cơ quan chủ quản trong phạm vi của bạn.")},
            code="parent_out_of_scope",
        )
    if unit is not None:
        _check_no_cycle(parent, unit)


@transaction.atomic
def create_unit(
    *,
    user: User | None,
    code: str,
    name: str,
    kind: str,
    short_name: str = "",
    parent: Organization | None = None,
    authority: Authority | None = None,
    province: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    note: str = "",
) -> Organization:
    """Add one unit. Side effects: the row, an ``organization.create`` event."""
    if user is not None:
        _check_authority(user, authority)
        _check_parent(user, parent, None)
    if not name.strip():
        raise ValidationError({"name": _("Cần nhập tên đơn vị.")}, code="no_name")
    return org_services.create_organization(
        code=code.strip(),
        name=name,
        kind=kind,
        short_name=short_name,
        parent=parent,
        authority=authority,
        province=province.strip(),
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )


@transaction.atomic
def update_unit(*, organization: Organization, user: User | None, **changes: Any) -> Organization:
    """Correct a unit's details (``EDITABLE``); the code never changes. Moving the unit to another
    authority needs the right to add units there too. Side effects: the row, an
    ``organization.update`` event."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"Cannot change {sorted(unknown)} through update_unit")
    if user is not None:
        check(user, CHANGE_UNIT.name, organization)
        if "authority" in changes and changes["authority"] != organization.authority:
            _check_authority(user, changes["authority"])
        if "parent" in changes and changes["parent"] != organization.parent:
            _check_parent(user, changes["parent"], organization)
    elif changes.get("parent") is not None:
        _check_no_cycle(changes["parent"], organization)
    if "name" in changes and not str(changes["name"]).strip():
        raise ValidationError({"name": _("Cần nhập tên đơn vị.")}, code="no_name")
    for text in ("name", "short_name", "province"):
        if text in changes:
            changes[text] = (changes[text] or "").strip()
    return org_services.update_organization(organization=organization, **changes)


def _check_no_cycle(parent: Organization, unit: Organization) -> None:
    ancestor: Organization | None = parent
    seen: set[int] = set()
    while ancestor is not None and ancestor.pk not in seen:
        if ancestor.pk == unit.pk:
            raise ValidationError(
                {"parent": _("Một đơn vị không thể trực thuộc chính nó hoặc đơn vị cấp dưới.")},
                code="parent_cycle",
            )
        seen.add(ancestor.pk)
        ancestor = ancestor.parent
