"""Writes of the awards app: loading the catalogue (rows are data), adding an order or a medal
to it (the system administrator), and the award nominations (đơn vị được suy tôn) a cluster's
year-end conference decides.

Nominations are written by a trusted caller (``voting.services.outcomes``), which checks its own
permission first: ``user`` is recorded as the actor of the audit event, not asked here."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.awards.catalogue import load_catalogue
from thidua.awards.enums import AwardCategory, AwardLevel, AwardSubject, Decider
from thidua.awards.models import AwardDecider, AwardNomination, AwardType
from thidua.awards.rules import ADD_AWARD_TYPE
from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.core.permissions import check
from thidua.legal.enums import Confidence
from thidua.legal.models import LegalInstrument
from thidua.organizations.models import Authority, Organization


@transaction.atomic
def load_award_catalogue() -> tuple[int, int]:
    created, updated = load_catalogue(AwardType)
    if created or updated:
        record_event(
            action="awards.catalogue.load",
            object_type="awards.awardtype",
            after={"created": created, "updated": updated},
        )
    return created, updated


CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,39}$")
CHOICES = {
    "category": AwardCategory,
    "subject": AwardSubject,
    "level": AwardLevel,
    "confidence": Confidence,
}


def _check_new_award(values: dict[str, Any], decider: str) -> None:
    errors: dict[str, str] = {}
    if not CODE.match(values["code"]):
        errors["code"] = _(
            "Mã gồm chữ in hoa không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ (ví dụ HCLD3)."
        )
    elif AwardType.objects.filter(code=values["code"]).exists():
        errors["code"] = _("Mã “{code}” đã có trong danh mục.").format(code=values["code"])
    for name in ("name", "deciding_authority", "legal_basis"):
        if not values[name]:
            errors[name] = _("Cần ghi nội dung này.")
    for name, choices in CHOICES.items():
        if values[name] not in choices.values:
            errors[name] = _("Giá trị không có trong danh mục.")
    if decider and decider not in Decider.values:
        errors["decider"] = _("Cấp quyết định không có trong danh mục.")
    variant_of = values["variant_of"]
    if variant_of is not None and values["authority"] is None:
        errors["authority"] = _("Biến thể địa phương cần ghi cơ quan áp dụng.")
    if variant_of is not None and variant_of.authority_id is not None:
        errors["variant_of"] = _("Chỉ là biến thể của một danh hiệu, hình thức toàn quốc.")
    if errors:
        raise ValidationError(errors)


def _in_words(values: dict[str, Any]) -> dict[str, Any]:
    """The new row for the audit trail: dates in ISO, related rows by code."""
    authority, variant_of = values["authority"], values["variant_of"]
    return {
        **values,
        "effective_from": values["effective_from"].isoformat(),
        "authority": authority.code if authority is not None else "",
        "variant_of": variant_of.code if variant_of is not None else "",
    }


@transaction.atomic
def add_award_type(
    *,
    user: Any,
    code: str,
    name: str,
    category: str,
    subject: str,
    level: str,
    deciding_authority: str,
    legal_basis: str,
    confidence: str,
    effective_from: dt.date,
    rank: int = 0,
    annual: bool = False,
    note: str = "",
    decider: str = "",
    instrument: LegalInstrument | None = None,
    article: str = "",
    authority: Authority | None = None,
    variant_of: AwardType | None = None,
) -> AwardType:
    """Add a row to the catalogue (an order, a medal, a local form), with who decides it from
    its first day when ``decider`` is given. A local variant (``authority``, ``variant_of`` a
    national row) replaces its national row for that authority's clusters. Side effects: the
    row(s), one audit event."""
    check(user, ADD_AWARD_TYPE.name)
    values: dict[str, Any] = {
        "code": code.strip().upper(),
        "name": name.strip(),
        "category": category,
        "subject": subject,
        "level": level,
        "deciding_authority": deciding_authority.strip(),
        "legal_basis": legal_basis.strip(),
        "confidence": confidence,
        "effective_from": effective_from,
        "rank": rank,
        "annual": annual,
        "note": note.strip(),
        "authority": authority,
        "variant_of": variant_of,
    }
    _check_new_award(values, decider)
    last = AwardType.objects.filter(category=category).order_by("-sort_order").first()
    award = AwardType.objects.create(sort_order=(last.sort_order if last else 0) + 10, **values)
    after = _in_words(values)
    if decider:
        AwardDecider.objects.create(
            award_type=award,
            valid_from=effective_from,
            decider=decider,
            text=award.deciding_authority,
            instrument=instrument,
            article=article.strip(),
            mark=confidence,
        )
        after["decider"] = str(Decider(decider).label)
    record_event(action="awards.award_type_added", obj=award, actor=user, after=after)
    return award


VOTE_FIELDS = (
    "votes_for",
    "votes_against",
    "electorate",
    "present",
    "threshold_text",
    "decided_on",
    "minutes_ref",
    "source_ref",
    "recorded_after_fact",
    "sample_data",
)


def _snapshot(nomination: AwardNomination) -> dict[str, Any]:
    return {name: getattr(nomination, name) for name in ("status", *VOTE_FIELDS)}


def _check_votes(
    *, cluster_year: ClusterYear, organization: Organization, values: dict[str, Any]
) -> None:
    if not ClusterMembership.objects.filter(
        cluster_year=cluster_year, organization=organization
    ).exists():
        raise ValidationError(
            _("{unit} không là thành viên của {year}.").format(
                unit=organization.name, year=cluster_year
            )
        )
    if values["present"] > values["electorate"]:
        raise ValidationError(_("Số có mặt không được lớn hơn tổng số thành viên."))
    if values["votes_for"] + values["votes_against"] > values["electorate"]:
        raise ValidationError(_("Số phiếu tán thành và không tán thành vượt quá số cử tri."))
    if not values["threshold_text"].strip():
        raise ValidationError(_("Cần ghi tỷ lệ cần đạt và căn cứ."))
    if not values["source_ref"].strip():
        raise ValidationError(_("Cần ghi nguồn của kết quả suy tôn."))


@transaction.atomic
def record_nomination(
    *,
    cluster_year: ClusterYear,
    organization: Organization,
    award_type: AwardType,
    votes_for: int,
    votes_against: int,
    electorate: int,
    present: int,
    threshold_text: str,
    decided_on: dt.date,
    minutes_ref: str,
    source_ref: str,
    recorded_after_fact: bool = False,
    sample_data: bool = False,
    user: Any,
) -> AwardNomination:
    """Record (or refresh) that ``organization`` was acclaimed for ``award_type`` in
    ``cluster_year`` with this vote. A withdrawn nomination keeps its status; one already put
    into a proposal (``used``) is not changed. Side effects: the row, one audit event."""
    values: dict[str, Any] = {
        "votes_for": votes_for,
        "votes_against": votes_against,
        "electorate": electorate,
        "present": present,
        "threshold_text": threshold_text,
        "decided_on": decided_on,
        "minutes_ref": minutes_ref,
        "source_ref": source_ref,
        "recorded_after_fact": recorded_after_fact,
        "sample_data": sample_data,
    }
    _check_votes(cluster_year=cluster_year, organization=organization, values=values)
    nomination = (
        AwardNomination.objects.select_for_update()
        .filter(cluster_year=cluster_year, organization=organization, award_type=award_type)
        .first()
    )
    before = _snapshot(nomination) if nomination is not None else None
    if nomination is not None and nomination.status == AwardNomination.Status.USED:
        raise ValidationError(
            _("Đề nghị khen thưởng {unit} đã đưa vào tờ trình: không ghi lại được.").format(
                unit=organization.name
            )
        )
    nomination, _created = AwardNomination.objects.update_or_create(
        cluster_year=cluster_year,
        organization=organization,
        award_type=award_type,
        defaults=values,
    )
    record_event(
        action="awards.nomination_recorded",
        obj=nomination,
        actor=user,
        before=before,
        after=_snapshot(nomination),
    )
    return nomination


@transaction.atomic
def withdraw_nomination(*, nomination: AwardNomination, reason: str, user: Any) -> AwardNomination:
    """Withdraw a nomination not yet put into a proposal (trusted caller, like
    :func:`record_nomination`). Side effects: the status, one audit event with the reason."""
    nomination = AwardNomination.objects.select_for_update().get(pk=nomination.pk)
    if nomination.status != AwardNomination.Status.PROPOSED:
        raise ValidationError(
            _("Chỉ rút được đề nghị đang chờ lập hồ sơ (hiện: {status}).").format(
                status=nomination.get_status_display().lower()
            )
        )
    if not reason.strip():
        raise ValidationError(_("Cần ghi lý do rút đề nghị."))
    nomination.status = AwardNomination.Status.WITHDRAWN
    nomination.save(update_fields=["status", "updated"])
    record_event(
        action="awards.nomination_withdrawn",
        obj=nomination,
        actor=user,
        before={"status": AwardNomination.Status.PROPOSED},
        after={"status": nomination.status, "reason": reason.strip()},
    )
    return nomination
