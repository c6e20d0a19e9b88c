"""Movements (phong trào thi đua): an authority launches one for some of its cluster years, and
changes it later (never dropping a cluster year whose drives are attached to it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.clusters.models import ClusterYear
from thidua.core.permissions import check
from thidua.core.uploads import DOCUMENT_TYPES
from thidua.organizations.models import Authority
from thidua.organizations.selectors import authority_lineage
from thidua.planning.enums import MovementKind
from thidua.planning.models import Drive, Movement
from thidua.planning.rules import CHANGE_MOVEMENT, LAUNCH_MOVEMENT
from thidua.planning.services.files import delete_file_later
from thidua.planning.validators import validate_files, validate_period, validate_required_text

if TYPE_CHECKING:
    from thidua.accounts.models import User

MOVEMENT_FIELDS = [
    "authority_id",
    "kind",
    "title",
    "slogan",
    "starts_on",
    "ends_on",
    "document_number",
    "document_date",
    "document_file_name",
]


@dataclass
class MovementData:
    """What a person writes about a movement (launching it or changing it)."""

    kind: str
    title: str
    starts_on: dt.date
    ends_on: dt.date | None
    cluster_years: list[ClusterYear] = field(default_factory=list)
    slogan: str = ""
    description: str = ""
    document_number: str = ""
    document_date: dt.date | None = None
    note: str = ""

    def apply(self, movement: Movement) -> None:
        movement.kind, movement.title, movement.slogan = self.kind, self.title, self.slogan.strip()
        movement.description, movement.note = self.description.strip(), self.note.strip()
        movement.starts_on, movement.ends_on = self.starts_on, self.ends_on
        movement.document_number = self.document_number.strip()
        movement.document_date = self.document_date


def _check_cluster_years(data: MovementData, authority: Authority) -> None:
    if not data.cluster_years:
        raise ValidationError(
            _("Cần chọn ít nhất một cụm, khối tham gia phong trào."), code="no_cluster"
        )
    last_year = data.ends_on.year if data.ends_on else None
    # its own cluster years, and its predecessors' from the year their work passed to it
    lineage = authority_lineage(authority.pk)
    for cy in data.cluster_years:
        if not lineage.includes(cy.cluster.authority_id):
            raise ValidationError(
                _("{cluster} không thuộc {authority}.").format(
                    cluster=cy.cluster.name, authority=authority.name
                ),
                code="other_authority",
            )
        if not lineage.manages_year(cy.cluster.authority_id, cy.year):
            raise ValidationError(
                _("{cluster} năm {year} đã khép lại trước khi {authority} kế thừa.").format(
                    cluster=cy.cluster.name, year=cy.year, authority=authority.name
                ),
                code="closed_predecessor_year",
            )
        if cy.year < data.starts_on.year or (last_year is not None and cy.year > last_year):
            raise ValidationError(
                _(
                    "{cluster} năm {year} nằm ngoài thời gian của phong trào ({start:%d/%m/%Y} – {end})."
                ).format(
                    cluster=cy.cluster.name,
                    year=cy.year,
                    start=data.starts_on,
                    end=data.ends_on.strftime("%d/%m/%Y") if data.ends_on else "…",
                ),
                code="outside_period",
            )


def _checked(
    data: MovementData, authority: Authority, document_file: UploadedFile | None
) -> list[UploadedFile]:
    """Validate everything before writing; returns the checked document file (or nothing)."""
    if data.kind not in MovementKind.values:
        raise ValidationError(_("Loại phong trào không hợp lệ: {kind}.").format(kind=data.kind))
    data.title = validate_required_text(data.title, _("tên phong trào"))
    validate_period(data.starts_on, data.ends_on)
    _check_cluster_years(data, authority)
    return validate_files([document_file] if document_file else [], allowed=DOCUMENT_TYPES)


def _audit_state(movement: Movement, cluster_years: Iterable[Any]) -> dict[str, Any]:
    return {
        **snapshot(movement, MOVEMENT_FIELDS),
        "cluster_years": sorted(cy if isinstance(cy, int) else cy.pk for cy in cluster_years),
    }


@transaction.atomic
def launch_movement(
    *,
    authority: Authority,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    cluster_years: Iterable[ClusterYear],
    slogan: str = "",
    description: str = "",
    document_number: str = "",
    document_date: dt.date | None = None,
    document_file: UploadedFile | None = None,
    note: str = "",
    by: User,
) -> Movement:
    """An authority launches (phát động) a movement for some of its cluster years.

    Side effects: stores the launching document; audit ``movement.launch``.
    """
    check(by, LAUNCH_MOVEMENT.name, authority)
    data = MovementData(
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        cluster_years=list(cluster_years),
        slogan=slogan,
        description=description,
        document_number=document_number,
        document_date=document_date,
        note=note,
    )
    checked = _checked(data, authority, document_file)
    movement = Movement(authority=authority, launched_by=by)
    data.apply(movement)
    if checked:
        movement.document_file = checked[0]
        movement.document_file_name = (checked[0].name or "")[-255:]
    movement.save()
    movement.cluster_years.set(data.cluster_years)
    record_event(
        action="movement.launch",
        obj=movement,
        after=_audit_state(movement, data.cluster_years),
        actor=by,
    )
    return movement


def _check_drives_stay(movement: Movement, cluster_years: Sequence[ClusterYear]) -> None:
    drive = (
        Drive.objects.filter(movement=movement)
        .exclude(cluster_year__in=cluster_years)
        .select_related("cluster_year__cluster")
        .first()
    )
    if drive is not None:
        raise ValidationError(
            _(
                "Không thể bỏ {cluster} năm {year}: một đợt thi đua của năm này (“{drive}”) đang gắn "
                "với phong trào."
            ).format(
                cluster=drive.cluster_year.cluster.name, year=drive.cluster_year.year, drive=drive
            ),
            code="in_use",
        )


def _replace_document(movement: Movement, checked: list[UploadedFile], *, remove: bool) -> None:
    old_file = movement.document_file.name if movement.document_file else ""
    if checked:
        movement.document_file = checked[0]
        movement.document_file_name = (checked[0].name or "")[-255:]
    elif remove:
        movement.document_file = ""
        movement.document_file_name = ""
    if old_file and (checked or remove):
        delete_file_later(old_file, still_used=False)


@transaction.atomic
def update_movement(
    *,
    movement: Movement,
    kind: str,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    cluster_years: Iterable[ClusterYear],
    slogan: str = "",
    description: str = "",
    document_number: str = "",
    document_date: dt.date | None = None,
    document_file: UploadedFile | None = None,
    remove_document_file: bool = False,
    note: str = "",
    by: User,
) -> Movement:
    """Change a movement. Side effects: replaces or removes the launching document (the old file
    goes after commit); audit ``movement.update``."""
    check(by, CHANGE_MOVEMENT.name, movement)
    data = MovementData(
        kind=kind,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        cluster_years=list(cluster_years),
        slogan=slogan,
        description=description,
        document_number=document_number,
        document_date=document_date,
        note=note,
    )
    checked = _checked(data, movement.authority, document_file)
    _check_drives_stay(movement, data.cluster_years)
    before = _audit_state(movement, movement.cluster_years.values_list("pk", flat=True))
    data.apply(movement)
    _replace_document(movement, checked, remove=remove_document_file)
    movement.save()
    movement.cluster_years.set(data.cluster_years)
    record_event(
        action="movement.update",
        obj=movement,
        before=before,
        after=_audit_state(movement, data.cluster_years),
        actor=by,
    )
    return movement
