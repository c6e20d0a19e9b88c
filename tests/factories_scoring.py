"""Builders for scoring tests. They go through the real services, so the data is what users
would have made; nothing is mocked."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Prefetch

from thidua.clusters.models import ClusterMembership, ClusterYear
from thidua.organizations.models import Organization
from thidua.scoring import selectors
from thidua.scoring.enums import ScoringMethod, Section
from thidua.scoring.models import CriteriaSet, ScoreSheet
from thidua.scoring.services import criteria as criteria_services
from thidua.scoring.services import criteria_items as item_services
from thidua.scoring.services import results as results_services
from thidua.scoring.services import sheets as sheet_services
from thidua.scoring.services import verification as verification_services

D = Decimal

# group code, name, section, max; then its criteria: code, max, method, extra
SMALL_SET: list[tuple[str, str, str, int | None, list[tuple[str, int, str, dict[str, Any]]]]] = [
    (
        "I",
        "Thực hiện nhiệm vụ chính trị, chuyên môn",
        Section.NORMAL,
        60,
        [
            ("I.1", 40, ScoringMethod.MANUAL, {"evidence_required": True}),
            ("I.2", 20, ScoringMethod.PROPORTIONAL, {"target": D(100)}),
        ],
    ),
    (
        "II",
        "Xây dựng Đảng, chính quyền; cải cách hành chính",
        Section.NORMAL,
        25,
        [
            ("II.1", 10, ScoringMethod.YES_NO, {}),
            ("II.2", 15, ScoringMethod.MANUAL, {}),
        ],
    ),
    (
        "III",
        "Công tác thi đua, khen thưởng",
        Section.NORMAL,
        15,
        [("III.1", 15, ScoringMethod.TIERS, {"tiers": [[100, 15], [80, 10], [50, 5]]})],
    ),
    (
        "TH",
        "Điểm thưởng",
        Section.BONUS,
        None,
        [
            ("TH.1", 5, ScoringMethod.MANUAL, {}),
            ("TH.2", 5, ScoringMethod.MANUAL, {}),
            ("TH.3", 5, ScoringMethod.MANUAL, {}),
        ],
    ),
    ("TR", "Điểm trừ", Section.PENALTY, None, [("TR.1", 5, ScoringMethod.MANUAL, {})]),
]


def build_criteria_set(
    cluster_year: ClusterYear,
    user: Any,
    *,
    spec: list[Any] | None = None,
    adopt: bool = True,
    name: str = "Bộ tiêu chí thử",
) -> CriteriaSet:
    cs = criteria_services.create_criteria_set(cluster_year=cluster_year, user=user, name=name)
    for position, (code, group_name, section, mx, items) in enumerate(spec or SMALL_SET, 1):
        group = item_services.save_group(
            criteria_set=cs,
            user=user,
            code=code,
            name=group_name,
            section=section,
            max_points=D(mx) if mx is not None else None,
            position=position,
        )
        for criterion_code, criterion_max, method, extra in items:
            item_services.save_criterion(
                criteria_set=cs,
                user=user,
                data=item_services.CriterionInput(
                    group=group,
                    code=criterion_code,
                    name=f"Tiêu chí {criterion_code}",
                    max_points=D(criterion_max),
                    method=method,
                    **extra,
                ),
            )
    if adopt:
        import datetime as dt

        criteria_services.adopt_criteria_set(
            criteria_set=cs, user=user, adopted_on=dt.date(cluster_year.year, 2, 15)
        )
        cs.refresh_from_db()
    return cs


def wide_spec(per_group: int) -> list[Any]:
    """Three normal groups (60/25/15) split into ``per_group`` equal criteria, plus bonus and
    penalty items: to measure that pages do not grow with the number of criteria."""
    spec = []
    for code, mx in (("I", 60), ("II", 25), ("III", 15)):
        share = D(mx) / per_group
        items = [(f"{code}.{i}", share, ScoringMethod.MANUAL, {}) for i in range(1, per_group + 1)]
        spec.append((code, f"Nhóm {code}", Section.NORMAL, mx, items))
    spec.append(("TH", "Điểm thưởng", Section.BONUS, None, [("TH.1", 5, ScoringMethod.MANUAL, {})]))
    spec.append(("TR", "Điểm trừ", Section.PENALTY, None, [("TR.1", 5, ScoringMethod.MANUAL, {})]))
    return spec


def pdf(name: str = "minh-chung.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n", "application/pdf")


FULL_MARKS: dict[str, Any] = {
    "I.1": ("value", D(40)),
    "I.2": ("measure", D(100)),
    "II.1": ("value", D(10)),
    "II.2": ("value", D(15)),
    "III.1": ("measure", D(100)),
}


def fill_sheet(
    cluster_year: ClusterYear,
    organization: Organization,
    user: Any,
    *,
    values: dict[str, Any] | None = None,
    report: str = "Báo cáo tự đánh giá.",
    submit: bool = True,
    evidence: bool = True,
) -> ScoreSheet:
    """Fill every given criterion (by code: a number, or ("measure", n)) and maybe submit."""
    table = selectors.criteria_table(selectors.adopted_set(cluster_year))  # type: ignore[arg-type]
    given = {
        code: item
        for code, item in {**FULL_MARKS, **(values or {})}.items()
        if code in table.by_code
    }
    entries = []
    for code, item in given.items():
        kind, number = item if isinstance(item, tuple) else ("value", item)
        criterion = table.by_code[code]
        if kind == "measure":
            entries.append(sheet_services.EntryInput(criterion.pk, measure=number))
        else:
            entries.append(
                sheet_services.EntryInput(criterion.pk, value=None if number is None else D(number))
            )
    files = {}
    if evidence:
        files = {c.pk: [pdf(f"mc-{c.code}.pdf")] for c in table.criteria if c.evidence_required}
    sheet_services.save_sheet(
        cluster_year=cluster_year,
        organization=organization,
        user=user,
        expected_version=selectors.sheet_for(cluster_year, organization).version,
        entries=entries,
        self_report=report,
        evidence=files,
    )
    sheet = selectors.sheet_for(fresh(cluster_year), organization)
    if submit:
        sheet = sheet_services.submit_sheet(sheet=sheet, user=user)
    return sheet


def fresh(cluster_year: ClusterYear) -> ClusterYear:
    """The cluster year reloaded with its members and round, as the views load it."""
    members = ClusterMembership.objects.select_related("organization").order_by(
        "organization__sort_key"
    )
    return (
        ClusterYear.objects.select_related("cluster__authority", "head", "deputy", "scoring_round")
        .prefetch_related(Prefetch("memberships", queryset=members))
        .get(pk=cluster_year.pk)
    )


def verify_all(world: Any) -> None:
    """Every member unit (head, deputy, member) has submitted and been verified."""
    cy = fresh(world.cy)
    fill_sheet(cy, world.head, world.secretariat)
    fill_sheet(cy, world.deputy, world.deputy_officer)
    if selectors.sheet_for(cy, world.member).is_draft:
        fill_sheet(cy, world.member, world.officer)
    verification_services.verify_sheet(
        sheet=selectors.sheet_for(fresh(world.cy), world.head), user=world.deputy_officer
    )
    for org in (world.deputy, world.member):
        sheet = selectors.sheet_for(fresh(world.cy), org)
        if sheet.status == "submitted":
            verification_services.verify_sheet(sheet=sheet, user=world.secretariat)


def approve_year(world: Any) -> None:
    """Every sheet verified and the results approved (the year is locked)."""
    verify_all(world)
    results_services.approve_results(cluster_year=fresh(world.cy), user=world.secretariat)


def use_cross_scoring(cluster_year: ClusterYear, user: Any) -> None:
    """The year is verified by cross-scoring between the member units."""
    results_services.update_round_settings(
        cluster_year=fresh(cluster_year),
        user=user,
        verification_mode="cross",
        aggregation="mean",
        outlier_mad_k=D(3),
        outlier_gap_points=D(3),
        bands=[{"label": "Tốt", "min": "0"}],
        tie_break=["group:I"],
    )


def default_rule_set() -> None:
    """The rule set "Thang điểm cụm/khối (mặc định)" as the data migration creates it: tests on
    a flushed database (``transaction=True``) need it back, scoring has no other defaults."""
    from django.apps import apps

    from thidua.legal.data.loader import load_scoring_scale

    load_scoring_scale(apps)
