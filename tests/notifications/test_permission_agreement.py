"""Every action of notifications × every persona × a notification of the officer's: the page, the
API and the service give the same answer as ``user.has_perm``. A person acts on their own
notifications and preferences only — the system administrator included; another person's
notification is a 404 before any permission is asked."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from rest_framework.test import APIClient

from tests.conftest import World
from thidua.notifications import services
from thidua.notifications.enums import EmailChoice, NotificationKind
from thidua.notifications.models import Notification
from thidua.notifications.selectors import Choice, notifications_for_user

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {
    "notifications.view_notification",
    "notifications.mark_read",
    "notifications.change_preferences",
}
PERSONAS = [
    "admin",
    "board",
    "other_board",
    "secretariat",
    "officer",
    "leader",
    "council",
    "viewer",
    "outsider",
    "deputy_officer",
]


def _officers_notification(world: World) -> Notification:
    (notification,) = services.notify(
        recipients=[world.officer], kind=NotificationKind.RETURNED, title="Trả lại", link="/x/"
    )
    return notification


@pytest.mark.parametrize("persona", PERSONAS)
def test_viewing_a_notification_agrees(world: World, persona: str) -> None:
    user = world.user(persona)
    notification = _officers_notification(world)
    allowed = user.has_perm("notifications.view_notification", notification)
    assert allowed == (persona == "officer")
    assert notifications_for_user(user).filter(pk=notification.pk).exists() == allowed
    client = Client()
    client.force_login(user)
    page = client.get(f"/notifications/{notification.pk}/")
    assert page.status_code == (200 if allowed else 404)
    api = APIClient()
    api.force_authenticate(user)
    assert api.get(f"/api/v1/notifications/{notification.pk}/").status_code == (
        200 if allowed else 404
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_marking_read_agrees(world: World, persona: str) -> None:
    user = world.user(persona)
    notification = _officers_notification(world)
    allowed = user.has_perm("notifications.mark_read", notification)
    assert allowed == (persona == "officer")
    client = Client()
    client.force_login(user)
    response = client.post(f"/notifications/{notification.pk}/read/")
    assert response.status_code == (302 if allowed else 404)
    assert (Notification.objects.get().read_at is not None) == allowed
    Notification.objects.update(read_at=None)
    api = APIClient()
    api.force_authenticate(user)
    response = api.post(f"/api/v1/notifications/{notification.pk}/read/")
    assert response.status_code == (200 if allowed else 404)
    Notification.objects.update(read_at=None)
    if allowed:
        services.mark_read(notification=notification, user=user)
    else:
        with pytest.raises(PermissionDenied):
            services.mark_read(notification=notification, user=user)


@pytest.mark.parametrize("persona", PERSONAS)
def test_changing_preferences_agrees(world: World, persona: str) -> None:
    user = world.user(persona)
    choices = {NotificationKind.RETURNED: Choice(in_app=True, email=EmailChoice.OFF)}
    assert user.has_perm("notifications.change_preferences", user)
    assert user.has_perm("notifications.change_preferences", world.officer) == (
        persona == "officer"
    )
    client = Client()
    client.force_login(user)
    assert client.get("/notifications/preferences/").status_code == 200
    services.set_preferences(account=user, choices=choices, user=user)
    if persona != "officer":
        with pytest.raises(PermissionDenied):
            services.set_preferences(account=world.officer, choices=choices, user=user)
        assert not world.officer.notification_preferences.exists()
