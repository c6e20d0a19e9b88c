"""The services of the year tell the right people: a returned registration or sheet reaches the
unit's officers, a pledge opened for signing reaches the leaders of the units that have not
signed — and nobody else."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from tests.conftest import World
from tests.factories import UserFactory
from tests.factories_scoring import build_criteria_set, fill_sheet, fresh, use_cross_scoring
from tests.factories_start_of_year import make_pledge, make_registration
from thidua.accounts.enums import Role
from thidua.notifications.enums import NotificationKind
from thidua.notifications.models import Notification
from thidua.scoring import selectors
from thidua.scoring.models import CrossSheet
from thidua.scoring.services import verification
from thidua.scoring.services.sheets import reopen_sheet
from thidua.start_of_year.services import registrations, signatures

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _told(kind: str) -> list[str]:
    return sorted(n.recipient.username for n in Notification.objects.filter(kind=kind))


@pytest.fixture
def catalogue(db: Any) -> None:
    from thidua.awards.services import load_award_catalogue

    load_award_catalogue()


def test_a_returned_registration_reaches_the_units_officers_only(
    world: World, catalogue: None
) -> None:
    registration = make_registration(world.cy, world.member, world.officer, submit=True)
    assert Notification.objects.count() == 0
    registrations.return_registration(
        registration=registration, by=world.secretariat, reason="Thiếu mô hình"
    )
    assert _told(NotificationKind.RETURNED) == ["officer"]
    notification = Notification.objects.get()
    assert notification.title == "Đăng ký thi đua bị trả lại — Cụm thi đua số 6 năm 2023"
    assert "Thiếu mô hình" in notification.body
    assert notification.link == (f"/start-of-year/HN-C06/2023/registrations/{world.member.code}/")


def test_an_accepted_registration_tells_nobody(world: World, catalogue: None) -> None:
    make_registration(world.cy, world.member, world.officer, accept_by=world.secretariat)
    assert Notification.objects.count() == 0


def test_a_pledge_opened_for_signing_waits_for_the_leaders_that_have_not_signed(
    world: World, catalogue: None
) -> None:
    UserFactory(username="head_leader", role=Role.UNIT_LEADER, organization=world.head)
    UserFactory(username="outside_leader", role=Role.UNIT_LEADER, organization=world.outsider_org)
    make_pledge(world.cy, world.secretariat)
    assert _told(NotificationKind.AWAITING_SIGNATURE) == ["head_leader", "leader"]
    notification = Notification.objects.get(recipient=world.leader)
    assert notification.link == "/start-of-year/HN-C06/2023/pledge/"


def test_signing_tells_nobody_and_a_new_version_waits_for_every_leader_again(
    world: World, catalogue: None
) -> None:
    from thidua.start_of_year.services import pledges

    head_leader = UserFactory(
        username="head_leader", role=Role.UNIT_LEADER, organization=world.head
    )
    pledge = make_pledge(world.cy, world.secretariat)
    signatures.sign_pledge(
        pledge=pledge,
        by=head_leader,
        organization=world.head,
        signer_name="Đinh Quốc Hùng",
        signer_position="Chánh Văn phòng",
    )
    assert Notification.objects.count() == 2
    pledges.update_pledge_header(cluster_year=world.cy, by=world.secretariat, title="Bản sửa")
    pledges.open_pledge(cluster_year=world.cy, by=world.secretariat)
    assert _told(NotificationKind.AWAITING_SIGNATURE) == [
        "head_leader",
        "head_leader",
        "leader",
        "leader",
    ]


def test_a_reopened_self_scoring_sheet_reaches_the_units_officers(world: World) -> None:
    build_criteria_set(world.cy, world.secretariat)
    sheet = fill_sheet(fresh(world.cy), world.member, world.officer)
    reopen_sheet(sheet=sheet, user=world.secretariat, reason="Thiếu minh chứng mục I.1")
    assert _told(NotificationKind.RETURNED) == ["officer"]
    notification = Notification.objects.get()
    assert notification.link == f"/scoring/HN-C06/2023/sheets/{world.member.code}/"
    assert "Thiếu minh chứng mục I.1" in notification.body


def test_a_returned_cross_sheet_reaches_the_scoring_units_officers(world: World) -> None:
    build_criteria_set(world.cy, world.secretariat)
    use_cross_scoring(world.cy, world.secretariat)
    fill_sheet(fresh(world.cy), world.member, world.officer)
    cy = fresh(world.cy)
    i1 = selectors.criteria_table(selectors.adopted_set(cy)).by_code["I.1"]  # type: ignore[arg-type]
    verification.save_cross_sheet(
        cluster_year=cy,
        scorer=world.deputy,
        target=world.member,
        user=world.deputy_officer,
        expected_version=0,
        values={i1.pk: D(35)},
    )
    verification.submit_cross_sheet(
        cluster_year=fresh(world.cy),
        scorer=world.deputy,
        target=world.member,
        user=world.deputy_officer,
    )
    verification.reopen_cross_sheet(
        cross=CrossSheet.objects.get(), user=world.secretariat, reason="Chấm sai mục I.1"
    )
    assert _told(NotificationKind.RETURNED) == ["deputy_officer"]
