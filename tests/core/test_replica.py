"""Reports read from the replica only inside ``reports_reads()`` and only when it is configured;
writes always go to the primary (``core.replica``)."""

from __future__ import annotations

import copy

import pytest
from django.conf import settings
from django.db import router

from thidua.accounts.models import User
from thidua.core.replica import ReportsRouter, reports_database, reports_reads


@pytest.fixture
def replica(monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``reports`` database in the settings (never connected to by these tests)."""
    monkeypatch.setitem(
        settings.DATABASES,
        "reports",
        {**copy.deepcopy(settings.DATABASES["default"]), "TEST": {"MIRROR": "default"}},
    )


def test_without_a_replica_everything_stays_on_the_primary() -> None:
    with reports_reads():
        assert reports_database() == "default"
        assert router.db_for_read(User) == "default"
    assert router.db_for_write(User) == "default"


@pytest.mark.usefixtures("replica")
def test_with_a_replica_only_report_reads_go_there() -> None:
    assert reports_database() == "default"
    assert ReportsRouter().db_for_read(User) is None  # default
    with reports_reads():
        assert reports_database() == "reports"
        assert ReportsRouter().db_for_read(User) == "reports"
        assert ReportsRouter().db_for_write(User) == "default"
        with reports_reads():
            assert reports_database() == "reports"
        assert reports_database() == "reports"  # the inner block leaves the outer one on
    assert reports_database() == "default"


@pytest.mark.usefixtures("replica")
def test_an_error_inside_leaves_reads_on_the_primary() -> None:
    with pytest.raises(RuntimeError), reports_reads():
        raise RuntimeError
    assert reports_database() == "default"


def test_the_replica_is_never_migrated() -> None:
    assert ReportsRouter().allow_migrate("reports", "accounts") is False
    assert ReportsRouter().allow_migrate("default", "accounts") is True


@pytest.mark.django_db
def test_reads_inside_without_a_replica_see_the_primary(django_user_model: type[User]) -> None:
    django_user_model.objects.create(username="seen")
    with reports_reads():
        assert django_user_model.objects.filter(username="seen").exists()
