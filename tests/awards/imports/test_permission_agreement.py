"""``awards.import_history`` × persona: the service, ``user.has_perm`` and the page agree (the
system administrator and the board officers); the template downloads follow the same rule."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tests.awards.imports.helpers import good_sheets, xlsx_bytes
from tests.conftest import World
from thidua.awards.imports import import_history

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {"awards.import_history"}
PERSONAS = ["admin", "board", "secretariat", "officer", "leader", "council", "viewer", "outsider"]
ALLOWED = {"admin", "board"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_importing_history_agrees(world: World, persona: str) -> None:
    user = world.user(persona)
    allowed = persona in ALLOWED
    assert user.has_perm("awards.import_history") == allowed
    data = xlsx_bytes(good_sheets(world))
    if allowed:
        result = import_history(data=data, filename="a.xlsx", user=user, dry_run=True)
        assert result.ok
    else:
        with pytest.raises(PermissionDenied):
            import_history(data=data, filename="a.xlsx", user=user)
    client = Client()
    client.force_login(user)
    status = 200 if allowed else 403
    assert client.get("/awards/import/").status_code == status
    assert client.get("/awards/import/template.xlsx").status_code == status
