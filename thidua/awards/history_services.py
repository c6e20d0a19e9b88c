"""Writes of award history: keyword-only, atomic, the named permission, one audit event per
change, a Vietnamese ``ValidationError`` on bad input and nothing written. Awards are never
deleted: a revocation keeps the row with its decision (D-13); an initiative is used once (D-6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.awards import history_rules as rules
from thidua.awards.enums import AwardSubject
from thidua.awards.history import AwardRecord, CollectiveYear, InitiativeUse
from thidua.awards.history_enums import AwardSource, CollectiveSource
from thidua.awards.models import AwardType
from thidua.core.permissions import check
from thidua.legal.models import RuleSet
from thidua.organizations.models import Organization
from thidua.people.models import Initiative, Person
from thidua.people.selectors import current_unit, unit_in_year
from thidua.people.validators import day, validate_past_year

INDIVIDUAL = (AwardSubject.INDIVIDUAL, AwardSubject.ANY)
COLLECTIVE = (AwardSubject.COLLECTIVE, AwardSubject.ANY)


def is_annual(award_type: AwardType) -> bool:
    """Whether the award is given per achievement year (the catalogue's ``annual``)."""
    return award_type.annual


def _facts(record: AwardRecord) -> dict[str, Any]:
    return {
        "subject": str(record.subject),
        "award": record.award_code,
        "year": record.achievement_year,
        "decision": record.decision_number,
        "decision_date": day(record.decision_date),
        "source": record.source,
        "revoked_on": day(record.revoked_on) if record.revoked_on else "",
        "revocation_ref": record.revocation_ref,
    }


def _duplicate(record: AwardRecord) -> AwardRecord | None:
    if not record.annual:
        return None
    subject = (
        {"person": record.person} if record.person_id else {"organization": record.organization}
    )
    return (
        AwardRecord.objects.filter(
            award_code=record.award_code,
            achievement_year=record.achievement_year,
            annual=True,
            revoked_on__isnull=True,
            **subject,
        )
        .exclude(pk=record.pk)
        .first()
    )


def _duplicate_error(record: AwardRecord, other: AwardRecord) -> ValidationError:
    return ValidationError(
        _("{subject} đã có {award} năm {year} (quyết định {number}).").format(
            subject=record.subject,
            award=record.award_type.name,
            year=record.achievement_year,
            number=other.decision_number or other.source_ref or "—",
        ),
        code="duplicate",
    )


def wrong_subject(award_type: AwardType, *, individual: bool) -> str | None:
    """Why ``award_type`` cannot go to this kind of subject, or ``None`` (shared with the
    history import)."""
    if individual and award_type.subject not in INDIVIDUAL:
        return _("{award} không dành cho cá nhân.").format(award=award_type.name)
    if not individual and award_type.subject not in COLLECTIVE:
        return _("{award} không dành cho tập thể.").format(award=award_type.name)
    return None


def no_unit_in_year(person: Person, year: int) -> str:
    return _("{name} không công tác tại đơn vị nào trong năm {year}.").format(
        name=person.full_name, year=year
    )


def dissolved_before(organization: Organization, decided: dt.date | None) -> str | None:
    """D-14: no award decided after the unit was dissolved (shared with the history import)."""
    if organization.valid_to and decided and decided > organization.valid_to:
        return _("{unit} đã giải thể ngày {day}: không khen thưởng đơn vị đã giải thể.").format(
            unit=organization.name, day=day(organization.valid_to)
        )
    return None


def _subject_unit(
    award_type: AwardType, year: int, person: Person | None, organization: Organization | None
) -> Organization:
    if (person is None) == (organization is None):
        raise ValidationError(_("Chọn một tập thể hoặc một cá nhân."), code="subject")
    wrong = wrong_subject(award_type, individual=person is not None)
    if wrong:
        raise ValidationError(wrong, code="subject")
    if person is not None:
        unit = unit_in_year(person, year)
        if unit is None:
            raise ValidationError(no_unit_in_year(person, year), code="no_unit")
        return unit
    assert organization is not None
    return organization


def _check_decision(record: AwardRecord) -> None:
    if record.source not in AwardSource.values:
        raise ValidationError({"source": _("Nguồn không hợp lệ.")}, code="source")
    if record.source != AwardSource.PRESS and not (record.decision_number and record.decision_date):
        raise ValidationError(
            _("Hãy nhập số và ngày quyết định khen thưởng."), code="decision_required"
        )
    dissolved = (
        dissolved_before(record.organization, record.decision_date)
        if record.organization is not None
        else None
    )
    if dissolved:
        raise ValidationError(dissolved, code="dissolved")


@transaction.atomic
def record_award(
    *,
    user: Any,
    award_type: AwardType,
    achievement_year: int,
    person: Person | None = None,
    organization: Organization | None = None,
    decision_number: str = "",
    decision_date: dt.date | None = None,
    decided_by: str = "",
    source: str = AwardSource.ENTRY,
    source_ref: str = "",
    achievement_ref: str = "",
    received_on: dt.date | None = None,
    rule_set: RuleSet | None = None,
    sample_data: bool = False,
) -> AwardRecord:
    """A title or form a unit or a person received, with its decision (press: without) and
    the rule-set version it was judged under, if known (that version then cannot be closed
    before the record's received day: ``rule_set_uses``)."""
    validate_past_year(achievement_year, field="achievement_year")
    unit = _subject_unit(award_type, achievement_year, person, organization)
    record = AwardRecord(
        person=person,
        organization=organization,
        award_type=award_type,
        award_code=award_type.code,
        annual=is_annual(award_type),
        achievement_year=achievement_year,
        decision_number=decision_number.strip(),
        decision_date=decision_date,
        decided_by=decided_by.strip(),
        unit_at_time=unit,
        received_on=received_on,
        rule_set=rule_set,
        source=source,
        source_ref=source_ref.strip(),
        achievement_ref=achievement_ref.strip(),
        sample_data=sample_data,
    )
    check(user, rules.RECORD_AWARD.name, record)
    _check_decision(record)
    other = _duplicate(record)
    if other is not None:
        raise _duplicate_error(record, other)
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        other = _duplicate(record)
        if other is None:
            raise
        raise _duplicate_error(record, other) from None
    record_event(action="awards.record_award", obj=record, actor=user, after=_facts(record))
    return record


@transaction.atomic
def revoke_award(
    *, user: Any, record: AwardRecord, revoked_on: dt.date, revocation_ref: str
) -> AwardRecord:
    """Marks an award revoked with the revoking decision (D-13); the row stays."""
    check(user, rules.REVOKE_AWARD.name, record)
    if not revocation_ref.strip():
        raise ValidationError(
            {"revocation_ref": _("Hãy nhập số quyết định thu hồi.")}, code="required"
        )
    if record.decision_date and revoked_on < record.decision_date:
        raise ValidationError(
            _("Ngày thu hồi phải sau ngày quyết định khen thưởng ({day}).").format(
                day=day(record.decision_date)
            ),
            code="dates",
        )
    before = _facts(record)
    record.revoked_on = revoked_on
    record.revocation_ref = revocation_ref.strip()
    record.save(update_fields=["revoked_on", "revocation_ref", "updated"])
    record_event(
        action="awards.revoke_award", obj=record, actor=user, before=before, after=_facts(record)
    )
    return record


@transaction.atomic
def record_collective_year(
    *,
    user: Any,
    organization: Organization,
    year: int,
    members: int,
    completed: int,
    ldtt: int,
    cstdcs: int,
    rating: int | None = None,
    max_discipline: int | None = None,
    source: str = CollectiveSource.ENTRY,
) -> CollectiveYear:
    """The facts of a collective's year; one row per unit and year."""
    check(user, rules.RECORD_COLLECTIVE_YEAR.name, organization)
    validate_past_year(year)
    if members <= 0:
        raise ValidationError({"members": _("Tổng số thành viên phải lớn hơn 0.")})
    for label, value in (
        (_("Số hoàn thành nhiệm vụ"), completed),
        (_("Số đạt Lao động tiên tiến"), ldtt),
        (_("Số đạt Chiến sĩ thi đua cơ sở"), cstdcs),
    ):
        if not 0 <= value <= members:
            raise ValidationError(
                _("{label} ({value}) phải từ 0 đến tổng số thành viên ({members}).").format(
                    label=label, value=value, members=members
                ),
                code="counts",
            )
    if CollectiveYear.objects.filter(organization=organization, year=year).exists():
        raise ValidationError(
            _("{unit} đã có số liệu năm {year}.").format(unit=organization.name, year=year),
            code="duplicate",
        )
    row = CollectiveYear.objects.create(
        organization=organization,
        year=year,
        rating=rating,
        members=members,
        completed=completed,
        ldtt=ldtt,
        cstdcs=cstdcs,
        max_discipline=max_discipline,
        source=source,
    )
    after = {
        "unit": organization.code,
        "year": year,
        "members": members,
        "completed": completed,
        "ldtt": ldtt,
        "cstdcs": cstdcs,
    }
    record_event(action="awards.record_collective_year", obj=row, actor=user, after=after)
    return row


def used_error(initiative: Initiative, use: InitiativeUse) -> ValidationError:
    if use.award_record is not None:
        target = use.award_record
        text = _("Sáng kiến {code} đã dùng cho {award} năm {year}").format(
            code=initiative.code, award=target.award_type.name, year=target.achievement_year
        )
    else:
        text = _("Sáng kiến {code} đã dùng cho hồ sơ đề nghị {ref}").format(
            code=initiative.code, ref=use.proposal_ref
        )
    return ValidationError(text, code="initiative_used")


def _existing_use(initiative: Initiative) -> InitiativeUse | None:
    return (
        InitiativeUse.objects.filter(initiative=initiative)
        .select_related("award_record__award_type")
        .first()
    )


@transaction.atomic
def use_initiative(
    *,
    user: Any,
    initiative: Initiative,
    used_on: dt.date,
    award_record: AwardRecord | None = None,
    proposal_ref: str = "",
) -> InitiativeUse:
    """Records the one use of an initiative (D-6) for an award or a proposal."""
    if award_record is not None:
        unit = award_record.unit
    else:
        first = initiative.authors.order_by("code").first()
        unit = current_unit(first) if first else None
    check(user, rules.USE_INITIATIVE.name, unit)
    if award_record is None and not proposal_ref.strip():
        raise ValidationError(_("Hãy chọn khen thưởng hoặc hồ sơ đề nghị."), code="target")
    if (
        award_record is not None
        and award_record.person_id
        and not initiative.authors.filter(pk=award_record.person_id).exists()
    ):
        raise ValidationError(
            _("{name} không phải tác giả sáng kiến {code}.").format(
                name=award_record.person, code=initiative.code
            ),
            code="not_author",
        )
    existing = _existing_use(initiative)
    if existing is not None:
        raise used_error(initiative, existing)
    use = InitiativeUse(
        initiative=initiative,
        award_record=award_record,
        proposal_ref=proposal_ref.strip(),
        used_on=used_on,
    )
    try:
        with transaction.atomic():
            use.save()
    except IntegrityError:
        existing = _existing_use(initiative)
        if existing is None:
            raise
        raise used_error(initiative, existing) from None
    after = {
        "initiative": initiative.code,
        "award_record": award_record.pk if award_record else None,
        "proposal_ref": use.proposal_ref,
        "used_on": day(used_on),
    }
    record_event(action="awards.use_initiative", obj=use, actor=user, after=after)
    return use
