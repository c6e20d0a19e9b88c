"""Approving the results (stored and locked), reopening by a board officer with a reason, the
settings of the year, and the whole state machine."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories_scoring import fill_sheet, fresh
from tests.scoring.conftest import ScoringWorld
from thidua.audit.models import AuditEvent
from thidua.scoring import selectors, workflow
from thidua.scoring.documents import score_summary_date
from thidua.scoring.enums import (
    CriteriaSetStatus,
    CrossSheetStatus,
    RoundStatus,
    SheetStatus,
)
from thidua.scoring.models import ResultRow, ScoringRound
from thidua.scoring.services import results as services
from thidua.scoring.services import verification
from thidua.scoring.services.sheets import EntryInput, save_sheet

pytestmark = [pytest.mark.unit, pytest.mark.django_db]
D = Decimal


def _all_verified(sw: ScoringWorld, member_values: dict[str, Any] | None = None) -> None:
    w = sw.w
    fill_sheet(sw.cy, w.head, w.secretariat, values={"II.2": D(14), "TH.1": D(5)})
    fill_sheet(sw.cy, w.deputy, w.deputy_officer, values={"II.2": D(10)})
    fill_sheet(sw.cy, w.member, w.officer, values=member_values)
    verification.verify_sheet(sheet=selectors.sheet_for(sw.cy, w.head), user=w.deputy_officer)
    for org in (w.deputy, w.member):
        verification.verify_sheet(sheet=selectors.sheet_for(sw.cy, org), user=w.secretariat)


def test_results_cannot_be_approved_before_every_sheet_is_verified(sw: ScoringWorld) -> None:
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    with pytest.raises(ValidationError) as exc:
        services.approve_results(cluster_year=sw.cy, user=sw.w.secretariat)
    assert exc.value.messages == [
        "Chưa phê duyệt được kết quả:",
        "Sở Ngoại vụ chưa nộp bảng tự chấm điểm.",
        "Bảng điểm của Sở Nội vụ chưa được xác nhận thẩm định.",
        "Văn phòng UBND Thành phố chưa nộp bảng tự chấm điểm.",
    ]
    assert ScoringRound.objects.get().status == RoundStatus.OPEN


def test_approval_stores_the_ranking_and_locks_the_year(sw: ScoringWorld) -> None:
    _all_verified(sw, {"TR.1": D(1)})
    services.approve_results(cluster_year=sw.cy, user=sw.w.secretariat, note="Hội nghị 22/02")
    rows = list(ResultRow.objects.order_by("position").select_related("organization"))
    assert [(r.organization.name, r.rank, r.total, r.classification) for r in rows] == [
        ("Văn phòng UBND Thành phố", 1, D("104"), "Xuất sắc"),
        ("Sở Nội vụ", 2, D("99"), "Xuất sắc"),
        ("Sở Ngoại vụ", 3, D("95"), "Xuất sắc"),
    ]
    assert rows[0].group_scores == {
        "I": "60.00",
        "II": "24.00",
        "III": "15.00",
        "TH": "5.00",
        "TR": "0.00",
    }
    event = AuditEvent.objects.get(action="scoring.results.approve")
    assert (event.note, event.after["status"]) == ("Hội nghị 22/02", "approved")
    with pytest.raises(PermissionDenied) as denied:
        verification.unverify_sheet(
            sheet=selectors.sheet_for(fresh(sw.w.cy), sw.w.member),
            user=sw.w.secretariat,
            reason="x",
        )
    assert "đã được phê duyệt và khóa" in str(denied.value)


def test_only_a_board_officer_reopens_approved_results_and_only_with_a_reason(
    sw: ScoringWorld,
) -> None:
    _all_verified(sw)
    services.approve_results(cluster_year=sw.cy, user=sw.w.secretariat)
    with pytest.raises(PermissionDenied):
        services.reopen_results(cluster_year=fresh(sw.w.cy), user=sw.w.secretariat, reason="x")
    with pytest.raises(ValidationError) as exc:
        services.reopen_results(cluster_year=fresh(sw.w.cy), user=sw.w.board, reason=" ")
    assert exc.value.messages == ["Cần ghi lý do khi mở lại kết quả đã phê duyệt."]
    assert ResultRow.objects.count() == 3
    services.reopen_results(
        cluster_year=fresh(sw.w.cy), user=sw.w.board, reason="Khiếu nại về điểm tiêu chí I.1"
    )
    assert (ScoringRound.objects.get().status, ResultRow.objects.count()) == (RoundStatus.OPEN, 0)
    event = AuditEvent.objects.get(action="scoring.results.reopen")
    assert (event.note, len(event.before["results"])) == ("Khiếu nại về điểm tiêu chí I.1", 3)


def test_after_approval_a_unit_cannot_change_its_scores(sw: ScoringWorld) -> None:
    _all_verified(sw)
    services.approve_results(cluster_year=sw.cy, user=sw.w.secretariat)
    with pytest.raises(PermissionDenied) as denied:
        save_sheet(
            cluster_year=fresh(sw.w.cy),
            organization=sw.w.member,
            user=sw.w.officer,
            expected_version=99,
            entries=[EntryInput(sw.c("I.1").pk, value=D(1))],
        )
    assert str(denied.value).startswith("Kết quả chấm điểm năm 2023 đã được phê duyệt và khóa.")


def test_settings_validate_bands_and_tie_break() -> None:
    assert services.parse_bands("Tốt: 80\nXuất sắc: 90,5") == [
        {"label": "Xuất sắc", "min": "90.5"},
        {"label": "Tốt", "min": "80"},
    ]
    with pytest.raises(ValidationError) as exc:
        services.parse_bands("Xuất sắc 90")
    assert exc.value.messages == [
        "Dòng xếp loại “Xuất sắc 90” phải có dạng Tên: điểm tối thiểu, ví dụ Xuất sắc: 90."
    ]
    assert services.parse_tie_break("group:I, penalty, bonus") == ["group:I", "penalty", "bonus"]
    with pytest.raises(ValidationError):
        services.parse_tie_break("group:I, votes")


def test_a_team_without_members_is_refused(sw: ScoringWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        services.update_round_settings(
            cluster_year=sw.cy,
            user=sw.w.secretariat,
            verification_mode="team",
            aggregation="mean",
            outlier_mad_k=None,
            outlier_gap_points=None,
            bands=[{"label": "Tốt", "min": "0"}],
            tie_break=[],
        )
    assert exc.value.messages == ["Cần chọn ít nhất một người hoặc một đơn vị cho tổ thẩm định."]
    assert ScoringRound.objects.get().verification_mode == "head"


# ----------------------------------------------------------------- the state machine

ALL_STATES = {
    "criteria": set(CriteriaSetStatus.values),
    "sheet": set(SheetStatus.values),
    "cross": set(CrossSheetStatus.values),
    "results": set(RoundStatus.values),
}


@pytest.fixture
def machine(sw: ScoringWorld) -> ScoringWorld:
    """A cross-scoring year where the member unit has submitted: every transition is possible
    for its person, given the right state."""
    services.update_round_settings(
        cluster_year=sw.cy,
        user=sw.w.secretariat,
        verification_mode="cross",
        aggregation="mean",
        outlier_mad_k=D(3),
        outlier_gap_points=D(3),
        bands=[{"label": "Tốt", "min": "0"}],
        tie_break=["group:I"],
    )
    fill_sheet(sw.cy, sw.w.member, sw.w.officer)
    return sw


def _object_in(sw: ScoringWorld, name: str, state: str) -> tuple[Any, Any]:
    """The person who makes transition ``name``, and its object put in ``state`` (not saved)."""
    w, cy = sw.w, sw.cy
    family = name.split(".", maxsplit=1)[0]
    if family == "criteria":
        criteria_set = selectors.adopted_set(cy)
        assert criteria_set is not None
        criteria_set.status = state
        return w.secretariat, criteria_set
    if family == "sheet":
        sheet = selectors.sheet_for(cy, w.member)
        sheet.status = state
        return (w.officer if name == "sheet.submit" else w.secretariat), sheet
    if family == "cross":
        cross = selectors.cross_sheet_for(cy, w.deputy, w.member)
        cross.status = state
        return (w.deputy_officer if name == "cross.submit" else w.secretariat), cross
    cy.scoring_round.status = state
    return (w.board if name == "results.reopen" else w.secretariat), cy


@pytest.mark.parametrize("name", sorted(workflow.TRANSITIONS))
def test_every_transition_is_allowed_exactly_in_its_source_states(
    machine: ScoringWorld, name: str
) -> None:
    transition = workflow.TRANSITIONS[name]
    reason = "lý do" if transition.reason_required else ""
    allowed = {}
    for state in sorted(ALL_STATES[name.split(".", maxsplit=1)[0]]):
        user, obj = _object_in(machine, name, state)
        allowed[state] = user.has_perm(transition.permission, obj)
        if allowed[state]:
            assert (
                workflow.check_transition(name, obj=obj, status=state, user=user, reason=reason)
                == transition
            )
        else:
            with pytest.raises(PermissionDenied):
                workflow.check_transition(name, obj=obj, status=state, user=user, reason=reason)
    assert {state for state, ok in allowed.items() if ok} == set(transition.sources)


@pytest.mark.parametrize("name", sorted(workflow.TRANSITIONS))
def test_every_transition_checks_who_and_the_reason(machine: ScoringWorld, name: str) -> None:
    transition = workflow.TRANSITIONS[name]
    source = sorted(transition.sources)[0]
    _user, obj = _object_in(machine, name, source)
    with pytest.raises(PermissionDenied):
        workflow.check_transition(name, obj=obj, status=source, user=machine.w.viewer, reason="x")
    if transition.reason_required:
        user, obj = _object_in(machine, name, source)
        with pytest.raises(ValidationError) as exc:
            workflow.check_transition(name, obj=obj, status=source, user=user, reason=" ")
        assert exc.value.messages[0].startswith("Cần ghi lý do khi ")


def test_the_transition_table_is_the_documented_one() -> None:
    table = {
        name: (sorted(t.sources), t.target, t.permission, t.reason_required)
        for name, t in workflow.TRANSITIONS.items()
    }
    assert table == {
        "criteria.adopt": (["draft"], "adopted", "scoring.adopt_criteria", False),
        "sheet.submit": (["draft"], "submitted", "scoring.submit_sheet", False),
        "sheet.reopen": (["submitted", "verified"], "draft", "scoring.reopen_sheet", True),
        "sheet.verify": (["submitted"], "verified", "scoring.verify_sheet", False),
        "sheet.unverify": (["verified"], "submitted", "scoring.unverify_sheet", True),
        "cross.submit": (["draft"], "submitted", "scoring.cross_score", False),
        "cross.reopen": (["submitted"], "draft", "scoring.reopen_cross_sheet", True),
        "results.approve": (["open"], "approved", "scoring.approve_results", False),
        "results.reopen": (["approved"], "open", "scoring.reopen_results", True),
    }


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        (dt.date(2023, 1, 1), True),  # the year scored (sw.cy is 2023)
        (dt.date(2024, 2, 22), True),  # the conference of the next year
        (dt.date(2022, 12, 31), False),  # before the year scored
        (dt.date(2100, 1, 1), False),  # after today
    ],
    ids=["first-day-of-year", "conference", "before-the-year", "future"],
)
def test_the_day_of_adoption_is_the_summary_date_within_bounds(
    sw: ScoringWorld, day: dt.date, ok: bool
) -> None:
    _all_verified(sw)
    if not ok:
        with pytest.raises(ValidationError, match="Ngày thông qua phải trong khoảng từ năm 2023"):
            services.approve_results(cluster_year=sw.cy, user=sw.w.secretariat, approved_on=day)
        assert ScoringRound.objects.get().status == RoundStatus.OPEN
        return
    services.approve_results(cluster_year=sw.cy, user=sw.w.secretariat, approved_on=day)
    assert score_summary_date(sw.cy) == day
    event = AuditEvent.objects.get(action="scoring.results.approve")
    assert event.after["approved_on"] == day.isoformat()
    services.reopen_results(cluster_year=sw.cy, user=sw.w.board, reason="Sai sót")
    assert score_summary_date(fresh(sw.cy)) is None


def _settings(sw: ScoringWorld, bands: list[dict[str, str]], tie_break: list[str]) -> Any:
    return services.update_round_settings(
        cluster_year=sw.cy,
        user=sw.w.secretariat,
        verification_mode="head",
        aggregation="mean",
        outlier_mad_k=None,
        outlier_gap_points=None,
        bands=bands,
        tie_break=tie_break,
    )


def test_a_band_above_the_highest_possible_total_is_refused(sw: ScoringWorld) -> None:
    ceiling = sw.cs.max_total + sw.cs.bonus_cap
    with pytest.raises(ValidationError, match="“Xuất sắc” \\(120\\) cao hơn tổng điểm tối đa"):
        _settings(sw, [{"label": "Xuất sắc", "min": "120"}, {"label": "Tốt", "min": "0"}], [])
    assert all(b["min"] != "120" for r in ScoringRound.objects.all() for b in r.bands)
    _settings(sw, [{"label": "Xuất sắc", "min": str(ceiling)}], [])


def test_a_tie_break_on_a_group_that_does_not_exist_is_refused(sw: ScoringWorld) -> None:
    with pytest.raises(ValidationError, match="bộ tiêu chí không có nhóm “IX”"):
        _settings(sw, [{"label": "Tốt", "min": "0"}], ["group:I", "group:IX"])
    assert all("group:IX" not in r.tie_break for r in ScoringRound.objects.all())
