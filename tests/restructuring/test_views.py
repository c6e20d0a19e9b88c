"""The wizard and the pages, through the client: a board officer merges communes into a ward."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.factories import (
    AuthorityFactory,
    ClusterMembershipFactory,
    OrganizationFactory,
    UserFactory,
)
from tests.restructuring.conftest import Communes, decision
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.organizations.models import Organization
from thidua.restructuring import services
from thidua.restructuring.models import Restructuring

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MERGE = {
    "units": "XA-A, XA-B",
    "decision_number": "1656/NQ-UBTVQH15",
    "decision_date": "16/06/2025",
    "issuing_body": "Ủy ban Thường vụ Quốc hội",
    "effective_date": "2025-07-01",
    "new_units": "PHUONG-X; Phường X",
}


@pytest.fixture
def officer(communes: Communes) -> User:
    return UserFactory(role=Role.BOARD_OFFICER, authority=communes.authority)


@pytest.fixture
def other_officer(communes: Communes) -> User:
    return UserFactory(role=Role.BOARD_OFFICER, authority=AuthorityFactory(code="HP"))


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_preview_shows_what_is_affected_and_writes_nothing(
    communes: Communes, officer: User
) -> None:
    response = _client(officer).post("/restructuring/new/merge/", MERGE)

    body = response.content.decode()
    assert "1 cụm, khối bị ảnh hưởng." in body
    assert "Bước 6: xác nhận thực hiện" in body
    assert not Organization.objects.filter(code="PHUONG-X").exists()


def test_confirming_applies_exactly_the_preview(communes: Communes, officer: User) -> None:
    client = _client(officer)
    preview = client.post("/restructuring/new/merge/", MERGE).context["plan"]

    response = client.post("/restructuring/new/merge/", {**MERGE, "confirm": "1"})

    done = Restructuring.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/restructuring/{done.pk}/"
    assert done.plan == preview.as_dict()
    assert done.created_by == officer
    page = client.get(response["Location"]).content.decode()
    assert "Phường X (PHUONG-X)" in page


def test_split_lets_the_officer_choose_who_takes_each_membership(
    communes: Communes, officer: User
) -> None:
    row = communes.years[2026].memberships.get(organization=communes.a)
    data = {
        **MERGE,
        "units": "XA-A",
        "new_units": "XA-A1; Xã A Bắc\nXA-A2; Xã A Nam",
        f"assign-{row.pk}": "XA-A2",
        "confirm": "1",
    }
    _client(officer).post("/restructuring/new/split/", data)

    assert set(communes.members(2026)) == {"XA-A2", "XA-B", "XA-C"}


def test_bad_input_is_shown_on_the_form(communes: Communes, officer: User) -> None:
    response = _client(officer).post(
        "/restructuring/new/merge/", {**MERGE, "new_units": "XA-C; Trùng mã", "confirm": "1"}
    )

    assert "Mã đơn vị “XA-C” đã tồn tại" in response.content.decode()
    assert not Restructuring.objects.exists()


def test_another_authoritys_officer_cannot_see_or_touch_the_units(
    communes: Communes, other_officer: User
) -> None:
    client = _client(other_officer)
    done = services.dissolve_unit(units=[communes.c], decision=decision(), user=None)

    assert client.get(f"/restructuring/{done.pk}/").status_code == 404
    response = client.post("/restructuring/new/merge/", {**MERGE, "confirm": "1"})
    assert "Không tìm thấy đơn vị có mã: XA-A, XA-B" in response.content.decode()
    assert not Organization.objects.filter(code="PHUONG-X").exists()


def test_a_visible_unit_of_another_authority_is_a_403(
    communes: Communes, other_officer: User
) -> None:
    """The unit sits in a cluster of the officer's authority, but belongs to another authority."""
    from tests.factories import ClusterYearFactory

    cy = ClusterYearFactory(cluster__authority=other_officer.authority, year=2025)
    ClusterMembershipFactory(cluster_year=cy, organization=communes.a)

    response = _client(other_officer).post(
        "/restructuring/new/dissolve/", {**MERGE, "units": "XA-A"}
    )

    assert response.status_code == 403
    assert Organization.objects.get(pk=communes.a.pk).valid_to is None


def test_unit_search_tells_same_name_units_apart(communes: Communes, officer: User) -> None:
    OrganizationFactory(code="XA-A-2", name="Xã A", authority=communes.authority)

    body = _client(officer).get("/restructuring/units/", {"q": "xa a"}).content.decode()

    assert "<code>XA-A</code> — Xã A (XA-A) — Hội đồng TĐKT tỉnh Ninh Bình" in body
    assert "<code>XA-A-2</code>" in body


def test_unit_page_offers_restructuring_to_its_authoritys_officer(
    communes: Communes, officer: User, other_officer: User
) -> None:
    url = f"/organizations/{communes.a.pk}/"
    assert "Sắp xếp lại đơn vị này" in _client(officer).get(url).content.decode()
    admin = UserFactory(role=Role.SYSTEM_ADMIN)
    assert "Sắp xếp lại đơn vị này" in _client(admin).get(url).content.decode()


def _restructurings(communes: Communes, n: int) -> None:
    for i in range(n):
        unit = OrganizationFactory(authority=communes.authority, kind="commune")
        services.dissolve_unit(units=[unit], decision=decision(number=f"{i}/QĐ"), user=None)


@pytest.mark.parametrize("n", [1, 6])
def test_the_list_page_runs_a_constant_number_of_queries(
    communes: Communes, officer: User, django_assert_num_queries: Any, n: int
) -> None:
    _restructurings(communes, n)
    client = _client(officer)
    client.get("/restructuring/")  # warm the session
    with django_assert_num_queries(4):
        response = client.get("/restructuring/")
    assert len(response.context["items"]) == n


def test_the_import_page_previews_and_offers_the_template(
    communes: Communes, officer: User
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.restructuring.test_import import reform, xlsx

    client = _client(officer)
    upload = SimpleUploadedFile("caicach.xlsx", xlsx(reform()))
    response = client.post("/restructuring/import/", {"file": upload, "dry_run": "on"})

    assert "Tệp hợp lệ — xem trước, chưa ghi dữ liệu" in response.content.decode()
    assert not Restructuring.objects.exists()
    template = client.get("/restructuring/import/template.xlsx")
    assert template["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("kind", ["merge", "split", "rename", "move", "dissolve"])
def test_each_kind_has_its_wizard_form(communes: Communes, officer: User, kind: str) -> None:
    client = _client(officer)
    assert (
        f'href="/restructuring/new/{kind}/?unit=XA-A"'
        in client.get("/restructuring/new/", {"unit": "XA-A"}).content.decode()
    )

    body = client.get(f"/restructuring/new/{kind}/", {"unit": "XA-A"}).content.decode()

    assert "Bước 3: quyết định và ngày hiệu lực" in body
    assert body.count(">\nXA-A</textarea>") == 1
    assert ('name="target_authority"' in body) == (kind == "move")
    assert ('name="new_units"' in body) == (kind in {"merge", "split", "rename"})
