"""Checks of the award sheets (Khen thưởng, Tập thể): the award by code in force that year, the
subject it is for, the decision, the person's unit that year, the one use of each initiative
(D-6), the validators the ``awards`` services use. Identical rows already there are skipped."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards.history import AwardRecord, CollectiveYear, InitiativeUse
from thidua.awards.history_enums import AwardSource, CollectiveSource
from thidua.awards.history_services import (
    dissolved_before,
    is_annual,
    no_unit_in_year,
    used_error,
    wrong_subject,
)
from thidua.awards.imports.context import unit_in_year
from thidua.awards.imports.plan import Plan
from thidua.awards.imports.reader import Row, SheetRows
from thidua.awards.models import AwardType
from thidua.people.models import Person
from thidua.people.validators import parse_rating, validate_past_year


def _award_type(plan: Plan, sheet: SheetRows, row: Row) -> AwardType | None:
    """The version of the award in force in the achievement year."""
    code, year = row.values["award"], row.values["year"]
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for award_type in plan.ctx.award_types.get(code, []):
        if award_type.effective_from <= end and (
            award_type.effective_to is None or award_type.effective_to >= start
        ):
            return award_type
    plan.error(
        sheet,
        row,
        "award",
        _(
            "Không tìm thấy danh hiệu, hình thức khen thưởng có mã “{code}” áp dụng năm {year} "
            "(xem trang Danh mục khen thưởng)."
        ).format(code=code, year=year),
    )
    return None


def check_awards(plan: Plan, sheet: SheetRows) -> None:
    count = plan.count(sheet)
    seen: dict[Any, int] = {}
    for row in sheet.rows:
        count.rows += 1
        if not row.ok:
            continue
        record = _record_of_row(plan, sheet, row)
        if record is None:
            continue
        key = (
            row.values["subject"],
            row.values["code"],
            record.award_code,
            record.achievement_year,
        )
        dedup = key if record.annual else (*key, record.decision_number)
        if dedup in seen:
            _duplicate_in_file(plan, sheet, row, record, seen[dedup])
            continue
        seen[dedup] = row.number
        existing = _existing(plan, row, record)
        if existing is None:
            plan.awards.append(record)
            plan.counts.awards += 1
            count.new += 1
        elif existing.decision_number != record.decision_number:
            plan.error(
                sheet,
                row,
                "decision_number",
                _(
                    "{subject} đã có {award} năm {year} (quyết định {number}); lịch sử không bị "
                    "ghi đè."
                ).format(
                    subject=record.subject,
                    award=record.award_type.name,
                    year=record.achievement_year,
                    number=existing.decision_number or existing.source_ref or "—",
                ),
            )
            continue
        else:
            count.skipped += 1
            record = existing
        _use_initiatives(plan, sheet, row, record)


def _duplicate_in_file(
    plan: Plan, sheet: SheetRows, row: Row, record: AwardRecord, first: int
) -> None:
    plan.error(
        sheet,
        row,
        "award",
        _("{subject} có {award} năm {year} hai lần (trùng với dòng {row}).").format(
            subject=record.subject,
            award=record.award_type.name,
            year=record.achievement_year,
            row=first,
        ),
    )


def _existing(plan: Plan, row: Row, record: AwardRecord) -> AwardRecord | None:
    subject: Any = record.person if record.person is not None else record.organization
    if subject is None or subject.pk is None:
        return None
    key = (row.values["subject"], subject.pk, record.award_code, record.achievement_year)
    for other in plan.ctx.awards.get(key, []):
        if other.revoked_on is not None:
            continue
        if record.annual or other.decision_number == record.decision_number:
            return other
    return None


def _record_of_row(plan: Plan, sheet: SheetRows, row: Row) -> AwardRecord | None:
    v = row.values
    person: Person | None = None
    organization = None
    if v["subject"] == "person":
        person = plan.person(sheet, row, "code", v["code"])
    else:
        organization = plan.unit(sheet, row, "code", v["code"])
    award_type = _award_type(plan, sheet, row)
    try:
        validate_past_year(v["year"], field="achievement_year")
    except ValidationError as exc:
        plan.invalid(sheet, row, "year", exc)
        return None
    if award_type is None or (person is None and organization is None):
        return None
    unit = _subject_unit(plan, sheet, row, award_type, person=person, organization=organization)
    if unit is None:
        return None
    return AwardRecord(
        person=person,
        organization=organization,
        award_type=award_type,
        award_code=award_type.code,
        annual=is_annual(award_type),
        achievement_year=v["year"],
        decision_number=v["decision_number"],
        decision_date=v["decision_date"],
        decided_by=v.get("decided_by", ""),
        unit_at_time=unit,
        source=AwardSource.IMPORT,
        achievement_ref=v.get("note", "")[:300],
    )


def _subject_unit(
    plan: Plan,
    sheet: SheetRows,
    row: Row,
    award_type: AwardType,
    *,
    person: Person | None,
    organization: Any,
) -> Any:
    """The checks of ``history_services`` (same messages): the award fits the subject; a
    person's unit that year from the periods already read; no award to a dissolved unit."""
    year = row.values["year"]
    wrong = wrong_subject(award_type, individual=person is not None)
    if wrong:
        plan.error(sheet, row, "award", wrong)
        return None
    if person is not None:
        unit = unit_in_year(plan.periods(person), year)
        if unit is None:
            plan.error(sheet, row, "year", no_unit_in_year(person, year))
        return unit
    dissolved = dissolved_before(organization, row.values["decision_date"])
    if dissolved:
        plan.error(sheet, row, "decision_date", dissolved)
        return None
    return organization


def _use_initiatives(plan: Plan, sheet: SheetRows, row: Row, record: AwardRecord) -> None:
    """Each initiative named is used once (D-6): in the database or by another row."""
    for code in row.values.get("initiatives", []):
        initiative = plan.initiative(code)
        if initiative is None:
            if code not in plan.failed_initiatives:
                plan.error(
                    sheet,
                    row,
                    "initiatives",
                    _("Không tìm thấy sáng kiến có mã “{code}”.").format(code=code),
                )
            continue
        use = plan.ctx.uses.get(initiative.pk) if initiative.pk else None
        if use is not None:
            if use.award_record_id is None or use.award_record_id != record.pk:
                plan.invalid(sheet, row, "initiatives", used_error(initiative, use))
            continue
        if code in plan.used_in_file:
            other = InitiativeUse(initiative=initiative, award_record=plan.used_in_file[code])
            plan.invalid(sheet, row, "initiatives", used_error(initiative, other))
            continue
        if record.person is not None and not plan.is_author(initiative, record.person):
            plan.error(
                sheet,
                row,
                "initiatives",
                _("{name} không phải tác giả sáng kiến {code}.").format(
                    name=record.person, code=initiative.code
                ),
            )
            continue
        plan.used_in_file[code] = record
        plan.uses.append(
            InitiativeUse(
                initiative=initiative,
                award_record=record,
                used_on=record.decision_date or timezone.localdate(),
            )
        )
        plan.counts.initiative_uses += 1


COUNT_KEYS = (
    ("completed", gettext_lazy("Số hoàn thành nhiệm vụ")),
    ("ldtt", gettext_lazy("Số đạt Lao động tiên tiến")),
    ("cstdcs", gettext_lazy("Số đạt Chiến sĩ thi đua cơ sở")),
)


def check_collectives(plan: Plan, sheet: SheetRows) -> None:
    count = plan.count(sheet)
    seen: dict[Any, int] = {}
    for row in sheet.rows:
        count.rows += 1
        if not row.ok:
            continue
        facts = _collective_of_row(plan, sheet, row)
        if facts is None:
            continue
        key = (facts.organization.pk, facts.year)
        if key in seen:
            plan.error(
                sheet, row, "year", _("Trùng với dòng {row} của trang này.").format(row=seen[key])
            )
            continue
        seen[key] = row.number
        existing = plan.ctx.collective_years.get(key)
        if existing is None:
            plan.collective_years.append(facts)
            plan.counts.collective_years += 1
            count.new += 1
        elif _facts(existing) == _facts(facts):
            count.skipped += 1
        else:
            plan.error(
                sheet,
                row,
                "members",
                _("{unit} đã có số liệu năm {year} khác với tệp; lịch sử không bị ghi đè.").format(
                    unit=facts.organization.name, year=facts.year
                ),
            )


def _facts(row: CollectiveYear) -> tuple[Any, ...]:
    return (row.rating, row.members, row.completed, row.ldtt, row.cstdcs, row.max_discipline)


def _collective_of_row(plan: Plan, sheet: SheetRows, row: Row) -> CollectiveYear | None:
    v = row.values
    unit = plan.unit(sheet, row, "unit", v["unit"])
    try:
        validate_past_year(v["year"])
        rating = parse_rating(v["rating"]) if "rating" in v else None
    except ValidationError as exc:
        plan.invalid(sheet, row, "rating" if "rating" in exc.message_dict else "year", exc)
        return None
    members = v["members"]
    if members <= 0:
        plan.error(sheet, row, "members", _("Tổng số thành viên phải lớn hơn 0."))
        return None
    for key, label in COUNT_KEYS:
        if v[key] > members:
            plan.error(
                sheet,
                row,
                key,
                _("{label} ({value}) phải từ 0 đến tổng số thành viên ({members}).").format(
                    label=label, value=v[key], members=members
                ),
            )
            return None
    if unit is None:
        return None
    return CollectiveYear(
        organization=unit,
        year=v["year"],
        rating=rating,
        members=members,
        completed=v["completed"],
        ldtt=v["ldtt"],
        cstdcs=v["cstdcs"],
        max_discipline=v.get("max_discipline"),
        source=CollectiveSource.IMPORT,
    )
