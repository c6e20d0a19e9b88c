"""A system administrator (superuser, no unit of its own) asking for or posting a drive report:
a clear refusal pointing at the on-behalf path, never a 500; nothing is written."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World
from thidua.planning.models import Drive, DriveReport

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REPORT = "/planning/HN-C06/2023/drives/1/report/"


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_superuser_reporting_is_refused_clearly(
    world: World, drive: Drive, method: str
) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(world.admin)
    response = getattr(client, method)(REPORT, {"summary": "Của quản trị"})
    assert response.status_code == 403
    assert DriveReport.objects.count() == 0


def test_a_superuser_with_a_unit_and_a_unit_role_is_still_refused(
    world: World, drive: Drive
) -> None:
    world.admin.organization = world.member
    world.admin.save(update_fields=["organization"])
    client = Client(raise_request_exception=False)
    client.force_login(world.admin)
    response = client.post(REPORT, {"summary": "Của quản trị"})
    assert response.status_code == 403
    assert DriveReport.objects.count() == 0
