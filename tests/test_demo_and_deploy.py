from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from thidua.accounts.models import User
from thidua.clusters.models import ClusterYear
from thidua.organizations.models import Organization

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def heads() -> dict[tuple[str, int], tuple[str, str | None, int]]:
    return {
        (cy.cluster.code, cy.year): (
            cy.head.name,
            cy.deputy.name if cy.deputy else None,
            cy.memberships.count(),
        )
        for cy in ClusterYear.objects.filter(
            cluster__code__in=["HN-C06", "HN-C07", "HN-C10"]
        ).select_related("cluster", "head", "deputy")
        if cy.head
    }


def test_demo_loads_the_three_seed_clusters_and_is_idempotent() -> None:
    out = io.StringIO()
    call_command("demo", stdout=out)
    counts = (Organization.objects.count(), ClusterYear.objects.count(), User.objects.count())
    call_command("demo", stdout=io.StringIO())
    assert (
        Organization.objects.count(),
        ClusterYear.objects.count(),
        User.objects.count(),
    ) == counts
    assert heads() == {
        ("HN-C06", 2023): (
            "Văn phòng UBND Thành phố",
            "Trung tâm Xúc tiến đầu tư, thương mại, du lịch Thành phố",
            7,
        ),
        ("HN-C06", 2024): ("Thanh tra Thành phố", "Sở Nội vụ", 7),
        ("HN-C07", 2021): (
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Thông tin và Truyền thông",
            7,
        ),
        ("HN-C10", 2020): ("Huyện Sóc Sơn", None, 5),
    }
    assert "bantdkt" in out.getvalue() and "thidua-demo" in out.getvalue()
    assert User.objects.get(username="bantdkt").check_password("thidua-demo")


def test_demo_board_officer_sees_the_three_clusters(client) -> None:  # type: ignore[no-untyped-def]
    call_command("demo", stdout=io.StringIO())
    client.login(username="bantdkt", password="thidua-demo")
    rows = client.get("/clusters/").context["page"].object_list
    assert [(cy.cluster.code, cy.year) for cy in rows] == [
        ("HN-C06", 2024),
        ("HN-C06", 2023),
        ("HN-C07", 2021),
        ("HN-C10", 2020),
    ]


@pytest.mark.django_db(databases=[])
def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "THIDUA_PRODUCTION": "true",
        "THIDUA_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-1234567890",
        "THIDUA_VOTING_SEAL_KEY": "s" * 20 + "another-random-secret-for-the-urn-0123456789",
        "THIDUA_VOTING_PASS_KEY": "p" * 20 + "a-third-random-secret-for-the-cards-012345",
        "THIDUA_AUDIT_KEY": "a" * 20 + "a-fourth-random-secret-for-the-audit-chain-0123",
        "THIDUA_ALLOWED_HOSTS": "thidua.example.gov.vn",
        "THIDUA_HSTS_SECONDS": "31536000",
        "THIDUA_SSL_REDIRECT": "true",
        "THIDUA_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "thidua", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stderr.strip()) == (0, "")
    assert "no issues" in result.stdout


@pytest.mark.django_db(databases=[])
def test_production_refuses_to_start_without_secret_key(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "THIDUA_PRODUCTION": "true",
        "THIDUA_SECRET_KEY": "",
        "THIDUA_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "thidua", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "THIDUA_SECRET_KEY is required in production" in result.stderr


@pytest.mark.django_db(databases=[])
def test_production_refuses_to_start_without_the_voting_keys(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "THIDUA_PRODUCTION": "true",
        "THIDUA_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-1234567890",
        "THIDUA_VOTING_SEAL_KEY": "",
        "THIDUA_VOTING_PASS_KEY": "",
        "THIDUA_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "thidua", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "THIDUA_VOTING_SEAL_KEY and THIDUA_VOTING_PASS_KEY are required" in result.stderr


def test_the_deploy_check_wants_distinct_random_voting_keys(settings: Any) -> None:
    from thidua.voting.checks import voting_keys

    settings.VOTING_SEAL_KEY = settings.SECRET_KEY
    settings.VOTING_PASS_KEY = "short"
    assert [w.id for w in voting_keys(None)] == ["voting.W001", "voting.W002"]
    settings.VOTING_SEAL_KEY = "s" * 40
    settings.VOTING_PASS_KEY = "p" * 40
    assert voting_keys(None) == []


@pytest.mark.django_db(databases=[])
def test_production_refuses_to_start_without_the_audit_key(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "THIDUA_PRODUCTION": "true",
        "THIDUA_SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-1234567890",
        "THIDUA_VOTING_SEAL_KEY": "s" * 40,
        "THIDUA_VOTING_PASS_KEY": "p" * 40,
        "THIDUA_AUDIT_KEY": "",
        "THIDUA_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "thidua.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "thidua", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "THIDUA_AUDIT_KEY is required in production" in result.stderr


def test_the_deploy_check_wants_a_random_audit_key_of_its_own(settings: Any) -> None:
    from thidua.audit.checks import audit_key

    assert [w.id for w in audit_key(None)] == ["audit.W002"]  # the development key
    settings.AUDIT_KEY = settings.SECRET_KEY
    assert [w.id for w in audit_key(None)] == ["audit.W001", "audit.W002"]
    settings.AUDIT_KEY = "short"
    assert [w.id for w in audit_key(None)] == ["audit.W002"]
    settings.AUDIT_KEY = "a" * 40
    assert audit_key(None) == []
