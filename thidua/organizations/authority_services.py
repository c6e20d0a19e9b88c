"""Writes for authorities (cơ quan tổ chức cụm, khối) and their successor links.

Each is one audited transaction. A person's call passes ``user`` and is checked first
(``organizations.manage_authority``, ``organizations.record_authority_succession``: system
administrators); ``user=None`` is a trusted caller (the demo, the command line, an import that
checked its own permission).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.core.permissions import check
from thidua.organizations.enums import AuthorityLevel
from thidua.organizations.models import Authority, AuthoritySuccession
from thidua.organizations.rules import MANAGE_AUTHORITY, RECORD_AUTHORITY_SUCCESSION
from thidua.organizations.selectors import authority_lineage, forget_lineage
from thidua.organizations.validators import validate_code, validate_period

if TYPE_CHECKING:
    from thidua.accounts.models import User

AUTHORITY_FIELDS = [
    "code",
    "name",
    "short_name",
    "level",
    "province",
    "parent_id",
    "valid_from",
    "valid_to",
]
EDITABLE = {"name", "short_name", "level", "province", "parent", "valid_from", "valid_to"}

# The levels an authority of each level may belong to: a commune council to its province, a
# province or a ministry board to the central level; the central level to nobody.
PARENT_LEVELS: dict[str, frozenset[str]] = {
    AuthorityLevel.CENTRAL: frozenset(),
    AuthorityLevel.MINISTRY: frozenset({AuthorityLevel.CENTRAL}),
    AuthorityLevel.PROVINCE: frozenset({AuthorityLevel.CENTRAL}),
    AuthorityLevel.COMMUNE: frozenset({AuthorityLevel.PROVINCE}),
}


def _validate(authority: Authority) -> None:
    if authority.level not in AuthorityLevel.values:
        raise ValidationError(
            {"level": _("Cấp không hợp lệ: {level}.").format(level=authority.level)}
        )
    validate_period(authority.valid_from, authority.valid_to)
    parent = authority.parent
    if parent is None:
        return
    allowed = PARENT_LEVELS[authority.level]
    if parent.level not in allowed:
        raise ValidationError(
            {
                "parent": _(
                    "Cơ quan cấp “{level}” không thể trực thuộc cơ quan cấp “{parent_level}”."
                ).format(
                    level=authority.get_level_display(), parent_level=parent.get_level_display()
                )
            },
            code="parent_level",
        )


def _validate_children(authority: Authority) -> None:
    """A new level must still be one its sub-authorities may belong to."""
    for child in authority.children.all():
        if authority.level not in PARENT_LEVELS[child.level]:
            raise ValidationError(
                {
                    "level": _(
                        "{child} trực thuộc cơ quan này: cơ quan không thể đổi sang cấp “{level}”."
                    ).format(child=child.name, level=authority.get_level_display())
                },
                code="children_level",
            )


@transaction.atomic
def create_authority(
    *,
    code: str,
    name: str,
    level: str,
    short_name: str = "",
    province: str = "",
    parent: Authority | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    user: User | None = None,
) -> Authority:
    """A new authority. Side effects: the row, an ``authority.create`` event."""
    if user is not None:
        check(user, MANAGE_AUTHORITY.name)
    validate_code(code)
    if Authority.objects.filter(code=code).exists():
        raise ValidationError(
            {"code": _("Mã cơ quan “{code}” đã tồn tại.").format(code=code)},
            code="duplicate_code",
        )
    authority = Authority(
        code=code,
        name=name.strip(),
        level=level,
        short_name=short_name.strip(),
        province=province.strip(),
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    _validate(authority)
    authority.full_clean()
    authority.save()
    record_event(
        action="authority.create", obj=authority, after=snapshot(authority, AUTHORITY_FIELDS)
    )
    return authority


@transaction.atomic
def update_authority(
    *, authority: Authority, user: User | None = None, **changes: Any
) -> Authority:
    """Change an authority's name, level, parent or dates (its code stays). Side effects: the
    row, an ``authority.update`` event with the values before and after."""
    if user is not None:
        check(user, MANAGE_AUTHORITY.name, authority)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"Cannot change {sorted(unknown)} through update_authority")
    before = snapshot(authority, AUTHORITY_FIELDS)
    for name, value in changes.items():
        setattr(authority, name, value.strip() if isinstance(value, str) else value)
    if authority.parent_id is not None and authority.parent_id == authority.pk:
        raise ValidationError({"parent": _("Một cơ quan không thể trực thuộc chính nó.")})
    _validate(authority)
    _validate_children(authority)
    authority.full_clean()
    authority.save()
    after = snapshot(authority, AUTHORITY_FIELDS)
    if after != before:
        record_event(action="authority.update", obj=authority, before=before, after=after)
    return authority


def _validate_succession(
    predecessor: Authority, successor: Authority, effective_date: dt.date
) -> None:
    if predecessor.pk == successor.pk:
        raise ValidationError(_("Một cơ quan không thể kế thừa chính nó."), code="self_succession")
    if AuthoritySuccession.objects.filter(predecessor=predecessor, successor=successor).exists():
        raise ValidationError(_("Liên kết kế thừa này đã có."), code="duplicate_succession")
    if authority_lineage(predecessor.pk).includes(successor.pk):
        raise ValidationError(
            _(
                "{successor} đã là cơ quan tiền thân của {predecessor}: không thể kế thừa vòng."
            ).format(successor=successor, predecessor=predecessor),
            code="succession_cycle",
        )
    if predecessor.valid_from and effective_date <= predecessor.valid_from:
        raise ValidationError(
            {"effective_date": _("Ngày hiệu lực phải sau ngày cơ quan cũ bắt đầu hoạt động.")}
        )


@transaction.atomic
def record_authority_succession(
    *,
    predecessor: Authority,
    successor: Authority,
    effective_date: dt.date,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    note: str = "",
    close_predecessor: bool = True,
    user: User | None = None,
) -> AuthoritySuccession:
    """``successor`` takes over ``predecessor`` on ``effective_date``: its people see the
    predecessor's history and run the predecessor's cluster years from that year on.

    Side effects: the link and an ``authority.succession.create`` event; with
    ``close_predecessor`` an open predecessor ends the day before (``authority.update``).
    """
    if user is not None:
        check(user, RECORD_AUTHORITY_SUCCESSION.name, predecessor)
    _validate_succession(predecessor, successor, effective_date)
    link = AuthoritySuccession(
        predecessor=predecessor,
        successor=successor,
        effective_date=effective_date,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        note=note.strip(),
    )
    link.full_clean()
    link.save()
    record_event(action="authority.succession.create", obj=link, after=snapshot(link))
    forget_lineage(user)
    if close_predecessor and predecessor.valid_to is None:
        update_authority(authority=predecessor, valid_to=effective_date - dt.timedelta(days=1))
    return link
