"""The conference page: who sees it, what the forms do, bad input changes nothing, and a constant
number of queries whatever the number of member units."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.conftest import World
from tests.factories import ClusterMembershipFactory
from tests.voting.helpers import make_conference, make_rules, mark_present
from thidua.audit.models import AuditEvent
from thidua.voting.models import Attendance, Conference, Delegate, VotingRules

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

URL = "/voting/HN-C06/2023/conference/"
# session, user, the year in scope, the conference with its committee, agenda, attendance and
# delegates, the member units, the rules and ballot rules, the allowed awards and the accounts
# offered as secretary, the permissions' lookups: the same for any size (the members and the
# conference are read once, with the year, for the permissions and the page)
PAGE_QUERIES = 21  # + the agenda links (2) and the ballot-rule check of the record link


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_a_member_reads_the_page_without_forms(world: World) -> None:
    make_conference(world)
    response = client_for(world.officer).get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Hội nghị tổng kết" in body and "20/12/2023" in body
    assert 'action="/voting/HN-C06/2023/conference/save/"' not in body


def test_a_unit_officer_posting_anyway_gets_403(world: World) -> None:
    make_conference(world)
    response = client_for(world.officer).post(URL + "save/", {"held_on": "21/12/2023"})
    assert response.status_code == 403
    assert Conference.objects.get().held_on.day == 20


def test_another_authority_gets_404(world: World) -> None:
    assert client_for(world.other_board).get(URL).status_code == 404
    assert client_for(world.other_board).post(URL + "rules/", {}).status_code == 404


def test_an_unknown_year_is_404(world: World) -> None:
    assert client_for(world.admin).get("/voting/HN-C06/1999/conference/").status_code == 404


def test_without_rules_the_page_says_so_and_offers_no_opening(world: World) -> None:
    make_conference(world)
    body = client_for(world.secretariat).get(URL).content.decode()
    assert "Chưa có quy chế bình xét của cụm" in body
    assert 'action="/voting/HN-C06/2023/conference/open/"' not in body


def test_the_secretariat_schedules_records_attendance_and_opens(world: World) -> None:
    client = client_for(world.secretariat)
    response = client.post(URL + "save/", {"held_on": "20/12/2023", "place": "Hà Nội"})
    assert response.status_code == 302
    make_rules(world)
    data = {
        f"present-{world.head.pk}": "on",
        f"delegates-{world.head.pk}": "Nguyễn Văn A; Chánh Văn phòng\nLê B",
        f"present-{world.deputy.pk}": "on",
        f"delegates-{world.deputy.pk}": "Trần C",
        f"reason-{world.member.pk}": "Bận công tác",
    }
    assert client.post(URL + "attendance/", data).status_code == 302
    body = client.get(URL).content.decode()
    assert "Có mặt 2/3" in body and "đủ" in body
    assert Delegate.objects.filter(leads_delegation=True).count() == 2
    assert client.post(URL + "open/").status_code == 302
    assert Conference.objects.get().status == "in_session"


def test_bad_attendance_changes_nothing(world: World) -> None:
    make_conference(world)
    mark_present(world, world.head)
    events = AuditEvent.objects.count()
    data = {
        f"present-{world.head.pk}": "on",
        f"delegates-{world.head.pk}": "Người mới",
        f"present-{world.deputy.pk}": "on",  # present without a delegate
    }
    response = client_for(world.admin).post(URL + "attendance/", data, follow=True)
    assert "ít nhất một đại biểu" in response.content.decode()
    assert list(Delegate.objects.values_list("full_name", flat=True)) == ["Nguyễn Văn A"]
    assert Attendance.objects.count() == 1 and AuditEvent.objects.count() == events


def test_bad_rules_change_nothing(world: World) -> None:
    client = client_for(world.board)
    data = {
        "source_text": "Điều 9",
        "quorum_operator": "ge",
        "quorum_num": 3,
        "quorum_den": 2,
        "quorum_basis": "all",
        "tie_break": "runoff",
        "self_vote_allowed": "yes",
    }
    response = client.post(URL + "rules/", data, follow=True)
    assert "phân số" in response.content.decode()
    assert not VotingRules.objects.exists()
    data["quorum_num"] = "x"
    client.post(URL + "rules/", data)
    assert not VotingRules.objects.exists()


def _set_up(world: World, extra_members: int) -> Client:
    for i in range(extra_members):
        ClusterMembershipFactory(cluster_year=world.cy, organization__name=f"Sở {i:02d}")
    make_conference(world)
    make_rules(world)
    mark_present(world, *[m.organization for m in world.cy.memberships.all()])
    return client_for(world.secretariat)


@pytest.mark.parametrize("extra_members", [0, 10])
def test_the_page_runs_the_same_queries_for_3_and_13_units(
    world: World, extra_members: int, django_assert_num_queries: Any
) -> None:
    client = _set_up(world, extra_members)
    with django_assert_num_queries(PAGE_QUERIES):
        assert client.get(URL).status_code == 200


def test_the_cluster_year_page_shows_the_conference_card(world: World) -> None:
    client = client_for(world.officer)
    assert (
        "Chưa lên lịch hội nghị tổng kết" in client.get("/clusters/HN-C06/2023/").content.decode()
    )
    make_conference(world)
    mark_present(world, world.head)
    body = client.get("/clusters/HN-C06/2023/").content.decode()
    assert 'href="/voting/HN-C06/2023/conference/"' in body
    assert "Ngày 20/12/2023 · đang chuẩn bị · có mặt 1 đơn vị" in body


def test_a_bloc_conference_says_khoi_never_cum(world: World) -> None:
    from thidua.clusters.models import Cluster, ClusterMembership

    Cluster.objects.update(kind="bloc", name="Khối thi đua số 6")
    ClusterMembership.objects.update(kind="bloc")
    client = client_for(world.board)
    body = client.get(URL).content.decode()
    assert "Chưa có quy chế bình xét của khối" in body
    make_conference(world)
    make_rules(world)
    mark_present(world, world.head, world.deputy)
    for user in (world.board, world.officer):
        body = client_for(user).get(URL).content.decode()
        text = re.sub(r"cụm,\s*khối", "", body, flags=re.IGNORECASE)
        assert not re.search(r"\bcụm\b", text, re.IGNORECASE)
