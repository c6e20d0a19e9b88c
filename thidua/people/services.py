"""Writes of people: keyword-only, atomic, the named permission first (its object is the unit
concerned), one audit event per change, a Vietnamese ``ValidationError`` on bad input and
nothing written. History is added, never overwritten: a second rating of the same year, a
second period in the same days, a second initiative with the same code are refused; a rating
is corrected only through ``change_rating``, whose audit event keeps the rating before. The bulk
move of a restructured unit's people is ``unit_moves``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from thidua.audit.services import record_event
from thidua.core.permissions import check
from thidua.organizations.models import Organization
from thidua.people import rules, selectors
from thidua.people.enums import DisciplineKind, InitiativeScope, StaffCategory
from thidua.people.models import (
    Discipline,
    Employment,
    Initiative,
    InitiativeAuthor,
    Person,
    YearRecord,
)
from thidua.people.validators import (
    day,
    parse_rating,
    validate_code,
    validate_past_year,
    validate_period,
)


def overlap_error(person: Person, other: Employment) -> ValidationError:
    return ValidationError(
        _(
            "{name} đang công tác tại {unit} từ {date}: một người chỉ thuộc một đơn vị tại "
            "một thời điểm"
        ).format(name=person.full_name, unit=other.organization.name, date=day(other.valid_from)),
        code="employment_overlap",
    )


def _save_employment(employment: Employment) -> None:
    """Checks first, then saves; the database guard's refusal (a race) gives the same message."""
    other = selectors.overlapping_employment(
        employment.person, employment.valid_from, employment.valid_to, exclude=employment.pk
    )
    if other is not None:
        raise overlap_error(employment.person, other)
    try:
        with transaction.atomic():
            employment.save()
    except IntegrityError:
        other = selectors.overlapping_employment(
            employment.person, employment.valid_from, employment.valid_to, exclude=employment.pk
        )
        if other is None:
            raise
        raise overlap_error(employment.person, other) from None


def _employment_facts(employment: Employment) -> dict[str, Any]:
    return {
        "person": employment.person.code,
        "unit": employment.organization.code,
        "category": employment.category,
        "position": employment.position,
        "from": day(employment.valid_from),
        "to": day(employment.valid_to),
    }


def _validate_category(category: str) -> None:
    if category not in StaffCategory.values:
        raise ValidationError({"category": _("Đối tượng không hợp lệ.")}, code="category")


@transaction.atomic
def create_person(
    *,
    user: Any,
    organization: Organization,
    code: str,
    full_name: str,
    category: str,
    valid_from: dt.date,
    position: str = "",
    birth_year: int | None = None,
    gender: str = "",
    history_from: int | None = None,
    sample_data: bool = False,
) -> Person:
    """A new person and their first period at ``organization``."""
    check(user, rules.CREATE_PERSON.name, organization)
    code = validate_code(code)
    if not full_name.strip():
        raise ValidationError({"full_name": _("Hãy nhập họ và tên.")}, code="required")
    if Person.objects.filter(code=code).exists():
        raise ValidationError(
            {"code": _("Mã cá nhân {code} đã có.").format(code=code)}, code="duplicate"
        )
    for field, year in (("birth_year", birth_year), ("history_from", history_from)):
        if year is not None:
            validate_past_year(year, field=field)
    _validate_category(category)
    person = Person(
        code=code,
        full_name=full_name.strip(),
        birth_year=birth_year,
        gender=gender,
        history_from=history_from,
        sample_data=sample_data,
    )
    person.save()
    employment = Employment(
        person=person,
        organization=organization,
        category=category,
        position=position,
        valid_from=valid_from,
    )
    employment.save()
    after = {"code": code, "full_name": person.full_name, **_employment_facts(employment)}
    record_event(action="people.create_person", obj=person, actor=user, after=after)
    return person


@transaction.atomic
def record_employment(
    *,
    user: Any,
    person: Person,
    organization: Organization,
    category: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    position: str = "",
) -> Employment:
    """A period at a unit; refused when it overlaps another period of the same person."""
    check(user, rules.RECORD_EMPLOYMENT.name, organization)
    _validate_category(category)
    validate_period(valid_from, valid_to)
    employment = Employment(
        person=person,
        organization=organization,
        category=category,
        position=position,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    _save_employment(employment)
    record_event(
        action="people.record_employment",
        obj=employment,
        actor=user,
        after=_employment_facts(employment),
    )
    return employment


@transaction.atomic
def end_employment(*, user: Any, employment: Employment, valid_to: dt.date) -> Employment:
    """Closes an open period (a move, retirement): the next unit's period may start after."""
    check(user, rules.END_EMPLOYMENT.name, employment.organization)
    if employment.valid_to is not None:
        raise ValidationError(
            _("Quá trình công tác này đã kết thúc ngày {date}.").format(
                date=day(employment.valid_to)
            ),
            code="already_ended",
        )
    validate_period(employment.valid_from, valid_to)
    before = _employment_facts(employment)
    employment.valid_to = valid_to
    _save_employment(employment)
    record_event(
        action="people.end_employment",
        obj=employment,
        actor=user,
        before=before,
        after=_employment_facts(employment),
    )
    return employment


@transaction.atomic
def transfer_person(
    *,
    user: Any,
    person: Person,
    ended_on: dt.date | None = None,
    organization: Organization | None = None,
    started_on: dt.date | None = None,
    category: str = "",
    position: str = "",
) -> Employment | None:
    """Chuyển đơn vị / kết thúc công tác: ends the open period on ``ended_on`` (when given) and
    opens one at ``organization`` from ``started_on`` (default: the day after), with the category
    of the last period unless given. Both or neither: a refusal of either (permission, overlap,
    dates) writes nothing. Returns the new period (``None`` when the period only ended)."""
    latest = Employment.objects.filter(person=person).order_by("-valid_from").first()
    current = latest if latest is not None and latest.valid_to is None else None
    if ended_on is None and organization is None:
        raise ValidationError(
            _("Hãy nhập ngày kết thúc công tác hoặc chọn đơn vị mới."), code="required"
        )
    if ended_on is not None:
        if current is None:
            raise ValidationError(
                {
                    "ended_on": _("{name} không có quá trình công tác đang mở.").format(
                        name=person.full_name
                    )
                },
                code="no_open_employment",
            )
        end_employment(user=user, employment=current, valid_to=ended_on)
    if organization is None:
        return None
    if started_on is None:
        if ended_on is None:
            raise ValidationError(
                {"started_on": _("Hãy nhập ngày bắt đầu công tác tại đơn vị mới.")},
                code="required",
            )
        started_on = ended_on + dt.timedelta(days=1)
    return record_employment(
        user=user,
        person=person,
        organization=organization,
        category=category or (latest.category if latest else ""),
        valid_from=started_on,
        position=position,
    )


def _unit_in_year_or_error(person: Person, year: int) -> Organization:
    unit = selectors.unit_in_year(person, year)
    if unit is None:
        raise ValidationError(
            _("{name} không công tác tại đơn vị nào trong năm {year}.").format(
                name=person.full_name, year=year
            ),
            code="no_unit",
        )
    return unit


@transaction.atomic
def record_rating(
    *,
    user: Any,
    person: Person,
    year: int,
    rating: str | int,
    months_worked: int | None = None,
) -> YearRecord:
    """The rating of ``year``, kept with the unit of 31/12; one per person and year."""
    validate_past_year(year)
    unit = _unit_in_year_or_error(person, year)
    check(user, rules.RECORD_RATING.name, unit)
    value = parse_rating(rating)
    _validate_months(months_worked)
    existing = YearRecord.objects.filter(person=person, year=year).first()
    if existing is not None:
        raise ValidationError(
            _("{name} đã có xếp loại năm {year}: {rating}.").format(
                name=person.full_name, year=year, rating=existing.get_rating_display()
            ),
            code="duplicate",
        )
    record = YearRecord.objects.create(
        person=person, year=year, rating=value, months_worked=months_worked, organization=unit
    )
    after = {"person": person.code, "year": year, "rating": record.get_rating_display()}
    record_event(action="people.record_rating", obj=record, actor=user, after=after)
    return record


@transaction.atomic
def change_rating(
    *, user: Any, record: YearRecord, rating: str | int, months_worked: int | None = None
) -> YearRecord:
    """Corrects the rating of a year already recorded (same permission as recording it, on the
    unit kept with the year); the audit event keeps the rating before."""
    check(user, rules.RECORD_RATING.name, record.organization)
    value = parse_rating(rating)
    _validate_months(months_worked)
    before = _rating_facts(record)
    record.rating = value
    record.months_worked = months_worked
    record.save(update_fields=["rating", "months_worked", "updated"])
    record_event(
        action="people.change_rating",
        obj=record,
        actor=user,
        before=before,
        after=_rating_facts(record),
    )
    return record


def _rating_facts(record: YearRecord) -> dict[str, Any]:
    return {
        "person": record.person.code,
        "year": record.year,
        "rating": record.get_rating_display(),
        "months_worked": record.months_worked,
    }


def _validate_months(months_worked: int | None) -> None:
    if months_worked is not None and not 0 <= months_worked <= 12:
        raise ValidationError({"months_worked": _("Số tháng công tác từ 0 đến 12.")}, code="months")


@transaction.atomic
def record_discipline(
    *,
    user: Any,
    person: Person,
    kind: str,
    effective_from: dt.date,
    level: int | None = None,
    decision_ref: str = "",
    decided_on: dt.date | None = None,
    effective_to: dt.date | None = None,
) -> Discipline:
    """A discipline decision (with its level) or an examination under way (no level)."""
    unit = _unit_in_year_or_error(person, effective_from.year)
    check(user, rules.RECORD_DISCIPLINE.name, unit)
    if kind not in DisciplineKind.values:
        raise ValidationError({"kind": _("Loại không hợp lệ.")}, code="kind")
    if kind == DisciplineKind.DISCIPLINE and level is None:
        raise ValidationError({"level": _("Hãy chọn hình thức kỷ luật.")}, code="level")
    if kind == DisciplineKind.PENDING:
        level = None
    validate_period(effective_from, effective_to, field="effective_to")
    validate_past_year(effective_from.year, field="effective_from")
    row = Discipline.objects.create(
        person=person,
        kind=kind,
        level=level,
        decision_ref=decision_ref.strip(),
        decided_on=decided_on,
        effective_from=effective_from,
        effective_to=effective_to,
    )
    after = {
        "person": person.code,
        "kind": row.get_kind_display(),
        "level": row.get_level_display() if level else "",
        "from": day(effective_from),
        "to": day(effective_to),
    }
    record_event(action="people.record_discipline", obj=row, actor=user, after=after)
    return row


@transaction.atomic
def record_initiative(
    *,
    user: Any,
    code: str,
    title: str,
    year: int,
    authors: Sequence[Person],
    recognition_ref: str,
    recognised_on: dt.date,
    recognised_by: str,
    scope: int,
    kind: str = "initiative",
    effect: str = "",
) -> Initiative:
    """A recognised initiative and its authors (the first author's unit decides who may)."""
    if not authors:
        raise ValidationError({"authors": _("Hãy chọn tác giả.")}, code="authors")
    unit = _unit_in_year_or_error(authors[0], year)
    check(user, rules.RECORD_INITIATIVE.name, unit)
    code = validate_code(code)
    validate_past_year(year)
    if Initiative.objects.filter(code=code).exists():
        raise ValidationError(
            {
                "code": _("Sáng kiến {code} đã được công nhận: không công nhận lại.").format(
                    code=code
                )
            },
            code="duplicate",
        )
    if scope not in InitiativeScope.values:
        raise ValidationError({"scope": _("Phạm vi ảnh hưởng không hợp lệ.")}, code="scope")
    if len({a.pk for a in authors}) != len(authors):
        raise ValidationError({"authors": _("Một tác giả được nêu hai lần.")}, code="authors")
    if not (title.strip() and recognition_ref.strip() and recognised_by.strip()):
        raise ValidationError(
            _("Hãy nhập tên, số quyết định và cơ quan công nhận sáng kiến."), code="required"
        )
    initiative = Initiative.objects.create(
        code=code,
        kind=kind,
        title=title.strip(),
        year=year,
        recognition_ref=recognition_ref.strip(),
        recognised_on=recognised_on,
        recognised_by=recognised_by.strip(),
        scope=scope,
        effect=effect,
    )
    InitiativeAuthor.objects.bulk_create(
        InitiativeAuthor(initiative=initiative, person=a, order=i)
        for i, a in enumerate(authors, start=1)
    )
    after = {"code": code, "year": year, "authors": [a.code for a in authors]}
    record_event(action="people.record_initiative", obj=initiative, actor=user, after=after)
    return initiative
