"""A unit's own acts, and recording one on the unit's behalf (ghi thay đơn vị, có lý do).

The law wants some acts to be the unit's own: its self-scoring (tự chấm), its signature on the
pledge (ký giao ước), its registration (đăng ký thi đua), its drive reports, its vote. Only the
unit's own people (``UNIT_ROLES`` of that unit) take them; a system administrator — a superuser
too, whatever role the account carries — and the board officer never do, silently.

When a unit only sent paper, the board records the act for it through an explicit action
``<app>.<act>_on_behalf``: who may is :data:`may_record_on_behalf` (the system administrator and
the board officer of the cluster's authority — not the secretariat, which is staff of the head
unit, itself a member that verifies the others and votes: docs/on-behalf-and-lineage.md); when
is the same as the unit's own act; the service demands a reason and the paper document's
reference and writes the audit event :func:`record_on_behalf` (``on_behalf_of`` the unit), which
the object's page shows as "Ghi thay bởi … — lý do: …" (:func:`on_behalf_notes`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import rules
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.accounts.enums import UNIT_ROLES
from thidua.audit.models import AuditEvent
from thidua.audit.services import record_event
from thidua.clusters.rules import is_board_officer_of_cluster_year, is_system_admin

# ---------------------------------------------------------------- who speaks for a unit


def speaks_for_unit(user: Any, organization_id: int | None) -> bool:
    """The user is one of the unit's own people (officer, leader, secretariat of that unit), and
    not a system administrator: a superuser account never carries a unit's voice."""
    return bool(
        organization_id is not None
        and user.is_authenticated
        and not user.is_system_admin
        and user.role in UNIT_ROLES
        and user.organization_id == organization_id
    )


@rules.predicate
def is_unit_person(user: Any) -> bool:
    """One of some unit's own people (not a system administrator)."""
    return speaks_for_unit(user, user.organization_id if user.is_authenticated else None)


def _cluster_year_of(obj: Any) -> Any:
    """The cluster year of the object an on-behalf action is asked about (a sheet, a
    registration, a signature of a pledge, a report of a drive…)."""
    for path in ("cluster_year", "pledge", "drive"):
        inner = getattr(obj, path, None)
        if inner is not None:
            return inner if path == "cluster_year" else _cluster_year_of(inner)
    return obj


@rules.predicate
def may_record_on_behalf(user: Any, obj: Any) -> bool:
    """The system administrator, or the board officer of the authority of the object's cluster
    year (a score sheet, a registration, a signature of a pledge…)."""
    if obj is None:
        return False
    return bool(
        is_system_admin(user) or is_board_officer_of_cluster_year(user, _cluster_year_of(obj))
    )


# ---------------------------------------------------------------- the reason, the paper


class OnBehalfForm(forms.Form):
    """The two fields every "Ghi thay đơn vị (có lý do)" form has."""

    reason = forms.CharField(
        label=gettext_lazy("Lý do ghi thay"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=gettext_lazy("Ví dụ: đơn vị chỉ gửi văn bản giấy, không có tài khoản."),
    )
    paper_ref = forms.CharField(
        label=gettext_lazy("Số, ngày văn bản giấy của đơn vị"),
        max_length=200,
        help_text=gettext_lazy("Ví dụ: Công văn số 123/SNV-VP ngày 15/01/2025."),
    )


def clean_on_behalf(reason: str, paper_ref: str) -> tuple[str, str]:
    """The stripped reason and paper reference; a ``ValidationError`` naming each missing one."""
    errors: dict[str, str] = {}
    reason, paper_ref = (reason or "").strip(), (paper_ref or "").strip()
    if not reason:
        errors["reason"] = _("Cần ghi lý do ghi thay đơn vị.")
    if not paper_ref:
        errors["paper_ref"] = _("Cần ghi số, ngày văn bản giấy của đơn vị.")
    if errors:
        raise ValidationError(errors, code="on_behalf_required")
    return reason, paper_ref


ON_BEHALF_SUFFIX = ".on_behalf"


def record_on_behalf(
    *,
    action: str,
    obj: Model,
    organization: Any,
    reason: str,
    paper_ref: str,
    after: dict[str, Any] | None = None,
    actor: Any = None,
) -> AuditEvent:
    """The audit event of an act recorded for ``organization``: ``<action>.on_behalf``, with
    ``on_behalf_of`` the unit, the reason (also the note) and the paper reference."""
    payload = dict(after or {})
    payload.update(
        on_behalf_of=organization.pk,
        on_behalf_of_name=organization.name,
        reason=reason,
        paper_ref=paper_ref,
    )
    return record_event(
        action=f"{action}{ON_BEHALF_SUFFIX}", obj=obj, after=payload, note=reason, actor=actor
    )


@dataclass(frozen=True)
class OnBehalfNote:
    """What a page says of an act recorded on a unit's behalf."""

    action: str
    organization_id: int | None
    organization_name: str
    actor: str
    at: dt.datetime
    reason: str
    paper_ref: str


def on_behalf_notes(objects: Iterable[Model]) -> list[OnBehalfNote]:
    """The acts recorded on behalf of units on these objects, oldest first (one query)."""
    keys: dict[str, set[str]] = {}
    for obj in objects:
        if obj is not None and obj.pk is not None:
            keys.setdefault(obj._meta.label_lower, set()).add(str(obj.pk))
    if not keys:
        return []
    events = AuditEvent.objects.none()
    for object_type, ids in keys.items():
        events |= AuditEvent.objects.filter(object_type=object_type, object_id__in=ids)
    events = events.filter(action__endswith=ON_BEHALF_SUFFIX).order_by("id")
    return [_note(event) for event in events]


def _note(event: AuditEvent) -> OnBehalfNote:
    after = event.after or {}
    return OnBehalfNote(
        action=event.action,
        organization_id=after.get("on_behalf_of"),
        organization_name=str(after.get("on_behalf_of_name", "")),
        actor=event.actor_repr,
        at=event.at,
        reason=str(after.get("reason", event.note)),
        paper_ref=str(after.get("paper_ref", "")),
    )
