"""Writes for units, leaders and succession links. Each is one audited transaction.

The authorities' writes are in ``authority_services`` (``create_authority`` is kept here too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.organizations.authority_services import create_authority  # noqa: F401 -- kept for callers
from thidua.organizations.enums import OrganizationKind, SuccessionKind
from thidua.organizations.models import Authority, Organization, OrganizationLeader, Succession
from thidua.organizations.validators import validate_code, validate_period

BULK_SIZE = 500  # rows per INSERT (and codes per IN (…)): far below SQLite's variable limit
ORG_FIELDS = [
    "code",
    "name",
    "short_name",
    "kind",
    "parent_id",
    "authority_id",
    "province",
    "valid_from",
    "valid_to",
    "note",
]


def build_organization(
    *,
    code_taken: Callable[[str], bool],
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
    """A new unit checked by every rule of ``create_organization``, not saved: the code's form,
    the dates' order, the kind, the code not taken (``code_taken``: a query for one unit, a set
    read once for many) and the model's fields. ``create_organization`` and ``NewOrganizations``
    both start here."""
    validate_code(code)
    validate_period(valid_from, valid_to)
    if kind not in OrganizationKind.values:
        raise ValidationError(_("Loại đơn vị không hợp lệ: {kind}.").format(kind=kind))
    if code_taken(code):
        raise ValidationError(
            _("Mã đơn vị “{code}” đã tồn tại.").format(code=code), code="duplicate_code"
        )
    org = Organization(
        code=code,
        name=name.strip(),
        kind=kind,
        short_name=short_name.strip(),
        parent=parent,
        authority=authority,
        province=province,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
    # The code's uniqueness and the dates' order are checked with their own messages, the parent
    # and authority are objects the caller read (or a parent created just before): the database
    # enforces all of them, so full_clean need not query for them again (a query each per unit).
    org.full_clean(
        exclude=["parent", "authority"], validate_unique=False, validate_constraints=False
    )
    return org


def _record_created(org: Organization) -> None:
    record_event(action="organization.create", obj=org, after=snapshot(org, ORG_FIELDS))


@transaction.atomic
def create_organization(
    *,
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
    """A new unit. Side effects: the row, an ``organization.create`` event. (Many units in one
    transaction: ``NewOrganizations``.)"""
    org = build_organization(
        code_taken=lambda taken: Organization.objects.filter(code=taken).exists(),
        code=code,
        name=name,
        kind=kind,
        short_name=short_name,
        parent=parent,
        authority=authority,
        province=province,
        valid_from=valid_from,
        valid_to=valid_to,
        note=note,
    )
    org.save()
    _record_created(org)
    return org


class NewOrganizations:
    """Many new units written together (the import): each ``add`` checks its unit as
    ``create_organization`` does and raises the same ``ValidationError``; ``save`` writes the
    accepted ones with ``bulk_create``, 500 a statement, with their stored sort keys and search
    text and the same ``organization.create`` events, in the order they were added.

    ``codes``: every code that may be added; which of them exist is read once, here. Run inside
    the caller's transaction (all or nothing); the database's unique code still guards a unit
    created by someone else in between. A unit's parent is added before it, or exists already.
    """

    def __init__(self, codes: Iterable[str]) -> None:
        self._taken: set[str] = set()
        wanted = sorted(set(codes))
        for start in range(0, len(wanted), BULK_SIZE):
            chunk = wanted[start : start + BULK_SIZE]
            self._taken |= set(
                Organization.objects.filter(code__in=chunk).values_list("code", flat=True)
            )
        self._added: list[Organization] = []

    def add(self, **fields: Any) -> Organization:
        """The unit, checked and not yet saved (``ValidationError`` as ``create_organization``)."""
        org = build_organization(code_taken=self._taken.__contains__, **fields)
        org.derive_text_keys()  # what ``SortKeyed.save`` does; bulk_create does not call save
        self._taken.add(org.code)
        self._added.append(org)
        return org

    def save(self) -> list[Organization]:
        """Write the added units and record their events; they get their primary keys."""
        for wave in _waves(self._added):
            Organization.objects.bulk_create(wave)
        for org in self._added:
            _record_created(org)
        added, self._added = self._added, []
        return added


def _waves(orgs: list[Organization]) -> Iterator[list[Organization]]:
    """At most ``BULK_SIZE`` units a statement, a unit never in the same one as its parent."""
    wave: list[Organization] = []
    in_wave: set[int] = set()
    for org in orgs:
        parent = org.parent if org.parent_id is None else None  # a new parent is not saved yet
        if len(wave) >= BULK_SIZE or (parent is not None and id(parent) in in_wave):
            yield wave
            wave, in_wave = [], set()
        wave.append(org)
        in_wave.add(id(org))
    if wave:
        yield wave


@transaction.atomic
def update_organization(*, organization: Organization, **changes: Any) -> Organization:
    allowed = {
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
    unknown = set(changes) - allowed
    if unknown:
        raise ValueError(f"Cannot change {sorted(unknown)} through update_organization")
    before = snapshot(organization, ORG_FIELDS)
    for field, value in changes.items():
        setattr(organization, field, value)
    validate_period(organization.valid_from, organization.valid_to)
    organization.full_clean()
    organization.save()
    record_event(
        action="organization.update",
        obj=organization,
        before=before,
        after=snapshot(organization, ORG_FIELDS),
    )
    return organization


@transaction.atomic
def set_leader(
    *, organization: Organization, full_name: str, position: str, valid_from: dt.date | None = None
) -> OrganizationLeader:
    """Record a new leader; the previous open-ended leader's term ends the day before."""
    if not full_name.strip() or not position.strip():
        raise ValidationError(_("Cần nhập họ tên và chức vụ của lãnh đạo."))
    current = organization.leaders.filter(valid_to__isnull=True).order_by("-valid_from").first()
    if current is not None and valid_from is not None:
        if current.valid_from and valid_from <= current.valid_from:
            raise ValidationError(
                _("Ngày nhận nhiệm vụ phải sau ngày bắt đầu nhiệm kỳ của lãnh đạo hiện tại.")
            )
        current.valid_to = valid_from - dt.timedelta(days=1)
        current.save(update_fields=["valid_to", "updated"])
    leader = OrganizationLeader.objects.create(
        organization=organization,
        full_name=full_name.strip(),
        position=position.strip(),
        valid_from=valid_from,
    )
    record_event(action="organization.leader.set", obj=organization, after=snapshot(leader))
    return leader


@transaction.atomic
def record_succession(
    *,
    predecessor: Organization,
    successor: Organization,
    kind: str,
    effective_date: dt.date,
    decision_ref: str = "",
    note: str = "",
    dissolve_predecessor: bool = True,
) -> Succession:
    """Link an old unit to the unit that took it over (merge, split, rename…).

    With ``dissolve_predecessor`` (merges and renames), the old unit ends the day before.
    """
    if predecessor.pk == successor.pk:
        raise ValidationError(_("Một đơn vị không thể kế thừa chính nó."))
    if kind not in SuccessionKind.values:
        raise ValidationError(_("Hình thức kế thừa không hợp lệ: {kind}.").format(kind=kind))
    if predecessor.valid_from and effective_date <= predecessor.valid_from:
        raise ValidationError(_("Ngày hiệu lực phải sau ngày đơn vị cũ bắt đầu hoạt động."))
    if Succession.objects.filter(predecessor=predecessor, successor=successor).exists():
        raise ValidationError(_("Liên kết kế thừa này đã có."))
    link = Succession.objects.create(
        predecessor=predecessor,
        successor=successor,
        kind=kind,
        effective_date=effective_date,
        decision_ref=decision_ref,
        note=note,
    )
    if dissolve_predecessor and predecessor.valid_to is None:
        update_organization(
            organization=predecessor, valid_to=effective_date - dt.timedelta(days=1)
        )
    record_event(action="organization.succession.create", obj=link, after=snapshot(link))
    return link
