"""Demo: award history (issue 10). Two parts:

- **What the seed reports say** (../shared/seeds/hanoi-cum-07-2021-giao-uoc.txt): Cụm 7's awards
  for 2020 — the Government flag to Sở LĐ,TB&XH; the City flag to Sở GD&ĐT, Sở Văn hóa và Thể
  thao and Sở KH&CN; the City's Bằng khen to Sở TT&TT and Sở Du lịch. The report gives no decision
  numbers, so they are recorded with the source "bản tin" (no decision), as the model allows.
- **A sample unit** (Sở Nội vụ) with five people and several years of ratings, titles,
  initiatives and one discipline, each marked as sample data, chosen to show every chain of the
  eligibility rules: three consecutive CSTĐCS with a provincial initiative; a gap year; two
  CSTĐ tỉnh then the year right after; two years HTXS with two initiatives; a reprimand.

Every write goes through the services (acting as the demo board officer). Idempotent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from thidua.accounts.models import User
from thidua.awards import history_services as awards
from thidua.awards.history_enums import AwardSource
from thidua.awards.models import AwardRecord, AwardType
from thidua.organizations.models import Organization
from thidua.people import services as people
from thidua.people.enums import DisciplineKind, DisciplineLevel, InitiativeScope, StaffCategory
from thidua.people.models import Person

PRESS = "Bản tin Hội nghị ký giao ước thi đua năm 2021 của Cụm thi đua số 7 (kinhtedothi.vn)"
CUM7_2020 = [
    ("HN-SLDTBXH", "CTD_CP", "Thủ tướng Chính phủ"),
    ("HN-SGDDT", "CTD_TP_HN", "UBND Thành phố Hà Nội"),
    ("HN-SVHTT", "CTD_TP_HN", "UBND Thành phố Hà Nội"),
    ("HN-SKHCN", "CTD_TP_HN", "UBND Thành phố Hà Nội"),
    ("HN-STTTT", "BK_TP_HN", "UBND Thành phố Hà Nội"),
    ("HN-SDL", "BK_TP_HN", "UBND Thành phố Hà Nội"),
]
UNIT = "HN-SNV"
HTXS, HTT = 4, 3
# code, name, ratings 2019–2025 (one per year), titles {code: [years]}, initiatives
# [(code, year, scope)], what the person shows
PEOPLE: list[tuple[str, str, list[int], dict[str, list[int]], list[tuple[str, int, int]]]] = [
    (
        "SNV-M01",
        "Nguyễn Thị Mai",
        [HTT, HTT, HTXS, HTXS, HTXS, HTT, HTT],
        {"LDTT": [2019, 2020, 2021, 2022, 2023, 2024], "CSTDCS": [2021, 2022, 2023]},
        [("SK-SNV-2023-01", 2023, InitiativeScope.PROVINCE)],
    ),  # three CSTĐCS in a row + a provincial initiative: CSTĐ tỉnh 2023
    (
        "SNV-M02",
        "Trần Văn Bình",
        [HTT, HTT, HTXS, HTT, HTXS, HTT, HTT],
        {"LDTT": [2019, 2020, 2021, 2022, 2023, 2024], "CSTDCS": [2021, 2023]},
        [("SK-SNV-2023-02", 2023, InitiativeScope.PROVINCE)],
    ),  # 2022 is missing: no chain of three
    (
        "SNV-M03",
        "Lê Hoàng Long",
        [HTXS, HTXS, HTXS, HTXS, HTXS, HTXS, HTT],
        {
            "LDTT": [2019, 2020, 2021, 2022, 2023, 2024],
            "CSTDCS": [2019, 2020, 2021, 2022, 2023, 2024],
            "CSTD_TINH": [2021, 2024],
        },
        [
            ("SK-SNV-2021-03", 2021, InitiativeScope.PROVINCE),
            ("SK-SNV-2024-03", 2024, InitiativeScope.NATIONAL),
        ],
    ),  # two CSTĐ tỉnh (2021, 2024) and a nationwide initiative: CSTĐTQ in 2024 or the year after
    (
        "SNV-M04",
        "Phạm Thu Hà",
        [HTT, HTT, HTT, HTT, HTXS, HTXS, HTT],
        {"LDTT": [2019, 2020, 2021, 2022, 2023, 2024]},
        [
            ("SK-SNV-2023-04", 2023, InitiativeScope.UNIT),
            ("SK-SNV-2024-04", 2024, InitiativeScope.UNIT),
        ],
    ),  # two years HTXS and two initiatives: Bằng khen of the City by the alternative route
    (
        "SNV-M05",
        "Đỗ Minh Quân",
        [HTT, HTT, HTT, HTT, HTT, HTT, HTT],
        {"LDTT": [2019, 2020, 2021, 2022, 2024]},
        [],
    ),  # a reprimand in 2023: no LĐTT that year
]
SAMPLE = "(mẫu)"


def _award(code: str) -> AwardType | None:
    return AwardType.objects.filter(code=code).order_by("-effective_from").first()


def _cum7(user: User) -> int:
    units = {
        o.code: o for o in Organization.objects.filter(code__in=[c for c, _a, _d in CUM7_2020])
    }
    count = 0
    for code, award_code, decided_by in CUM7_2020:
        award = _award(award_code)
        if award is None or code not in units:
            continue
        awards.record_award(
            user=user,
            award_type=award,
            achievement_year=2020,
            organization=units[code],
            decided_by=decided_by,
            source=AwardSource.PRESS,
            source_ref=PRESS,
        )
        count += 1
    return count


def _person(user: User, unit: Organization, row: Any) -> None:
    code, name, ratings, titles, initiatives = row
    person = people.create_person(
        user=user,
        organization=unit,
        code=code,
        full_name=f"{name} {SAMPLE}",
        category=StaffCategory.CIVIL_SERVANT,
        valid_from=dt.date(2018, 1, 1),
        position="Chuyên viên",
        history_from=2019,
        sample_data=True,
    )
    for year, rating in zip(range(2019, 2026), ratings, strict=True):
        people.record_rating(user=user, person=person, year=year, rating=rating, months_worked=12)
    for i, (ini_code, year, scope) in enumerate(initiatives):
        people.record_initiative(
            user=user,
            code=ini_code,
            title=f"Sáng kiến cải tiến quy trình số {i + 1} {SAMPLE}",
            year=year,
            authors=[person],
            recognition_ref=f"{10 + i}/QĐ-SNV {SAMPLE}",
            recognised_on=dt.date(year, 11, 15),
            recognised_by="Hội đồng sáng kiến Sở Nội vụ",
            scope=scope,
        )
    for award_code, years in titles.items():
        award = _award(award_code)
        assert award is not None, award_code
        for year in years:
            awards.record_award(
                user=user,
                award_type=award,
                achievement_year=year,
                person=person,
                decision_number=f"{year % 100}{len(award_code)}/QĐ {SAMPLE}",
                decision_date=dt.date(year + 1, 1, 20),
                decided_by="Giám đốc Sở Nội vụ"
                if award.level == "grassroots"
                else "UBND Thành phố",
                sample_data=True,
            )
    if code == "SNV-M05":
        people.record_discipline(
            user=user,
            person=person,
            kind=DisciplineKind.DISCIPLINE,
            level=DisciplineLevel.REPRIMAND,
            decision_ref=f"05/QĐ-SNV {SAMPLE}",
            decided_on=dt.date(2023, 6, 1),
            effective_from=dt.date(2023, 6, 1),
            effective_to=dt.date(2024, 5, 31),
        )


def _unit_years(user: User, unit: Organization) -> None:
    """Sở Nội vụ's collective counts: 2023 has 75 % LĐTT, 2024 exactly 70 %."""
    for year, members, ldtt, cstdcs in ((2023, 40, 30, 4), (2024, 40, 28, 3)):
        awards.record_collective_year(
            user=user,
            organization=unit,
            year=year,
            members=members,
            completed=members,
            ldtt=ldtt,
            cstdcs=cstdcs,
            rating=HTXS,
        )


def load(stdout: Any) -> None:
    user = User.objects.filter(username="bantdkt").first()
    unit = Organization.objects.filter(code=UNIT).first()
    if user is None or unit is None or Person.objects.filter(code="SNV-M01").exists():
        return
    with transaction.atomic():
        press = _cum7(user)
        for row in PEOPLE:
            _person(user, unit, row)
        _unit_years(user, unit)
    stdout.write(
        f"  Lịch sử khen thưởng: {press} đơn vị Cụm 7 năm 2020 (theo bản tin), "
        f"{len(PEOPLE)} cá nhân mẫu của Sở Nội vụ, {AwardRecord.objects.count()} bản ghi\n"
    )
