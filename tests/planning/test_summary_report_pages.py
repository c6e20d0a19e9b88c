"""The summary report on the pages: the year's documents page, its version pages, the card of
the cluster-year page and its line on the conference agenda (``clusters.agenda``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client, RequestFactory

from tests.conftest import World
from thidua.clusters.agenda import AGENDA_LINKS, AgendaStatus
from thidua.clusters.selectors import cluster_year_detail
from thidua.planning import services
from thidua.planning.agenda import describe_summary_report, summary_report_url
from thidua.planning.enums import PlanKind
from thidua.planning.models import PlanVersion
from thidua.planning.sections import summary_report_section

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

BASE = "/planning/HN-C06/2023/plans/"
REPORT = BASE + "summary-report/"


def _client(world: World, persona: str) -> Client:
    client = Client()
    client.force_login(world.user(persona))
    return client


def _draft(world: World) -> PlanVersion:
    return services.draft_plan_version(
        cluster_year=world.cy,
        kind=PlanKind.SUMMARY_REPORT,
        title="Báo cáo tổng kết năm 2023",
        by=world.secretariat,
    )


def _comments(world: World, version: PlanVersion, count: int) -> None:
    for n in range(count):
        services.add_plan_comment(version=version, author=world.officer, body=f"Góp ý {n}")


def _year(world: World) -> Any:
    return cluster_year_detail(world.secretariat).get(pk=world.cy.pk)


# ---------------------------------------------------------------- pages


def test_the_documents_page_shows_the_summary_report_apart_from_the_plan_step(
    world: World,
) -> None:
    _draft(world)

    response = _client(world, "officer").get(BASE)

    assert [s.kind for s in response.context["statuses"]] == ["work-plan", "rules"]
    assert [s.summary for s in response.context["year_end_statuses"]] == [
        "Báo cáo tổng kết: bản 1, chờ thông qua"
    ]
    html = response.content.decode()
    assert "Cuối năm: hội nghị tổng kết" in html
    assert REPORT + "1/" in html


def test_the_head_unit_is_offered_the_first_draft_a_member_is_not(world: World) -> None:
    draft_url = REPORT + "new/"
    assert draft_url in _client(world, "secretariat").get(BASE).content.decode()
    assert draft_url not in _client(world, "officer").get(BASE).content.decode()


def test_the_head_unit_drafts_through_the_page(world: World) -> None:
    client = _client(world, "secretariat")
    form = client.get(REPORT + "new/")
    assert form.context["form"].initial["title"] == "Báo cáo tổng kết năm 2023"

    response = client.post(
        REPORT + "new/",
        {"title": "Báo cáo tổng kết năm 2023", "body": "Kết quả", "change_note": ""},
    )

    assert (response.status_code, response["Location"]) == (302, REPORT + "1/")
    assert PlanVersion.objects.get().document.kind == "summary-report"


def test_a_member_unit_may_not_draft_it(world: World) -> None:
    response = _client(world, "officer").post(REPORT + "new/", {"title": "Báo cáo"})

    assert response.status_code == 403
    assert not PlanVersion.objects.exists()


@pytest.mark.parametrize("persona", ["outsider", "other_board"])
def test_people_outside_the_cluster_get_404(world: World, persona: str) -> None:
    _draft(world)
    client = _client(world, persona)
    assert [client.get(url).status_code for url in (REPORT, REPORT + "1/", REPORT + "new/")] == [
        404,
        404,
        404,
    ]


def test_the_adoption_form_proposes_the_year_end_conference(world: World) -> None:
    _draft(world)

    response = _client(world, "secretariat").get(REPORT + "1/")

    assert response.context["kind_label"] == "Báo cáo tổng kết"
    assert response.context["adopt_form"].initial["meeting"] == "Hội nghị tổng kết năm 2023"


def test_a_member_comments_and_the_head_unit_adopts_through_the_pages(world: World) -> None:
    _draft(world)
    _client(world, "officer").post(REPORT + "1/comments/", {"body": "Đề nghị bổ sung số liệu"})

    response = _client(world, "secretariat").post(
        REPORT + "1/adopt/",
        {"adopted_on": "2023-12-20", "meeting": "Hội nghị tổng kết năm 2023"},
    )

    assert response.status_code == 302
    version = PlanVersion.objects.get()
    assert (version.adopted_on, version.adopted_at_meeting, version.comments.count()) == (
        dt.date(2023, 12, 20),
        "Hội nghị tổng kết năm 2023",
        1,
    )


def test_a_member_may_not_adopt_it(world: World) -> None:
    _draft(world)

    response = _client(world, "officer").post(REPORT + "1/adopt/", {"adopted_on": "2023-12-20"})

    assert response.status_code == 403
    assert PlanVersion.objects.get().adopted_on is None


# ---------------------------------------------------------------- the agenda line and the card


def test_the_agenda_says_no_draft_yet(world: World) -> None:
    assert describe_summary_report(_year(world)) == AgendaStatus(
        "Chưa có dự thảo báo cáo tổng kết.", done=False
    )


def test_the_agenda_counts_the_comments_of_the_latest_draft(world: World) -> None:
    version = _draft(world)
    _comments(world, version, 2)
    services.adopt_plan_version(version=version, adopted_on=dt.date(2023, 12, 1), by=world.admin)
    amended = _draft(world)
    _comments(world, amended, 3)

    assert describe_summary_report(_year(world)) == AgendaStatus(
        "Dự thảo bản 2, 3 ý kiến góp ý", done=False
    )


def test_the_agenda_says_when_and_where_it_was_adopted(world: World) -> None:
    services.adopt_plan_version(
        version=_draft(world),
        adopted_on=dt.date(2023, 12, 20),
        meeting="Hội nghị tổng kết năm 2023",
        by=world.secretariat,
    )

    assert describe_summary_report(_year(world)) == AgendaStatus(
        "Đã thông qua ngày 20/12/2023 tại Hội nghị tổng kết năm 2023", done=True
    )


def test_the_agenda_link_leads_to_the_latest_version(world: World) -> None:
    _draft(world)
    url = summary_report_url(_year(world))

    response = _client(world, "officer").get(url)

    assert (url, response["Location"]) == (REPORT, REPORT + "1/")


def test_planning_registers_the_summary_report_on_the_agenda() -> None:
    link = AGENDA_LINKS.get("planning.summary-report")

    assert link is not None
    assert (str(link.label), link.describe, link.url) == (
        "Báo cáo tổng kết",
        describe_summary_report,
        summary_report_url,
    )


@pytest.mark.parametrize("count", [1, 4])
def test_the_card_and_the_agenda_line_run_one_query(
    world: World, django_assert_num_queries: Any, count: int
) -> None:
    version = _draft(world)
    _comments(world, version, count)
    request = RequestFactory().get("/")
    request.user = world.officer
    cluster_year = _year(world)

    with django_assert_num_queries(1):
        card = summary_report_section(request, cluster_year)
    with django_assert_num_queries(1):
        status = describe_summary_report(cluster_year)
    with django_assert_num_queries(0):
        url = summary_report_url(cluster_year)

    assert card == {
        "title": "Báo cáo tổng kết",
        "url": REPORT,
        "summary": f"Dự thảo bản 1, {count} ý kiến góp ý",
    }
    assert (status.text, url) == (card["summary"], REPORT)


def test_the_cluster_year_page_shows_the_summary_report_card(world: World) -> None:
    _draft(world)

    html = _client(world, "officer").get("/clusters/HN-C06/2023/").content.decode()

    assert "Báo cáo tổng kết" in html
    assert "Dự thảo bản 1, 0 ý kiến góp ý" in html
