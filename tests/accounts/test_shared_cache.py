"""Several app servers: sessions on the shared cache (THIDUA_REDIS_URL), read from the cache and
ended in the cache as well as in the database when a person signs a session out; the file
storage chosen by the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from tests.accounts.test_session_idle import settings_value
from tests.conftest import World
from thidua.accounts.models import UserSession

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

CACHED = "django.contrib.sessions.backends.cached_db"


def test_sessions_stay_in_the_database_without_a_shared_cache(tmp_path: Path) -> None:
    env = {"THIDUA_VAR_DIR": str(tmp_path), "THIDUA_REDIS_URL": ""}
    assert settings_value("SESSION_ENGINE", **env) == "django.contrib.sessions.backends.db"
    assert "LocMemCache" in settings_value("CACHES['default']['BACKEND']", **env)


def test_a_redis_url_puts_the_cache_and_the_sessions_on_redis(tmp_path: Path) -> None:
    env = {"THIDUA_VAR_DIR": str(tmp_path), "THIDUA_REDIS_URL": "redis://cache.internal:6379/2"}
    assert settings_value("SESSION_ENGINE", **env) == CACHED
    assert settings_value("CACHES['default']['BACKEND']", **env) == (
        "django.core.cache.backends.redis.RedisCache"
    )
    assert settings_value("CACHES['default']['LOCATION']", **env) == "redis://cache.internal:6379/2"


@override_settings(SESSION_ENGINE=CACHED)
def test_signing_out_other_sessions_ends_them_in_the_cache_too(world: World) -> None:
    cache.clear()
    phone, laptop = Client(), Client()
    for client in (phone, laptop):
        client.post("/accounts/login/", {"username": "officer", "password": "pw"})
    assert phone.get("/accounts/me/").status_code == 200  # the phone's session is now cached
    phone_key = phone.cookies["sessionid"].value
    assert cache.get(f"django.contrib.sessions.cached_db{phone_key}") is not None

    laptop.post("/accounts/me/sessions/end/")

    assert cache.get(f"django.contrib.sessions.cached_db{phone_key}") is None
    assert phone.get("/accounts/me/").status_code == 302  # signed out, not served from the cache
    assert laptop.get("/accounts/me/").status_code == 200


@override_settings(SESSION_ENGINE=CACHED)
def test_ending_one_session_ends_it_in_the_cache(world: World) -> None:
    cache.clear()
    phone, laptop = Client(), Client()
    for client in (phone, laptop):
        client.post("/accounts/login/", {"username": "officer", "password": "pw"})
    assert phone.get("/accounts/me/").status_code == 200
    key = phone.cookies["sessionid"].value

    laptop.post("/accounts/me/sessions/end/", {"session": key})

    assert not UserSession.objects.filter(session_key=key).exists()
    assert phone.get("/accounts/me/").status_code == 302


def test_the_file_storage_comes_from_the_environment(tmp_path: Path) -> None:
    env = {"THIDUA_VAR_DIR": str(tmp_path)}
    assert settings_value("STORAGES['default']['BACKEND']", **env) == (
        "django.core.files.storage.FileSystemStorage"
    )
    env |= {
        "THIDUA_FILE_STORAGE": "django.core.files.storage.InMemoryStorage",
        "THIDUA_FILE_STORAGE_OPTIONS": '{"location": "/srv/shared"}',
    }
    assert settings_value("STORAGES['default']['BACKEND']", **env) == (
        "django.core.files.storage.InMemoryStorage"
    )
    assert settings_value("STORAGES['default']['OPTIONS']['location']", **env) == "/srv/shared"


def test_postgresql_connections_run_without_jit_unless_asked(tmp_path: Path) -> None:
    env = {"THIDUA_VAR_DIR": str(tmp_path), "DATABASE_URL": "postgres://u@db.internal:5432/td"}
    options = "DATABASES['default'].get('OPTIONS', {}).get('options')"
    assert settings_value(options, **env) == "-c jit=off"
    assert settings_value(options, **env, THIDUA_PG_JIT="true") == "None"
