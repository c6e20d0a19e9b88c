"""The unit import's “Mã cơ quan tổ chức”: a new unit's authority is written or known, never guessed."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories_import import csv_bytes, db_state, row
from thidua.clusters.imports import import_units
from thidua.clusters.imports.template import build_csv
from thidua.organizations.models import Organization

pytestmark = [pytest.mark.unit, pytest.mark.django_db]


def test_a_unit_without_a_cluster_takes_the_authority_written_on_its_row(world: World) -> None:
    rows = [row(code="HP-STP", name="Sở Tư pháp", kind="Sở", province="Hải Phòng", authority="HP")]

    result = import_units(data=csv_bytes(rows), filename="hp.csv", user=None)

    assert result.errors == []
    assert Organization.objects.get(code="HP-STP").authority == world.other_authority


def test_a_board_officer_imports_units_of_their_authority_without_a_cluster(world: World) -> None:
    rows = [row(code="HN-STP", name="Sở Tư pháp", kind="Sở", authority="hn")]

    result = import_units(data=csv_bytes(rows), filename="hn.csv", user=world.board)

    assert result.errors == []
    assert Organization.objects.get(code="HN-STP").authority == world.authority


@pytest.mark.parametrize("persona", ["board", "admin"])
def test_a_unit_with_neither_authority_nor_cluster_is_refused(world: World, persona: str) -> None:
    rows = [row(code="HN-STP", name="Sở Tư pháp", kind="Sở")]
    state = db_state()

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=world.user(persona))

    assert [(e.row, e.column) for e in result.errors] == [(2, "Mã cơ quan tổ chức")]
    assert result.errors[0].message.startswith(
        "Chưa rõ đơn vị mới “HN-STP” thuộc cơ quan tổ chức nào: hãy ghi “Mã cơ quan tổ chức”"
    )
    assert db_state() == state


def test_an_unknown_authority_code_is_refused(world: World) -> None:
    rows = [row(code="XX-STP", name="Sở Tư pháp", kind="Sở", authority="XX")]
    state = db_state()

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=None)

    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (
            2,
            "Mã cơ quan tổ chức",
            "Cơ quan tổ chức “XX” không tồn tại; hãy ghi mã của một cơ quan đã có.",
        )
    ]
    assert db_state() == state


def test_a_board_officer_cannot_create_a_unit_of_another_authority(world: World) -> None:
    rows = [row(code="HP-STP", name="Sở Tư pháp", kind="Sở", authority="HP")]
    state = db_state()

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=world.board)

    assert [(e.row, e.column) for e in result.errors] == [(2, "Mã cơ quan tổ chức")]
    assert "không tạo được đơn vị của Hội đồng Thi đua - Khen thưởng Thành phố Hải Phòng" in (
        result.errors[0].message
    )
    assert db_state() == state


def test_a_new_unit_in_clusters_of_two_authorities_is_ambiguous(world: World) -> None:
    rows = [
        row(code="X-SXD", name="Sở Xây dựng", kind="Sở", cluster="HN-C06", year=2023),
        row(code="X-SXD", cluster="HP-C01", year=2023),
    ]
    state = db_state()

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=None)

    assert [(e.row, e.column) for e in result.errors] == [(2, "Mã cơ quan tổ chức")]
    assert "nhiều cơ quan (HN, HP)" in result.errors[0].message
    assert db_state() == state


def test_a_new_unit_joining_a_cluster_takes_the_clusters_authority(world: World) -> None:
    rows = [row(code="HN-SXD", name="Sở Xây dựng", kind="Sở", cluster="HN-C06", year=2023)]

    result = import_units(data=csv_bytes(rows), filename="x.csv", user=world.board)

    assert result.errors == []
    assert Organization.objects.get(code="HN-SXD").authority == world.authority


def test_the_template_has_the_authority_column(world: World) -> None:
    header = build_csv().decode("utf-8-sig").splitlines()[0]

    assert header.endswith("Mã cơ quan tổ chức")


@pytest.mark.integration
def test_the_import_page_states_the_authority_rule(world: World) -> None:
    client = Client()
    client.force_login(world.board)

    assert "hệ thống không tự đoán" in client.get("/clusters/import/").content.decode()
