"""Demo scoring for Cụm thi đua số 6 (HN-C06), 2023 — DỮ LIỆU MINH HỌA (sample data).

The news report of the 2023 summary conference gives no criteria and no scores. The criteria
set below is built from the typical structure in domain-rules §5 and every number is
illustrative. The outcome is kept consistent with the report: Sở Nội vụ ranks first (acclaimed
for the Government emulation flag), Văn phòng UBND TP second (City flag).

Idempotent: nothing happens when the 2023 criteria set of HN-C06 already exists.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.clusters.deadlines import set_deadline
from thidua.clusters.enums import CycleStep
from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Organization
from thidua.scoring import selectors
from thidua.scoring.enums import ScoringMethod, Section
from thidua.scoring.models import CriteriaSet
from thidua.scoring.services import criteria as criteria_services
from thidua.scoring.services import criteria_items as item_services
from thidua.scoring.services import results as results_services
from thidua.scoring.services import sheets as sheet_services
from thidua.scoring.services import verification as verification_services

DEMO_PASSWORD = "thidua-demo"  # noqa: S105 -- published demo password, printed by `thidua demo`
SAMPLE = "(dữ liệu minh họa)"
M, YN, PROP, TIERS = (
    ScoringMethod.MANUAL,
    ScoringMethod.YES_NO,
    ScoringMethod.PROPORTIONAL,
    ScoringMethod.TIERS,
)

# code, name, section, max points
GROUPS = [
    ("I", "Thực hiện nhiệm vụ chính trị, chuyên môn được giao", Section.NORMAL, 60),
    (
        "II",
        "Xây dựng Đảng, chính quyền, đoàn thể; cải cách hành chính, chuyển đổi số; kỷ luật, "
        "kỷ cương",
        Section.NORMAL,
        25,
    ),
    ("III", "Công tác thi đua, khen thưởng", Section.NORMAL, 15),
    ("TH", "Điểm thưởng", Section.BONUS, None),
    ("TR", "Điểm trừ", Section.PENALTY, None),
]
# group, code, name, max, method, target, tiers, evidence required, guidance
CRITERIA: list[tuple[str, str, str, int, str, int | None, list[list[int]], bool, str]] = [
    (
        "I",
        "I.1",
        "Hoàn thành các nhiệm vụ, chỉ tiêu kế hoạch năm được UBND Thành phố giao",
        20,
        PROP,
        100,
        [],
        True,
        "Số liệu: tỷ lệ % nhiệm vụ hoàn thành; 100% được 20 điểm.",
    ),
    (
        "I",
        "I.2",
        "Thực hiện nhiệm vụ trọng tâm theo Chương trình công tác của Thành ủy, UBND Thành phố",
        15,
        M,
        None,
        [],
        True,
        "",
    ),
    (
        "I",
        "I.3",
        "Chất lượng tham mưu, đề xuất cơ chế, chính sách thuộc lĩnh vực quản lý",
        10,
        M,
        None,
        [],
        False,
        "",
    ),
    (
        "I",
        "I.4",
        "Giải quyết thủ tục hành chính, đơn thư đúng hạn",
        10,
        TIERS,
        None,
        [[100, 10], [98, 8], [95, 6], [90, 3]],
        True,
        "Số liệu: tỷ lệ % hồ sơ, đơn thư giải quyết đúng hạn.",
    ),
    (
        "I",
        "I.5",
        "Thực hiện chế độ thông tin, báo cáo định kỳ đúng hạn",
        5,
        YN,
        None,
        [],
        False,
        "",
    ),
    (
        "II",
        "II.1",
        "Xây dựng tổ chức Đảng, đoàn thể trong sạch, vững mạnh",
        6,
        M,
        None,
        [],
        False,
        "",
    ),
    (
        "II",
        "II.2",
        "Kết quả Chỉ số cải cách hành chính (PAR INDEX) của đơn vị",
        7,
        TIERS,
        None,
        [[90, 7], [85, 5], [80, 3]],
        False,
        "Số liệu: điểm Chỉ số CCHC năm.",
    ),
    (
        "II",
        "II.3",
        "Chuyển đổi số, ứng dụng công nghệ thông tin trong hoạt động",
        6,
        M,
        None,
        [],
        True,
        "",
    ),
    (
        "II",
        "II.4",
        "Thực hành tiết kiệm, phòng, chống tham nhũng; kỷ luật, kỷ cương hành chính",
        6,
        M,
        None,
        [],
        False,
        "",
    ),
    (
        "III",
        "III.1",
        "Ban hành kế hoạch, phát động phong trào thi đua; ký giao ước thi đua",
        4,
        YN,
        None,
        [],
        False,
        "",
    ),
    ("III", "III.2", "Tham gia đầy đủ các hoạt động chung của Cụm", 4, M, None, [], False, ""),
    (
        "III",
        "III.3",
        "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến",
        4,
        M,
        None,
        [],
        True,
        "",
    ),
    (
        "III",
        "III.4",
        "Báo cáo thi đua, hồ sơ đề nghị khen thưởng đúng hạn, đúng quy định",
        3,
        YN,
        None,
        [],
        False,
        "",
    ),
    (
        "TH",
        "TH.1",
        "Sáng kiến, mô hình mới được cấp có thẩm quyền công nhận",
        5,
        M,
        None,
        [],
        True,
        "",
    ),
    (
        "TH",
        "TH.2",
        "Được Trung ương, Thành phố khen thưởng đột xuất, theo chuyên đề",
        5,
        M,
        None,
        [],
        True,
        "",
    ),
    ("TH", "TH.3", "Dẫn đầu phong trào thi đua chuyên đề của Thành phố", 3, M, None, [], False, ""),
    (
        "TR",
        "TR.1",
        "Chậm, thiếu báo cáo theo yêu cầu của Cụm (mỗi lần trừ 0,5 điểm)",
        3,
        M,
        None,
        [],
        False,
        "",
    ),
    (
        "TR",
        "TR.2",
        "Tập thể, cá nhân lãnh đạo đơn vị bị kỷ luật trong năm",
        10,
        M,
        None,
        [],
        False,
        "",
    ),
    (
        "TR",
        "TR.3",
        "Không hoàn thành chỉ tiêu đã đăng ký trong giao ước thi đua",
        5,
        M,
        None,
        [],
        False,
        "",
    ),
]
FULL = {code: Decimal(mx) for _g, code, _n, mx, method, *_rest in CRITERIA if method in (M, YN)}
FULL_MEASURES = {"I.1": Decimal(100), "I.4": Decimal(100), "II.2": Decimal(92)}
NO_BONUS = {
    "TH.1": None,
    "TH.2": None,
    "TH.3": None,
    "TR.1": Decimal(0),
    "TR.2": Decimal(0),
    "TR.3": Decimal(0),
}

# Each unit: the points it did not claim, the measures, bonus and penalty (all illustrative).
UNITS: dict[str, dict[str, Any]] = {
    "HN-SNV": {
        "user": "donvi",
        "measures": {"II.2": Decimal("88")},
        "values": {"TH.1": 5, "TH.2": 5, "TH.3": 2},
        "report": "Hoàn thành trình phương án sắp xếp đơn vị hành chính cấp xã; xét thăng hạng chức danh nghề nghiệp cho gần 23.000 viên chức giáo dục; tham mưu duy trì thứ hạng chỉ số cải cách hành chính.",
    },
    "HN-VPUB": {
        "user": "thuky",
        "measures": {"I.1": Decimal("97.2"), "I.4": Decimal("98.5"), "II.2": Decimal("91")},
        "values": {"TH.1": 5, "TH.3": 3},
        "report": "Góp phần thông qua 23 nội dung công tác lớn của Thành ủy; 540 đề án, dự án; hoàn thành 240/247 nhiệm vụ trọng tâm Chương trình số 01; tiếp gần 23 nghìn lượt công dân, xử lý hơn 44 nghìn đơn; phát triển Văn phòng thông minh (S-Office).",
    },
    "HN-TTTP": {
        "user": "demo-tttp",
        "measures": {"I.4": Decimal("95")},
        "values": {"I.2": 13, "II.3": 5, "TH.2": 5},
        "report": "Hoàn thành kế hoạch thanh tra năm; giải quyết khiếu nại, tố cáo đúng quy định.",
    },
    "HN-STP": {
        "user": "demo-stp",
        "measures": {"I.1": Decimal("95"), "II.2": Decimal("86")},
        "values": {"I.3": 8, "III.3": 3, "TH.1": 3, "TR.1": 1},
        "report": "Tham mưu các nội dung phục vụ xây dựng Luật Thủ đô; hoàn thành nhiệm vụ chuyên môn.",
    },
    "HN-SNGV": {
        "user": "demo-sngv",
        "measures": {"I.4": Decimal("97")},
        "values": {"I.2": 13, "II.1": 5, "TH.2": 3},
        "report": "Đổi mới công tác đối ngoại, gắn công tác thi đua với nhiệm vụ chính trị.",
    },
    "HN-BDT": {
        "user": "demo-bdt",
        "measures": {"I.1": Decimal("96")},
        "values": {"I.3": 8, "II.3": 4, "III.3": 3, "TH.3": 2},
        "report": "Hoàn thành tốt công tác dân tộc trên địa bàn Thành phố.",
    },
    "HN-XTDT": {
        "user": "demo-xtdt",
        "measures": {"I.1": Decimal("93"), "II.2": Decimal("84")},
        "values": {"I.2": 13, "III.4": 0, "TH.1": 2},
        "report": "Lễ hội Du lịch Hà Nội “Kết nối di sản phát triển du lịch”; Festival Thu Hà Nội 2023 “Thu Hà Nội - đến để yêu”; xúc tiến gắn với đối ngoại của Thành phố.",
    },
}
DEMO_USERS = [
    ("demo-tttp", "Cán bộ thi đua Thanh tra TP (mẫu)", "HN-TTTP"),
    ("demo-stp", "Cán bộ thi đua Sở Tư pháp (mẫu)", "HN-STP"),
    ("demo-sngv", "Cán bộ thi đua Sở Ngoại vụ (mẫu)", "HN-SNGV"),
    ("demo-bdt", "Cán bộ thi đua Ban Dân tộc TP (mẫu)", "HN-BDT"),
    ("demo-xtdt", "Cán bộ thi đua Trung tâm XTĐT (cụm phó, mẫu)", "HN-XTDT"),
]
# unit, criterion, new value, reason, verified by
ADJUSTMENTS = [
    (
        "HN-SNV",
        "III.2",
        3,
        "Chưa tham gia đầy đủ buổi giao lưu của Cụm tháng 9/2023 " + SAMPLE,
        "thuky",
    ),
    (
        "HN-VPUB",
        "TH.3",
        2,
        "Chưa có văn bản công nhận dẫn đầu phong trào chuyên đề " + SAMPLE,
        "demo-xtdt",
    ),
]


def _pdf(name: str) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n% Minh chung (du lieu minh hoa)\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _users(units: dict[str, Organization]) -> dict[str, User]:
    for username, full_name, code in DEMO_USERS:
        if not User.objects.filter(username=username).exists():
            User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                full_name=full_name,
                role=Role.UNIT_OFFICER,
                organization=units[code],
            )
    names = {u["user"] for u in UNITS.values()} | {a[4] for a in ADJUSTMENTS}
    return {u.username: u for u in User.objects.filter(username__in=names)}


def _criteria(cy: ClusterYear, user: User) -> CriteriaSet:
    cs = criteria_services.create_criteria_set(
        cluster_year=cy,
        user=user,
        name="Bộ tiêu chí chấm điểm thi đua Cụm thi đua số 6 năm 2023 " + SAMPLE,
        description=(
            "Dữ liệu minh họa: bản tin không công bố bộ tiêu chí; bộ này dựng theo cấu trúc "
            "thường gặp (domain-rules §5): nhóm I ~60 điểm, nhóm II ~25, nhóm III ~15, điểm "
            "thưởng tối đa 10, một số điểm trừ."
        ),
    )
    groups = {}
    for position, (code, name, section, mx) in enumerate(GROUPS, start=1):
        groups[code] = item_services.save_group(
            criteria_set=cs,
            user=user,
            code=code,
            name=name,
            section=section,
            max_points=Decimal(mx) if mx is not None else None,
            position=position * 10,
        )
    for position, (group, code, name, mx, method, target, tiers, evidence, guidance) in enumerate(
        CRITERIA, start=1
    ):
        item_services.save_criterion(
            criteria_set=cs,
            user=user,
            data=item_services.CriterionInput(
                group=groups[group],
                code=code,
                name=name,
                max_points=Decimal(mx),
                method=method,
                target=Decimal(target) if target else None,
                measure_label={"I.1": "%", "I.4": "%", "II.2": "điểm"}.get(code, ""),
                tiers=tiers,
                evidence_required=evidence,
                guidance=guidance,
                position=position * 10,
            ),
        )
    return criteria_services.adopt_criteria_set(
        criteria_set=cs,
        user=user,
        adopted_on=dt.date(2023, 2, 15),
        pledge_ref="Giao ước thi đua năm 2023 của Cụm thi đua số 6 " + SAMPLE,
    )


def _score_unit(cy: ClusterYear, unit: Organization, spec: dict[str, Any], user: User) -> None:
    table = selectors.criteria_table(selectors.adopted_set(cy))  # type: ignore[arg-type]
    values = {**FULL, **NO_BONUS, **{k: Decimal(v) for k, v in spec["values"].items()}}
    measures = {**FULL_MEASURES, **spec["measures"]}
    entries = []
    evidence = {}
    for criterion in table.criteria:
        if criterion.method in (PROP, TIERS):
            entries.append(
                sheet_services.EntryInput(criterion.pk, measure=measures[criterion.code])
            )
        else:
            entries.append(sheet_services.EntryInput(criterion.pk, value=values[criterion.code]))
        if criterion.evidence_required and (
            criterion.method in (PROP, TIERS) or values.get(criterion.code)
        ):
            evidence[criterion.pk] = [_pdf(f"minh-chung-{unit.code}-{criterion.code}.pdf")]
    sheet = sheet_services.save_sheet(
        cluster_year=cy,
        organization=unit,
        user=user,
        expected_version=selectors.sheet_for(cy, unit).version,
        entries=entries,
        self_report="Báo cáo tự đánh giá " + SAMPLE + ": " + spec["report"],
        evidence=evidence,
    )
    sheet_services.submit_sheet(sheet=selectors.sheet_for(cy, unit), user=user)
    del sheet


def _verify(cy: ClusterYear, units: dict[str, Organization], users: dict[str, User]) -> None:
    table = selectors.criteria_table(selectors.adopted_set(cy))  # type: ignore[arg-type]
    for code, criterion, value, reason, username in ADJUSTMENTS:
        verification_services.adjust_scores(
            sheet=_fresh_sheet(cy, units[code]),
            user=users[username],
            adjustments=[
                verification_services.Adjustment(
                    table.by_code[criterion].pk, Decimal(value), reason
                )
            ],
        )
    for unit in units.values():
        verifier = users["demo-xtdt"] if unit.pk == cy.head_id else users["thuky"]
        verification_services.verify_sheet(sheet=_fresh_sheet(cy, unit), user=verifier)


def _fresh_sheet(cy: ClusterYear, unit: Organization) -> Any:
    fresh = ClusterYear.objects.select_related("cluster", "scoring_round").get(pk=cy.pk)
    return selectors.sheet_for(fresh, unit)


@transaction.atomic
def load(stdout: Any) -> None:
    cy = (
        ClusterYear.objects.filter(cluster__code="HN-C06", year=2023)
        .select_related("cluster")
        .first()
    )
    if cy is None or CriteriaSet.objects.filter(cluster_year=cy).exists():
        return
    units = {o.code: o for o in Organization.objects.filter(code__in=list(UNITS))}
    users = _users(units)
    secretariat = users["thuky"]
    _criteria(cy, secretariat)
    for code, spec in UNITS.items():
        _score_unit(cy, units[code], spec, users[spec["user"]])
    _verify(cy, units, users)
    tz = timezone.get_current_timezone()
    set_deadline(
        cluster_year=cy,
        step=CycleStep.SELF_SCORING,
        due_at=dt.datetime(2024, 1, 15, 17, 0, tzinfo=tz),
        note="Dữ liệu minh họa",
    )
    set_deadline(
        cluster_year=cy,
        step=CycleStep.VERIFICATION,
        due_at=dt.datetime(2024, 2, 5, 17, 0, tzinfo=tz),
        note="Dữ liệu minh họa",
    )
    results_services.approve_results(
        cluster_year=ClusterYear.objects.get(pk=cy.pk),
        user=secretariat,
        note="Thông qua tại Hội nghị tổng kết ngày 22/02/2024 " + SAMPLE + ".",
        approved_on=dt.date(2024, 2, 22),
    )
    stdout.write(
        "Chấm điểm: Cụm 6 năm 2023 — bộ tiêu chí, tự chấm, thẩm định, xếp hạng "
        "(dữ liệu minh họa; Sở Nội vụ hạng 1, Văn phòng UBND TP hạng 2).\n"
    )
