"""Verification by the head unit (with reasons), conflicts of interest, cross-scoring with
abstentions and outliers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import ClusterMembershipFactory, UserFactory
from tests.factories_scoring import fill_sheet, fresh
from tests.scoring.conftest import ScoringWorld
from thidua.accounts.enums import Role
from thidua.audit.models import AuditEvent
from thidua.scoring import selectors
from thidua.scoring.enums import SheetStatus, VerificationMode
from thidua.scoring.models import CrossEntry, CrossSheet, ScoreEntry
from thidua.scoring.services import results
from thidua.scoring.services import verification as services

pytestmark = [pytest.mark.unit, pytest.mark.django_db]
D = Decimal


def _adjust(sw: ScoringWorld, user: object, code: str, value: Decimal | None, reason: str) -> None:
    services.adjust_scores(
        sheet=selectors.sheet_for(sw.cy, sw.w.member),
        user=user,
        adjustments=[services.Adjustment(sw.c(code).pk, value, reason)],
    )


def test_an_adjustment_without_a_reason_is_refused(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    with pytest.raises(ValidationError) as exc:
        _adjust(sw, sw.w.secretariat, "II.2", D(12), "")
    assert exc.value.messages == ["Tiêu chí II.2: cần ghi lý do điều chỉnh điểm (15 → 12)."]
    assert (
        ScoreEntry.objects.get(
            criterion__code="II.2", sheet__organization=sw.w.member
        ).adjusted_value
        is None
    )


def test_the_head_adjusts_with_a_reason_and_the_unit_sees_both_values(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    _adjust(sw, sw.w.secretariat, "II.2", D(12), "Chưa có minh chứng về số hóa hồ sơ")
    entry = ScoreEntry.objects.get(criterion__code="II.2", sheet__organization=sw.w.member)
    assert (entry.self_value, entry.adjusted_value, entry.adjust_reason, entry.adjusted_by) == (
        D(15),
        D(12),
        "Chưa có minh chứng về số hóa hồ sơ",
        sw.w.secretariat,
    )
    event = AuditEvent.objects.get(action="scoring.score.adjust")
    assert (event.before["adjusted_value"], event.after["adjusted_value"], event.note) == (
        None,
        "12",
        "Chưa có minh chứng về số hóa hồ sơ",
    )
    line = next(x for x in selectors.ranking_data(sw.cy).lines if x.organization == sw.w.member)
    assert (line.self_score.total, line.row.score.total) == (D(100), D(97))


def test_an_adjustment_above_the_maximum_is_refused(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    with pytest.raises(ValidationError) as exc:
        _adjust(sw, sw.w.secretariat, "II.2", D(16), "lý do")
    assert exc.value.messages == ["Tiêu chí II.2: 16 vượt điểm tối đa 15"]


def test_a_unit_never_verifies_its_own_sheet(sw: ScoringWorld) -> None:
    w = sw.w
    fill_sheet(sw.cy, w.head, w.secretariat)
    head_sheet = selectors.sheet_for(sw.cy, w.head)
    with pytest.raises(PermissionDenied) as exc:
        services.adjust_scores(
            sheet=head_sheet,
            user=w.secretariat,
            adjustments=[services.Adjustment(sw.c("I.1").pk, D(30), "tự điều chỉnh")],
        )
    assert str(exc.value) == "Đơn vị không được thẩm định bảng điểm của chính mình."
    # The deputy unit verifies the head unit's sheet.
    services.verify_sheet(sheet=head_sheet, user=w.deputy_officer)
    assert selectors.sheet_for(sw.cy, w.head).status == SheetStatus.VERIFIED


def test_other_members_cannot_verify(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    sheet = selectors.sheet_for(sw.cy, sw.w.member)
    with pytest.raises(PermissionDenied):
        services.verify_sheet(sheet=sheet, user=sw.w.deputy_officer)
    assert selectors.sheet_for(sw.cy, sw.w.member).status == SheetStatus.SUBMITTED


def test_a_named_verification_team_verifies(sw: ScoringWorld) -> None:
    w = sw.w
    results.update_round_settings(
        cluster_year=sw.cy,
        user=w.secretariat,
        verification_mode=VerificationMode.TEAM,
        aggregation="mean",
        outlier_mad_k=D(3),
        outlier_gap_points=D(3),
        bands=[{"label": "Xuất sắc", "min": "90"}],
        tie_break=["group:I"],
        verifier_units=[w.deputy],
    )
    fill_sheet(sw.cy, w.member, w.officer)
    services.verify_sheet(sheet=selectors.sheet_for(fresh(w.cy), w.member), user=w.deputy_officer)
    assert selectors.sheet_for(sw.cy, w.member).status == SheetStatus.VERIFIED


def test_undoing_a_verification_needs_a_reason(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    services.verify_sheet(sheet=selectors.sheet_for(sw.cy, sw.w.member), user=sw.w.secretariat)
    with pytest.raises(ValidationError) as exc:
        services.unverify_sheet(
            sheet=selectors.sheet_for(sw.cy, sw.w.member), user=sw.w.secretariat, reason=""
        )
    assert exc.value.messages == ["Cần ghi lý do khi hủy xác nhận thẩm định."]


# ----------------------------------------------------------------- cross-scoring


@pytest.fixture
def cross(sw: ScoringWorld) -> ScoringWorld:
    """Cross-scoring year with four members, all submitted."""
    w = sw.w
    results.update_round_settings(
        cluster_year=sw.cy,
        user=w.secretariat,
        verification_mode=VerificationMode.CROSS,
        aggregation="mean",
        outlier_mad_k=D(3),
        outlier_gap_points=D(3),
        bands=[{"label": "Xuất sắc", "min": "90"}, {"label": "Tốt", "min": "0"}],
        tie_break=["group:I"],
    )
    fourth = ClusterMembershipFactory(
        cluster_year=w.cy, organization__name="Ban Dân tộc"
    ).organization
    UserFactory(username="fourth", role=Role.UNIT_OFFICER, organization=fourth)
    for org, user in ((w.head, w.secretariat), (w.deputy, w.deputy_officer), (w.member, w.officer)):
        fill_sheet(sw.cy, org, user)
    return sw


def _cross(
    sw: ScoringWorld, scorer: object, user: object, values: dict[str, Decimal | None]
) -> CrossSheet:
    cy = sw.cy
    services.save_cross_sheet(
        cluster_year=cy,
        scorer=scorer,  # type: ignore[arg-type]
        target=sw.w.member,
        user=user,
        expected_version=0,
        values={sw.c(code).pk: v for code, v in values.items()},
    )
    return services.submit_cross_sheet(
        cluster_year=cy, scorer=scorer, target=sw.w.member, user=user
    )  # type: ignore[arg-type]


def test_a_unit_cannot_cross_score_itself(cross: ScoringWorld) -> None:
    w = cross.w
    with pytest.raises(PermissionDenied) as exc:
        services.save_cross_sheet(
            cluster_year=cross.cy,
            scorer=w.member,
            target=w.member,
            user=w.officer,
            expected_version=0,
            values={cross.c("I.1").pk: D(40)},
        )
    assert str(exc.value) == "Đơn vị không được chấm chéo cho chính mình."
    assert CrossSheet.objects.count() == 0


def test_cross_scoring_refusals_name_the_unit_and_the_year(cross: ScoringWorld) -> None:
    w = cross.w
    fourth = next(
        m.organization
        for m in fresh(w.cy).memberships.all()
        if m.organization.name == "Ban Dân tộc"
    )

    def score(target: object) -> str:
        with pytest.raises(PermissionDenied) as denied:
            services.save_cross_sheet(
                cluster_year=fresh(w.cy),
                scorer=w.deputy,
                target=target,  # type: ignore[arg-type]
                user=w.deputy_officer,
                expected_version=0,
                values={cross.c("I.1").pk: D(30)},
            )
        return str(denied.value)

    not_submitted = score(fourth)
    results.update_round_settings(
        cluster_year=fresh(w.cy),
        user=w.secretariat,
        verification_mode=VerificationMode.HEAD,
        aggregation="mean",
        outlier_mad_k=None,
        outlier_gap_points=None,
        bands=[{"label": "Tốt", "min": "0"}],
        tie_break=["group:I"],
    )
    assert (not_submitted, score(w.member)) == (
        "Ban Dân tộc chưa nộp bảng tự chấm điểm, chưa chấm chéo được.",
        "Năm 2023 không thẩm định bằng hình thức chấm chéo.",
    )
    assert CrossSheet.objects.count() == 0


def test_a_user_cannot_cross_score_for_another_unit(cross: ScoringWorld) -> None:
    w = cross.w
    with pytest.raises(PermissionDenied):
        services.save_cross_sheet(
            cluster_year=cross.cy,
            scorer=w.deputy,
            target=w.member,
            user=w.officer,
            expected_version=0,
            values={cross.c("I.1").pk: D(40)},
        )


def test_cross_scores_are_averaged_and_abstentions_do_not_count(cross: ScoringWorld) -> None:
    w = cross.w
    _cross(cross, w.head, w.secretariat, {"I.1": D(30), "II.2": D(15)})
    _cross(cross, w.deputy, w.deputy_officer, {"I.1": D(36), "II.2": None})  # abstains on II.2
    line = next(x for x in selectors.ranking_data(cross.cy).lines if x.organization == w.member)
    assert line.values[cross.c("I.1").pk] == D(33)
    assert line.values[cross.c("II.2").pk] == D(15)  # only the head scored it
    assert line.values[cross.c("II.1").pk] == D(10)  # nobody scored: the unit's own score
    assert line.row.score.total == D(93)


def test_an_outlying_cross_score_is_flagged_for_the_secretariat(cross: ScoringWorld) -> None:
    w = cross.w
    fourth = next(
        m.organization for m in cross.cy.memberships.all() if m.organization.name == "Ban Dân tộc"
    )
    _cross(cross, w.head, w.secretariat, {"I.1": D(38)})
    _cross(cross, w.deputy, w.deputy_officer, {"I.1": D(37)})
    from thidua.accounts.models import User

    _cross(cross, fourth, User.objects.get(username="fourth"), {"I.1": D(20)})
    table = selectors.criteria_table(cross.cs)
    found = selectors.cross_outliers(
        table, cross.cy.scoring_round, selectors.cross_values(cross.cy)
    )
    assert [(o.scorer_id, o.criterion.code, o.value, o.deviation) for o in found] == [
        (fourth.pk, "I.1", D(20), D(-17))
    ]


def test_in_cross_mode_results_need_only_submitted_sheets(cross: ScoringWorld) -> None:
    w = cross.w
    fourth = next(
        m.organization for m in cross.cy.memberships.all() if m.organization.name == "Ban Dân tộc"
    )
    from thidua.accounts.models import User

    fill_sheet(cross.cy, fourth, User.objects.get(username="fourth"))
    results.approve_results(cluster_year=cross.cy, user=w.secretariat)
    assert cross.cy.scoring_round.status == "approved"
    assert CrossEntry.objects.count() == 0
