"""Demo data for plans, movements and drives, from ../shared/seeds (Cụm 7 2021, Cụm 10 2020).

Idempotent. What the reports say is recorded as fact; everything else (drive periods, drive
results, comments other than the board's suggestion, movement dates) is marked as sample data
(“dữ liệu minh họa”). Every write goes through the services, so the audit trail has it too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.clusters.demo import DEMO_PASSWORD
from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Authority, Organization
from thidua.planning import services
from thidua.planning.enums import MovementKind, PlanKind
from thidua.planning.models import Drive, DriveReport, Movement, PlanDocument, PlanVersion

SAMPLE = "Dữ liệu minh họa"

# username, full name, role, unit code — demo users of member units (printed by `thidua demo`)
DEMO_USERS = [
    ("demo-thanhtri", "Cán bộ thi đua Huyện Thanh Trì (tài khoản mẫu)", "HN-THANHTRI"),
    ("demo-sotttt", "Cán bộ thi đua Sở Thông tin và Truyền thông (tài khoản mẫu)", "HN-STTTT"),
]

C10_PLAN_BODY = """Kế hoạch công tác thi đua, khen thưởng năm 2020 của Cụm thi đua số 10 Thành phố Hà Nội \
(các huyện Sóc Sơn, Thanh Trì, Mê Linh, Gia Lâm, Đông Anh), trình bày tại Hội nghị triển khai \
kế hoạch công tác và ký giao ước thi đua năm 2020, huyện Sóc Sơn, ngày 07/02/2020.

1. Tiếp tục đổi mới và đẩy mạnh các phong trào thi đua yêu nước trên địa bàn; phát động và tổ \
chức các phong trào thi đua yêu nước thành 04 đợt, bám sát nhiệm vụ chính trị trọng tâm, khâu đột \
phá, chủ đề hành động của Thành phố.

2. Các đơn vị trong Cụm đăng ký 8 mô hình thi đua, trong đó 3/5 đơn vị đăng ký 02 mô hình; mỗi \
đơn vị đăng ký từ 01 đến 02 mô hình và 01 đến 02 chuyên đề thi đua bám sát nhiệm vụ trọng tâm \
của Thành phố.

3. Ký giao ước thi đua với 6 nhiệm vụ trọng tâm; cả 5 huyện trong Cụm đăng ký nhận Cờ thi đua \
của Chính phủ năm 2020.

4. Tăng cường thực hiện phong trào thi đua “Chung sức xây dựng nông thôn mới” và thi đua thực \
hiện cải cách hành chính (theo chỉ đạo của Phó Ban Thi đua - Khen thưởng Thành phố Đinh Việt Thắng).

(Nguồn: bản tin Ban Tuyên giáo Huyện ủy Sóc Sơn, 07/02/2020.)"""

C07_PLAN_BODY = """Kế hoạch công tác thi đua, khen thưởng năm 2021 của Cụm thi đua số 7 Thành phố Hà Nội.

Chủ đề năm 2021: “Đoàn kết, sáng tạo, đổi mới, thi đua xây dựng Thủ đô văn hiến, văn minh, hiện đại”.

Các đơn vị cam kết thi đua trên 3 nội dung chính:
1. Thi đua phát triển kinh tế - xã hội, thực hiện các nhiệm vụ chính trị được giao; tổ chức các \
đợt thi đua chào mừng các ngày lễ lớn, các sự kiện chính trị quan trọng của Thủ đô và đất nước; \
bầu cử đại biểu Quốc hội khóa XV và đại biểu HĐND các cấp nhiệm kỳ 2021 - 2026; mỗi đơn vị đăng \
ký ít nhất 1 chuyên đề trọng tâm.
2. Thi đua thực hiện các chủ trương của Đảng, chính sách pháp luật của Nhà nước; xây dựng Đảng và \
hệ thống chính trị trong sạch, vững mạnh.
3. Thi đua tổ chức triển khai kịp thời và thực hiện tốt các nhiệm vụ về công tác thi đua, khen thưởng.

100% các đơn vị trong Cụm đăng ký thi đua từ Cờ thi đua xuất sắc của UBND Thành phố trở lên.

(Nguồn: Kinh tế & Đô thị, 30/3/2021.)"""

C07_RULES_BODY = f"""Quy chế về tổ chức hoạt động và nguyên tắc bình xét thi đua của Cụm thi đua số 7 \
trong năm 2021, được các đại biểu thảo luận, góp ý hoàn thiện tại hội nghị ngày 30/3/2021.

({SAMPLE}: bản tin không nêu nội dung chi tiết của quy chế.)"""

# title, slogan/theme, note — movements the reports name (kind: thematic; launched by HN)
MOVEMENTS_2021 = [
    "Phong trào thi đua sáng kiến sáng tạo Thủ đô",
    "Phong trào thi đua bảo đảm an toàn thực phẩm",
    "Phong trào thi đua cải cách hành chính",
    "Phong trào thi đua “Doanh nghiệp Thủ đô phát triển”",
    "Phong trào thi đua xây dựng nông thôn mới",
]
MOVEMENTS_2020 = [
    "Phong trào thi đua “Chung sức xây dựng nông thôn mới”",
    "Thi đua thực hiện cải cách hành chính",
]
NOTE_2021 = (
    "Tên phong trào theo phát biểu của Phó Trưởng Ban Thi đua - Khen thưởng Thành phố Đỗ Đức Thịnh "
    f"tại hội nghị Cụm thi đua số 7 (30/3/2021). Thời gian: {SAMPLE.lower()}."
)
NOTE_2020 = (
    "Phong trào được Phó Ban Thi đua - Khen thưởng Thành phố Đinh Việt Thắng đề nghị tăng cường tại "
    f"hội nghị Cụm thi đua số 10 (07/02/2020). Thời gian: {SAMPLE.lower()}."
)

# number, start, end — the report names no drive: periods are sample data
C10_DRIVES = [
    (1, dt.date(2020, 2, 10), dt.date(2020, 4, 30)),
    (2, dt.date(2020, 5, 1), dt.date(2020, 7, 31)),
    (3, dt.date(2020, 8, 1), dt.date(2020, 10, 31)),
    (4, dt.date(2020, 11, 1), dt.date(2020, 12, 15)),
]
C10_RESULTS = [
    (
        "HN-SOCSON",
        "thuky-c10",
        f"{SAMPLE}: huyện tổ chức phát động đợt 1 tới các xã, thị trấn, cơ quan; "
        "biểu dương các tập thể, cá nhân có thành tích tiêu biểu trong đợt.",
    ),
    (
        "HN-THANHTRI",
        "demo-thanhtri",
        f"{SAMPLE}: các cơ quan, đơn vị của huyện hưởng ứng đợt 1; "
        "kết quả được tổng hợp theo nhiệm vụ trọng tâm của huyện.",
    ),
]


def _users(units: dict[str, Organization]) -> dict[str, User]:
    for username, full_name, unit in DEMO_USERS:
        if not User.objects.filter(username=username).exists():
            User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                full_name=full_name,
                role=Role.UNIT_OFFICER,
                organization=units[unit],
            )
    names = [u[0] for u in DEMO_USERS] + ["thuky-c07", "thuky-c10", "bantdkt"]
    return {u.username: u for u in User.objects.filter(username__in=names)}


def _plan(
    cluster_year: ClusterYear,
    kind: str,
    title: str,
    body: str,
    by: User,
) -> PlanVersion:
    existing = PlanVersion.objects.filter(
        document__cluster_year=cluster_year, document__kind=kind
    ).first()
    if existing is not None:
        return existing
    return services.draft_plan_version(
        cluster_year=cluster_year, kind=kind, title=title, body=body, by=by
    )


def _adopt(version: PlanVersion, day: dt.date, meeting: str, presented_by: str, by: User) -> None:
    if version.adopted_on is None:
        services.adopt_plan_version(
            version=version, adopted_on=day, meeting=meeting, presented_by=presented_by, by=by
        )


def _cum10(
    cluster_year: ClusterYear, users: dict[str, User], units: dict[str, Organization]
) -> None:
    secretariat = users["thuky-c10"]
    plan = _plan(
        cluster_year,
        PlanKind.WORK_PLAN,
        "Kế hoạch công tác thi đua, khen thưởng năm 2020",
        C10_PLAN_BODY,
        secretariat,
    )
    _adopt(
        plan,
        dt.date(2020, 2, 7),
        "Hội nghị triển khai kế hoạch công tác và ký giao ước thi đua năm 2020 (huyện Sóc Sơn)",
        "Nguyễn Hồng Sơn, Trưởng Phòng Nội vụ huyện Sóc Sơn",
        secretariat,
    )
    for number, start, end in C10_DRIVES:
        if Drive.objects.filter(cluster_year=cluster_year, number=number).exists():
            continue
        services.create_drive(
            cluster_year=cluster_year,
            name=f"Đợt {number}",
            starts_on=start,
            ends_on=end,
            occasion=f"{SAMPLE}: bản tin chỉ nêu Cụm tổ chức 04 đợt thi đua, không nêu dịp của từng đợt.",
            by=secretariat,
        )
    first = Drive.objects.get(cluster_year=cluster_year, number=1)
    for unit_code, username, text in C10_RESULTS:
        if not DriveReport.objects.filter(drive=first, organization=units[unit_code]).exists():
            services.submit_drive_report(
                drive=first, organization=units[unit_code], summary=text, by=users[username]
            )
    # Deadlines are set after the sample results went in: they are all in the past by now.
    for drive in Drive.objects.filter(cluster_year=cluster_year, report_deadline__isnull=True):
        due = dt.datetime.combine(drive.ends_on + dt.timedelta(days=10), dt.time(17, 0))
        services.update_drive(
            drive=drive,
            name=drive.name,
            starts_on=drive.starts_on,
            ends_on=drive.ends_on,
            occasion=drive.occasion,
            movement=drive.movement,
            description=drive.description,
            report_due_at=timezone.make_aware(due),
            by=secretariat,
        )


def _cum7(cluster_year: ClusterYear, users: dict[str, User]) -> None:
    secretariat, board, member = users["thuky-c07"], users["bantdkt"], users["demo-sotttt"]
    meeting = "Hội nghị triển khai nhiệm vụ công tác và ký cam kết giao ước thi đua năm 2021"
    plan = _plan(
        cluster_year,
        PlanKind.WORK_PLAN,
        "Kế hoạch công tác thi đua, khen thưởng năm 2021",
        C07_PLAN_BODY,
        secretariat,
    )
    rules = _plan(
        cluster_year,
        PlanKind.RULES,
        "Quy chế về tổ chức hoạt động và nguyên tắc bình xét thi đua của Cụm trong năm 2021",
        C07_RULES_BODY,
        secretariat,
    )
    if plan.adopted_on is None and not plan.comments.exists():
        suggestion = services.add_plan_comment(
            version=plan,
            author=board,
            body=(
                "Theo phát biểu tại hội nghị: đề nghị các đơn vị trong Cụm đa dạng hóa các hình "
                "thức hoạt động, tăng cường trao đổi các nội dung, lĩnh vực mới của các đơn vị."
            ),
        )
        services.add_plan_comment(
            version=plan,
            author=secretariat,
            body=f"{SAMPLE}: đơn vị Cụm trưởng tiếp thu, bổ sung vào chương trình công tác của Cụm.",
            parent_id=suggestion.pk,
        )
        services.add_plan_comment(
            version=plan,
            author=member,
            body=f"{SAMPLE}: Sở Thông tin và Truyền thông nhất trí với dự thảo kế hoạch.",
        )
    day = dt.date(2021, 3, 30)
    _adopt(plan, day, meeting, "", secretariat)
    _adopt(rules, day, meeting, "", secretariat)


def _movements(authority: Authority, c07: ClusterYear, c10: ClusterYear, board: User) -> None:
    batches = [
        (MOVEMENTS_2021, dt.date(2021, 4, 1), dt.date(2021, 12, 31), c07, NOTE_2021),
        (MOVEMENTS_2020, dt.date(2020, 1, 1), dt.date(2020, 12, 31), c10, NOTE_2020),
    ]
    for titles, start, end, cluster_year, note in batches:
        for title in titles:
            if Movement.objects.filter(authority=authority, title=title).exists():
                continue
            services.launch_movement(
                authority=authority,
                kind=MovementKind.THEMATIC,
                title=title,
                starts_on=start,
                ends_on=end,
                cluster_years=[cluster_year],
                note=note,
                by=board,
            )


@transaction.atomic
def load(stdout: Any) -> None:
    authority = Authority.objects.filter(code="HN").first()
    c07 = ClusterYear.objects.filter(cluster__code="HN-C07", year=2021).first()
    c10 = ClusterYear.objects.filter(cluster__code="HN-C10", year=2020).first()
    if authority is None or c07 is None or c10 is None:
        stdout.write(
            "Bỏ qua dữ liệu mẫu kế hoạch, phong trào: chưa có Cụm 7 (2021), Cụm 10 (2020).\n"
        )
        return
    units = {o.code: o for o in Organization.objects.filter(code__startswith="HN-")}
    users = _users(units)
    _movements(authority, c07, c10, users["bantdkt"])
    _cum10(c10, users, units)
    _cum7(c07, users)
    plans = PlanDocument.objects.filter(cluster_year__in=[c07, c10]).count()
    stdout.write(
        f"Kế hoạch, phong trào, đợt thi đua: {plans} văn bản (Cụm 7, Cụm 10), "
        f"{Movement.objects.filter(authority=authority).count()} phong trào, "
        f"{Drive.objects.filter(cluster_year=c10).count()} đợt của Cụm 10.\n"
    )
