"""The conference agenda's links to work done elsewhere (``voting.selectors_agenda``): the summary
report for "Thông qua báo cáo tổng kết", next year's pledge for "Ký giao ước thi đua năm sau"."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.template.loader import render_to_string

from tests.conftest import World
from tests.factories import ClusterMembershipFactory, ClusterYearFactory
from tests.voting.helpers import fresh
from thidua.clusters.agenda import AGENDA_LINKS, AgendaLink, AgendaStatus, register_agenda_link
from thidua.planning import services as planning
from thidua.planning.enums import PlanKind
from thidua.voting.enums import AgendaKind
from thidua.voting.selectors_agenda import LINK_OF_KIND, agenda_links

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

REPORT = "/planning/HN-C06/2023/plans/summary-report/"


def _report(world: World, comments: int = 0, adopt: bool = False) -> None:
    version = planning.draft_plan_version(
        cluster_year=world.cy,
        kind=PlanKind.SUMMARY_REPORT,
        title="Báo cáo tổng kết năm 2023",
        by=world.secretariat,
    )
    for n in range(comments):
        planning.add_plan_comment(version=version, author=world.officer, body=f"Góp ý {n}")
    if adopt:
        planning.adopt_plan_version(
            version=version,
            adopted_on=dt.date(2023, 12, 20),
            meeting="Hội nghị tổng kết năm 2023",
            by=world.secretariat,
        )


def test_the_mapping_names_registered_links_for_agenda_kinds() -> None:
    assert LINK_OF_KIND == {
        AgendaKind.ADOPT_REPORT: "planning.summary-report",
        AgendaKind.SIGN_PLEDGE: "start_of_year.pledge-next-year",
    }
    assert all(slug in AGENDA_LINKS for slug in LINK_OF_KIND.values())


def test_the_report_and_the_pledge_items_get_their_status_and_page(world: World) -> None:
    _report(world, comments=2)

    links = agenda_links(fresh(world.cy))

    assert list(links) == ["adopt_report", "sign_pledge"]
    link, status, url = links["adopt_report"]
    assert (link.slug, status, url) == (
        "planning.summary-report",
        AgendaStatus("Dự thảo bản 1, 2 ý kiến góp ý", done=False),
        REPORT,
    )
    link, status, url = links["sign_pledge"]
    assert (link.slug, status, url) == (
        "start_of_year.pledge-next-year",
        AgendaStatus("Chưa mở năm 2024: giao ước năm sau được soạn sau khi mở năm 2024.", False),
        None,
    )


def test_an_unregistered_link_is_left_out(world: World) -> None:
    link = AGENDA_LINKS.get("start_of_year.pledge-next-year")
    assert link is not None
    AGENDA_LINKS.remove(link.slug)
    try:
        assert list(agenda_links(fresh(world.cy))) == ["adopt_report"]
    finally:
        register_agenda_link(link)


@pytest.mark.parametrize("size", [1, 4])
def test_agenda_links_run_a_constant_number_of_queries(
    world: World, django_assert_num_queries: Any, size: int
) -> None:
    _report(world, comments=size)
    next_year = ClusterYearFactory(cluster=world.cy.cluster, year=2024)
    for _ in range(size):
        ClusterMembershipFactory(cluster_year=next_year)
    cluster_year = fresh(world.cy)

    # one for the summary report, one for next year and its pledge
    with django_assert_num_queries(2):
        links = agenda_links(cluster_year)

    assert [entry[1].text for entry in links.values() if entry[1]] == [
        f"Dự thảo bản 1, {size} ý kiến góp ý",
        "Năm 2024 đã mở; chưa có giao ước.",
    ]


def test_the_include_renders_the_status_and_the_link(world: World) -> None:
    _report(world, adopt=True)
    entry = agenda_links(fresh(world.cy))["adopt_report"]

    html = render_to_string("voting/_agenda_links.html", {"entry": entry})

    assert "Đã thông qua ngày 20/12/2023 tại Hội nghị tổng kết năm 2023" in html
    assert 'class="badge badge-ok"' in html
    assert f'<a href="{REPORT}">Mở trang báo cáo tổng kết</a>' in html


def test_the_include_without_a_page_shows_only_the_status() -> None:
    def _describe(cluster_year: Any) -> AgendaStatus:
        return AgendaStatus("Chưa mở năm 2024.", done=False)

    link = AgendaLink("tests.none", 1, "Giao ước thi đua năm sau", _describe, lambda cy: None)
    html = render_to_string(
        "voting/_agenda_links.html", {"entry": (link, link.describe(None), None)}
    )

    assert "Chưa mở năm 2024." in html
    assert "badge-warn" in html
    assert "<a " not in html
