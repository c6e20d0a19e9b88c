"""The single-check page, the API, the command and who may check."""

from __future__ import annotations

import csv

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.eligibility.data import people

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/eligibility/"
PERSONAS = ["admin", "board", "other_board", "council", "officer", "leader", "viewer", "outsider"]
ALLOWED_PAGE = {"admin", "board", "other_board", "council", "officer", "leader", "outsider"}
ALLOWED_MEMBER = {"admin", "board", "council", "officer", "leader"}


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_may_check_a_member_unit(world, persona):
    """``eligibility.check`` on the page and on a unit of Hà Nội, persona by persona."""
    user = world.user(persona)
    assert user.has_perm("eligibility.check") == (persona in ALLOWED_PAGE)
    assert user.has_perm("eligibility.check", world.member) == (persona in ALLOWED_MEMBER)


def _query(code: str) -> dict[str, str]:
    return {
        "subject_code": code,
        "award_code": "CSTD_TINH",
        "achievement_year": "2023",
        "received_on": "2024-01-15",
    }


def test_page_shows_the_verdict_and_reasons(client, world):
    (person,) = people(world.member, 1, years=(2021, 2023))
    client.force_login(world.officer)
    response = client.get(URL, _query(person.code))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Không đủ điều kiện" in body
    assert (
        "Chưa đủ 3 lần liên tục đạt Chiến sĩ thi đua cơ sở: 2021, 2023 đạt; 2022 không đạt" in body
    )
    assert "Điều 22 Luật TĐKT 2022" in body


def test_page_denied_and_out_of_scope(client, world):
    (person,) = people(world.member, 1)
    client.force_login(world.viewer)
    assert client.get(URL).status_code == 403
    client.force_login(world.outsider)
    response = client.get(URL, _query(person.code))
    assert response.status_code == 200
    body = response.content.decode()
    assert f"Không tìm thấy mã đối tượng “{person.code}” trong phạm vi của bạn." in body
    assert "Chiến sĩ thi đua cơ sở:" not in body


@pytest.mark.parametrize("history", [2, 8])
def test_page_queries_do_not_grow_with_history(client, world, history):
    (person,) = people(world.member, 1, years=tuple(range(2024 - history, 2024)))
    client.force_login(world.board)
    client.get(URL, _query(person.code))  # warm the session and lineage caches
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL, _query(person.code)).status_code == 200
    assert len(ctx.captured_queries) <= 22


def test_api_checks_one(client, world):
    (person,) = people(world.member, 1, years=(2021, 2022, 2023))
    client.force_login(world.board)
    response = client.post(
        "/api/v1/eligibility/checks/", _query(person.code), content_type="application/json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["rule_set"] == "luat-2022-nd98-2023"
    assert data["verdict"] == "not_eligible"  # no provincial initiative
    assert any(
        r["citation"] == "Điều 22 Luật TĐKT 2022" and r["outcome"] == "pass"
        for r in data["reasons"]
    )
    client.force_login(world.outsider)
    response = client.post(
        "/api/v1/eligibility/checks/", _query(person.code), content_type="application/json"
    )
    assert response.status_code == 404
    client.force_login(world.viewer)
    response = client.post(
        "/api/v1/eligibility/checks/", _query(person.code), content_type="application/json"
    )
    assert response.status_code == 403


def test_command_writes_verdicts(world, tmp_path):
    (person,) = people(world.member, 1, years=(2021, 2023))
    person.award_records.filter(award_code="LDTT", achievement_year=2023).delete()
    source, target = tmp_path / "rows.csv", tmp_path / "result.csv"
    source.write_text(
        "Mã đối tượng,Mã danh hiệu,Năm thành tích,Ngày nhận hồ sơ\n"
        f"{person.code},CSTD_TINH,2023,15/01/2024\n"
        f"{person.code},LDTT,2023,\n",
        encoding="utf-8",
    )
    call_command("eligibility", str(source), "-o", str(target), "--received-on", "15/01/2024")
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][6] == "Không đủ điều kiện"
    assert "2021, 2023 đạt; 2022 không đạt" in rows[1][7]
    assert rows[2][4] == "15/01/2024"
    assert rows[2][6] == "Đủ điều kiện"


def test_command_writes_a_code_like_a_formula_as_text(world, tmp_path):
    """A stored code that looks like a formula is echoed in the result as text, never run."""
    from tests.eligibility.data import people

    (person,) = people(world.member, 1, prefix='=HYPERLINK("http://x","y")')
    source, target = tmp_path / "rows.csv", tmp_path / "result.csv"
    quoted = person.code.replace('"', '""')
    source.write_text(
        "Mã đối tượng,Mã danh hiệu,Năm thành tích,Ngày nhận hồ sơ\n"
        f'"{quoted}",LDTT,2023,15/01/2024\n',
        encoding="utf-8",
    )
    call_command("eligibility", str(source), "-o", str(target), "--received-on", "15/01/2024")
    with target.open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][1] == "'" + person.code
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
