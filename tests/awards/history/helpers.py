"""Award types of their own (independent of the catalogue's data) and records for the award
history tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.awards import history_services
from thidua.awards.enums import AwardCategory, AwardLevel, AwardSubject
from thidua.awards.history import AwardRecord
from thidua.awards.models import AwardType

D = dt.date


def award_type(
    code: str = "T-CSTDCS",
    name: str = "Chiến sĩ thi đua cơ sở (thử)",
    subject: str = AwardSubject.INDIVIDUAL,
    level: str = AwardLevel.GRASSROOTS,
    category: str = AwardCategory.TITLE,
) -> AwardType:
    found, _created = AwardType.objects.get_or_create(
        code=code,
        effective_from=D(2000, 1, 1),
        defaults={
            "name": name,
            "category": category,
            "annual": category == AwardCategory.TITLE,
            "subject": subject,
            "level": level,
            "deciding_authority": "Thủ trưởng đơn vị",
            "legal_basis": "Điều 23 Luật TĐKT 2022",
        },
    )
    return found


def collective_type() -> AwardType:
    return award_type(
        code="T-TTLDTT",
        name="Tập thể lao động tiên tiến (thử)",
        subject=AwardSubject.COLLECTIVE,
    )


def form_type() -> AwardType:
    return award_type(
        code="T-BK",
        name="Bằng khen của Chủ tịch UBND tỉnh (thử)",
        subject=AwardSubject.ANY,
        level=AwardLevel.PROVINCE,
        category=AwardCategory.FORM,
    )


def award(user: Any, kind: AwardType, year: int = 2023, **kw: Any) -> AwardRecord:
    kw.setdefault("decision_number", f"{year}/QĐ-SNV")
    kw.setdefault("decision_date", D(year + 1, 1, 15))
    return history_services.record_award(user=user, award_type=kind, achievement_year=year, **kw)
