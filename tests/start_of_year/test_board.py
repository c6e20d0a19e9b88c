"""The follow-up list (with XLSX and CSV), the board roll-up (constant queries, XLSX), the home
panels and the cluster-year page sections."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from tests.conftest import World
from tests.factories import (
    ClusterFactory,
    ClusterMembershipFactory,
    ClusterYearFactory,
    UserFactory,
)
from tests.factories_start_of_year import make_pledge, make_registration
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.clusters.deadlines import set_deadline
from thidua.start_of_year.exports import HEADER_ROW
from thidua.start_of_year.services import signatures

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BASE = "/start-of-year/HN-C06/2023/"


def past() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=1)


@pytest.fixture
def late_world(world: World, leaders: dict[str, User]) -> World:
    """Registration and pledge deadlines passed; only Sở Nội vụ registered and signed."""
    make_registration(world.cy, world.member, world.officer, submit=True)
    pledge = make_pledge(world.cy, world.secretariat)
    signatures.sign_pledge(pledge=pledge, by=world.leader, organization=world.member)
    set_deadline(cluster_year=world.cy, step="registration", due_at=past())
    set_deadline(cluster_year=world.cy, step="pledge", due_at=past())
    return world


def sheet_rows(data: bytes) -> list[tuple[Any, ...]]:
    """The table of an export: its header row (5, under the title block) and the rows below."""
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))


# ---------------------------------------------------------------- follow-up


@pytest.mark.parametrize("persona", ["secretariat", "board", "admin"])
def test_follow_up_page_lists_the_late_units(
    client: Client, late_world: World, persona: str
) -> None:
    client.force_login(late_world.user(persona))
    response = client.get(BASE + "follow-up/")
    rows = [(r.organization.name, r.kind) for r in response.context["rows"]]
    assert rows == [
        ("Sở Ngoại vụ", "not_registered"),
        ("Văn phòng UBND Thành phố", "not_registered"),
        ("Sở Ngoại vụ", "not_signed"),
        ("Văn phòng UBND Thành phố", "not_signed"),
    ]
    assert response.context["late_units"] == 2


def test_follow_up_filters_by_kind(client: Client, late_world: World) -> None:
    client.force_login(late_world.secretariat)
    response = client.get(BASE + "follow-up/", {"kind": "not_signed"})
    assert [r.kind for r in response.context["rows"]] == ["not_signed", "not_signed"]


@pytest.mark.parametrize(
    ("persona", "status"), [("officer", 403), ("leader", 403), ("outsider", 404)]
)
def test_follow_up_page_denied(client: Client, world: World, persona: str, status: int) -> None:
    client.force_login(world.user(persona))
    assert client.get(BASE + "follow-up/").status_code == status
    assert client.get(BASE + "follow-up.xlsx").status_code == status


def test_follow_up_xlsx_opens_and_has_the_rows(client: Client, late_world: World) -> None:
    client.force_login(late_world.secretariat)
    response = client.get(BASE + "follow-up.xlsx")
    rows = sheet_rows(response.content)
    assert rows[0] == (
        "Cụm, khối",
        "Năm",
        "Đơn vị",
        "Việc chậm",
        "Chi tiết",
        "Hạn",
        "Mở lại đến",
    )
    assert [(r[0], r[1], r[2], r[3]) for r in rows[1:]] == [
        ("Cụm thi đua số 6", 2023, "Sở Ngoại vụ", "Chưa đăng ký thi đua"),
        ("Cụm thi đua số 6", 2023, "Văn phòng UBND Thành phố", "Chưa đăng ký thi đua"),
        ("Cụm thi đua số 6", 2023, "Sở Ngoại vụ", "Chưa ký giao ước"),
        ("Cụm thi đua số 6", 2023, "Văn phòng UBND Thành phố", "Chưa ký giao ước"),
    ]
    assert response["Content-Disposition"] == 'attachment; filename="don-vi-cham-HN-C06-2023.xlsx"'


def test_follow_up_csv_has_the_rows(client: Client, late_world: World) -> None:
    client.force_login(late_world.board)
    response = client.get(BASE + "follow-up.csv", {"kind": "not_registered"})
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert [row[2:4] for row in rows] == [
        ["Đơn vị", "Việc chậm"],
        ["Sở Ngoại vụ", "Chưa đăng ký thi đua"],
        ["Văn phòng UBND Thành phố", "Chưa đăng ký thi đua"],
    ]


def test_follow_up_across_the_authority_for_the_board(client: Client, late_world: World) -> None:
    other = ClusterYearFactory(cluster=ClusterFactory(authority=late_world.authority), year=2023)
    ClusterMembershipFactory(cluster_year=other)
    set_deadline(cluster_year=other, step="registration", due_at=past())
    client.force_login(late_world.board)
    response = client.get("/start-of-year/follow-up/", {"year": 2023})
    assert (response.context["year"], response.context["late_units"]) == (2023, 3)
    assert len(sheet_rows(client.get("/start-of-year/follow-up.xlsx", {"year": 2023}).content)) == 6


def test_follow_up_shows_fifty_rows_a_page_and_exports_them_all(
    client: Client, late_world: World
) -> None:
    for _ in range(26):  # 2 + 26 late units, each not registered and not signed: 56 rows
        ClusterMembershipFactory(cluster_year=late_world.cy)
    client.force_login(late_world.secretariat)
    first = client.get(BASE + "follow-up/")
    second = client.get(BASE + "follow-up/", {"page": 2})

    assert [len(r.context["page"].object_list) for r in (first, second)] == [50, 6]
    assert "Trang 1/2 (56 dòng)" in first.content.decode()
    assert first.content.decode().count("<tr>") == 51  # the header and one page of rows
    assert first.context["late_units"] == 28
    assert len(sheet_rows(client.get(BASE + "follow-up.xlsx").content)) == 57


def test_follow_up_across_clusters_is_403_for_unit_users(client: Client, world: World) -> None:
    client.force_login(world.officer)
    assert client.get("/start-of-year/follow-up/").status_code == 403


@pytest.mark.parametrize("extra", [0, 5], ids=["3 units", "8 units"])
def test_follow_up_query_count_is_constant(
    client: Client,
    world: World,
    leaders: dict[str, User],
    django_assert_num_queries: Any,
    extra: int,
) -> None:
    for _ in range(extra):
        org = ClusterMembershipFactory(cluster_year=world.cy).organization
        make_registration(
            world.cy,
            org,
            UserFactory(role=Role.UNIT_OFFICER, organization=org),
            accept_by=world.secretariat,
        )
    make_pledge(world.cy, world.secretariat)
    for step in ("registration", "pledge", "progress"):
        set_deadline(cluster_year=world.cy, step=step, due_at=past())
    client.force_login(world.secretariat)
    with django_assert_num_queries(12):
        response = client.get(BASE + "follow-up/")
    # every unit is late for something: 3 never registered, the others have no progress
    assert response.context["late_units"] == 3 + extra


# ---------------------------------------------------------------- roll-up


def rollup_world(world: World, clusters: int, catalogue_user: User) -> None:
    for i in range(clusters):
        cy = ClusterYearFactory(
            cluster=ClusterFactory(authority=world.authority, number=20 + i), year=2023
        )
        secretariat_org = ClusterMembershipFactory(cluster_year=cy).organization
        cy.head = secretariat_org
        cy.save()
        secretariat = UserFactory(role=Role.CLUSTER_SECRETARIAT, organization=secretariat_org)
        for _ in range(2):
            org = ClusterMembershipFactory(cluster_year=cy).organization
            make_registration(
                cy, org, UserFactory(role=Role.UNIT_OFFICER, organization=org), models=2
            )
        make_pledge(cy, secretariat)


@pytest.mark.parametrize("clusters", [1, 6])
def test_rollup_query_count_is_constant(
    client: Client,
    world: World,
    leaders: dict[str, User],
    django_assert_num_queries: Any,
    clusters: int,
) -> None:
    rollup_world(world, clusters, world.secretariat)
    client.force_login(world.board)
    # session, user, years, authorities, cluster choices, the page's count and its cluster years,
    # the unit count, then registrations, pledges and memberships of the page's cluster years
    with django_assert_num_queries(11):
        response = client.get("/start-of-year/rollup/", {"year": 2023})
    assert len(response.context["clusters"]) == 1 + clusters
    assert response.context["unit_count"] == 3 + 3 * clusters


def test_rollup_is_paginated_by_cluster_year_with_the_totals_of_every_page(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    rollup_world(world, 21, world.secretariat)  # with Cụm 6: 22 cluster years, 66 units
    client.force_login(world.board)
    first = client.get("/start-of-year/rollup/", {"year": 2023})
    second = client.get("/start-of-year/rollup/", {"year": 2023, "page": 2})

    assert [len(r.context["clusters"]) for r in (first, second)] == [20, 2]
    assert first.context["unit_count"] == second.context["unit_count"] == 66
    assert "22 cụm, khối" in first.content.decode()
    assert "Trang 1/2" in first.content.decode()
    shown = [c.cluster_year.pk for r in (first, second) for c in r.context["clusters"]]
    assert len(set(shown)) == 22
    rows = sheet_rows(client.get("/start-of-year/rollup.xlsx", {"year": 2023}).content)
    assert len([r for r in rows if r and r[1] == 2023]) == 66  # the file has every row


def test_rollup_shows_title_counts_status_and_pledge(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    make_registration(world.cy, world.member, world.officer, models=2, submit=True)
    pledge = make_pledge(world.cy, world.secretariat)
    signatures.sign_pledge(pledge=pledge, by=world.leader, organization=world.member)
    client.force_login(world.board)
    response = client.get("/start-of-year/rollup/", {"year": 2023})
    (cluster,) = response.context["clusters"]
    assert (
        cluster.pledge.version,
        cluster.signed_count,
        cluster.member_count,
        cluster.in_force,
    ) == (
        1,
        1,
        3,
        False,
    )
    units = [
        (u.name, u.award_name, u.model_count, u.topic_count, u.status_label) for u in cluster.units
    ]
    assert units == [
        ("Sở Ngoại vụ", "", 0, 0, "Chưa đăng ký"),
        ("Sở Nội vụ", "Tập thể lao động xuất sắc", 2, 1, "Đã gửi, chờ duyệt"),
        ("Văn phòng UBND Thành phố", "", 0, 0, "Chưa đăng ký"),
    ]


def test_rollup_filters_and_xlsx(client: Client, world: World, leaders: dict[str, User]) -> None:
    bloc = ClusterYearFactory(
        cluster=ClusterFactory(
            authority=world.authority, kind="bloc", code="HN-K01", name="Khối các sở"
        ),
        year=2023,
    )
    ClusterMembershipFactory(cluster_year=bloc, organization__name="Sở Tư pháp")
    make_registration(world.cy, world.member, world.officer, submit=True)
    client.force_login(world.board)
    blocs = client.get("/start-of-year/rollup/", {"year": 2023, "kind": "bloc"}).context["clusters"]
    one = client.get("/start-of-year/rollup/", {"year": 2023, "cluster": "HN-C06"}).context[
        "clusters"
    ]
    assert (
        [c.cluster_year.cluster.code for c in blocs],
        [c.cluster_year.cluster.code for c in one],
    ) == (
        ["HN-K01"],
        ["HN-C06"],
    )
    rows = sheet_rows(client.get("/start-of-year/rollup.xlsx", {"year": 2023}).content)
    assert rows[0][:4] == ("Cụm, khối", "Năm", "Đơn vị", "Danh hiệu, hình thức đăng ký")
    assert [(r[0], r[2], r[3], r[6]) for r in rows[1:]] == [
        ("Khối các sở", "Sở Tư pháp", None, "Chưa đăng ký"),
        ("Cụm thi đua số 6", "Sở Ngoại vụ", None, "Chưa đăng ký"),
        ("Cụm thi đua số 6", "Sở Nội vụ", "Tập thể lao động xuất sắc", "Đã gửi, chờ duyệt"),
        ("Cụm thi đua số 6", "Văn phòng UBND Thành phố", None, "Chưa đăng ký"),
    ]


def test_rollup_htmx_returns_the_results_partial(client: Client, world: World) -> None:
    client.force_login(world.board)
    body = client.get(
        "/start-of-year/rollup/", {"year": 2023}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert (body.lstrip().startswith('<div id="results">'), "<html" in body) == (True, False)


@pytest.mark.parametrize("persona", ["secretariat", "officer", "leader", "council", "viewer"])
def test_rollup_is_403_except_for_board_and_admin(
    client: Client, world: World, persona: str
) -> None:
    client.force_login(world.user(persona))
    assert client.get("/start-of-year/rollup/").status_code == 403
    assert client.get("/start-of-year/rollup.xlsx").status_code == 403


def test_rollup_of_a_board_officer_shows_only_the_authority(client: Client, world: World) -> None:
    client.force_login(world.other_board)
    codes = [
        c.cluster_year.cluster.code
        for c in client.get("/start-of-year/rollup/").context["clusters"]
    ]
    client.force_login(world.admin)
    every = [
        c.cluster_year.cluster.code
        for c in client.get("/start-of-year/rollup/").context["clusters"]
    ]
    assert (codes, every) == (["HP-C01"], ["HN-C06", "HP-C01"])
    page = client.get("/start-of-year/rollup/", {"authority": "HP"})
    assert [c.cluster_year.cluster.code for c in page.context["clusters"]] == ["HP-C01"]
    assert [code for code, _name in page.context["authorities"]] == ["HN", "HP"]
    client.force_login(world.other_board)  # one authority: no authority filter offered
    assert client.get("/start-of-year/rollup/").context["authorities"] == []


# ---------------------------------------------------------------- home panels and sections


def panel_titles(client: Client) -> dict[str, str]:
    return {p.title: p.summary for p in client.get("/").context["panels"]}


def test_secretariat_panel_counts_late_units(client: Client, late_world: World) -> None:
    client.force_login(late_world.secretariat)
    assert panel_titles(client)["Đơn vị chậm tiến độ năm 2023"] == (
        "2 đơn vị chậm đăng ký, ký giao ước hoặc báo cáo tiến độ."
    )


def test_no_late_panel_when_nobody_is_late(client: Client, world: World) -> None:
    client.force_login(world.board)
    assert "Đơn vị chậm tiến độ năm 2023" not in panel_titles(client)


def test_unit_panel_says_what_is_left_to_do(
    client: Client, world: World, leaders: dict[str, User]
) -> None:
    make_pledge(world.cy, world.secretariat)
    client.force_login(world.leader)
    # before the secretariat sets the registration deadline, only the signature is asked for
    assert panel_titles(client)["Việc đầu năm 2023 của đơn vị"] == (
        "Cụm thi đua số 6: ký giao ước thi đua."
    )
    set_deadline(
        cluster_year=world.cy, step="registration", due_at=timezone.now() + dt.timedelta(days=9)
    )
    assert panel_titles(client)["Việc đầu năm 2023 của đơn vị"] == (
        "Cụm thi đua số 6: gửi đăng ký thi đua; Cụm thi đua số 6: ký giao ước thi đua."
    )
    client.force_login(world.officer)  # an officer does not sign
    assert panel_titles(client)["Việc đầu năm 2023 của đơn vị"] == (
        "Cụm thi đua số 6: gửi đăng ký thi đua."
    )
    make_registration(world.cy, world.member, world.officer, submit=True)
    assert "Việc đầu năm 2023 của đơn vị" not in panel_titles(client)


def test_cluster_year_page_links_to_the_pledge_and_registrations(
    client: Client, late_world: World
) -> None:
    client.force_login(late_world.officer)
    sections = {
        s.title: s.summary for s in client.get("/clusters/HN-C06/2023/").context["sections"]
    }
    assert sections["Giao ước thi đua"] == "Phiên bản 1 · đã ký 1/3 · đang ký"
    assert sections["Đăng ký thi đua"] == "1/3 đơn vị đã gửi đăng ký"
    assert "Hạn chót, theo dõi và đôn đốc" not in sections
    client.force_login(late_world.secretariat)
    sections = {s.title for s in client.get("/clusters/HN-C06/2023/").context["sections"]}
    assert "Hạn chót, theo dõi và đôn đốc" in sections
