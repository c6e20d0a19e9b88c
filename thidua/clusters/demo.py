"""Demo data from ../shared/seeds: Hà Nội's Cụm 6 (2023, 2024), Cụm 7 (2021), Cụm 10 (2020).

Idempotent: running it again changes nothing. Facts come from the three news reports; where a
report names no one, nothing is invented except what is marked as sample data (dữ liệu minh họa).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.clusters import services as cluster_services
from thidua.clusters.enums import ClusterKind
from thidua.clusters.models import Cluster, ClusterYear
from thidua.organizations import services as org_services
from thidua.organizations.enums import AuthorityLevel, OrganizationKind, SuccessionKind
from thidua.organizations.models import Authority, Organization, Succession

DEMO_PASSWORD = "thidua-demo"  # noqa: S105 -- published demo password, printed by `make run`

DEPT = OrganizationKind.DEPARTMENT
DIST = OrganizationKind.DISTRICT

# code, name, short name, kind, leader (name, position) where a report names one
UNITS: list[tuple[str, str, str, str, tuple[str, str] | None]] = [
    ("HN-UBND", "Ủy ban nhân dân Thành phố Hà Nội", "UBND TP", OrganizationKind.PROVINCE, None),
    ("HN-VPUB", "Văn phòng UBND Thành phố", "VP UBND TP", DEPT, None),
    (
        "HN-XTDT",
        "Trung tâm Xúc tiến đầu tư, thương mại, du lịch Thành phố",
        "Trung tâm XTĐT",
        DEPT,
        ("Nguyễn Ánh Dương", "Giám đốc"),
    ),
    ("HN-TTTP", "Thanh tra Thành phố", "Thanh tra TP", DEPT, None),
    ("HN-SNV", "Sở Nội vụ", "SNV", DEPT, None),
    ("HN-STP", "Sở Tư pháp", "STP", DEPT, None),
    ("HN-SNGV", "Sở Ngoại vụ", "SNgV", DEPT, None),
    ("HN-BDT", "Ban Dân tộc Thành phố", "Ban Dân tộc", DEPT, None),
    (
        "HN-SLDTBXH",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở LĐ,TB&XH",
        DEPT,
        ("Bạch Liên Hương", "Giám đốc"),
    ),
    (
        "HN-STTTT",
        "Sở Thông tin và Truyền thông",
        "Sở TT&TT",
        DEPT,
        ("Nguyễn Thanh Liêm", "Giám đốc"),
    ),
    ("HN-SGDDT", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", DEPT, None),
    ("HN-SYT", "Sở Y tế", "Sở Y tế", DEPT, None),
    ("HN-SKHCN", "Sở Khoa học và Công nghệ", "Sở KH&CN", DEPT, None),
    ("HN-SDL", "Sở Du lịch", "Sở Du lịch", DEPT, None),
    ("HN-SVHTT", "Sở Văn hóa và Thể thao", "Sở VH&TT", DEPT, None),
    ("HN-SOCSON", "Huyện Sóc Sơn", "Sóc Sơn", DIST, ("Phạm Văn Minh", "Chủ tịch UBND huyện")),
    ("HN-THANHTRI", "Huyện Thanh Trì", "Thanh Trì", DIST, None),
    ("HN-MELINH", "Huyện Mê Linh", "Mê Linh", DIST, None),
    ("HN-GIALAM", "Huyện Gia Lâm", "Gia Lâm", DIST, None),
    ("HN-DONGANH", "Huyện Đông Anh", "Đông Anh", DIST, None),
]

C06 = ["HN-VPUB", "HN-XTDT", "HN-TTTP", "HN-SNV", "HN-STP", "HN-SNGV", "HN-BDT"]
C07 = ["HN-SLDTBXH", "HN-STTTT", "HN-SGDDT", "HN-SYT", "HN-SKHCN", "HN-SDL", "HN-SVHTT"]
C10 = ["HN-SOCSON", "HN-THANHTRI", "HN-MELINH", "HN-GIALAM", "HN-DONGANH"]

# cluster code, number, name, {year: (members, head, deputy, theme)}
CLUSTERS: list[tuple[str, int, str, dict[int, tuple[list[str], str | None, str | None, str]]]] = [
    (
        "HN-C06",
        6,
        "Cụm thi đua số 6",
        {
            2023: (C06, "HN-VPUB", "HN-XTDT", ""),
            2024: (C06, "HN-TTTP", "HN-SNV", ""),
        },
    ),
    (
        "HN-C07",
        7,
        "Cụm thi đua số 7",
        {
            2021: (
                C07,
                "HN-SLDTBXH",
                "HN-STTTT",
                "Đoàn kết, sáng tạo, đổi mới, thi đua xây dựng Thủ đô văn hiến, văn minh, hiện đại",
            ),
        },
    ),
    (
        "HN-C10",
        10,
        "Cụm thi đua số 10",
        {
            2020: (C10, "HN-SOCSON", None, ""),
        },
    ),
]

# username, full name, role, unit code (None = authority user)
ACCOUNTS: list[tuple[str, str, str, str | None]] = [
    ("admin", "Quản trị hệ thống", Role.SYSTEM_ADMIN, None),
    ("bantdkt", "Cán bộ Ban Thi đua - Khen thưởng Hà Nội", Role.BOARD_OFFICER, None),
    ("hoidong", "Thành viên Hội đồng TĐKT Thành phố", Role.COUNCIL_MEMBER, None),
    ("xem", "Người xem (Hội đồng TĐKT Thành phố)", Role.VIEWER, None),
    ("thuky", "Thư ký Cụm 6 (Văn phòng UBND TP)", Role.CLUSTER_SECRETARIAT, "HN-VPUB"),
    ("thuky-c07", "Thư ký Cụm 7 (Sở LĐ,TB&XH)", Role.CLUSTER_SECRETARIAT, "HN-SLDTBXH"),
    ("thuky-c10", "Thư ký Cụm 10 (Huyện Sóc Sơn)", Role.CLUSTER_SECRETARIAT, "HN-SOCSON"),
    ("donvi", "Cán bộ thi đua Sở Nội vụ", Role.UNIT_OFFICER, "HN-SNV"),
    ("lanhdao", "Thủ trưởng Sở Nội vụ (tài khoản mẫu)", Role.UNIT_LEADER, "HN-SNV"),
]

# The 2025 reform (illustrative, dữ liệu minh họa): departments merged on 01/3/2025 and
# districts abolished on 01/7/2025 (two-level local government).
REFORM = dt.date(2025, 3, 1)


def _authority() -> Authority:
    existing = Authority.objects.filter(code="HN").first()
    if existing:
        return existing
    return org_services.create_authority(
        code="HN",
        name="Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội",
        short_name="Hội đồng TĐKT TP Hà Nội",
        level=AuthorityLevel.PROVINCE,
        province="Hà Nội",
    )


def _units(authority: Authority) -> dict[str, Organization]:
    units = {o.code: o for o in Organization.objects.filter(code__in=[u[0] for u in UNITS])}
    parent = units.get("HN-UBND")
    for code, name, short, kind, leader in UNITS:
        if code in units:
            continue
        org = org_services.create_organization(
            code=code,
            name=name,
            short_name=short,
            kind=kind,
            authority=authority,
            province="Hà Nội",
            parent=parent if kind == DEPT else None,
        )
        if code == "HN-UBND":
            parent = org
        if leader:
            org_services.set_leader(organization=org, full_name=leader[0], position=leader[1])
        units[code] = org
    return units


def _reform(units: dict[str, Organization], authority: Authority) -> None:
    if Succession.objects.filter(predecessor=units["HN-SLDTBXH"]).exists():
        return
    note = "Dữ liệu minh họa cho sắp xếp tổ chức bộ máy năm 2025."
    org_services.record_succession(
        predecessor=units["HN-SLDTBXH"],
        successor=units["HN-SNV"],
        kind=SuccessionKind.MERGE,
        effective_date=REFORM,
        note=note,
    )
    org_services.record_succession(
        predecessor=units["HN-STTTT"],
        successor=units["HN-SKHCN"],
        kind=SuccessionKind.MERGE,
        effective_date=REFORM,
        note=note,
    )
    ward = Organization.objects.filter(
        code="HN-XSOCSON"
    ).first() or org_services.create_organization(
        code="HN-XSOCSON",
        name="Xã Sóc Sơn",
        kind=OrganizationKind.COMMUNE,
        authority=authority,
        province="Hà Nội",
        valid_from=dt.date(2025, 7, 1),
        note=note,
    )
    org_services.record_succession(
        predecessor=units["HN-SOCSON"],
        successor=ward,
        kind=SuccessionKind.SPLIT,
        effective_date=dt.date(2025, 7, 1),
        note=note,
    )


@transaction.atomic
def load(stdout: Any) -> None:
    authority = _authority()
    units = _units(authority)
    for code, number, name, years in CLUSTERS:
        cluster = Cluster.objects.filter(code=code).first() or cluster_services.create_cluster(
            authority=authority,
            kind=ClusterKind.CLUSTER,
            code=code,
            name=name,
            number=number,
            user=None,
        )
        for year, (members, head, deputy, theme) in years.items():
            if ClusterYear.objects.filter(cluster=cluster, year=year).exists():
                continue
            cluster_services.create_cluster_year(
                cluster=cluster,
                year=year,
                members=[units[c] for c in members],
                head=units[head] if head else None,
                deputy=units[deputy] if deputy else None,
                theme=theme,
                user=None,
            )
    _reform(units, authority)
    for username, full_name, role, unit in ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            full_name=full_name,
            role=role,
            organization=units[unit] if unit else None,
            authority=None if unit else authority,
            is_staff=role == Role.SYSTEM_ADMIN,
            is_superuser=role == Role.SYSTEM_ADMIN,
        )
        del user
    stdout.write("Dữ liệu mẫu: Hà Nội — Cụm 6 (2023, 2024), Cụm 7 (2021), Cụm 10 (2020).\n")


def print_logins(stdout: Any) -> None:
    stdout.write("\nTài khoản mẫu (mật khẩu cho tất cả: thidua-demo):\n")
    for username, full_name, role, _unit in ACCOUNTS:
        stdout.write(f"  {username:<12} {Role(role).label} — {full_name}\n")
    for user in (
        User.objects.exclude(username__in=[a[0] for a in ACCOUNTS])
        .filter(username__startswith="demo-")
        .order_by("username")
    ):
        stdout.write(f"  {user.username:<12} {user.get_role_display()} — {user.full_name}\n")
