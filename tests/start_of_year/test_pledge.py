"""The pledge (giao ước): drafting within limits, signing by each unit's leader, in force when
every member signed, and the rule that a signed text is never changed (new version, re-sign)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.conftest import World
from tests.factories import UserFactory
from tests.factories_start_of_year import COMMITMENTS, make_pledge
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.audit.models import AuditEvent
from thidua.clusters.deadlines import reopen_for_unit, set_deadline
from thidua.start_of_year.models import Pledge, PledgeItem, PledgeSignature, PledgeTarget
from thidua.start_of_year.services import pledges, signatures, year_settings

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def items_of(pledge: Pledge) -> list[str]:
    return list(pledge.items.order_by("number").values_list("text", flat=True))


def sign(pledge: Pledge, user: User) -> PledgeSignature:
    assert user.organization is not None
    return signatures.sign_pledge(pledge=pledge, by=user, organization=user.organization)


def test_secretariat_drafts_and_opens_a_pledge_of_three_commitments(
    world: World, leaders: dict[str, User]
) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    assert (pledge.version, pledge.status, items_of(pledge)) == (1, "open", COMMITMENTS)
    actions = list(AuditEvent.objects.values_list("action", flat=True).order_by("pk"))
    assert actions == ["pledge.create", *["pledge.item.add"] * 3, "pledge.open"]


def test_opening_a_pledge_with_fewer_commitments_than_the_minimum_is_refused(
    world: World, leaders: dict[str, User]
) -> None:
    pledge = make_pledge(world.cy, world.secretariat, items=COMMITMENTS[:2], open_it=False)
    with pytest.raises(ValidationError, match=r"cần từ 3 đến 10 nội dung cam kết.*đang có 2"):
        pledges.open_pledge(cluster_year=world.cy, by=world.secretariat)
    pledge.refresh_from_db()
    assert (pledge.status, AuditEvent.objects.filter(action="pledge.open").count()) == ("draft", 0)


def test_adding_more_commitments_than_the_maximum_is_refused(
    world: World, leaders: dict[str, User]
) -> None:
    year_settings.update_settings(
        cluster_year=world.cy,
        by=world.secretariat,
        pledge_min_items=3,
        pledge_max_items=3,
        models_min=1,
        models_max=2,
        topics_min=1,
        topics_max=2,
        progress_stale_days=90,
    )
    make_pledge(world.cy, world.secretariat, open_it=False)
    with pytest.raises(ValidationError, match="tối đa 3 nội dung cam kết; đã có 3"):
        pledges.add_pledge_item(cluster_year=world.cy, by=world.secretariat, text="Thứ tư")
    assert PledgeItem.objects.count() == 3


def test_only_those_who_manage_the_year_draft_the_pledge(
    world: World, leaders: dict[str, User]
) -> None:
    for user in (world.officer, world.leader, world.deputy_officer, world.council):
        with pytest.raises(PermissionDenied, match=r"soạn giao ước.*thư ký cụm"):
            pledges.create_pledge(cluster_year=world.cy, by=user)
    assert Pledge.objects.count() == 0
    assert pledges.create_pledge(cluster_year=world.cy, by=world.board).version == 1


def test_a_second_pledge_is_refused_with_the_cluster_and_year(
    world: World, leaders: dict[str, User]
) -> None:
    pledges.create_pledge(cluster_year=world.cy, by=world.secretariat)
    with pytest.raises(PermissionDenied) as refused:
        pledges.create_pledge(cluster_year=world.cy, by=world.secretariat)
    assert str(refused.value) == (
        "Cụm thi đua số 6 năm 2023 đã có giao ước; hãy sửa giao ước hiện có."
    )
    assert Pledge.objects.count() == 1


def test_a_draft_is_not_signed_and_the_refusal_names_its_version(
    world: World, leaders: dict[str, User]
) -> None:
    pledge = make_pledge(world.cy, world.secretariat, open_it=False)
    with pytest.raises(PermissionDenied) as refused:
        sign(pledge, world.leader)
    assert str(refused.value) == "Giao ước phiên bản 1 còn là dự thảo, chưa mở ký."
    assert PledgeSignature.objects.count() == 0


def test_leader_signs_for_the_unit_with_the_unit_leader_as_default_signer(
    world: World, leaders: dict[str, User]
) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    signature = sign(pledge, world.leader)
    assert (
        signature.organization,
        signature.signer_name,
        signature.signer_position,
        signature.method,
        signature.signed_by,
    ) == (world.member, "Nguyễn Thị Liễu", "Phó Giám đốc", "in_app", world.leader)
    event = AuditEvent.objects.get(action="pledge.sign")
    assert (event.object_id, event.after["organization"]) == (str(pledge.pk), "Sở Nội vụ")


def test_signer_defaults_to_the_user_when_the_unit_has_no_leader_record(
    world: World, leaders: dict[str, User]
) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    signature = sign(pledge, leaders["head"])
    assert (signature.signer_name, signature.signer_position) == (
        "Đinh Quốc Hùng",
        "Chánh Văn phòng",
    )


def test_signing_for_another_unit_is_refused(world: World, leaders: dict[str, User]) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    with pytest.raises(PermissionDenied, match="chỉ được ký giao ước cho đơn vị của mình"):
        signatures.sign_pledge(pledge=pledge, by=world.leader, organization=world.head)
    assert PledgeSignature.objects.count() == 0


def test_signing_twice_is_refused(world: World, leaders: dict[str, User]) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    signed_at = sign(pledge, world.leader).signed_at
    with pytest.raises(PermissionDenied) as refused:
        sign(pledge, world.leader)
    assert str(refused.value) == (
        "Sở Nội vụ đã ký giao ước phiên bản 1 lúc {at}; không ký lại.".format(
            at=timezone.localtime(signed_at).strftime("%H:%M %d/%m/%Y")
        )
    )
    assert PledgeSignature.objects.count() == 1


@pytest.mark.parametrize("persona", ["officer", "secretariat", "board", "admin"])
def test_only_a_unit_leader_signs(world: World, leaders: dict[str, User], persona: str) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    user = world.user(persona)
    with pytest.raises(PermissionDenied, match="chỉ thủ trưởng đơn vị thành viên"):
        signatures.sign_pledge(pledge=pledge, by=user, organization=world.member)
    assert PledgeSignature.objects.count() == 0


def test_a_leader_of_a_unit_outside_the_cluster_cannot_sign(
    world: World, leaders: dict[str, User]
) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    stranger = UserFactory(role=Role.UNIT_LEADER, organization=world.outsider_org)
    with pytest.raises(PermissionDenied, match="Bạn không có quyền ký giao ước"):
        sign(pledge, stranger)
    assert PledgeSignature.objects.count() == 0


def test_a_draft_cannot_be_signed(world: World, leaders: dict[str, User]) -> None:
    pledge = make_pledge(world.cy, world.secretariat, open_it=False)
    with pytest.raises(PermissionDenied, match="còn là dự thảo"):
        sign(pledge, world.leader)


def test_pledge_is_in_force_when_every_member_has_signed(
    world: World, leaders: dict[str, User]
) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    sign(pledge, leaders["head"])
    sign(pledge, leaders["deputy"])
    pledge.refresh_from_db()
    assert (pledge.status, pledge.in_force_at) == ("open", None)
    last = sign(pledge, world.leader)
    pledge.refresh_from_db()
    assert (pledge.status, pledge.in_force_at) == ("in_force", last.signed_at)
    assert AuditEvent.objects.filter(action="pledge.in_force").count() == 1


def test_changing_a_partially_signed_pledge_makes_a_new_version_to_sign_again(
    world: World, leaders: dict[str, User]
) -> None:
    v1 = make_pledge(world.cy, world.secretariat)
    sign(v1, world.leader)

    pledges.update_pledge_item(
        cluster_year=world.cy,
        by=world.secretariat,
        number=2,
        text="Tăng cường quốc phòng, an ninh (sửa).",
        change_note="Sửa nội dung 2 theo góp ý của Ban TĐKT",
    )

    v1.refresh_from_db()
    v2 = Pledge.objects.get(cluster_year=world.cy, version=2)
    assert (v1.status, items_of(v1), v1.signatures.count()) == ("open", COMMITMENTS, 1)
    assert (v2.status, v2.change_note, v2.signatures.count()) == (
        "draft",
        "Sửa nội dung 2 theo góp ý của Ban TĐKT",
        0,
    )
    assert items_of(v2) == [COMMITMENTS[0], "Tăng cường quốc phòng, an ninh (sửa).", COMMITMENTS[2]]

    pledges.open_pledge(cluster_year=world.cy, by=world.secretariat)
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v2.status) == ("superseded", "open")
    assert list(v1.signatures.values_list("signer_name", flat=True)) == ["Nguyễn Thị Liễu"]
    with pytest.raises(PermissionDenied) as refused:
        sign(v1, leaders["head"])
    assert str(refused.value) == (
        "Giao ước phiên bản 1 đã được thay bằng phiên bản mới; hãy ký phiên bản hiện hành."
    )
    sign(v2, world.leader)  # the member signs again, on the new text
    assert v2.signatures.count() == 1
    assert AuditEvent.objects.filter(action="pledge.version.create").count() == 1


def test_further_changes_go_into_the_same_draft_version(
    world: World, leaders: dict[str, User]
) -> None:
    v1 = make_pledge(world.cy, world.secretariat)
    sign(v1, world.leader)
    pledges.add_pledge_item(cluster_year=world.cy, by=world.secretariat, text="Thứ tư")
    pledges.add_pledge_item(cluster_year=world.cy, by=world.secretariat, text="Thứ năm")
    assert list(Pledge.objects.order_by("version").values_list("version", "status")) == [
        (1, "open"),
        (2, "draft"),
    ]
    assert items_of(Pledge.objects.get(version=2))[-2:] == ["Thứ tư", "Thứ năm"]


def test_an_open_pledge_nobody_signed_is_edited_in_place(
    world: World, leaders: dict[str, User]
) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    pledges.remove_pledge_item(cluster_year=world.cy, by=world.secretariat, number=1)
    pledges.add_pledge_item(cluster_year=world.cy, by=world.secretariat, text="Mới")
    assert Pledge.objects.count() == 1
    assert items_of(pledge) == [COMMITMENTS[1], COMMITMENTS[2], "Mới"]
    assert list(pledge.items.values_list("number", flat=True)) == [1, 2, 3]


def test_removing_a_target_of_a_signed_version_removes_it_from_the_new_version_only(
    world: World, leaders: dict[str, User]
) -> None:
    make_pledge(world.cy, world.secretariat, open_it=False)
    target = pledges.add_pledge_target(
        cluster_year=world.cy,
        by=world.secretariat,
        item_number=3,
        text="100% đơn vị đăng ký Cờ thi đua xuất sắc của UBND Thành phố trở lên",
        metric="Tỷ lệ đơn vị đăng ký",
        value=100,  # type: ignore[arg-type]
        unit="%",
    )
    v1 = pledges.open_pledge(cluster_year=world.cy, by=world.secretariat)
    sign(v1, world.leader)
    pledges.remove_pledge_target(cluster_year=world.cy, by=world.secretariat, target_id=target.pk)
    assert list(PledgeTarget.objects.values_list("item__pledge__version", flat=True)) == [1]


def test_a_target_for_one_unit_must_name_a_member(world: World, leaders: dict[str, User]) -> None:
    make_pledge(world.cy, world.secretariat, open_it=False)
    with pytest.raises(ValidationError, match="không phải thành viên"):
        pledges.add_pledge_target(
            cluster_year=world.cy,
            by=world.secretariat,
            item_number=1,
            text="Chỉ tiêu riêng",
            organization=world.outsider_org,
        )
    assert PledgeTarget.objects.count() == 0


def test_signing_after_the_pledge_deadline_needs_the_secretariat_to_reopen(
    world: World, leaders: dict[str, User]
) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    deadline = set_deadline(
        cluster_year=world.cy, step="pledge", due_at=timezone.now() - dt.timedelta(hours=1)
    )
    with pytest.raises(PermissionDenied, match="Đã quá hạn “Ký giao ước thi đua”"):
        sign(pledge, world.leader)
    assert PledgeSignature.objects.count() == 0
    reopen_for_unit(
        deadline=deadline,
        organization=world.member,
        until=timezone.now() + dt.timedelta(days=2),
        reason="Lãnh đạo đi công tác",
        granted_by=world.secretariat,
    )
    assert sign(pledge, world.leader).organization == world.member
    with pytest.raises(PermissionDenied, match="Đã quá hạn"):
        sign(pledge, leaders["head"])


def test_a_paper_signature_is_recorded_with_its_source(
    world: World, leaders: dict[str, User]
) -> None:
    pledge = make_pledge(world.cy, world.secretariat)
    with pytest.raises(ValidationError, match="Cần ghi nguồn"):
        signatures.import_signature(
            pledge=pledge,
            organization=world.head,
            signer_name="",
            signer_position="",
            signed_at=timezone.now(),
            source=" ",
        )
    signature = signatures.import_signature(
        pledge=pledge,
        organization=world.head,
        signer_name=" ",
        signer_position="",
        signed_at=timezone.now(),
        source="Bản tin ngày 30/3/2021",
    )
    # A source that does not name the signer: recorded as not known, never a placeholder.
    assert (signature.method, signature.signed_by, signature.note, signature.signer_name) == (
        "recorded",
        None,
        "Bản tin ngày 30/3/2021",
        "",
    )


@pytest.mark.parametrize(
    ("value", "unit", "message"),
    [
        ("-5", "%", "không âm"),
        ("1000000000", "%", "0–100 %"),
        ("100.01", "%", "0–100 %"),
        ("2000000000", "đơn vị", "quá lớn"),
        ("NaN", "", "không âm"),
    ],
)
def test_a_target_value_that_cannot_be_meant_is_refused(
    world: World, leaders: dict[str, User], value: str, unit: str, message: str
) -> None:
    make_pledge(world.cy, world.secretariat, open_it=False)
    with pytest.raises(ValidationError, match=message):
        pledges.add_pledge_target(
            cluster_year=world.cy,
            by=world.secretariat,
            item_number=1,
            text="Chỉ tiêu",
            value=Decimal(value),
            unit=unit,
        )
    assert PledgeTarget.objects.count() == 0


def test_a_percentage_of_0_or_100_and_a_large_count_are_accepted(
    world: World, leaders: dict[str, User]
) -> None:
    make_pledge(world.cy, world.secretariat, open_it=False)
    for value, unit in (("0", "%"), ("100", "%"), ("1000000000", "đồng")):
        pledges.add_pledge_target(
            cluster_year=world.cy,
            by=world.secretariat,
            item_number=1,
            text="Chỉ tiêu",
            value=Decimal(value),
            unit=unit,
        )
    assert PledgeTarget.objects.count() == 3
