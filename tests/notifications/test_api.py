"""/api/v1/notifications/: a person's own notifications, mark read, mark all read."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.conftest import World
from thidua.notifications import services
from thidua.notifications.enums import NotificationKind
from thidua.notifications.models import Notification

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _notify(user: Any, count: int = 1) -> list[Notification]:
    return [
        n
        for i in range(count)
        for n in services.notify(
            recipients=[user], kind=NotificationKind.RETURNED, title=f"Trả lại {i}", link="/x/"
        )
    ]


def _api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_list_has_only_the_persons_own_notifications(world: World) -> None:
    _notify(world.officer, 2)
    _notify(world.leader)
    body = _api(world.officer).get("/api/v1/notifications/").json()
    assert body["count"] == 2
    assert {row["title"] for row in body["results"]} == {"Trả lại 0", "Trả lại 1"}
    assert body["results"][0]["kind_label"] == "Hồ sơ bị trả lại (đăng ký, bảng điểm)"
    assert body["results"][0]["is_read"] is False


def test_mark_read_and_the_unread_filter(world: World) -> None:
    first, second = _notify(world.officer, 2)
    api = _api(world.officer)
    response = api.post(f"/api/v1/notifications/{first.pk}/read/")
    assert response.status_code == 200 and response.json()["is_read"] is True
    unread = api.get("/api/v1/notifications/?unread=1").json()
    assert [row["id"] for row in unread["results"]] == [second.pk]
    assert api.post("/api/v1/notifications/read-all/").json() == {"marked": 1}


def test_another_persons_notification_is_a_404(world: World) -> None:
    (notification,) = _notify(world.officer)
    api = _api(world.admin)
    assert api.get(f"/api/v1/notifications/{notification.pk}/").status_code == 404
    assert api.post(f"/api/v1/notifications/{notification.pk}/read/").status_code == 404
    assert Notification.objects.get().read_at is None


def test_signed_out_is_refused(client: Any, db: Any) -> None:
    assert APIClient().get("/api/v1/notifications/").status_code in (401, 403)


def test_the_schema_documents_the_endpoints(world: World) -> None:
    schema = _api(world.admin).get("/api/schema/").content.decode()
    assert "/api/v1/notifications/{id}/read/" in schema
    assert "/api/v1/notifications/read-all/" in schema
