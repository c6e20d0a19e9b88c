"""Idle sessions end after a configurable time (8 hours, an office day); an active session's
expiry moves forward without a write on every request."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

from tests.conftest import World
from thidua.accounts.middleware import SEEN_KEY

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ROOT = Path(__file__).resolve().parents[2]


def settings_value(name: str, **env: str) -> str:
    code = f"import thidua.settings as s; print(s.{name})"
    result = subprocess.run(  # noqa: S603 -- fixed arguments
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_an_idle_session_lasts_an_office_day_by_default() -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is False


def test_the_idle_time_and_the_login_limits_come_from_the_environment(tmp_path: Path) -> None:
    env = {
        "THIDUA_VAR_DIR": str(tmp_path),
        "THIDUA_SESSION_IDLE_HOURS": "2",
        "THIDUA_LOGIN_FAILURE_LIMIT": "7",
        "THIDUA_LOGIN_COOLOFF_MINUTES": "30",
    }
    assert settings_value("SESSION_COOKIE_AGE", **env) == str(2 * 3600)
    assert settings_value("AXES_FAILURE_LIMIT", **env) == "7"
    assert settings_value("AXES_COOLOFF_TIME", **env) == "0:30:00"


def _expiry(client: Client) -> dt.datetime:
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_activity_moves_the_expiry_forward_every_few_minutes_not_on_every_request(
    world: World,
) -> None:
    client = Client()
    client.force_login(world.board)
    client.get("/accounts/me/")
    first = _expiry(client)
    client.get("/accounts/me/")
    assert _expiry(client) == first  # no write within the 5 minutes
    session = client.session
    session[SEEN_KEY] = session[SEEN_KEY] - 6 * 60  # as if last written 6 minutes ago
    session.set_expiry(None)
    session.save()
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=first - dt.timedelta(minutes=6)
    )
    client.get("/accounts/me/")
    assert _expiry(client) >= first
