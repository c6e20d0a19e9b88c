"""API: every endpoint scoped like the pages; posting a comment follows the same rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.conftest import World
from tests.factories_planning import pdf_upload
from thidua.planning import services
from thidua.planning.enums import MovementKind
from thidua.planning.models import Drive, PlanComment, PlanVersion

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _api(world: World, persona: str) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.user(persona))
    return client


@pytest.fixture
def data(world: World, draft: PlanVersion, drive: Drive) -> dict[str, Any]:
    services.update_plan_version(
        version=draft, title=draft.title, files=[pdf_upload()], by=world.secretariat
    )
    services.submit_drive_report(
        drive=drive, organization=world.member, summary="Kết quả", by=world.officer
    )
    mine = services.launch_movement(
        authority=world.authority,
        kind=MovementKind.THEMATIC,
        title="Phong trào thi đua cải cách hành chính",
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2023, 12, 31),
        cluster_years=[world.cy],
        by=world.board,
    )
    theirs = services.launch_movement(
        authority=world.other_authority,
        kind=MovementKind.REGULAR,
        title="Phong trào Hải Phòng",
        starts_on=dt.date(2023, 1, 1),
        ends_on=None,
        cluster_years=[world.other_cy],
        by=world.other_board,
    )
    return {"version": draft, "drive": drive, "mine": mine, "theirs": theirs}


def test_movements_are_scoped(world: World, data: dict[str, Any]) -> None:
    officer = _api(world, "officer").get("/api/v1/movements/")
    outsider = _api(world, "outsider").get("/api/v1/movements/")
    assert [m["title"] for m in officer.json()["results"]] == [
        "Phong trào thi đua cải cách hành chính"
    ]
    assert [m["title"] for m in outsider.json()["results"]] == ["Phong trào Hải Phòng"]
    assert officer.json()["results"][0]["cluster_years"] == [
        {
            "id": world.cy.pk,
            "cluster_code": "HN-C06",
            "cluster_name": "Cụm thi đua số 6",
            "year": 2023,
        }
    ]
    url = f"/api/v1/movements/{data['mine'].pk}/"
    assert (
        _api(world, "officer").get(url).status_code,
        _api(world, "outsider").get(url).status_code,
    ) == (200, 404)


def test_movement_search_is_accent_insensitive(world: World, data: dict[str, Any]) -> None:
    response = _api(world, "board").get("/api/v1/movements/?q=cai cach&year=2023")
    assert [m["title"] for m in response.json()["results"]] == [
        "Phong trào thi đua cải cách hành chính"
    ]


def test_drives_are_scoped_and_show_who_reported(world: World, data: dict[str, Any]) -> None:
    response = _api(world, "viewer").get("/api/v1/drives/?cluster=HN-C06&year=2023")
    [drive] = response.json()["results"]
    assert (drive["name"], drive["member_count"]) == ("Đợt 1", 3)
    assert [r["organization_name"] for r in drive["reports"]] == ["Sở Nội vụ"]
    assert _api(world, "outsider").get("/api/v1/drives/").json()["results"] == []
    url = f"/api/v1/drives/{data['drive'].pk}/"
    assert _api(world, "outsider").get(url).status_code == 404


def test_plan_documents_and_versions_are_scoped(world: World, data: dict[str, Any]) -> None:
    documents = _api(world, "council").get("/api/v1/plan-documents/").json()["results"]
    assert [(d["kind"], [v["number"] for v in d["versions"]]) for d in documents] == [
        ("work-plan", [1])
    ]
    version = _api(world, "council").get(f"/api/v1/plan-versions/{data['version'].pk}/").json()
    assert (version["kind"], version["comment_count"]) == ("work-plan", 0)
    assert version["attachments"][0]["url"].startswith(
        "/planning/HN-C06/2023/plans/work-plan/1/files/"
    )
    assert _api(world, "outsider").get("/api/v1/plan-documents/").json()["results"] == []
    assert (
        _api(world, "outsider").get(f"/api/v1/plan-versions/{data['version'].pk}/").status_code
        == 404
    )


def test_member_posts_a_comment_and_a_reply(world: World, data: dict[str, Any]) -> None:
    url = f"/api/v1/plan-versions/{data['version'].pk}/comments/"
    first = _api(world, "officer").post(url, {"body": "Đề nghị bổ sung"}, format="json")
    assert first.status_code == 201
    reply = _api(world, "secretariat").post(
        url, {"body": "Tiếp thu", "parent": first.json()["id"]}, format="json"
    )
    assert (reply.status_code, reply.json()["parent"]) == (201, first.json()["id"])
    listed = _api(world, "viewer").get(url).json()
    assert [c["body"] for c in listed] == ["Đề nghị bổ sung", "Tiếp thu"]


def test_comment_api_refuses_like_the_pages(world: World, data: dict[str, Any]) -> None:
    url = f"/api/v1/plan-versions/{data['version'].pk}/comments/"
    assert _api(world, "viewer").post(url, {"body": "X"}, format="json").status_code == 403
    assert _api(world, "outsider").post(url, {"body": "X"}, format="json").status_code == 404
    services.adopt_plan_version(
        version=data["version"], adopted_on=dt.date(2023, 2, 1), by=world.secretariat
    )
    # A refusal by state is a refusal: 403 with the reason (core.api.exception_handler).
    locked = _api(world, "officer").post(url, {"body": "Muộn"}, format="json")
    assert (locked.status_code, locked.json()) == (
        403,
        {
            "detail": "Bản 1 đã được thông qua nên không nhận thêm ý kiến; "
            "hãy góp ý vào bản sửa đổi tiếp theo.",
            "code": "permission_denied",
        },
    )
    assert PlanComment.objects.count() == 0


def test_schema_has_summaries_for_the_planning_endpoints(world: World) -> None:
    schema = _api(world, "admin").get("/api/schema/?format=json").json()
    summaries = {
        path: {op.get("summary") for op in ops.values()}
        for path, ops in schema["paths"].items()
        if any(p in path for p in ("movements", "drives", "plan-"))
    }
    assert set(summaries) == {
        "/api/v1/movements/",
        "/api/v1/movements/{id}/",
        "/api/v1/drives/",
        "/api/v1/drives/{id}/",
        "/api/v1/drives/{id}/report-on-behalf/",
        "/api/v1/plan-documents/",
        "/api/v1/plan-documents/{id}/",
        "/api/v1/plan-versions/",
        "/api/v1/plan-versions/{id}/",
        "/api/v1/plan-versions/{id}/comments/",
        "/api/v1/plan-versions/{id}/correct-adoption/",
    }
    assert all(None not in s for s in summaries.values())
