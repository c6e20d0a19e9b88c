"""The API lists of units, clusters and cluster years are built from ``.values()`` rows
(``clusters.api_lists``, issue 13): the JSON is the serializers' one for the same rows, the
scope is the person's, the queries do not grow with the data, and ``?cursor=`` walks the cluster
years in the order of limit/offset."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import pytest
from django.db.models import Prefetch
from django.test import Client
from rest_framework.renderers import JSONRenderer

from tests.conftest import World
from tests.factories import (
    AuthorityFactory,
    ClusterFactory,
    ClusterMembershipFactory,
    ClusterYearFactory,
    OrganizationFactory,
)
from thidua.clusters.api import OrganizationSerializer
from thidua.clusters.cluster_api import ClusterSerializer, ClusterYearSerializer
from thidua.clusters.enums import ClusterKind, HeadsStatus
from thidua.clusters.models import Cluster
from thidua.clusters.selectors import (
    cluster_year_detail,
    cluster_years_for_user,
    organizations_for_user,
)
from thidua.organizations.enums import OrganizationKind

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

PERSONAS = ["admin", "board", "other_board", "secretariat", "officer", "outsider"]


@pytest.fixture
def varied(world: World) -> World:
    """Rows that take every branch of the rows: a unit placed by its authority's short name, one
    with neither province nor authority, one with a parent and dates; a bloc without number with
    a description; a year whose heads are unknown, one with only a head and a decision date."""
    short = AuthorityFactory(code="HN-Q", name="Hội đồng Thi đua quận", short_name="HĐ quận")
    OrganizationFactory(name="Phòng Nội vụ", province="", authority=short)
    OrganizationFactory(
        name="Ban không thuộc cơ quan", province="", authority=None, kind=OrganizationKind.OTHER
    )
    OrganizationFactory(
        name="Sở sáp nhập",
        authority=world.authority,
        parent=world.member,
        valid_from=dt.date(2015, 1, 1),
        valid_to=dt.date(2025, 6, 30),
    )
    bloc = ClusterFactory(
        authority=world.authority,
        kind=ClusterKind.BLOC,
        number=None,
        code="HN-K01",
        name="Khối các sở",
        description="Các sở, ban, ngành",
    )
    unknown = ClusterYearFactory(cluster=bloc, year=2020, heads_status=HeadsStatus.UNKNOWN)
    ClusterMembershipFactory(cluster_year=unknown, organization=world.member)
    headed = ClusterYearFactory(
        cluster=bloc,
        year=2021,
        theme="Chủ đề năm 2021",
        head_decision_ref="QĐ 12/QĐ-CTĐ",
        head_decision_date=dt.date(2021, 2, 15),
    )
    ClusterMembershipFactory(cluster_year=headed, organization=world.member)
    headed.head = world.member
    headed.save()
    return world


def _as_json(data: Any) -> Any:
    return json.loads(JSONRenderer().render(data))


def _results(client: Client, path: str) -> list[dict[str, Any]]:
    response = client.get(path, {"limit": 500})
    assert response.status_code == 200
    return response.json()["results"]


def _same(got: list[dict[str, Any]], expected: Any) -> None:
    expected = _as_json(expected)
    assert got == expected
    assert [list(row) for row in got] == [list(row) for row in expected]  # same key order


@pytest.mark.parametrize("persona", PERSONAS)
def test_organizations_list_is_the_serializers_json(
    client: Client, varied: World, persona: str
) -> None:
    user = varied.user(persona)
    client.force_login(user)
    old = organizations_for_user(user).select_related("authority").order_by("sort_key")
    _same(_results(client, "/api/v1/organizations/"), OrganizationSerializer(old, many=True).data)


@pytest.mark.parametrize("persona", PERSONAS)
def test_clusters_list_is_the_serializers_json(client: Client, varied: World, persona: str) -> None:
    user = varied.user(persona)
    client.force_login(user)
    visible = cluster_years_for_user(user)
    old = (
        Cluster.objects.filter(pk__in=visible.values("cluster_id"))
        .prefetch_related(Prefetch("years", queryset=visible.order_by("year")))
        .order_by("authority__sort_key", "kind", "number", "sort_key")
    )
    _same(_results(client, "/api/v1/clusters/"), ClusterSerializer(old, many=True).data)


@pytest.mark.parametrize("persona", PERSONAS)
def test_cluster_years_list_is_the_serializers_json(
    client: Client, varied: World, persona: str
) -> None:
    user = varied.user(persona)
    client.force_login(user)
    old = cluster_year_detail(user).order_by("-year", "cluster__code")
    got = _results(client, "/api/v1/cluster-years/")
    _same(got, ClusterYearSerializer(old, many=True).data)
    if persona == "admin":  # the branches were all taken
        by_code = {(r["cluster_code"], r["year"]): r for r in got}
        assert by_code["HN-K01", 2020]["heads_status"] == "unknown"
        assert by_code["HN-K01", 2021]["head_decision_date"] == "2021-02-15"


def test_outsiders_see_none_of_another_authoritys_rows(client: Client, varied: World) -> None:
    client.force_login(varied.other_board)
    codes = {r["code"] for r in _results(client, "/api/v1/organizations/")}
    assert varied.member.code not in codes
    assert varied.outsider_org.code in codes
    assert [r["code"] for r in _results(client, "/api/v1/clusters/")] == ["HP-C01"]
    assert [r["cluster_code"] for r in _results(client, "/api/v1/cluster-years/")] == ["HP-C01"]
    cursor_page = client.get("/api/v1/cluster-years/", {"cursor": ""}).json()
    assert [r["cluster_code"] for r in cursor_page["results"]] == ["HP-C01"]


def _grow(world: World, clusters: int, members: int) -> None:
    for i in range(clusters):
        cluster = ClusterFactory(authority=world.authority, code=f"HN-G{i + 1:02d}")
        for year in (2023, 2024):
            cy = ClusterYearFactory(cluster=cluster, year=year)
            for _ in range(members):
                ClusterMembershipFactory(cluster_year=cy)


@pytest.mark.parametrize("size", [(1, 1, 3), (30, 3, 4)])  # clusters, members, queries
def test_organizations_list_query_count_is_constant(
    client: Client,
    world: World,
    django_assert_num_queries: Any,
    size: tuple[int, int, int],
) -> None:
    clusters, members, queries = size
    _grow(world, clusters, members)
    client.force_login(world.board)
    # session and user, the page's rows (their authority joined), how many (only when the page
    # is full: a first page that is not tells the count)
    with django_assert_num_queries(queries):
        data = client.get("/api/v1/organizations/").json()
    assert data["count"] == 3 + 2 * clusters * members
    assert len(data["results"]) == min(data["count"], 50)


@pytest.mark.parametrize("size", [(1, 1, 4), (60, 2, 5)])  # clusters, members, queries
def test_clusters_list_query_count_is_constant(
    client: Client,
    world: World,
    django_assert_num_queries: Any,
    size: tuple[int, int, int],
) -> None:
    clusters, members, queries = size
    _grow(world, clusters, members)
    client.force_login(world.board)
    # session and user, the page's rows, the visible years of the page's clusters, how many
    # (only when the page is full)
    with django_assert_num_queries(queries):
        data = client.get("/api/v1/clusters/").json()
    assert data["count"] == 1 + clusters
    assert len(data["results"]) == min(1 + clusters, 50)
    assert all(r["years"] for r in data["results"])


@pytest.mark.parametrize(("clusters", "members"), [(1, 1), (40, 2)])
def test_cluster_years_cursor_page_query_count_is_constant(
    client: Client, world: World, django_assert_num_queries: Any, clusters: int, members: int
) -> None:
    _grow(world, clusters, members)
    client.force_login(world.board)
    first = client.get("/api/v1/cluster-years/?cursor=&limit=2").json()
    # session and user, the page's rows, their members: no count
    with django_assert_num_queries(4):
        data = client.get(first["next"]).json()
    assert set(data) == {"next", "previous", "results"}
    assert data["results"] and data["previous"]


def test_cursor_walks_the_cluster_years_in_the_order_of_offsets(
    client: Client, world: World
) -> None:
    _grow(world, 12, 1)  # 25 cluster years over two years
    client.force_login(world.board)
    everything = _results(client, "/api/v1/cluster-years/")
    assert len(everything) == 25
    pages, url = [], "/api/v1/cluster-years/?cursor=&limit=4"
    while url:
        pages.append(client.get(url).json())
        url = pages[-1]["next"]
    assert [r for page in pages for r in page["results"]] == everything
    assert pages[0]["previous"] is None and len(pages) == 7
    back: list[dict[str, Any]] = []
    url = pages[-1]["previous"]
    while url:
        page = client.get(url).json()
        back = page["results"] + back
        url = page["previous"]
    assert back == everything[:24]  # all but the last page, walking backwards


@pytest.mark.parametrize(
    "cursor",
    [
        "not base64 !",
        base64.urlsafe_b64encode(b'{"after": ["2023", "HN-C06"]}').decode(),  # a year as text
        base64.urlsafe_b64encode(b'{"after": [2023]}').decode(),
        base64.urlsafe_b64encode(b'{"sideways": [2023, "HN-C06"]}').decode(),
        base64.urlsafe_b64encode(b"[1, 2]").decode(),
    ],
)
def test_a_bad_cursor_is_a_404_not_a_server_error(
    client: Client, world: World, cursor: str
) -> None:
    client.force_login(world.board)
    response = client.get("/api/v1/cluster-years/", {"cursor": cursor})
    assert response.status_code == 404


def test_the_schema_offers_the_cursor(client: Client, world: World) -> None:
    client.force_login(world.board)
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    names = [p["name"] for p in schema["paths"]["/api/v1/cluster-years/"]["get"]["parameters"]]
    assert {"cursor", "limit", "offset"} <= set(names)


@pytest.mark.parametrize("offset", [0, 1, 3, 4, 5, 9])
def test_count_and_links_whether_the_page_tells_the_count_or_not(
    client: Client, varied: World, offset: int
) -> None:
    """A first page that is not full, or a page after an offset that is not full, tells the count
    itself; the answer is the one the count query gives (4 cluster years for the admin)."""
    client.force_login(varied.admin)
    data = client.get("/api/v1/cluster-years/", {"limit": 2, "offset": offset}).json()
    assert data["count"] == 4
    assert len(data["results"]) == max(0, min(2, 4 - offset))
    assert (data["next"] is not None) == (offset + 2 < 4)
    assert (data["previous"] is not None) == (offset > 0)
