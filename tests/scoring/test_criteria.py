"""The criteria set: drafting, copying last year's, adoption with the pledge, locked after
adoption, revised as a new version with a reason."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World
from tests.factories import ClusterMembershipFactory, ClusterYearFactory
from tests.factories_scoring import build_criteria_set, fill_sheet, fresh
from tests.scoring.conftest import ScoringWorld
from thidua.audit.models import AuditEvent
from thidua.legal.enums import Confidence
from thidua.legal.models import RuleSet
from thidua.scoring import selectors
from thidua.scoring.enums import CriteriaSetStatus, ScoringMethod, Section
from thidua.scoring.models import CriteriaSet, Criterion, ScoreEntry, ScoreSheet
from thidua.scoring.services import criteria as services
from thidua.scoring.services import criteria_items as items

pytestmark = [pytest.mark.unit, pytest.mark.django_db]
D = Decimal


def test_default_scale_is_a_rule_set_marked_unconfirmed() -> None:
    rule_set = RuleSet.objects.get(code="thang-diem-cum-khoi-mac-dinh")
    params = {p.code: p for p in rule_set.parameters.all()}
    assert rule_set.name == "Thang điểm cụm/khối (mặc định)"
    assert rule_set.legal_basis == "Thực tiễn phổ biến — domain-rules §5.1 [R]"
    assert params["max_total"].value == 100
    assert params["tie_break"].value[0] == "group:I"
    assert [b["label"] for b in params["bands"].value] == ["Xuất sắc", "Tốt", "Khá", "Trung bình"]
    assert {p.mark for p in params.values()} == {Confidence.UNCONFIRMED}
    assert rule_set.family == "scoring_scale"


def test_a_new_set_takes_its_scale_and_the_rounds_defaults_from_the_rule_set(
    world: World,
) -> None:
    cs = services.create_criteria_set(
        cluster_year=world.cy, user=world.secretariat, name="Bộ tiêu chí 2023"
    )
    scoring_round = world.cy.scoring_round
    assert (cs.status, cs.version, cs.max_total, cs.bonus_cap) == ("draft", 1, D(100), D(10))
    assert scoring_round.tie_break == ["group:I", "group:II", "group:III", "penalty", "bonus"]
    assert scoring_round.defaults_source == "Thang điểm cụm/khối (mặc định)"
    assert AuditEvent.objects.filter(action="scoring.criteria.create").count() == 1


def test_only_the_secretariat_edits_the_criteria_set(world: World) -> None:
    with pytest.raises(PermissionDenied):
        services.create_criteria_set(cluster_year=world.cy, user=world.officer, name="X")
    assert CriteriaSet.objects.count() == 0


def test_adoption_records_date_who_and_pledge_and_creates_every_units_sheet(
    world: World,
) -> None:
    cs = build_criteria_set(world.cy, world.secretariat, adopt=False)
    services.adopt_criteria_set(
        criteria_set=cs,
        user=world.secretariat,
        adopted_on=dt.date(2023, 2, 15),
        pledge_ref="Giao ước thi đua ký ngày 15/02/2023",
    )
    cs.refresh_from_db()
    assert (cs.status, cs.adopted_on, cs.adopted_by, cs.pledge_ref) == (
        CriteriaSetStatus.ADOPTED,
        dt.date(2023, 2, 15),
        world.secretariat,
        "Giao ước thi đua ký ngày 15/02/2023",
    )
    assert ScoreSheet.objects.filter(cluster_year=world.cy).count() == 3
    assert AuditEvent.objects.filter(action="scoring.criteria.adopt", object_id=str(cs.pk)).exists()


def test_a_set_whose_groups_do_not_add_up_to_the_scale_cannot_be_adopted(world: World) -> None:
    cs = services.create_criteria_set(cluster_year=world.cy, user=world.secretariat, name="X")
    group = items.save_group(
        criteria_set=cs, user=world.secretariat, code="I", name="Nhóm I", max_points=D(60)
    )
    items.save_criterion(
        criteria_set=cs,
        user=world.secretariat,
        data=items.CriterionInput(group=group, code="I.1", name="A", max_points=D(50)),
    )
    with pytest.raises(ValidationError) as exc:
        services.adopt_criteria_set(
            criteria_set=cs, user=world.secretariat, adopted_on=dt.date(2023, 2, 1)
        )
    assert exc.value.messages == [
        "Nhóm I: tổng điểm tối đa các tiêu chí (50) nhỏ hơn điểm tối đa của nhóm (60).",
        "Tổng điểm tối đa của các nhóm tiêu chí (50) phải bằng thang điểm 100.",
    ]
    cs.refresh_from_db()
    assert cs.status == CriteriaSetStatus.DRAFT


def test_a_year_has_one_criteria_set_and_the_refusal_names_the_year(sw: ScoringWorld) -> None:
    with pytest.raises(PermissionDenied) as denied:
        services.create_criteria_set(cluster_year=sw.cy, user=sw.w.secretariat, name="Bộ thứ hai")
    assert str(denied.value) == (
        "Năm 2023 đã có bộ tiêu chí. Hãy sửa bản dự thảo, hoặc tạo phiên bản mới của bộ đã "
        "thông qua."
    )
    assert CriteriaSet.objects.filter(cluster_year=sw.cy).count() == 1


def test_editing_an_adopted_set_in_place_is_refused(sw: ScoringWorld) -> None:
    criterion = sw.c("I.1")
    with pytest.raises(PermissionDenied) as exc:
        items.save_criterion(
            criteria_set=sw.cs,
            user=sw.w.secretariat,
            criterion=criterion,
            data=items.CriterionInput(
                group=criterion.group, code="I.1", name="Đổi tên", max_points=D(30)
            ),
        )
    assert str(exc.value) == (
        "Bộ tiêu chí “Bộ tiêu chí thử” (phiên bản 1) đã được thông qua, không sửa trực tiếp "
        "được. Hãy tạo phiên bản mới và ghi lý do thay đổi."
    )
    criterion.refresh_from_db()
    assert (criterion.name, criterion.max_points) == ("Tiêu chí I.1", D(40))
    with pytest.raises(PermissionDenied):
        items.delete_criterion(criterion=criterion, user=sw.w.secretariat)
    assert Criterion.objects.filter(pk=criterion.pk).exists()


def test_a_change_after_adoption_needs_a_reason(sw: ScoringWorld) -> None:
    with pytest.raises(ValidationError) as exc:
        services.revise_criteria_set(criteria_set=sw.cs, user=sw.w.secretariat, reason="  ")
    assert exc.value.messages == ["Cần ghi lý do khi thay đổi bộ tiêu chí đã thông qua."]
    assert CriteriaSet.objects.filter(cluster_year=sw.w.cy).count() == 1


def test_a_new_version_moves_the_scores_to_the_criteria_with_the_same_code(
    sw: ScoringWorld,
) -> None:
    w = sw.w
    fill_sheet(w.cy, w.member, w.officer, submit=False)
    v2 = services.revise_criteria_set(
        criteria_set=sw.cs, user=w.secretariat, reason="Điều chỉnh tiêu chí II.2 theo HD mới"
    )
    assert (v2.version, v2.status, v2.previous, v2.change_reason) == (
        2,
        "draft",
        sw.cs,
        "Điều chỉnh tiêu chí II.2 theo HD mới",
    )
    new_ii2 = Criterion.objects.get(criteria_set=v2, code="II.2")
    items.save_criterion(
        criteria_set=v2,
        user=w.secretariat,
        criterion=new_ii2,
        data=items.CriterionInput(
            group=new_ii2.group, code="II.2", name="Tiêu chí II.2 (sửa)", max_points=D(15)
        ),
    )
    services.adopt_criteria_set(criteria_set=v2, user=w.secretariat, adopted_on=dt.date(2023, 6, 1))
    sw.cs.refresh_from_db()
    assert sw.cs.status == CriteriaSetStatus.SUPERSEDED
    entry = ScoreEntry.objects.get(sheet__organization=w.member, criterion__code="II.2")
    assert (entry.criterion.criteria_set_id, entry.self_value) == (v2.pk, D(15))
    event = AuditEvent.objects.get(action="scoring.criteria.adopt", object_id=str(v2.pk))
    assert event.note == "Điều chỉnh tiêu chí II.2 theo HD mới"


def test_last_years_set_is_copied_as_a_draft(world: World) -> None:
    build_criteria_set(world.cy, world.secretariat, name="Bộ tiêu chí năm 2023")
    next_year = ClusterYearFactory(cluster=world.cy.cluster, year=2024, head=world.head)
    ClusterMembershipFactory(cluster_year=next_year, organization=world.head)
    copy = services.copy_last_year(cluster_year=next_year, user=world.secretariat)
    table = selectors.criteria_table(copy)
    assert (copy.name, copy.status, copy.cluster_year) == (
        "Bộ tiêu chí năm 2024",
        "draft",
        next_year,
    )
    assert [c.code for c in table.criteria] == [
        "I.1", "I.2", "II.1", "II.2", "III.1", "TH.1", "TH.2", "TH.3", "TR.1",
    ]  # fmt: skip
    assert table.by_code["III.1"].tiers == [["100", "15"], ["80", "10"], ["50", "5"]]


def test_bad_criteria_are_refused_with_clear_messages(world: World) -> None:
    cs = services.create_criteria_set(cluster_year=world.cy, user=world.secretariat, name="X")
    group = items.save_group(criteria_set=cs, user=world.secretariat, code="I", name="Nhóm I")
    cases = [
        ({"code": "I 1"}, "Mã “I 1” không hợp lệ: dùng chữ, số và dấu chấm, ví dụ I.2."),
        ({"code": "I"}, "Mã “I” đã có trong bộ tiêu chí."),
        ({"max_points": D(0)}, "Tiêu chí I.1: điểm tối đa phải lớn hơn 0 và không quá 1000."),
        (
            {"method": ScoringMethod.PROPORTIONAL},
            "Tiêu chí I.1: cách chấm tỷ lệ cần chỉ tiêu lớn hơn 0.",
        ),
        ({"method": ScoringMethod.TIERS}, "Tiêu chí I.1: cách chấm theo mức cần ít nhất một mức."),
        (
            {"method": ScoringMethod.TIERS, "tiers": "100:12"},
            "Tiêu chí I.1: điểm của mức (12) vượt điểm tối đa 10.",
        ),
    ]
    for change, message in cases:
        data = {"group": group, "code": "I.1", "name": "A", "max_points": D(10), **change}
        with pytest.raises(ValidationError) as exc:
            items.save_criterion(
                criteria_set=cs, user=world.secretariat, data=items.CriterionInput(**data)
            )
        assert exc.value.messages == [message]
    assert Criterion.objects.count() == 0


def test_a_subgroup_takes_the_section_of_its_parent(world: World) -> None:
    cs = services.create_criteria_set(cluster_year=world.cy, user=world.secretariat, name="X")
    bonus = items.save_group(
        criteria_set=cs, user=world.secretariat, code="TH", name="Thưởng", section=Section.BONUS
    )
    child = items.save_group(
        criteria_set=cs, user=world.secretariat, code="TH.A", name="Con", parent=bonus
    )
    assert child.section == Section.BONUS


def test_a_sheet_is_created_for_a_unit_that_saves_after_joining_late(sw: ScoringWorld) -> None:
    late = ClusterMembershipFactory(cluster_year=sw.w.cy).organization
    assert not ScoreSheet.objects.filter(organization=late).exists()
    sheet = selectors.sheet_for(fresh(sw.w.cy), late)
    assert (sheet.pk, sheet.version) == (None, 0)


def test_criteria_summing_above_their_groups_maximum_cannot_be_adopted(world: World) -> None:
    cs = services.create_criteria_set(cluster_year=world.cy, user=world.secretariat, name="X")
    services.update_criteria_set(
        criteria_set=cs,
        user=world.secretariat,
        name="X",
        description="",
        max_total=D(60),
        bonus_cap=D(10),
        penalty_cap=None,
    )
    group = items.save_group(
        criteria_set=cs, user=world.secretariat, code="I", name="Nhóm I", max_points=D(60)
    )
    for code, points in (("I.1", 40), ("I.2", 25)):
        items.save_criterion(
            criteria_set=cs,
            user=world.secretariat,
            data=items.CriterionInput(group=group, code=code, name=code, max_points=D(points)),
        )
    with pytest.raises(ValidationError) as exc:
        services.adopt_criteria_set(
            criteria_set=cs, user=world.secretariat, adopted_on=dt.date(2023, 2, 1)
        )
    assert exc.value.messages == [
        "Nhóm I: tổng điểm tối đa các tiêu chí (65) lớn hơn điểm tối đa của nhóm (60); "
        "điểm vượt sẽ bị cắt. Hãy sửa cho bằng nhau."
    ]
    cs.refresh_from_db()
    assert cs.status == CriteriaSetStatus.DRAFT
