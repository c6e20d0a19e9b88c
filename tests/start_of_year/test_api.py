"""The REST API of the start of the year: scoped like the pages; the registration actions call
the same services (same messages; 403 when it is not the caller's to do, 400 for bad input)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories_start_of_year import make_pledge, make_registration
from thidua.accounts.models import User
from thidua.start_of_year.models import Registration
from thidua.start_of_year.services import pledges, signatures

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def arranged(world: World, leaders: dict[str, User]) -> World:
    pledge = make_pledge(world.cy, world.secretariat)
    pledges.add_pledge_target(
        cluster_year=world.cy,
        by=world.secretariat,
        item_number=3,
        text="100% đơn vị đăng ký Cờ thi đua xuất sắc của UBND Thành phố trở lên",
        unit="%",
    )
    signatures.sign_pledge(pledge=pledge, by=world.leader, organization=world.member)
    make_registration(world.cy, world.member, world.officer, models=2, submit=True)
    return world


def test_pledge_of_a_cluster_year_with_items_and_targets(client: Client, arranged: World) -> None:
    client.force_login(arranged.deputy_officer)
    data = client.get("/api/v1/pledges/", {"cluster": "HN-C06", "year": 2023}).json()
    (pledge,) = data["results"]
    assert (pledge["version"], pledge["status"], pledge["signed_count"]) == (1, "open", 1)
    assert [i["number"] for i in pledge["items"]] == [1, 2, 3]
    assert pledge["items"][2]["targets"][0]["organization"] is None


def test_signatures_are_listed(client: Client, arranged: World) -> None:
    client.force_login(arranged.board)
    data = client.get("/api/v1/pledge-signatures/", {"cluster": "HN-C06"}).json()
    assert [
        (s["organization"], s["signer_name"], s["version"], s["method"]) for s in data["results"]
    ] == [(arranged.member.code, "Nguyễn Thị Liễu", 1, "in_app")]


@pytest.mark.parametrize(
    "endpoint", ["pledges", "pledge-signatures", "registrations", "emulation-models", "topics"]
)
def test_nothing_is_visible_outside_scope(client: Client, arranged: World, endpoint: str) -> None:
    client.force_login(arranged.outsider)
    assert client.get(f"/api/v1/{endpoint}/").json()["count"] == 0
    client.force_login(arranged.officer)
    assert client.get(f"/api/v1/{endpoint}/").json()["count"] >= 1


def test_registration_detail_with_models_topics_and_history(
    client: Client, arranged: World
) -> None:
    registration = Registration.objects.get()
    client.force_login(arranged.council)
    data = client.get(f"/api/v1/registrations/{registration.pk}/").json()
    assert (data["organization_name"], data["award"], data["status"]) == (
        "Sở Nội vụ",
        "TTLDXS",
        "submitted",
    )
    assert ([m["name"] for m in data["models"]], [t["name"] for t in data["topics"]]) == (
        ["Mô hình 1", "Mô hình 2"],
        ["Chuyên đề 1"],
    )
    assert [(e["from_status"], e["to_status"]) for e in data["events"]] == [("draft", "submitted")]


def test_registration_outside_scope_is_404(client: Client, arranged: World) -> None:
    client.force_login(arranged.outsider)
    pk = Registration.objects.get().pk
    assert client.post(f"/api/v1/registrations/{pk}/accept/").status_code == 404


def test_accept_by_the_secretariat_and_not_by_the_unit(client: Client, arranged: World) -> None:
    pk = Registration.objects.get().pk
    client.force_login(arranged.officer)
    denied = client.post(f"/api/v1/registrations/{pk}/accept/")
    assert (denied.status_code, denied.json()) == (
        403,
        {
            "detail": "Bạn không có quyền chấp nhận đăng ký thi đua (thư ký cụm, Ban Thi đua - "
            "Khen thưởng, quản trị hệ thống).",
            "code": "permission_denied",
        },
    )
    client.force_login(arranged.secretariat)
    accepted = client.post(f"/api/v1/registrations/{pk}/accept/")
    assert (accepted.status_code, accepted.json()["status"]) == (200, "accepted")


def test_return_needs_a_reason(client: Client, arranged: World) -> None:
    pk = Registration.objects.get().pk
    client.force_login(arranged.board)
    missing = client.post(
        f"/api/v1/registrations/{pk}/return/", {"reason": ""}, content_type="application/json"
    )
    assert (missing.status_code, missing.json()["detail"]) == (
        400,
        "Cần ghi lý do khi trả lại đăng ký thi đua.",
    )
    returned = client.post(
        f"/api/v1/registrations/{pk}/return/",
        {"reason": "Thiếu kết quả dự kiến"},
        content_type="application/json",
    )
    assert returned.json()["events"][-1]["reason"] == "Thiếu kết quả dự kiến"


def test_submit_by_the_unit_and_a_clear_message_when_not_allowed(
    client: Client, arranged: World
) -> None:
    registration = make_registration(
        arranged.cy, arranged.deputy, arranged.deputy_officer, topics=0
    )
    client.force_login(arranged.deputy_officer)
    refused = client.post(f"/api/v1/registrations/{registration.pk}/submit/")
    assert (refused.status_code, refused.json()["detail"]) == (
        400,
        "Cần đăng ký từ 1 đến 2 chuyên đề (theo cài đặt của cụm năm 2023); Sở Ngoại vụ đang có 0.",
    )
    client.force_login(arranged.officer)  # another unit's officer: the draft is out of sight
    assert client.post(f"/api/v1/registrations/{registration.pk}/submit/").status_code == 404


def test_models_and_topics_lists_filtered_by_unit(client: Client, arranged: World) -> None:
    client.force_login(arranged.board)
    models = client.get("/api/v1/emulation-models/", {"organization": arranged.member.code}).json()
    assert [(m["name"], m["organization"], m["progress_count"]) for m in models["results"]] == [
        ("Mô hình 1", arranged.member.code, 0),
        ("Mô hình 2", arranged.member.code, 0),
    ]
    assert client.get("/api/v1/topics/", {"year": 2022}).json()["count"] == 0


def test_the_schema_documents_the_start_of_year_endpoints(client: Client, arranged: World) -> None:
    client.force_login(arranged.board)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert {
        "/api/v1/pledges/",
        "/api/v1/pledge-signatures/",
        "/api/v1/registrations/{id}/return/",
        "/api/v1/emulation-models/",
        "/api/v1/topics/",
    } <= set(schema["paths"])
    assert (
        schema["paths"]["/api/v1/registrations/{id}/return/"]["post"]["summary"]
        == "Trả lại đăng ký cho đơn vị, bắt buộc ghi lý do"
    )
