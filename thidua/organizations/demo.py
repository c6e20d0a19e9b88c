"""Demo authorities: the central council above Hà Nội's, and the 2025 merger of the provincial
councils of Nam Định and Hà Nam into Ninh Bình's (NQ 202/2025/QH15; the councils' own dates and
links are sample data, dữ liệu minh họa). Runs after the clusters' demo (which creates Hà Nội's
council). Idempotent: running it again changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from thidua.organizations import authority_services as services
from thidua.organizations.enums import AuthorityLevel
from thidua.organizations.models import Authority, AuthoritySuccession

MERGER = dt.date(2025, 7, 1)  # two-level local government (domain-rules R-2)
RESOLUTION = ("202/2025/QH15", dt.date(2025, 6, 12))  # domain-rules R-1

# code, name, short name, level, province
AUTHORITIES = [
    ("TW", "Hội đồng Thi đua - Khen thưởng Trung ương", "Hội đồng TĐKT TW", AuthorityLevel.CENTRAL, ""),
    ("NDI", "Hội đồng Thi đua - Khen thưởng tỉnh Nam Định", "Hội đồng TĐKT Nam Định", AuthorityLevel.PROVINCE, "Nam Định"),
    ("HNA", "Hội đồng Thi đua - Khen thưởng tỉnh Hà Nam", "Hội đồng TĐKT Hà Nam", AuthorityLevel.PROVINCE, "Hà Nam"),
    ("NBI", "Hội đồng Thi đua - Khen thưởng tỉnh Ninh Bình", "Hội đồng TĐKT Ninh Bình", AuthorityLevel.PROVINCE, "Ninh Bình"),
]  # fmt: skip


def _authority(code: str, name: str, short: str, level: str, province: str) -> Authority:
    existing = Authority.objects.filter(code=code).first()
    if existing is not None:
        return existing
    central = Authority.objects.filter(code="TW").first()
    return services.create_authority(
        code=code,
        name=name,
        short_name=short,
        level=level,
        province=province,
        parent=central if level != AuthorityLevel.CENTRAL else None,
    )


@transaction.atomic
def load(stdout: Any) -> None:
    made = {row[0]: _authority(*row) for row in AUTHORITIES}
    hanoi = Authority.objects.filter(code="HN").first()
    if hanoi is not None and hanoi.parent_id is None:
        services.update_authority(authority=hanoi, parent=made["TW"])
    for old in ("NDI", "HNA"):
        if AuthoritySuccession.objects.filter(predecessor=made[old]).exists():
            continue
        services.record_authority_succession(
            predecessor=made[old],
            successor=made["NBI"],
            effective_date=MERGER,
            decision_number=RESOLUTION[0],
            decision_date=RESOLUTION[1],
            note="Sắp xếp đơn vị hành chính cấp tỉnh năm 2025 (dữ liệu minh họa).",
        )
    stdout.write("Dữ liệu mẫu: Hội đồng TĐKT Nam Định, Hà Nam → Ninh Bình từ 01/7/2025.\n")
