"""Every awards action × persona: the service, ``user.has_perm``, the page and its button give
the same answer (only the system administrator adds to the catalogue)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from tests.conftest import World
from thidua.awards import services
from thidua.awards.models import AwardType
from thidua.core.permissions import ACTIONS

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

COVERED = {"awards.add_award_type"}
PERSONAS = ["admin", "board", "secretariat", "officer", "leader", "viewer", "outsider"]


def test_every_awards_action_is_covered() -> None:
    from tests.awards.history.test_permission_agreement import COVERED as HISTORY
    from tests.awards.imports.test_permission_agreement import COVERED as IMPORT

    assert {name for name in ACTIONS if name.startswith("awards.")} == COVERED | HISTORY | IMPORT


def add(user: object) -> AwardType:
    return services.add_award_type(
        user=user,
        code="HCLD3",
        name="Huân chương Lao động hạng Ba",
        category="form",
        subject="any",
        level="state",
        deciding_authority="Chủ tịch nước",
        legal_basis="Luật Thi đua, khen thưởng 2022, Điều 44",
        confidence="R",
        effective_from=dt.date(2024, 1, 1),
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_adding_to_the_catalogue_agrees(world: World, persona: str) -> None:
    user = world.user(persona)
    allowed = user.has_perm("awards.add_award_type")
    assert allowed == (persona == "admin")
    if allowed:
        assert add(user).code == "HCLD3"
    else:
        with pytest.raises(PermissionDenied):
            add(user)
        assert not AwardType.objects.filter(code="HCLD3").exists()
    client = Client()
    client.force_login(user)
    body = client.get("/awards/catalogue/").content.decode()
    assert ('href="/awards/catalogue/new/"' in body) == allowed
    assert client.get("/awards/catalogue/new/").status_code == (200 if allowed else 403)
