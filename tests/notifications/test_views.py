"""The notification pages: the bell (loaded by htmx, so no page pays its query), the list
(paginated, mark read), the preferences; another person's notification is a 404."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from thidua.notifications import services
from thidua.notifications.enums import EmailChoice, NotificationKind
from thidua.notifications.models import Notification
from thidua.notifications.selectors import preferences_of

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _notify(user: Any, count: int = 1, *, link: str = "/clusters/") -> list[Notification]:
    created = []
    for i in range(count):
        created += services.notify(
            recipients=[user],
            kind=NotificationKind.RETURNED,
            title=f"Đăng ký thi đua bị trả lại {i + 1}",
            body="Lý do: thiếu mô hình",
            link=link,
        )
    return created


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_every_page_has_the_bell_that_loads_its_count_with_htmx(world: World) -> None:
    _notify(world.officer, 3)
    body = _client(world.officer).get("/").content.decode()
    assert 'hx-get="/notifications/bell/"' in body
    bell = _client(world.officer).get("/notifications/bell/").content.decode()
    assert ">3<" in bell and "chưa đọc" in bell
    assert ">3<" not in _client(world.leader).get("/notifications/bell/").content.decode()


@pytest.mark.parametrize("count", [0, 40])
def test_notifications_do_not_change_the_home_pages_query_count(
    world: World, django_assert_num_queries: Any, count: int
) -> None:
    _notify(world.board, count)
    client = _client(world.board)
    with django_assert_num_queries(8):  # as in tests/home: the bell costs the page nothing
        client.get("/")


@pytest.mark.parametrize("count", [1, 45])
def test_the_list_is_paginated_with_a_constant_number_of_queries(
    world: World, django_assert_num_queries: Any, count: int
) -> None:
    _notify(world.officer, count)
    client = _client(world.officer)
    with django_assert_num_queries(5):  # session, user, page count, page rows, unread count
        response = client.get("/notifications/")
    assert len(response.context["page"].object_list) == min(count, 30)


def test_the_list_shows_only_the_persons_own_notifications(world: World) -> None:
    _notify(world.officer)
    _notify(world.leader)
    body = _client(world.officer).get("/notifications/").content.decode()
    assert body.count("Đăng ký thi đua bị trả lại 1") == 1
    assert (
        "Bạn chưa có thông báo nào."
        in _client(world.viewer).get("/notifications/").content.decode()
    )


def test_marking_read_with_htmx_swaps_the_item_and_refreshes_the_bell(world: World) -> None:
    (notification,) = _notify(world.officer)
    response = _client(world.officer).post(
        f"/notifications/{notification.pk}/read/", HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response["HX-Trigger"] == "notifications-changed"
    assert f'id="notification-{notification.pk}"' in response.content.decode()
    assert Notification.objects.get().read_at is not None


def test_opening_a_notification_marks_it_read_and_follows_its_link(world: World) -> None:
    (notification,) = _notify(world.officer, link="/clusters/HN-C06/2023/")
    response = _client(world.officer).post(f"/notifications/{notification.pk}/read/", {"open": "1"})
    assert response.url == "/clusters/HN-C06/2023/"
    assert Notification.objects.get().read_at is not None


def test_a_link_to_another_site_is_not_followed(world: World) -> None:
    (notification,) = _notify(world.officer, link="https://example.com/")
    response = _client(world.officer).post(f"/notifications/{notification.pk}/read/", {"open": "1"})
    assert response.url == "/notifications/"


def test_another_persons_notification_is_a_404(world: World) -> None:
    (notification,) = _notify(world.officer)
    for user in (world.leader, world.admin):
        client = _client(user)
        assert client.get(f"/notifications/{notification.pk}/").status_code == 404
        assert client.post(f"/notifications/{notification.pk}/read/").status_code == 404
    assert Notification.objects.get().read_at is None
    assert _client(world.officer).get(f"/notifications/{notification.pk}/").status_code == 200


def test_mark_all_read(world: World) -> None:
    _notify(world.officer, 3)
    _notify(world.leader)
    response = _client(world.officer).post("/notifications/read-all/", follow=True)
    assert "Đã đánh dấu 3 thông báo là đã đọc." in response.content.decode()
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_the_unread_filter(world: World) -> None:
    first, _second = _notify(world.officer, 2)
    services.mark_read(notification=first, user=world.officer)
    response = _client(world.officer).get("/notifications/?unread=1")
    assert [n.pk for n in response.context["page"].object_list] == [_second.pk]


def test_a_person_chooses_what_they_receive(world: World) -> None:
    client = _client(world.officer)
    page = client.get("/notifications/preferences/").content.decode()
    assert "Giao ước chờ ký" in page and "Gộp vào thư tổng hợp hằng ngày" in page
    data = {f"{kind}-email": EmailChoice.DIGEST for kind in NotificationKind.values}
    data |= {f"{kind}-in_app": "on" for kind in NotificationKind.values}
    data[f"{NotificationKind.DEADLINE_PASSED}-email"] = EmailChoice.OFF
    del data[f"{NotificationKind.BALLOT_OPEN}-in_app"]
    response = client.post("/notifications/preferences/", data, follow=True)
    assert "Đã lưu cài đặt nhận thông báo." in response.content.decode()
    prefs = preferences_of(world.officer)
    assert prefs[NotificationKind.DEADLINE_PASSED].email == EmailChoice.OFF
    assert prefs[NotificationKind.BALLOT_OPEN].in_app is False
    assert prefs[NotificationKind.AWAITING_SIGNATURE].email == EmailChoice.DIGEST
    assert preferences_of(world.leader)[NotificationKind.BALLOT_OPEN].in_app is True


def test_a_bad_choice_is_refused_and_nothing_is_saved(world: World) -> None:
    client = _client(world.officer)
    data = {f"{kind}-email": "weekly" for kind in NotificationKind.values}
    response = client.post("/notifications/preferences/", data)
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not world.officer.notification_preferences.exists()


def test_the_pages_need_a_login(client: Client, db: Any) -> None:
    for url in ("/notifications/", "/notifications/preferences/", "/notifications/bell/"):
        assert client.get(url).url.startswith("/accounts/login/")
