"""Creating and editing authorities, and recording who succeeded whom: checked, validated,
audited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.conftest import World
from tests.factories import AuthorityFactory
from thidua.audit.models import AuditEvent
from thidua.organizations.authority_services import (
    create_authority,
    record_authority_succession,
    update_authority,
)
from thidua.organizations.enums import AuthorityLevel
from thidua.organizations.models import Authority

pytestmark = [pytest.mark.django_db]

JULY_2025 = dt.date(2025, 7, 1)


def _central() -> Authority:
    return AuthorityFactory(
        code="TW", name="Hội đồng TĐKT Trung ương", level=AuthorityLevel.CENTRAL
    )


def test_an_administrator_creates_a_province_council_under_the_central_council(
    world: World,
) -> None:
    central = _central()
    ninh_binh = create_authority(
        code="NB",
        name="Hội đồng TĐKT tỉnh Ninh Bình",
        level=AuthorityLevel.PROVINCE,
        province="Ninh Bình",
        parent=central,
        valid_from=dt.date(2025, 7, 1),
        user=world.admin,
    )
    event = AuditEvent.objects.get(action="authority.create")
    assert (ninh_binh.parent, event.object_id, event.after["parent_id"]) == (
        central,
        str(ninh_binh.pk),
        central.pk,
    )


@pytest.mark.parametrize("persona", ["board", "council", "secretariat", "officer"])
def test_only_administrators_create_authorities(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        create_authority(code="X", name="X", level="province", user=world.user(persona))
    assert not Authority.objects.filter(code="X").exists()


def test_a_commune_council_belongs_to_a_province_not_to_the_central_level(world: World) -> None:
    with pytest.raises(ValidationError) as caught:
        create_authority(
            code="XA",
            name="Hội đồng TĐKT xã An Bình",
            level=AuthorityLevel.COMMUNE,
            parent=_central(),
            user=world.admin,
        )
    assert "parent" in caught.value.message_dict
    commune = create_authority(
        code="XA",
        name="Hội đồng TĐKT xã An Bình",
        level=AuthorityLevel.COMMUNE,
        parent=world.authority,
        user=world.admin,
    )
    assert commune.parent == world.authority


def test_a_duplicate_code_and_dates_out_of_order_are_refused(world: World) -> None:
    with pytest.raises(ValidationError):
        create_authority(code="HN", name="Trùng mã", level="province", user=world.admin)
    with pytest.raises(ValidationError):
        create_authority(
            code="Y",
            name="Ngày ngược",
            level="province",
            valid_from=dt.date(2025, 7, 1),
            valid_to=dt.date(2025, 1, 1),
            user=world.admin,
        )


def test_an_edit_is_audited_with_the_values_before_and_after(world: World) -> None:
    update_authority(authority=world.authority, name="Hội đồng TĐKT Thủ đô", user=world.admin)
    event = AuditEvent.objects.get(action="authority.update")
    assert (event.before["name"], event.after["name"]) == (
        "Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội",
        "Hội đồng TĐKT Thủ đô",
    )
    with pytest.raises(PermissionDenied):
        update_authority(authority=world.authority, name="Khác", user=world.board)


def test_recording_a_successor_closes_the_predecessor_the_day_before(world: World) -> None:
    nam_dinh = AuthorityFactory(code="ND", name="Hội đồng TĐKT tỉnh Nam Định")
    link = record_authority_succession(
        predecessor=nam_dinh,
        successor=world.authority,
        effective_date=JULY_2025,
        decision_number="202/2025/QH15",
        decision_date=dt.date(2025, 6, 12),
        user=world.admin,
    )
    nam_dinh.refresh_from_db()
    assert (link.decision_number, nam_dinh.valid_to) == ("202/2025/QH15", dt.date(2025, 6, 30))
    assert set(AuditEvent.objects.values_list("action", flat=True)) == {
        "authority.succession.create",
        "authority.update",
    }


def test_a_successor_link_is_refused_to_itself_twice_or_in_a_circle(world: World) -> None:
    a, b = AuthorityFactory.create_batch(2)
    with pytest.raises(ValidationError):
        record_authority_succession(
            predecessor=a, successor=a, effective_date=JULY_2025, user=world.admin
        )
    record_authority_succession(
        predecessor=a, successor=b, effective_date=JULY_2025, user=world.admin
    )
    for predecessor, successor in [(a, b), (b, a)]:
        with pytest.raises(ValidationError):
            record_authority_succession(
                predecessor=predecessor,
                successor=successor,
                effective_date=JULY_2025,
                user=world.admin,
            )


def test_only_administrators_record_successors(world: World) -> None:
    nam_dinh = AuthorityFactory(code="ND")
    with pytest.raises(PermissionDenied):
        record_authority_succession(
            predecessor=nam_dinh,
            successor=world.authority,
            effective_date=JULY_2025,
            user=world.board,
        )


def test_a_province_with_commune_councils_cannot_become_a_commune(world: World) -> None:
    AuthorityFactory(code="XA", level=AuthorityLevel.COMMUNE, parent=world.authority)
    with pytest.raises(ValidationError) as caught:
        update_authority(authority=world.authority, level=AuthorityLevel.COMMUNE, user=world.admin)
    assert "level" in caught.value.message_dict
