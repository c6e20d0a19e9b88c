"""Clone → edit → publish → close, allowed and denied; bad input changes nothing."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World
from tests.legal.helpers import ND98, ND152, local_set, national
from thidua.audit.models import AuditEvent
from thidua.legal import services
from thidua.legal.models import RuleParameter, RuleSet
from thidua.legal.uses import RULE_SET_USES, RuleSetUse

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
D = dt.date


def snapshot() -> list[tuple[object, ...]]:
    sets = RuleSet.objects.order_by("pk").values_list("pk", "status", "effective_to")
    params = RuleParameter.objects.order_by("pk").values_list(
        "pk", "num", "den", "int_value", "text_value"
    )
    return [*sets, *params, AuditEvent.objects.count()]


def test_a_system_admin_clones_a_national_version_with_its_parameters(world: World) -> None:
    source = national()
    draft = services.clone_rule_set(user=world.admin, rule_set=source)
    assert (draft.status, draft.version, draft.supersedes, draft.authority) == (
        "draft",
        2,
        source,
        None,
    )
    assert draft.parameters.count() == source.parameters.count()
    assert set(draft.instruments.all()) == set(source.instruments.all())
    event = AuditEvent.objects.get(action="legal.rule_set.clone")
    assert event.after["Nhân bản từ"] == ND152


@pytest.mark.parametrize("persona", ["board", "officer", "viewer", "outsider"])
def test_only_a_system_admin_clones_a_national_version(world: World, persona: str) -> None:
    before = snapshot()
    with pytest.raises(PermissionDenied):
        services.clone_rule_set(user=world.user(persona), rule_set=national())
    assert snapshot() == before


def test_a_board_officer_clones_and_publishes_the_local_version(world: World) -> None:
    local = local_set(world.authority)
    draft = services.clone_rule_set(user=world.board, rule_set=local)
    services.set_parameter(
        user=world.board,
        rule_set=draft,
        code="ttldtt_min_ratio_ldtt",
        value=Fraction(3, 4),
        operator="gte",
        article="Điều 4(2)",
        mark="S-mirror",
    )
    services.publish_rule_set(
        user=world.board,
        rule_set=draft,
        legal_basis="QĐ sửa đổi (thử)",
        instruments=[],
        effective_from=D(2026, 7, 1),
        achievement_year_from=2026,
    )
    local.refresh_from_db()
    assert local.effective_to == D(2026, 6, 30)
    assert draft.parameters.get(code="ttldtt_min_ratio_ldtt").value == Fraction(3, 4)
    event = AuditEvent.objects.get(action="legal.parameter.set")
    assert (event.before["Giá trị"], event.after["Giá trị"]) == ("≥ 70 %", "≥ 75 %")
    assert AuditEvent.objects.filter(action="legal.rule_set.close").count() == 1


def test_another_authority_cannot_touch_a_local_version(world: World) -> None:
    local = local_set(world.authority)
    with pytest.raises(PermissionDenied):
        services.clone_rule_set(user=world.other_board, rule_set=local)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"code": "ttldxs_min_ratio_ldtt", "value": Fraction(7, 10)}, "cần phép so sánh"),
        ({"code": "khong_co", "value": 1}, "không có trong danh mục tham số"),
        (
            {"code": "ttldtt_min_ratio_ldtt", "value": Fraction(1, 2), "operator": "gt"},
            "do bộ, tỉnh quy định",
        ),
        (
            {"code": "ttldxs_min_ratio_ldtt", "value": Fraction(3, 2), "operator": "gte"},
            "phân số từ 0 đến 1",
        ),
        (
            {"code": "ldtt_min_rating", "value": "XUAT_SAC", "operator": "gte"},
            "không có trong danh mục",
        ),
        ({"code": "reward_multiple", "value": 3}, "cần chọn danh hiệu"),
        ({"code": "max_total", "value": 100}, "không có trong danh mục tham số"),
    ],
)
def test_bad_parameters_change_nothing(
    world: World, kwargs: dict[str, object], message: str
) -> None:
    draft = services.clone_rule_set(user=world.admin, rule_set=national())
    before = snapshot()
    with pytest.raises(ValidationError, match=message):
        services.set_parameter(user=world.admin, rule_set=draft, **kwargs)  # type: ignore[arg-type]
    assert snapshot() == before


def test_a_published_version_cannot_be_edited_or_deleted(world: World) -> None:
    before = snapshot()
    with pytest.raises(PermissionDenied, match="nhân bản để tạo phiên bản mới"):
        services.set_parameter(
            user=world.admin,
            rule_set=national(),
            code="ldtt_min_rating",
            value="HT",
            operator="gte",
        )
    with pytest.raises(PermissionDenied):
        services.remove_parameter(user=world.admin, rule_set=national(), code="ldtt_min_rating")
    with pytest.raises(PermissionDenied):
        services.delete_draft(user=world.admin, rule_set=national())
    assert snapshot() == before


def test_an_overlapping_version_is_refused_with_its_message(world: World) -> None:
    draft = services.clone_rule_set(user=world.admin, rule_set=national())
    before = snapshot()
    with pytest.raises(
        ValidationError, match=r"trùng thời gian hiệu lực với phiên bản 1 \(01/01/2024–30/06/2025\)"
    ):
        services.publish_rule_set(
            user=world.admin,
            rule_set=draft,
            legal_basis="x",
            instruments=[],
            effective_from=D(2025, 1, 1),
        )
    assert snapshot() == before


def test_a_race_on_the_constraint_reads_as_the_same_message(world: World) -> None:
    draft = services.clone_rule_set(user=world.admin, rule_set=national())
    draft.status, draft.effective_from = "published", D(2025, 1, 1)
    with pytest.raises(ValidationError, match="trùng thời gian hiệu lực với phiên bản 1"):
        services._save_published(draft, ["status", "effective_from"])
    assert RuleSet.objects.get(pk=draft.pk).status == "draft"


def test_publishing_closes_the_superseded_open_version_the_day_before(world: World) -> None:
    draft = services.clone_rule_set(user=world.admin, rule_set=national())
    services.remove_parameter(
        user=world.admin, rule_set=draft, code="reward_multiple", award_code="CTD_6X"
    )
    services.publish_rule_set(
        user=world.admin,
        rule_set=draft,
        legal_basis="NĐ sửa đổi (thử)",
        instruments=list(national().instruments.all()),
        effective_from=D(2027, 1, 1),
        achievement_year_from=2026,
        change_note="Bỏ dòng 6×",
    )
    assert national().effective_to == D(2026, 12, 31)
    draft.refresh_from_db()
    assert (draft.status, draft.published_by) == ("published", world.admin)
    assert (
        AuditEvent.objects.filter(action__startswith="legal.")
        .values_list("action", flat=True)
        .count()
        == 4
    )


def test_a_version_cannot_close_before_its_last_use(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "thidua.legal.uses.RULE_SET_USES",
        [*RULE_SET_USES, RuleSetUse("test", "hồ sơ đề nghị", lambda pk: D(2026, 3, 1))],
    )
    before = snapshot()
    with pytest.raises(ValidationError, match="đã được dùng đến ngày 01/03/2026"):
        services.close_rule_set(user=world.admin, rule_set=national(), effective_to=D(2026, 2, 1))
    assert snapshot() == before
    services.close_rule_set(user=world.admin, rule_set=national(), effective_to=D(2026, 3, 1))
    assert national().effective_to == D(2026, 3, 1)


def test_closing_a_draft_or_by_another_is_denied(world: World) -> None:
    draft = services.clone_rule_set(user=world.admin, rule_set=national(ND98))
    with pytest.raises(PermissionDenied):
        services.close_rule_set(user=world.admin, rule_set=draft, effective_to=D(2026, 1, 1))
    with pytest.raises(PermissionDenied):
        services.close_rule_set(user=world.board, rule_set=national(), effective_to=D(2026, 1, 1))


def test_a_draft_is_deleted_with_an_audit_event(world: World) -> None:
    draft = services.clone_rule_set(user=world.admin, rule_set=national())
    services.delete_draft(user=world.admin, rule_set=draft)
    assert not RuleSet.objects.filter(pk=draft.pk).exists()
    assert AuditEvent.objects.get(action="legal.rule_set.delete").before["Số tham số"] > 40


def test_a_local_draft_holds_authority_only_rules_and_is_published(world: World) -> None:
    draft = services.create_local_draft(
        user=world.board, authority=world.authority, code="ha-noi-2026", name="Quy định HN"
    )
    services.set_parameter(
        user=world.board,
        rule_set=draft,
        code="ttldtt_min_ratio_ldtt",
        value=Fraction(7, 10),
        operator="gte",
        mark="R",
    )
    services.publish_rule_set(
        user=world.board,
        rule_set=draft,
        legal_basis="QĐ của UBND Thành phố (thử)",
        instruments=[],
        effective_from=D(2026, 1, 1),
        achievement_year_from=2025,
    )
    assert draft.parameters.get().value == Fraction(7, 10)
    with pytest.raises(PermissionDenied):
        services.create_local_draft(
            user=world.other_board, authority=world.authority, code="x", name="x"
        )
