"""Fixtures of the notification tests: the ``world`` personas with e-mail addresses."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import World
from thidua.accounts.models import User


@pytest.fixture
def mailed(world: World) -> World:
    """Every persona has an e-mail address (``<username>@example.gov.vn``)."""
    for user in User.objects.all():
        user.email = f"{user.username}@example.gov.vn"
        user.save(update_fields=["email"])
    for name in vars(world):
        value = getattr(world, name)
        if isinstance(value, User):
            value.refresh_from_db()
    return world


@pytest.fixture
def site(settings: Any) -> Any:
    settings.THIDUA_SITE_URL = "https://thidua.example.gov.vn"
    return settings
