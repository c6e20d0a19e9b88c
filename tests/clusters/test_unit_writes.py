"""Adding and correcting one unit ("Thêm đơn vị", "Sửa đơn vị"): the services, the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from tests.conftest import World
from tests.factories import AuthorityFactory, AuthoritySuccessionFactory, OrganizationFactory
from thidua.audit.models import AuditEvent
from thidua.clusters import unit_services
from thidua.organizations.models import Organization

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _post(world: World, persona: str, url: str, data: dict[str, object]) -> object:
    client = Client()
    client.force_login(world.user(persona))
    return client.post(url, data)


def test_board_officer_adds_a_unit_of_their_authority_with_an_audit_event(world: World) -> None:
    unit = unit_services.create_unit(
        user=world.board,
        code="HN-SXD",
        name="Sở Xây dựng",
        kind="department",
        authority=world.authority,
        valid_from=dt.date(2025, 7, 1),
    )
    assert (unit.authority, unit.valid_from) == (world.authority, dt.date(2025, 7, 1))
    assert AuditEvent.objects.filter(action="organization.create", object_id=str(unit.pk)).exists()


def test_board_officer_may_not_add_a_unit_to_another_authority(world: World) -> None:
    with pytest.raises(PermissionDenied):
        unit_services.create_unit(
            user=world.board,
            code="HP-SXD",
            name="Sở Xây dựng",
            kind="department",
            authority=world.other_authority,
        )
    assert not Organization.objects.filter(code="HP-SXD").exists()


def test_board_officer_must_name_the_authority(world: World) -> None:
    with pytest.raises(ValidationError):
        unit_services.create_unit(user=world.board, code="X-1", name="Đơn vị", kind="other")


def test_unit_officer_may_not_add_units(world: World) -> None:
    with pytest.raises(PermissionDenied):
        unit_services.create_unit(
            user=world.officer, code="X-1", name="Đơn vị", kind="other", authority=world.authority
        )


def test_duplicate_code_and_dates_out_of_order_are_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="đã tồn tại"):
        unit_services.create_unit(
            user=world.admin, code=world.member.code, name="Trùng", kind="other"
        )
    with pytest.raises(ValidationError, match="đứng trước"):
        unit_services.create_unit(
            user=world.admin,
            code="X-2",
            name="Đơn vị",
            kind="other",
            valid_from=dt.date(2025, 7, 1),
            valid_to=dt.date(2025, 1, 1),
        )


def test_board_officer_corrects_a_unit_and_the_change_is_audited(world: World) -> None:
    unit_services.update_unit(organization=world.member, user=world.board, name="Sở Nội Vụ ")
    world.member.refresh_from_db()
    assert world.member.name == "Sở Nội Vụ"
    assert AuditEvent.objects.filter(action="organization.update").count() == 1


def test_other_board_may_not_correct_the_unit(world: World) -> None:
    with pytest.raises(PermissionDenied):
        unit_services.update_unit(organization=world.member, user=world.other_board, name="X")


def test_a_unit_cannot_be_its_own_parent(world: World) -> None:
    child = OrganizationFactory(authority=world.authority, parent=world.member)
    with pytest.raises(ValidationError):
        unit_services.update_unit(organization=world.member, user=world.board, parent=child)


def test_moving_to_another_authority_needs_the_right_there(world: World) -> None:
    with pytest.raises(PermissionDenied):
        unit_services.update_unit(
            organization=world.member, user=world.board, authority=world.other_authority
        )


# ---------------------------------------------------------------- pages


def test_create_page_adds_the_unit_and_shows_it(world: World) -> None:
    client = Client()
    client.force_login(world.board)
    assert "/organizations/new/" in client.get("/organizations/").content.decode()
    response = client.post(
        "/organizations/new/",
        {
            "code": "HN-SXD",
            "name": "Sở Xây dựng",
            "kind": "department",
            "authority": world.authority.pk,
            "valid_from": "01/07/2025",
        },
    )
    unit = Organization.objects.get(code="HN-SXD")
    assert response.status_code == 302
    assert unit.valid_from == dt.date(2025, 7, 1)  # day-first


def test_create_page_with_bad_input_changes_nothing(world: World) -> None:
    count = Organization.objects.count()
    response = _post(
        world,
        "board",
        "/organizations/new/",
        {
            "code": world.member.code,
            "name": "Trùng",
            "kind": "department",
            "authority": world.authority.pk,
        },
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "đã tồn tại" in response.content.decode()  # type: ignore[attr-defined]
    response = _post(
        world,
        "board",
        "/organizations/new/",
        {
            "code": "HN-N",
            "name": "Mới",
            "kind": "department",
            "authority": world.authority.pk,
            "valid_from": "01/07/2025",
            "valid_to": "01/01/2025",
        },
    )
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "đứng trước" in response.content.decode()  # type: ignore[attr-defined]
    assert Organization.objects.count() == count


def test_create_page_is_403_for_a_unit_officer(world: World) -> None:
    client = Client()
    client.force_login(world.officer)
    assert "/organizations/new/" not in client.get("/organizations/").content.decode()
    assert client.get("/organizations/new/").status_code == 403


def test_edit_page_allowed_403_and_404(world: World) -> None:
    url = f"/organizations/{world.member.pk}/edit/"
    client = Client()
    client.force_login(world.board)
    page = client.get(f"/organizations/{world.member.pk}/").content.decode()
    assert url in page
    form = client.get(url).content.decode()
    assert "/restructuring/" in form and "lỗi chính tả" in form
    response = client.post(
        url, {"name": "Sở Nội vụ Hà Nội", "kind": "department", "authority": world.authority.pk}
    )
    assert response.status_code == 302
    world.member.refresh_from_db()
    assert world.member.name == "Sở Nội vụ Hà Nội"
    officer = Client()
    officer.force_login(world.officer)
    assert url not in officer.get(f"/organizations/{world.member.pk}/").content.decode()
    assert officer.post(url, {"name": "X", "kind": "other"}).status_code == 403
    other = Client()
    other.force_login(world.other_board)
    assert other.post(url, {"name": "X", "kind": "other"}).status_code == 404
    world.member.refresh_from_db()
    assert world.member.name == "Sở Nội vụ Hà Nội"


def test_successor_board_officer_corrects_a_unit_of_the_predecessor_authority(
    world: World,
) -> None:
    """Scope follows lineage: Nam Định's units pass to the board of the authority that
    succeeded it (the world's HN here); a third authority's officer gets a 404."""
    nam_dinh = AuthorityFactory(code="ND", name="Hội đồng TĐKT tỉnh Nam Định")
    unit = OrganizationFactory(authority=nam_dinh, name="Sở Nội vụ tỉnh Nam Đinh")
    AuthoritySuccessionFactory(
        predecessor=nam_dinh, successor=world.authority, effective_date=dt.date(2025, 7, 1)
    )
    assert world.board.has_perm("clusters.change_unit", unit)
    assert not world.other_board.has_perm("clusters.change_unit", unit)
    client = Client()
    client.force_login(world.board)
    response = client.post(
        f"/organizations/{unit.pk}/edit/",
        {"name": "Sở Nội vụ tỉnh Nam Định", "kind": unit.kind, "authority": nam_dinh.pk},
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name == "Sở Nội vụ tỉnh Nam Định"
    other = Client()
    other.force_login(world.other_board)
    assert other.get(f"/organizations/{unit.pk}/edit/").status_code == 404


def test_edit_page_tells_every_mistake_at_once_and_keeps_the_unit(world: World) -> None:
    client = Client()
    client.force_login(world.board)
    response = client.post(
        f"/organizations/{world.member.pk}/edit/",
        {
            "name": "",
            "kind": "department",
            "authority": world.authority.pk,
            "valid_from": "01/07/2025",
            "valid_to": "01/01/2025",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Trường này là bắt buộc" in html and "01/01/2025" in html and "đứng trước" in html
    world.member.refresh_from_db()
    assert (world.member.name, world.member.valid_to) == ("Sở Nội vụ", None)
