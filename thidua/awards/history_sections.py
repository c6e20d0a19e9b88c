"""Award history on other apps' pages: the unit page's "Khen thưởng" (the unit and its
predecessors, by year) and the person page's titles and commendations. One query each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils.translation import gettext as _

from thidua.awards.history import AwardRecord
from thidua.clusters.unit_sections import HistoryRow, Lineage, UnitHistory
from thidua.people.sections import PersonHistory, PersonRow
from thidua.people.validators import day

if TYPE_CHECKING:
    from thidua.organizations.models import Organization
    from thidua.people.models import Person


def decision_text(record: AwardRecord) -> str:
    """'QĐ 123/QĐ-UBND ngày 05/02/2025 — Chủ tịch UBND' or the press source."""
    if not record.decision_number:
        return _("Chưa có quyết định: {source}").format(source=record.source_ref or "—")
    text = _("QĐ {number} ngày {date}").format(
        number=record.decision_number, date=day(record.decision_date)
    )
    return f"{text} — {record.decided_by}" if record.decided_by else text


def revocation_text(record: AwardRecord) -> str:
    if record.revoked_on is None:
        return ""
    return _("Đã thu hồi ngày {date} ({ref})").format(
        date=day(record.revoked_on), ref=record.revocation_ref
    )


def unit_awards_section(
    request: HttpRequest, organization: Organization, lineage: Lineage
) -> UnitHistory:
    """The awards of the unit and of its predecessors, latest year first (one query)."""
    records = (
        AwardRecord.objects.filter(organization_id__in=lineage.ids)
        .select_related("award_type")
        .order_by("-achievement_year", "award_type__rank", "pk")
    )
    rows = []
    for record in records:
        revoked = revocation_text(record)
        detail = decision_text(record) + (f"; {revoked}" if revoked else "")
        rows.append(
            HistoryRow(
                year=record.achievement_year,
                cluster="",
                text=record.award_type.name,
                detail=detail,
                organization_id=record.organization_id or 0,
                badge="revoked" if revoked else "",
            )
        )
    return UnitHistory(title=_("Khen thưởng"), rows=rows, empty=_("Chưa có khen thưởng nào."))


def person_awards_section(request: HttpRequest, person: Person) -> PersonHistory:
    """The person's titles and commendations by year, each with its decision (two queries:
    the records and the initiatives they used)."""
    records = (
        AwardRecord.objects.filter(person=person)
        .select_related("award_type", "unit_at_time")
        .prefetch_related("initiative_uses__initiative")
        .order_by("-achievement_year", "award_type__rank", "pk")
    )
    rows = []
    for record in records:
        used = ", ".join(u.initiative.code for u in record.initiative_uses.all())
        notes = [revocation_text(record)] if record.revoked_on else []
        if used:
            notes.append(_("Sáng kiến đã dùng: {codes}").format(codes=used))
        text = record.award_type.name
        if record.unit_at_time:
            text += f" ({record.unit_at_time.name})"
        rows.append(
            PersonRow(
                year=record.achievement_year,
                text=text,
                detail=decision_text(record),
                struck=record.revoked_on is not None,
                note="; ".join(notes),
            )
        )
    return PersonHistory(
        title=_("Danh hiệu thi đua, hình thức khen thưởng"),
        rows=rows,
        empty=_("Chưa có khen thưởng nào."),
    )


def register() -> None:
    from thidua.clusters.unit_sections import UnitSection, register_unit_section
    from thidua.people.sections import PersonSection, register_person_section

    register_unit_section(UnitSection("awards.history", 50, unit_awards_section))
    register_person_section(PersonSection("awards.history", 20, person_awards_section))
