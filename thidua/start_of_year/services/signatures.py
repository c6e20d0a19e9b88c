"""Signatures on a pledge version: a member unit's leader signs in the app; a pledge signed on
paper at a dated conference is recorded by the secretariat (``record_paper_signing``: per unit
the signer's name, position and date); a signature made on paper before the app was used is
also recorded by the data import (demo data)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.audit.services import record_event, snapshot
from thidua.core.permissions import check
from thidua.organizations.models import Organization
from thidua.start_of_year.enums import PledgeStatus, SignatureMethod
from thidua.start_of_year.models import Pledge, PledgeSignature
from thidua.start_of_year.rules import (
    RECORD_PAPER_SIGNING,
    SIGN_PLEDGE,
    already_signed,
    not_a_member,
    pledge_is_a_draft,
    pledge_is_superseded,
)
from thidua.start_of_year.selectors import default_signer
from thidua.start_of_year.services.common import member_ids, require_text

if TYPE_CHECKING:
    from thidua.accounts.models import User


def _locked(pledge: Pledge) -> Pledge:
    return (
        Pledge.objects.select_for_update(of=("self",))
        .select_related("cluster_year__cluster")
        .get(pk=pledge.pk)
    )


@transaction.atomic
def sign_pledge(
    *,
    pledge: Pledge,
    by: User,
    organization: Organization,
    signer_name: str = "",
    signer_position: str = "",
) -> PledgeSignature:
    """A member unit's leader signs the current version for the unit, in the app.

    The name and position default to the unit's current leader (else the user).

    Side effects: creates the ``PledgeSignature`` (``pledge.sign``); when every member has
    signed, the pledge comes into force (``pledge.in_force``).
    """
    pledge = _locked(pledge)
    check(by, SIGN_PLEDGE.name, pledge)
    if by.organization_id != organization.pk:
        raise PermissionDenied(
            _(
                "Bạn chỉ được ký giao ước cho đơn vị của mình ({own}), không ký thay {other}."
            ).format(own=by.organization.name if by.organization else "—", other=organization.name)
        )
    default_name, default_position = default_signer(by, organization)
    name = signer_name.strip() or default_name
    position = signer_position.strip() or default_position
    if not name or not position:
        raise ValidationError(_("Cần ghi họ tên và chức vụ người ký."), code="signer_required")
    return _add_signature(
        pledge=pledge,
        organization=organization,
        signer_name=name,
        signer_position=position,
        signed_at=timezone.now(),
        method=SignatureMethod.IN_APP,
        signed_by=by,
    )


def _check_importable(pledge: Pledge, organization: Organization) -> None:
    """The states ``sign_pledge`` asks of the pledge, for a signature recorded from paper."""
    if organization.pk not in member_ids(pledge.cluster_year):
        raise ValidationError(not_a_member(organization, pledge.cluster_year), code="not_a_member")
    if pledge.status == PledgeStatus.DRAFT:
        raise ValidationError(pledge_is_a_draft(None, pledge), code="draft")
    if pledge.status == PledgeStatus.SUPERSEDED:
        raise ValidationError(pledge_is_superseded(None, pledge), code="superseded")
    if pledge.signatures.filter(organization=organization).exists():
        raise ValidationError(already_signed(pledge, organization), code="already_signed")


@transaction.atomic
def import_signature(
    *,
    pledge: Pledge,
    organization: Organization,
    signer_name: str,
    signer_position: str,
    signed_at: dt.datetime,
    source: str,
) -> PledgeSignature:
    """Record a signature made on paper before the app was used (data import, demo data).

    Not reachable from any page or the API: in the app, only the unit's leader signs
    (``sign_pledge``). A source that does not name the signer (a press report) leaves the name
    and position blank: documents then leave the name line blank, never a placeholder.
    Side effects: as ``sign_pledge``; the source is kept as the note.
    """
    source = require_text(source, _("Cần ghi nguồn của chữ ký được ghi nhận."))
    pledge = _locked(pledge)
    _check_importable(pledge, organization)
    return _add_signature(
        pledge=pledge,
        organization=organization,
        signer_name=signer_name.strip(),
        signer_position=signer_position.strip(),
        signed_at=signed_at,
        method=SignatureMethod.RECORDED,
        signed_by=None,
        note=source,
    )


def _add_signature(
    *,
    pledge: Pledge,
    organization: Organization,
    signer_name: str,
    signer_position: str,
    signed_at: dt.datetime,
    method: str,
    signed_by: User | None,
    note: str = "",
) -> PledgeSignature:
    try:
        with transaction.atomic():
            signature = PledgeSignature.objects.create(
                pledge=pledge,
                organization=organization,
                signer_name=signer_name,
                signer_position=signer_position,
                signed_at=signed_at,
                method=method,
                signed_by=signed_by,
                note=note,
            )
    except IntegrityError as exc:  # a concurrent signature won the race
        raise PermissionDenied(already_signed(pledge, organization)) from exc
    record_event(
        action="pledge.sign",
        obj=pledge,
        after={
            "organization_id": organization.pk,
            "organization": organization.name,
            "signer_name": signer_name,
            "signer_position": signer_position,
            "signed_at": signed_at,
            "method": method,
        },
        note=note,
    )
    _come_into_force_when_all_signed(pledge, signed_at)
    return signature


def _come_into_force_when_all_signed(pledge: Pledge, signed_at: dt.datetime) -> None:
    members = member_ids(pledge.cluster_year)
    signed = set(pledge.signatures.values_list("organization_id", flat=True))
    if pledge.status == PledgeStatus.OPEN and members and members <= signed:
        pledge.status, pledge.in_force_at = PledgeStatus.IN_FORCE, signed_at
        pledge.save(update_fields=["status", "in_force_at", "updated"])
        record_event(
            action="pledge.in_force",
            obj=pledge,
            before={"status": PledgeStatus.OPEN},
            after={"status": pledge.status, "signed": len(signed), "members": len(members)},
        )


@dataclass(frozen=True)
class PaperSignature:
    """One unit's signature on the paper pledge: who signed, as what, on which day (by default
    the conference's)."""

    organization: Organization
    signer_name: str
    signer_position: str
    signed_on: dt.date | None = None


CONFERENCE_FIELDS = ["conference_date", "conference_place", "place"]


def paper_note(conference_date: dt.date, conference_place: str) -> str:
    """ "Ký trên giấy tại hội nghị ngày 15/02/2021 (Hội trường UBND huyện Sóc Sơn)"."""
    note = _("Ký trên giấy tại hội nghị ngày {day}").format(
        day=conference_date.strftime("%d/%m/%Y")
    )
    return f"{note} ({conference_place})" if conference_place else note


def _paper_day(day: dt.date) -> dt.datetime:
    """A signing date as the stored moment: the start of that day, local time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def _check_paper_signatures(
    pledge: Pledge, conference_date: dt.date | None, signatures: Sequence[PaperSignature]
) -> dt.date:
    today = timezone.localdate()
    if conference_date is None:
        raise ValidationError(_("Cần ghi ngày hội nghị ký kết."), code="conference_date_required")
    if conference_date > today:
        raise ValidationError(
            _("Ngày hội nghị không thể sau hôm nay: chỉ ghi nhận việc đã diễn ra."),
            code="future_date",
        )
    if not signatures:
        raise ValidationError(
            _("Hãy ghi ít nhất một đơn vị đã ký trên giấy."), code="no_signatures"
        )
    units = [paper.organization.pk for paper in signatures]
    if len(set(units)) != len(units):
        raise ValidationError(_("Một đơn vị được ghi hai lần."), code="duplicate_unit")
    for paper in signatures:
        _check_importable(pledge, paper.organization)
        if not paper.signer_name.strip() or not paper.signer_position.strip():
            raise ValidationError(
                _("Cần ghi họ tên và chức vụ người ký của {unit}.").format(
                    unit=paper.organization.name
                ),
                code="signer_required",
            )
        if (paper.signed_on or conference_date) > today:
            raise ValidationError(
                _("Ngày ký của {unit} không thể sau hôm nay.").format(unit=paper.organization.name),
                code="future_date",
            )
    return conference_date


@transaction.atomic
def record_paper_signing(
    *,
    pledge: Pledge,
    by: User | None,
    conference_date: dt.date | None,
    signatures: Sequence[PaperSignature],
    conference_place: str = "",
    place: str | None = None,
) -> Pledge:
    """Record a pledge signed on paper at a dated conference: the conference's date and place,
    and per unit the signer's name, position and date of signing — all or nothing.

    The dates are the event's, never today's. The conference details are a record of the
    event, not a change of the text: they are written on the current version even when it has
    signatures. Side effects: the pledge's conference fields (``pledge.paper_signing.record``);
    one ``PledgeSignature`` per unit (method "recorded", ``pledge.sign``); when every member
    has signed, the pledge comes into force on the last date of signing (``pledge.in_force``).
    """
    pledge = _locked(pledge)
    if by is not None:
        check(by, RECORD_PAPER_SIGNING.name, pledge)
    day = _check_paper_signatures(pledge, conference_date, signatures)
    before = snapshot(pledge, CONFERENCE_FIELDS)
    pledge.conference_date = day
    pledge.conference_place = conference_place.strip()
    if place is not None:
        pledge.place = place.strip()
    pledge.save(update_fields=[*CONFERENCE_FIELDS, "updated"])
    record_event(
        action="pledge.paper_signing.record",
        obj=pledge,
        before=before,
        after={**snapshot(pledge, CONFERENCE_FIELDS), "units": len(signatures)},
    )
    note = paper_note(day, pledge.conference_place)
    for paper in sorted(signatures, key=lambda p: p.signed_on or day):
        _add_signature(
            pledge=pledge,
            organization=paper.organization,
            signer_name=paper.signer_name.strip(),
            signer_position=paper.signer_position.strip(),
            signed_at=_paper_day(paper.signed_on or day),
            method=SignatureMethod.RECORDED,
            signed_by=None,
            note=note,
        )
    return pledge
