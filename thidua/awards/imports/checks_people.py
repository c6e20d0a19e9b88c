"""Checks of the people sheets (Cá nhân, Xếp loại, Sáng kiến, Kỷ luật): cells, rows against
each other and the database, then the validators the ``people`` services use. Identical rows
already there are skipped; different ones are errors (history is never overwritten)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.imports.context import Period, unit_in_year
from thidua.awards.imports.plan import Plan
from thidua.awards.imports.reader import Row, SheetRows
from thidua.clusters.imports.columns import same_text
from thidua.people.enums import DisciplineKind, TaskRating
from thidua.people.models import (
    Discipline,
    Employment,
    Initiative,
    InitiativeAuthor,
    Person,
    YearRecord,
)
from thidua.people.services import overlap_error
from thidua.people.validators import parse_rating, validate_past_year, validate_period

NEW, SKIP, ERROR = "new", "skip", "error"


def _same_row(plan: Plan, sheet: SheetRows, row: Row, key: str, first: int) -> None:
    plan.error(sheet, row, key, _("Trùng với dòng {row} của trang này.").format(row=first))


def check_persons(plan: Plan, sheet: SheetRows) -> None:
    count = plan.count(sheet)
    for row in sheet.rows:
        count.rows += 1
        code = row.values.get("code", "")
        person = _person_of_row(plan, sheet, row) if row.ok else None
        if person is None:
            plan.failed_persons.add(code)
            continue
        outcome = _employment_of_row(plan, sheet, row, person)
        if outcome == NEW:
            count.new += 1
        elif outcome == SKIP:
            count.skipped += 1


def _person_of_row(plan: Plan, sheet: SheetRows, row: Row) -> Person | None:
    v = row.values
    code, name = v["code"], v["name"]
    existing = plan.ctx.persons.get(code) or plan.new_persons.get(code)
    if existing is not None:
        if not same_text(existing.full_name, name):
            plan.error(
                sheet,
                row,
                "name",
                _("Mã cá nhân “{code}” đã có với họ tên “{name}”, khác với “{other}”.").format(
                    code=code, name=existing.full_name, other=name
                ),
            )
            return None
        return existing
    if code in plan.ctx.foreign_persons:
        plan.error(
            sheet,
            row,
            "code",
            _("Mã cá nhân “{code}” đã được dùng cho một người ngoài phạm vi của bạn.").format(
                code=code
            ),
        )
        return None
    for key in ("birth_year", "history_from"):
        if key in v:
            try:
                validate_past_year(v[key], field=key)
            except ValidationError as exc:
                plan.invalid(sheet, row, key, exc)
                return None
    person = Person(
        code=code,
        full_name=name,
        birth_year=v.get("birth_year"),
        gender=v.get("gender", ""),
        history_from=v.get("history_from"),
    )
    person.derive_text_keys()
    plan.new_persons[code] = person
    plan.persons.append(person)
    plan.counts.persons += 1
    return person


def _employment_of_row(plan: Plan, sheet: SheetRows, row: Row, person: Person) -> str:
    """NEW, SKIP (already there) or ERROR."""
    v = row.values
    unit = plan.unit(sheet, row, "unit", v["unit"])
    start, end = v["valid_from"], v.get("valid_to")
    try:
        validate_period(start, end)
    except ValidationError as exc:
        plan.invalid(sheet, row, "valid_to", exc)
        return ERROR
    if unit is None:
        return ERROR
    periods = plan.periods(person)
    for period in periods:
        if period.organization.pk == unit.pk and (period.valid_from, period.valid_to) == (
            start,
            end,
        ):
            if period.existing is not None:
                return SKIP
            _same_row(plan, sheet, row, "valid_from", period.row)
            return ERROR
    for period in periods:
        if period.overlaps(start, end):
            other = Employment(organization=period.organization, valid_from=period.valid_from)
            plan.invalid(sheet, row, "valid_from", overlap_error(person, other))
            return ERROR
    employment = Employment(
        person=person,
        organization=unit,
        category=v["category"],
        position=v.get("position", ""),
        valid_from=start,
        valid_to=end,
    )
    periods.append(
        Period(unit, start, end, employment.category, employment.position, row=row.number)
    )
    plan.employments.append(employment)
    plan.counts.employments += 1
    return NEW


def check_ratings(plan: Plan, sheet: SheetRows) -> None:
    count = plan.count(sheet)
    seen: dict[Any, int] = {}
    for row in sheet.rows:
        count.rows += 1
        if not row.ok:
            continue
        v = row.values
        person = plan.person(sheet, row, "person", v["person"])
        try:
            validate_past_year(v["year"])
            rating = parse_rating(v["rating"])
        except ValidationError as exc:
            plan.invalid(sheet, row, "rating" if "rating" in exc.message_dict else "year", exc)
            continue
        if v.get("months", 0) > 12:
            plan.error(sheet, row, "months", _("Số tháng công tác phải từ 0 đến 12."))
            continue
        if person is None:
            continue
        key = (v["person"], v["year"])
        if key in seen:
            _same_row(plan, sheet, row, "year", seen[key])
            continue
        seen[key] = row.number
        if _rating_is_new(plan, sheet, row, person, rating):
            count.new += 1
        else:
            count.skipped += 1


def _rating_is_new(plan: Plan, sheet: SheetRows, row: Row, person: Person, rating: int) -> bool:
    year = row.values["year"]
    existing = plan.ctx.ratings.get((person.pk, year)) if person.pk else None
    if existing is not None:
        if existing.rating != rating:
            plan.error(
                sheet,
                row,
                "rating",
                _("{name} đã có xếp loại năm {year} ({rating}); lịch sử không bị ghi đè.").format(
                    name=person.full_name, year=year, rating=existing.get_rating_display()
                ),
            )
        return False
    unit = unit_in_year(plan.periods(person), year)
    if unit is None:
        plan.error(
            sheet,
            row,
            "year",
            _("{name} không công tác tại đơn vị nào trong năm {year}.").format(
                name=person.full_name, year=year
            ),
        )
        return False
    plan.ratings.append(
        YearRecord(
            person=person,
            year=year,
            rating=TaskRating(rating),
            months_worked=row.values.get("months"),
            organization=unit,
        )
    )
    plan.counts.ratings += 1
    return True


def check_initiatives(plan: Plan, sheet: SheetRows) -> None:
    count = plan.count(sheet)
    seen: dict[Any, int] = {}
    for row in sheet.rows:
        count.rows += 1
        code = row.values.get("code", "")
        if not row.ok or code in seen:
            if code in seen:
                _same_row(plan, sheet, row, "code", seen[code])
            plan.failed_initiatives.add(code)
            continue
        seen[code] = row.number
        if _initiative_is_new(plan, sheet, row):
            count.new += 1
        else:
            count.skipped += 1


def _initiative_is_new(plan: Plan, sheet: SheetRows, row: Row) -> bool:
    v = row.values
    existing = plan.ctx.initiatives.get(v["code"])
    if existing is not None:
        if not (same_text(existing.title, v["title"]) and existing.year == v["year"]):
            plan.error(
                sheet,
                row,
                "title",
                _("Mã sáng kiến “{code}” đã có: “{title}” năm {year}.").format(
                    code=existing.code, title=existing.title, year=existing.year
                ),
            )
        return False
    authors = [plan.person(sheet, row, "authors", code) for code in v["authors"]]
    try:
        validate_past_year(v["year"])
    except ValidationError as exc:
        plan.invalid(sheet, row, "year", exc)
        return False
    if not all(authors):
        plan.failed_initiatives.add(v["code"])
        return False
    initiative = Initiative(
        code=v["code"],
        title=v["title"],
        year=v["year"],
        recognition_ref=v["recognition_ref"],
        recognised_on=v["recognised_on"],
        recognised_by=v["recognised_by"],
        scope=v["scope"],
        effect=v.get("effect", ""),
    )
    plan.initiatives.append(initiative)
    plan.new_initiatives[initiative.code] = initiative
    plan.new_authors[initiative.code] = set(v["authors"])
    for order, person in enumerate(authors, start=1):
        plan.authors.append(InitiativeAuthor(initiative=initiative, person=person, order=order))
    plan.counts.initiatives += 1
    return True


def check_disciplines(plan: Plan, sheet: SheetRows) -> None:
    count = plan.count(sheet)
    seen: dict[Any, int] = {}
    for row in sheet.rows:
        count.rows += 1
        if not row.ok:
            continue
        v = row.values
        person = plan.person(sheet, row, "person", v["person"])
        if v["kind"] == DisciplineKind.DISCIPLINE and "level" not in v:
            plan.error(sheet, row, "level", _("Kỷ luật phải ghi hình thức kỷ luật."))
            continue
        try:
            validate_period(v["effective_from"], v.get("effective_to"))
        except ValidationError as exc:
            plan.invalid(sheet, row, "effective_to", exc)
            continue
        if v["decided_on"] > timezone.localdate():
            plan.error(
                sheet,
                row,
                "decided_on",
                _("Ngày quyết định {day} chưa đến.").format(day=f"{v['decided_on']:%d/%m/%Y}"),
            )
            continue
        if person is None:
            continue
        key = (v["person"], v["kind"], v["effective_from"])
        if key in seen:
            _same_row(plan, sheet, row, "effective_from", seen[key])
            continue
        seen[key] = row.number
        if _discipline_is_new(plan, sheet, row, person):
            count.new += 1
        else:
            count.skipped += 1


def _discipline_is_new(plan: Plan, sheet: SheetRows, row: Row, person: Person) -> bool:
    v = row.values
    level = v.get("level") if v["kind"] == DisciplineKind.DISCIPLINE else None
    existing = (
        plan.ctx.disciplines.get((person.pk, v["kind"], v["effective_from"])) if person.pk else None
    )
    if existing is not None:
        if (existing.level, existing.effective_to) != (level, v.get("effective_to")):
            plan.error(
                sheet,
                row,
                "level",
                _(
                    "{name} đã có {kind} từ ngày {day} với nội dung khác; lịch sử không bị ghi đè."
                ).format(
                    name=person.full_name,
                    kind=existing.get_kind_display().lower(),
                    day=f"{existing.effective_from:%d/%m/%Y}",
                ),
            )
        return False
    plan.disciplines.append(
        Discipline(
            person=person,
            kind=v["kind"],
            level=level,
            decision_ref=v.get("decision_ref", ""),
            decided_on=v["decided_on"],
            effective_from=v["effective_from"],
            effective_to=v.get("effective_to"),
        )
    )
    plan.counts.disciplines += 1
    return True
