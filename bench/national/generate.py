"""Generate the national dataset of issue 13 (prints time and counts; asserts nothing).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/thidua_bench \\
        .venv/bin/python bench/national/generate.py --scale 1      # or 0.1

At scale 1: 34 authorities, 10,004 units, 923 clusters and blocs, 10 years of cluster years
(9,230), ≈96.5k memberships, ≈65k registrations, ≈31k score sheets with ≈575k entries. At any
scale the authorities stay 34 and the years 10; units, clusters and everything under them scale.
Rows are written with ``bulk_create`` through the models, their stored sort keys and search text
derived as the app does (``SortKeyed.derive_text_keys``). The database is migrated first and must
hold no unit yet (``make bench-national`` drops and recreates it).

The users of the harness (password ``BENCH_PASSWORD``): ``bench-admin`` (system administrator),
``bench-board`` (board officer of the first authority), ``bench-secretariat`` (its head unit's
secretariat for the first cluster), ``bench-officer`` and ``bench-leader`` (a member unit's officer
and leader); the harness finds its URLs from them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from thidua.accounts.enums import Role  # noqa: E402
from thidua.accounts.models import User  # noqa: E402
from thidua.awards.history_enums import AwardSource  # noqa: E402
from thidua.awards.models import AwardRecord, AwardType  # noqa: E402
from thidua.clusters.models import Cluster, ClusterMembership, ClusterYear  # noqa: E402
from thidua.organizations.models import Authority, Organization  # noqa: E402
from thidua.scoring.models import (  # noqa: E402
    CriteriaGroup,
    CriteriaSet,
    Criterion,
    ScoreEntry,
    ScoreSheet,
)
from thidua.start_of_year.models import Registration  # noqa: E402

BENCH_PASSWORD = "bench-national-2025"  # noqa: S105 - a throw-away database (run.py has it too)
AUTHORITIES = 34
UNITS = 10_004
CLUSTERS = 923
LAST_YEAR = timezone.localdate().year
YEARS = list(range(LAST_YEAR - 9, LAST_YEAR + 1))
# criteria of a set: three normal groups (60/25/15 points) of 8, 6 and 4 criteria, one bonus item
GROUPS = (("I", 60, 8), ("II", 25, 6), ("III", 15, 4))
BATCH = 5000
PROVINCES = [
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Thành phố Hồ Chí Minh", "Đồng Nai",
    "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
]  # fmt: skip
UNIT_NAMES = [
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Ủy ban nhân dân xã",
]


def keyed(objs: list[Any]) -> list[Any]:
    for obj in objs:
        obj.derive_text_keys()
    return objs


def late_founded(i: int) -> bool:
    """One unit in 14 was founded in the sixth year: ≈96.5k memberships instead of 100k."""
    return i % 14 == 7


def build_authorities() -> list[Authority]:
    objs = [
        Authority(
            code=f"NB-{n:02d}",
            name=f"Hội đồng Thi đua - Khen thưởng {'thành phố' if n in (0, 17, 20, 26, 29) else 'tỉnh'} {p}",
            short_name=f"HĐTĐKT {p}",
            level="province",
            province=p,
        )
        for n, p in enumerate(PROVINCES[:AUTHORITIES])
    ]
    return Authority.objects.bulk_create(keyed(objs))


def build_units(authorities: list[Authority], units: int) -> list[Organization]:
    founded = dt.date(YEARS[5], 1, 1)
    objs = []
    for i in range(units):
        authority = authorities[i * AUTHORITIES // units]
        base = UNIT_NAMES[i % len(UNIT_NAMES)]
        objs.append(
            Organization(
                code=f"{authority.code}-U{i:05d}",
                name=f"{base} số {i}",
                kind="commune" if base.startswith("Ủy ban") else "department",
                authority=authority,
                province=authority.province,
                valid_from=founded if late_founded(i) else None,
            )
        )
    return Organization.objects.bulk_create(keyed(objs), batch_size=BATCH)


def build_clusters(authorities: list[Authority], clusters: int) -> list[Cluster]:
    objs = []
    for c in range(clusters):
        authority = authorities[c * AUTHORITIES // clusters]
        kind = "bloc" if c % 4 == 3 else "cluster"
        noun = "Khối" if kind == "bloc" else "Cụm"
        objs.append(
            Cluster(
                authority=authority,
                kind=kind,
                number=c + 1,
                code=f"{authority.code}-C{c:04d}",
                name=f"{noun} thi đua số {c + 1} {authority.province}",
            )
        )
    return Cluster.objects.bulk_create(keyed(objs), batch_size=BATCH)


def members_of(clusters: list[Cluster], units: list[Organization]) -> dict[int, list[Any]]:
    """Each authority's units dealt out in order over its clusters (pk of cluster → (index,
    unit) pairs)."""
    own_clusters: dict[int | None, list[Cluster]] = {}
    for cluster in clusters:
        own_clusters.setdefault(cluster.authority_id, []).append(cluster)
    own_units: dict[int | None, list[Any]] = {}
    for i, unit in enumerate(units):
        own_units.setdefault(unit.authority_id, []).append((i, unit))
    members: dict[int, list[Any]] = {c.pk: [] for c in clusters}
    for authority_id, pairs in own_units.items():
        group = own_clusters[authority_id]
        for n, pair in enumerate(pairs):
            members[group[n * len(group) // len(pairs)].pk].append(pair)
    return members


def build_years(
    clusters: list[Cluster], members: dict[int, list[Any]]
) -> tuple[list[ClusterYear], list[ClusterMembership]]:
    years: list[ClusterYear] = []
    for cluster in clusters:
        own = members[cluster.pk]
        head = own[0][1] if own else None
        deputy = own[1][1] if len(own) > 1 else None
        years.extend(
            ClusterYear(
                cluster=cluster,
                year=y,
                theme=f"Đoàn kết, đổi mới, hoàn thành xuất sắc nhiệm vụ năm {y}",
                head=head,
                deputy=deputy,
                heads_status="chosen" if head else "not_chosen_yet",
            )
            for y in YEARS
        )
    years = ClusterYear.objects.bulk_create(years, batch_size=BATCH)
    by_cluster = {c.pk: c for c in clusters}
    rows = [
        ClusterMembership(
            cluster_year=cy,
            organization=unit,
            year=cy.year,
            authority_id=by_cluster[cy.cluster_id].authority_id,
            kind=by_cluster[cy.cluster_id].kind,
        )
        for cy in years
        for i, unit in members[cy.cluster_id]
        if not (late_founded(i) and cy.year < YEARS[5])
    ]
    return years, ClusterMembership.objects.bulk_create(rows, batch_size=BATCH)


def build_registrations(memberships: list[ClusterMembership]) -> int:
    award = AwardType.objects.filter(code="TTLDXS").order_by("-effective_from").first()
    now = timezone.now()
    rows = [
        Registration(
            cluster_year_id=m.cluster_year_id,
            organization_id=m.organization_id,
            award=award,
            goals="Hoàn thành xuất sắc các chỉ tiêu, nhiệm vụ được giao",
            status="accepted" if m.year < LAST_YEAR else ("submitted", "draft")[n % 2],
            submitted_at=now,
            decided_at=now if m.year < LAST_YEAR else None,
        )
        for n, m in enumerate(memberships)
        if n % 3
    ]
    Registration.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def scored(cy: ClusterYear) -> bool:
    """The last three years are scored, and the fourth-last for one cluster in five."""
    return cy.year > LAST_YEAR - 3 or (cy.year == LAST_YEAR - 3 and cy.cluster_id % 5 == 0)


def build_criteria(years: list[ClusterYear]) -> dict[int, list[Criterion]]:
    """One adopted set per scored cluster year (pk of cluster year → its criteria)."""
    chosen = [cy for cy in years if scored(cy)]
    sets = CriteriaSet.objects.bulk_create(
        [
            CriteriaSet(
                cluster_year=cy,
                name=f"Bộ tiêu chí thi đua năm {cy.year}",
                status="adopted",
                max_total=Decimal(100),
                bonus_cap=Decimal(5),
                penalty_cap=Decimal(10),
                adopted_on=dt.date(cy.year, 2, 15),
            )
            for cy in chosen
        ],
        batch_size=BATCH,
    )
    groups = CriteriaGroup.objects.bulk_create(
        [
            CriteriaGroup(
                criteria_set=s, section=section, code=code, name=f"Nhóm {code}", max_points=mx,
                position=p,
            )
            for s in sets
            for p, (code, section, mx) in enumerate(
                [(g, "normal", Decimal(m)) for g, m, _n in GROUPS] + [("TH", "bonus", None)], 1
            )
        ],
        batch_size=BATCH,
    )  # fmt: skip
    sizes = [n for _g, _m, n in GROUPS] + [1]
    points = [Decimal(m) / n for _g, m, n in GROUPS] + [Decimal(5)]
    criteria = [
        Criterion(
            criteria_set_id=g.criteria_set_id,
            group=g,
            code=f"{g.code}.{k}",
            name=f"Tiêu chí {g.code}.{k}: thực hiện nhiệm vụ chuyên môn",
            max_points=points[(g.position - 1)].quantize(Decimal("0.01")),
            method="manual",
            position=k,
        )
        for g in groups
        for k in range(1, sizes[g.position - 1] + 1)
    ]
    criteria = Criterion.objects.bulk_create(criteria, batch_size=BATCH)
    by_set: dict[int, list[Criterion]] = {}
    for c in criteria:
        by_set.setdefault(c.criteria_set_id, []).append(c)
    return {s.cluster_year_id: by_set[s.pk] for s in sets}


def build_sheets(
    memberships: list[ClusterMembership], criteria: dict[int, list[Criterion]]
) -> tuple[int, int]:
    now = timezone.now()
    chosen = [m for m in memberships if m.cluster_year_id in criteria]
    sheets = ScoreSheet.objects.bulk_create(
        [
            ScoreSheet(
                cluster_year_id=m.cluster_year_id,
                organization_id=m.organization_id,
                status="verified" if m.year < LAST_YEAR else "submitted",
                self_report="Báo cáo tự đánh giá kết quả thực hiện phong trào thi đua",
                submitted_at=now,
                verified_at=now if m.year < LAST_YEAR else None,
            )
            for m in chosen
        ],
        batch_size=BATCH,
    )
    entries = 0
    rows: list[ScoreEntry] = []
    for n, sheet in enumerate(sheets):
        for k, c in enumerate(criteria[sheet.cluster_year_id]):
            if c.code == "TH.1" and n % 3:
                continue  # a bonus claimed by one unit in three
            value = c.max_points - Decimal((n + k) % 3) / 4
            rows.append(ScoreEntry(sheet=sheet, criterion=c, self_value=max(value, Decimal(0))))
        if len(rows) >= 50_000:
            ScoreEntry.objects.bulk_create(rows, batch_size=BATCH)
            entries += len(rows)
            rows = []
    ScoreEntry.objects.bulk_create(rows, batch_size=BATCH)
    return len(sheets), entries + len(rows)


def build_awards(authorities: list[Authority], memberships: list[ClusterMembership]) -> int:
    """The award history of the past years, as a board would have recorded it from decisions:
    each cluster year's leading unit (one member in turn) the province's flag, one member in three
    "Tập thể lao động xuất sắc", another one in three "Tập thể lao động tiên tiến"."""
    types = {
        t.code: t
        for t in AwardType.objects.filter(code__in=["CTD_TINH", "TTLDXS", "TTLDTT"]).order_by(
            "effective_from"
        )
    }  # the newest version of each code last, so kept
    province = {a.pk: a.name for a in authorities}
    by_year: dict[int, list[ClusterMembership]] = {}
    for m in memberships:
        if m.year < LAST_YEAR:
            by_year.setdefault(m.cluster_year_id, []).append(m)
    rows = []
    for group in by_year.values():
        year = group[0].year
        leader = year % len(group)
        for n, m in enumerate(group):
            code = "CTD_TINH" if n == leader else ("TTLDXS", "TTLDTT", "")[n % 3]
            if not code:
                continue
            rows.append(
                AwardRecord(
                    organization_id=m.organization_id,
                    award_type=types[code],
                    award_code=code,
                    annual=True,
                    achievement_year=year,
                    decision_number=f"{100 + year % 100}/QĐ-UBND",
                    decision_date=dt.date(year + 1, 1, 15),
                    decided_by=f"Chủ tịch Ủy ban nhân dân {province[m.authority_id]}",
                    unit_at_time_id=m.organization_id,
                    source=AwardSource.ENTRY,
                )
            )
    AwardRecord.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def build_users(
    authorities: list[Authority], clusters: list[Cluster], members: dict[int, list[Any]]
) -> None:
    first = clusters[0]
    units = [u for _i, u in members[first.pk]]
    password = make_password(BENCH_PASSWORD)
    spec = [
        ("bench-admin", Role.SYSTEM_ADMIN, None, None),
        ("bench-board", Role.BOARD_OFFICER, None, authorities[0]),
        ("bench-secretariat", Role.CLUSTER_SECRETARIAT, units[0], None),
        ("bench-officer", Role.UNIT_OFFICER, units[2], None),
        ("bench-leader", Role.UNIT_LEADER, units[3], None),
    ]
    users = [
        User(
            username=name,
            full_name=f"Người dùng thử {name[6:]}",
            email=f"{name}@example.gov.vn",
            role=role,
            organization=org,
            authority=authority,
            password=password,
            is_superuser=role == Role.SYSTEM_ADMIN,
            is_staff=role == Role.SYSTEM_ADMIN,
        )
        for name, role, org, authority in spec
    ]
    User.objects.bulk_create(keyed(users))


def generate(scale: float) -> dict[str, int]:
    counts: dict[str, int] = {}
    with transaction.atomic():
        authorities = build_authorities()
        units = build_units(authorities, max(AUTHORITIES * 4, round(UNITS * scale)))
        clusters = build_clusters(authorities, max(AUTHORITIES, round(CLUSTERS * scale)))
        members = members_of(clusters, units)
        years, memberships = build_years(clusters, members)
        counts.update(
            authorities=len(authorities),
            units=len(units),
            clusters=len(clusters),
            cluster_years=len(years),
            memberships=len(memberships),
        )
        counts["registrations"] = build_registrations(memberships)
        criteria = build_criteria(years)
        counts["criteria_sets"] = len(criteria)
        counts["score_sheets"], counts["score_entries"] = build_sheets(memberships, criteria)
        counts["award_records"] = build_awards(authorities, memberships)
        build_users(authorities, clusters, members)
    return counts


def recreate() -> None:
    """Drop and create DATABASE_URL's database (PostgreSQL only), as the test runner does."""
    if connection.vendor != "postgresql":
        sys.exit("--recreate needs PostgreSQL (DATABASE_URL=postgres://…)")
    name = connection.ops.quote_name(connection.settings_dict["NAME"])
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1 = national size, 0.1 = 1/10")
    parser.add_argument(
        "--recreate", action="store_true", help="drop and create the PostgreSQL database first"
    )
    args = parser.parse_args()
    start = time.perf_counter()
    if args.recreate:
        recreate()
    call_command("migrate", verbosity=0)
    migrated = time.perf_counter()
    if Organization.objects.exists():
        sys.exit("the database already holds units: drop and recreate it first")
    counts = generate(args.scale)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    done = time.perf_counter()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}; scale {args.scale}")
    print(f"migrate: {migrated - start:.1f} s; generate: {done - migrated:.1f} s")
    for name, value in counts.items():
        print(f"  {name:<14} {value:>9,}")


if __name__ == "__main__":
    main()
