"""Who decides each award in each period, and the base salary by period, as data
(docs/dev/awards-design.md §3; shared/domain-rules.md §1.5, §1.6).

Loaded by the data migration ``0006_catalogue_periods``; loading twice changes nothing (rows are
matched by award, decider and start). A period that ends gets ``valid_to``; the next one is a new
row. Instruments are ``legal.LegalInstrument`` codes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

D = dt.date
LAW_2022_START = D(2024, 1, 1)
LAST_DISTRICT_DAY = D(2025, 6, 30)  # the district level ends with two-level local government
TWO_LEVELS_START = D(2025, 7, 1)  # NĐ 129/2025 in force


@dataclass(frozen=True)
class DeciderRow:
    awards: tuple[str, ...]
    decider: str
    text: str
    valid_from: dt.date
    valid_to: dt.date | None
    instrument: str
    article: str
    mark: str


GRASSROOTS = ("TTLDTT", "CSTDCS", "LDTT", "GK")
DECIDERS = (
    DeciderRow(
        GRASSROOTS,
        "head_of_unit",
        "Thủ trưởng cơ quan, đơn vị có tư cách pháp nhân; Giám đốc sở",
        LAW_2022_START,
        None,
        "LUAT-2022",
        "khoản 1 Điều 80",
        "S",
    ),
    DeciderRow(
        (*GRASSROOTS, "THON_VAN_HOA"),
        "district_chair",
        "Chủ tịch UBND cấp huyện",
        LAW_2022_START,
        LAST_DISTRICT_DAY,
        "LUAT-2022",
        "khoản 2 Điều 80",
        "S",
    ),
    DeciderRow(
        ("LDTT", "GK", "GD_VH"),
        "commune_chair",
        "Chủ tịch UBND cấp xã",
        LAW_2022_START,
        LAST_DISTRICT_DAY,
        "LUAT-2022",
        "khoản 3 Điều 80",
        "S",
    ),
    DeciderRow(
        (*GRASSROOTS, "THON_VAN_HOA", "GD_VH"),
        "commune_chair",
        "Chủ tịch UBND cấp xã (nhận thẩm quyền của cấp huyện cũ)",
        TWO_LEVELS_START,
        None,
        "ND-129-2025",
        "Điều 59",
        "S-mirror",
    ),
    DeciderRow(
        ("CTD_TINH", "CSTD_TINH", "TTLDXS", "BK_TINH"),
        "minister",
        "Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan trung ương",
        LAW_2022_START,
        None,
        "LUAT-2022",
        "Điều 78",
        "R",
    ),
    DeciderRow(
        ("CTD_TINH", "CSTD_TINH", "TTLDXS", "BK_TINH"),
        "provincial_chair",
        "Chủ tịch UBND cấp tỉnh",
        LAW_2022_START,
        None,
        "LUAT-2022",
        "Điều 78",
        "R",
    ),
    DeciderRow(
        ("CTD_CP", "CSTDTQ", "BK_TTG"),
        "prime_minister",
        "Thủ tướng Chính phủ",
        LAW_2022_START,
        None,
        "LUAT-2022",
        "Điều 79",
        "R",
    ),
)


@dataclass(frozen=True)
class SalaryRow:
    amount: int
    valid_from: dt.date
    valid_to: dt.date | None
    instrument: str
    article: str
    mark: str


# Earlier amounts are not in domain-rules; add them here with their decree when checked.
BASE_SALARIES = (
    SalaryRow(2_340_000, D(2024, 7, 1), None, "ND-73-2024", "khoản 2 Điều 3", "S-mirror"),
)


def load_periods(
    award_model: Any, decider_model: Any, salary_model: Any, instrument_model: Any
) -> int:
    """Create the missing decider and base-salary rows; returns how many were created.

    The models are the historical ones inside a migration (or the real ones)."""
    instruments = {i.code: i for i in instrument_model.objects.all()}
    known = {f.name for f in award_model._meta.get_fields()}
    national = {"authority__isnull": True} if "authority" in known else {"province": ""}
    awards = {a.code: a for a in award_model.objects.filter(**national)}
    created = 0
    for row in DECIDERS:
        for code in row.awards:
            if code not in awards:
                continue
            _obj, made = decider_model.objects.get_or_create(
                award_type=awards[code],
                decider=row.decider,
                valid_from=row.valid_from,
                defaults={
                    "valid_to": row.valid_to,
                    "text": row.text,
                    "instrument": instruments.get(row.instrument),
                    "article": row.article,
                    "mark": row.mark,
                },
            )
            created += made
    for salary in BASE_SALARIES:
        _obj, made = salary_model.objects.get_or_create(
            valid_from=salary.valid_from,
            defaults={
                "amount": salary.amount,
                "valid_to": salary.valid_to,
                "instrument": instruments.get(salary.instrument),
                "article": salary.article,
                "mark": salary.mark,
            },
        )
        created += made
    return created
