"""The /legal/ pages: in words, in scope, with a constant number of queries."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.legal.helpers import ND98, ND152, local_set, national
from thidua.legal import services
from thidua.legal.models import RuleParameter, RuleSet

pytestmark = [pytest.mark.integration, pytest.mark.django_db]
VALUE_CELL = re.compile(r'class="param-value">(.*?)</td>', re.S)


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_law_is_shown_in_words(world: World) -> None:
    local_set(world.authority)
    body = client_for(world.viewer).get("/legal/").content.decode()
    values = VALUE_CELL.findall(body)
    assert len(values) > 100
    assert [v for v in values if "True" in v or "[" in v or "0.7" in v or "False" in v] == []
    assert "≥ 70 %" in values and "3 năm liên tục" in values and "Có" in values
    assert "Hoàn thành tốt nhiệm vụ trở lên" in values and "4,5 lần lương cơ sở" in values
    assert "Điều 22 Luật TĐKT 2022" in body
    assert "Thang điểm chấm điểm thi đua cụm, khối" in body


def test_a_local_version_is_seen_only_in_its_authority(world: World) -> None:
    local = local_set(world.authority)
    assert local.code in client_for(world.board).get("/legal/").content.decode()
    assert local.code not in client_for(world.other_board).get("/legal/").content.decode()
    assert client_for(world.other_board).get(f"/legal/{local.code}/").status_code == 404
    assert client_for(world.admin).get(f"/legal/{local.code}/").status_code == 200
    assert client_for(world.viewer).get("/legal/khong-co/").status_code == 404


def test_a_version_shows_what_differs_from_the_one_it_supersedes(world: World) -> None:
    draft = services.clone_rule_set(user=world.admin, rule_set=national())
    services.set_parameter(
        user=world.admin,
        rule_set=draft,
        code="cstd_tinh_consecutive_cstdcs",
        value=4,
        operator="gte",
        instrument=None,
        article="Điều 22",
        mark="R",
    )
    body = client_for(world.viewer).get(f"/legal/{draft.code}/").content.decode()
    assert "Khác với phiên bản trước" in body
    assert "3 năm liên tục" in body and "4 năm liên tục" in body


def test_compare_lists_added_removed_and_changed(world: World) -> None:
    body = client_for(world.viewer).get(f"/legal/compare/?a={ND98}&b={ND152}").content.decode()
    assert "Không khen thưởng đơn vị đã giải thể" in body  # added by ND 152
    assert "Tỷ lệ phiếu đồng ý của Hội đồng" in body  # not found in ND 152
    assert "khoản 2 Điều 44 NĐ 152/2025" in body  # the citation changed


def test_the_workflow_through_the_pages(world: World) -> None:
    admin = client_for(world.admin)
    response = admin.post(f"/legal/{ND152}/clone/", {"code": "nd152-sua"})
    assert response.url == "/legal/nd152-sua/edit/"
    bad = admin.post(
        "/legal/nd152-sua/edit/",
        {"code": "ttldxs_min_ratio_ldtt", "value": "3/4", "mark": "S", "operator": ""},
    )
    assert "cần phép so sánh" in bad.content.decode()
    assert (
        RuleParameter.objects.get(rule_set__code="nd152-sua", code="ttldxs_min_ratio_ldtt").num == 7
    )
    ok = admin.post(
        "/legal/nd152-sua/edit/",
        {"code": "ttldxs_min_ratio_ldtt", "value": "75 %", "mark": "S", "operator": "gte"},
    )
    assert ok.status_code == 302
    overlap = admin.post(
        "/legal/nd152-sua/publish/", {"legal_basis": "x", "effective_from": "01/01/2025"}
    )
    assert "trùng thời gian hiệu lực" in overlap.content.decode()
    assert RuleSet.objects.get(code="nd152-sua").status == "draft"
    done = admin.post(
        "/legal/nd152-sua/publish/", {"legal_basis": "x", "effective_from": "01/01/2027"}
    )
    assert done.url == "/legal/nd152-sua/"
    assert national().effective_to == dt.date(2026, 12, 31)
    assert (
        str(
            RuleSet.objects.get(code="nd152-sua").parameters.get(code="ttldxs_min_ratio_ldtt").value
        )
        == "3/4"
    )


def test_a_draft_is_deleted_from_its_page(world: World) -> None:
    draft = services.clone_rule_set(user=world.admin, rule_set=national())
    assert client_for(world.admin).post(f"/legal/{draft.code}/delete/").url == "/legal/"
    assert not RuleSet.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("tail", ["edit/", "publish/"])
def test_the_workflow_pages_refuse_other_people(world: World, tail: str) -> None:
    draft = services.clone_rule_set(user=world.admin, rule_set=national())
    assert client_for(world.board).get(f"/legal/{draft.code}/{tail}").status_code == 403
    assert client_for(world.viewer).post(f"/legal/{ND152}/clone/").status_code == 403
    assert client_for(world.board).post(f"/legal/{draft.code}/delete/").status_code == 403
    assert RuleSet.objects.filter(pk=draft.pk).exists()


def test_the_pages_need_a_login(client: Client) -> None:
    assert client.get("/legal/").url == "/accounts/login/?next=/legal/"
    assert client.get(f"/legal/{ND152}/").url.startswith("/accounts/login/")


def _grow(world: World, n: int) -> None:
    for i in range(n):
        local_set(world.authority, code=f"local-{i}", start=dt.date(2030 + i, 1, 1), version=i + 1)
        RuleSet.objects.filter(code=f"local-{i}").update(effective_to=dt.date(2030 + i, 12, 31))


@pytest.mark.parametrize("size", [1, 12])
def test_query_counts_do_not_grow_with_the_versions(
    world: World, size: int, django_assert_max_num_queries: Any
) -> None:
    _grow(world, size)
    client = client_for(world.board)
    with django_assert_max_num_queries(14):
        assert client.get("/legal/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"/legal/{ND152}/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"/legal/compare/?a={ND98}&b=local-0").status_code == 200
